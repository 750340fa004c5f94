"""Registering a complaint and recording its reasoned answer. Views call these and commit once;
a refused rule raises and changes nothing."""

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from kiosk.accounts.models import Role, User
from kiosk.casework.complaints.models import Complaint
from kiosk.hall.numbering import hall_year, number_in_year
from kiosk.hall.settings import hall_zone
from kiosk.hall.workdays import working_calendar
from kiosk.web.extensions import db
from kiosk.web.statuses import change_status
from queue_mgr.casework.complaints import ComplaintStatus, Place, answer_due, answered
from queue_mgr.errors import DomainError

# Who registers and answers complaints, and where: the hall's head at the hall, the provider's
# officer at the provider's office. Anyone else (the admin) only reads the register.
OFFICES = {Role.SUPERVISOR: Place.HALL, Role.PROVIDER: Place.PROVIDER_OFFICE}


@dataclass(frozen=True)
class Particulars:
    """What the complainant wrote and the register keeps (checked by the form)."""

    addressee: str
    complainant_name: str
    complainant_address: str
    complainant_phone: str
    subject: str
    reference: str
    text: str


def office_of(user: User) -> Place | None:
    """The office where this member of staff registers and answers complaints, if any."""
    return OFFICES.get(user.role)


def offices_seen(user: User) -> tuple[Place, ...]:
    """The offices whose complaints this member of staff reads: their own, or all (the admin)."""
    office = office_of(user)
    return (office,) if office is not None else tuple(Place)


def complaint_number(now: datetime) -> str:
    """The next incoming number of the year, e.g. ``Ш-2026-00001``."""
    return number_in_year("Ш-", "complaint", hall_year(now))


def by_form_key(form_key: str) -> Complaint | None:
    """The complaint a registration form already registered (sent twice: a double tap)."""
    return db.session.execute(
        select(Complaint).where(Complaint.form_key == form_key)
    ).scalar_one_or_none()


def register_complaint(particulars: Particulars, form_key: str, user: User,
                       now: datetime) -> Complaint:
    """Register a complaint at the user's office: its incoming number and its term."""
    place = office_of(user)
    if place is None:
        raise DomainError("complaint_no_office")
    complaint = Complaint(
        number=complaint_number(now), token=secrets.token_urlsafe(16), form_key=form_key,
        place=place, registered_at=now, registered_by_id=user.id,
        due_at=answer_due(now, particulars.addressee, working_calendar(), hall_zone()),
        status=ComplaintStatus.REGISTERED, answer_text="", **vars(particulars),
    )
    db.session.add(complaint)
    db.session.flush()
    return complaint


def answer_complaint(complaint: Complaint, text: str, channel: str, user: User,
                     now: datetime) -> None:
    """Record the reasoned answer, once: a second answer (another tap, another officer) is
    refused and the first stays as it was."""
    if office_of(user) != complaint.place:
        raise DomainError("complaint_elsewhere")
    source = complaint.status
    change_status(Complaint, complaint.id, source, answered(source), "complaint_answered",
                  answer_text=text, answer_channel=channel, answered_at=now,
                  answered_by_id=user.id)
    db.session.expire(complaint)
