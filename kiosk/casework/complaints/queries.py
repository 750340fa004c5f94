"""What the complaint register reads: an office's unanswered complaints by their term, and its
answered ones newest first (each through its own index, however many years the register holds)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from kiosk.casework.complaints.models import Complaint
from kiosk.web.extensions import db
from queue_mgr.casework.complaints import ComplaintStatus, Place

ANSWERED_SHOWN = 50  # the newest; the older ones are kept, not listed


def unanswered(places: tuple[Place, ...]) -> list[Complaint]:
    """The offices' complaints awaiting an answer, the earliest due first."""
    found = []
    for place in places:
        found += db.session.execute(
            select(Complaint).where(Complaint.place == place,
                                    Complaint.status == ComplaintStatus.REGISTERED)
            .order_by(Complaint.due_at, Complaint.id)
        ).scalars()
    return sorted(found, key=lambda complaint: (complaint.due_at, complaint.id))


def answered_recently(places: tuple[Place, ...],
                      limit: int = ANSWERED_SHOWN) -> tuple[list[Complaint], bool]:
    """The offices' newest answered complaints, and whether older ones are left out."""
    found = []
    for place in places:
        found += db.session.execute(
            select(Complaint).where(Complaint.place == place,
                                    Complaint.status == ComplaintStatus.ANSWERED)
            .order_by(Complaint.answered_at.desc()).limit(limit + 1)
        ).scalars()
    found.sort(key=lambda complaint: complaint.answered_at, reverse=True)
    return found[:limit], len(found) > limit


@dataclass(frozen=True)
class PublicComplaint:
    """What the public status page may show of a complaint: nothing of the complainant."""

    number: str
    registered_at: datetime
    place: str
    addressee: str
    status: str
    due_at: datetime
    answered_at: datetime | None
    answer_channel: str | None


def public_complaint(token: str) -> PublicComplaint | None:
    """The public facts of the complaint behind a confirmation's QR (only those are read)."""
    row = db.session.execute(
        select(Complaint.number, Complaint.registered_at, Complaint.place, Complaint.addressee,
               Complaint.status, Complaint.due_at, Complaint.answered_at,
               Complaint.answer_channel)
        .where(Complaint.token == token)
    ).one_or_none()
    return PublicComplaint(**row._mapping) if row is not None else None
