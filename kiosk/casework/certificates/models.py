"""Certificates and their events."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from kiosk.accounts.models import User
from kiosk.casework.models import Application
from kiosk.web.columns import UtcDateTime
from kiosk.web.extensions import db
from queue_mgr.certificates.short_codes import short_code_of


class Certificate(db.Model):
    """A certificate (Appendix 1) as issued: what is printed, the signed code, and its status."""

    __table_args__ = (
        # A unique index, not a constraint: a hall's database gets it without copying the table
        # (SQLite adds a constraint only by copying, which the keys pointing here refuse).
        Index("uq_certificate_short_code", "short_code", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  # the serial the code carries
    number: Mapped[str] = mapped_column(String(40), unique=True)  # per issuing body and year
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    doc_type: Mapped[int] = mapped_column(default=1)
    issued_on: Mapped[date] = mapped_column(Date)
    key_id: Mapped[int]
    code: Mapped[str] = mapped_column(String(200), unique=True)
    # The code printed under the QR for typing (XXXX-XXXX-XXXX); always the code's own.
    short_code: Mapped[str] = mapped_column(String(14))
    body_code: Mapped[str] = mapped_column(String(20))
    issuing_body_kk: Mapped[str] = mapped_column(String(300))
    issuing_body_ru: Mapped[str] = mapped_column(String(300))
    head_name: Mapped[str] = mapped_column(String(200))
    guardian_name: Mapped[str] = mapped_column(String(200))
    guardian_iin: Mapped[str] = mapped_column(String(12))
    # One row per child: {"name", "birth_date" (ISO), "iin", "trusteeship" (14 or older)}.
    children: Mapped[list] = mapped_column(JSON, default=list)
    basis_kind: Mapped[str] = mapped_column(String(12), server_default="order")
    basis_number: Mapped[str] = mapped_column(String(60))
    basis_date: Mapped[date] = mapped_column(Date)
    # The body that issued the basis, as each language's page prints it.
    basis_body_kk: Mapped[str] = mapped_column(String(300))
    basis_body_ru: Mapped[str] = mapped_column(String(300))
    # valid | annulled | superseded; indexed for the few no longer valid (the published list)
    status: Mapped[str] = mapped_column(String(12), default="valid", index=True)
    annulled_on: Mapped[date | None] = mapped_column(Date)
    annul_reason: Mapped[str] = mapped_column(Text, default="")
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    application: Mapped[Application] = relationship()
    superseded_by: Mapped["Certificate | None"] = relationship(remote_side=[id])
    events: Mapped[list["CertificateEvent"]] = relationship(
        back_populates="certificate", order_by="CertificateEvent.id",
        cascade="all, delete-orphan",
    )

    @validates("code")
    def short_code_follows(self, _key: str, code: str) -> str:
        """The short code changes with the code it comes from: they can never disagree."""
        self.short_code = short_code_of(code)
        return code


class CertificateEvent(db.Model):
    """One recorded step of a certificate: issued, printed, annulled, reissued; who and when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(
        ForeignKey("certificate.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(30))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str] = mapped_column(String(300), default="")

    certificate: Mapped[Certificate] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()
