"""The complaint register: each complaint as registered (its incoming number, the complainant,
what it is about, the term) and its reasoned answer."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.accounts.models import User
from kiosk.web.columns import UtcDateTime
from kiosk.web.extensions import db


class Complaint(db.Model):
    """A written complaint (the passport's appeal procedure), registered at the hall or at the
    provider's office, and answered there once."""

    __table_args__ = (
        # The register: an office's unanswered complaints by their term, and its answered ones
        # newest first. Each reads only what it shows, however many years the register holds.
        Index("ix_complaint_open", "place", "status", "due_at"),
        Index("ix_complaint_answered", "place", "status", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # incoming, e.g. Ш-2026-00001
    # Identifies the complaint in the public status page's address (the confirmation's QR).
    token: Mapped[str] = mapped_column(String(32), unique=True)
    # The registration form's own key: the same form sent twice registers one complaint.
    form_key: Mapped[str | None] = mapped_column(String(32), unique=True)
    place: Mapped[str] = mapped_column(String(16))  # hall | provider_office
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    registered_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    addressee: Mapped[str] = mapped_column(String(16))  # provider | corporation | quality_body

    complainant_name: Mapped[str] = mapped_column(String(200))
    complainant_address: Mapped[str] = mapped_column(String(300))
    complainant_phone: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(10))  # request | ticket | window | staff | other
    reference: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)

    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(12))  # registered | answered
    answer_text: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    answer_channel: Mapped[str | None] = mapped_column(String(12))  # post | in_person

    registered_by: Mapped[User] = relationship(foreign_keys=[registered_by_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
