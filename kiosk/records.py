"""Tables of the service itself: applications, the guardianship registry, the working calendar.

The queue's tables are in ``kiosk.models``. Personal data lives only here, never in tickets,
URLs or logs.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.extensions import db
from kiosk.models import Ticket, User, UtcDateTime


class SequenceCounter(db.Model):
    """A named counter taken atomically (request numbers per year, certificate numbers...)."""

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class CalendarOverride(db.Model):
    """A decree the holidays package does not know: a day made working or made a day off."""

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool]
    note: Mapped[str] = mapped_column(String(200), default="")


class GuardianshipRecord(db.Model):
    """An established guardianship or trusteeship, as the state information system holds it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    guardian_name: Mapped[str] = mapped_column(String(200))
    guardian_iin: Mapped[str] = mapped_column(String(12), index=True)
    basis_number: Mapped[str] = mapped_column(String(60))
    basis_date: Mapped[date] = mapped_column(Date)
    basis_body: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)
    ended_on: Mapped[date | None] = mapped_column(Date)
    children: Mapped[list["RegistryChild"]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="RegistryChild.id"
    )


class RegistryChild(db.Model):
    """A child under an established guardianship or trusteeship."""

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("guardianship_record.id", ondelete="CASCADE"), index=True
    )
    full_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date] = mapped_column(Date)
    iin: Mapped[str] = mapped_column(String(12), index=True)
    record: Mapped[GuardianshipRecord] = relationship(back_populates="children")


class Application(db.Model):
    """An application for the certificate (Appendix 2) and everything that happens to it."""

    __table_args__ = (UniqueConstraint("open_child_iin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The request number printed on the receipt; set at acceptance.
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    # Identifies the application in the status page's address: unguessable, no personal data.
    token: Mapped[str] = mapped_column(String(32), unique=True)
    channel: Mapped[str] = mapped_column(String(10), default="hall")
    status: Mapped[str] = mapped_column(String(20), index=True)
    outcome: Mapped[str | None] = mapped_column(String(12))  # certificate | refusal
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)

    applicant_surname: Mapped[str] = mapped_column(String(100), default="")
    applicant_name: Mapped[str] = mapped_column(String(100), default="")
    applicant_patronymic: Mapped[str] = mapped_column(String(100), default="")
    applicant_iin: Mapped[str] = mapped_column(String(12), default="")
    applicant_phone: Mapped[str] = mapped_column(String(20), default="")
    applicant_address: Mapped[str] = mapped_column(String(300), default="")
    child_surname: Mapped[str] = mapped_column(String(100), default="")
    child_name: Mapped[str] = mapped_column(String(100), default="")
    child_patronymic: Mapped[str] = mapped_column(String(100), default="")
    child_birth_date: Mapped[date | None] = mapped_column(Date)
    child_iin: Mapped[str] = mapped_column(String(12), default="")
    child_born_abroad: Mapped[bool] = mapped_column(default=False)
    by_proxy: Mapped[bool] = mapped_column(default=False)
    principal_name: Mapped[str] = mapped_column(String(200), default="")
    principal_iin: Mapped[str] = mapped_column(String(12), default="")
    proxy_number: Mapped[str] = mapped_column(String(40), default="")
    proxy_date: Mapped[date | None] = mapped_column(Date)
    consent: Mapped[bool] = mapped_column(default=False)
    # The child's IIN while the application is open, else NULL: at most one open request a child.
    open_child_iin: Mapped[str | None] = mapped_column(String(12))

    documents: Mapped[list] = mapped_column(JSON, default=list)  # received, by code
    missing_documents: Mapped[list] = mapped_column(JSON, default=list)
    registry_record_id: Mapped[int | None] = mapped_column(ForeignKey("guardianship_record.id"))
    refusal_reason: Mapped[str] = mapped_column(Text, default="")

    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the deadline now running
    # The term promised at acceptance, as the acceptance receipt prints it (a request back
    # from the provider sets a new ``due_at``, never this).
    term_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ready_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    stored_until: Mapped[date | None] = mapped_column(Date)
    transferred_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    handed_over_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    handed_to: Mapped[str] = mapped_column(String(20), default="")  # applicant | representative

    ticket: Mapped[Ticket | None] = relationship()
    accepted_by: Mapped[User | None] = relationship()
    registry_record: Mapped[GuardianshipRecord | None] = relationship()
    events: Mapped[list["ApplicationEvent"]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id",
        cascade="all, delete-orphan",
    )


class ApplicationEvent(db.Model):
    """One recorded step of an application: who did what, when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(30))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    note: Mapped[str] = mapped_column(String(300), default="")

    application: Mapped[Application] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()


class Certificate(db.Model):
    """A certificate (Appendix 1) as issued: what is printed, the signed code, and its status."""

    id: Mapped[int] = mapped_column(primary_key=True)  # the serial the code carries
    number: Mapped[str] = mapped_column(String(40), unique=True)  # per issuing body and year
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    doc_type: Mapped[int] = mapped_column(default=1)
    issued_on: Mapped[date] = mapped_column(Date)
    key_id: Mapped[int]
    code: Mapped[str] = mapped_column(String(200), unique=True)
    body_code: Mapped[str] = mapped_column(String(20))
    issuing_body_kk: Mapped[str] = mapped_column(String(300))
    issuing_body_ru: Mapped[str] = mapped_column(String(300))
    head_name: Mapped[str] = mapped_column(String(200))
    guardian_name: Mapped[str] = mapped_column(String(200))
    guardian_iin: Mapped[str] = mapped_column(String(12))
    # One row per child: {"name", "birth_date" (ISO), "iin", "trusteeship" (14 or older)}.
    children: Mapped[list] = mapped_column(JSON, default=list)
    basis_number: Mapped[str] = mapped_column(String(60))
    basis_date: Mapped[date] = mapped_column(Date)
    basis_body: Mapped[str] = mapped_column(String(300))
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
