"""Complaints (the passport's appeal procedure): to whom a complaint goes, when its answer is due,
and which ones the supervisor must see first.

A complaint about the provider's decision or its officers goes to the head of the provider; one
about the State Corporation's staff, to the head of the State Corporation; both are answered
within **5 working days** of registration. A complaint addressed to the authorised body for the
quality of public services is answered within **15 working days**. The day of registration is
not counted; the answer is due by the end of the last working day. The reasoned answer is sent
by post or handed over at the office.

A complaint names what it is about: a request, a ticket and a window by their numbers as
printed (checked against those formats), a member of staff by name.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from queue_mgr.casework.applications import end_of_day
from queue_mgr.casework.deadlines import TimeLeft, time_left
from queue_mgr.errors import InvalidTransition
from queue_mgr.hall.workdays import WorkingCalendar

NEAR_DUE_WORKING_DAYS = 1  # the supervisor's list warns from the last working day before


class Addressee(StrEnum):
    """Whose head answers the complaint."""

    PROVIDER = "provider"  # the head of the provider (its decision, its officers)
    CORPORATION = "corporation"  # the head of the State Corporation (the hall's staff)
    QUALITY_BODY = "quality_body"  # the authorised body for the quality of public services


ANSWER_WORKING_DAYS = {Addressee.PROVIDER: 5, Addressee.CORPORATION: 5,
                       Addressee.QUALITY_BODY: 15}


class Subject(StrEnum):
    """What the complaint is about."""

    REQUEST = "request"
    TICKET = "ticket"
    WINDOW = "window"
    STAFF = "staff"
    OTHER = "other"


class Place(StrEnum):
    """Where the complaint was handed in and registered (and where it is answered)."""

    HALL = "hall"  # the State Corporation's hall
    PROVIDER_OFFICE = "provider_office"  # the provider's (or the akimat's) office


# The numbers as printed: a request's on its receipt (2026-00042), a ticket's (G007), a window's.
REFERENCE_FORMATS = {
    Subject.REQUEST: re.compile(r"[0-9]{4}-[0-9]{5,6}"),
    Subject.TICKET: re.compile(r"[^\W\d_][0-9]{3,6}"),
    Subject.WINDOW: re.compile(r"[1-9][0-9]{0,2}"),
}
REFERENCE_REQUIRED = frozenset({Subject.REQUEST, Subject.TICKET, Subject.WINDOW, Subject.STAFF})


def normal_reference(subject: str, reference: str) -> str:
    """The reference as the register keeps it: spaces collapsed, a ticket's letter capital."""
    text = " ".join(reference.split())
    return text.upper() if Subject(subject) is Subject.TICKET else text


def reference_fits(subject: str, reference: str) -> bool:
    """Whether the reference names what the subject needs: a number in its printed format for
    a request, a ticket or a window; a name for a member of staff; anything (or nothing) else."""
    subject = Subject(subject)
    reference = normal_reference(subject, reference)
    if not reference:
        return subject not in REFERENCE_REQUIRED
    pattern = REFERENCE_FORMATS.get(subject)
    return pattern is None or pattern.fullmatch(reference) is not None


class ComplaintStatus(StrEnum):
    REGISTERED = "registered"
    ANSWERED = "answered"


class AnswerChannel(StrEnum):
    """How the reasoned answer reached the complainant."""

    POST = "post"
    IN_PERSON = "in_person"


def answer_due(registered_at: datetime, addressee: str, calendar: WorkingCalendar,
               zone: ZoneInfo) -> datetime:
    """The end of the last working day the answer may be given on."""
    day = registered_at.astimezone(zone).date()
    return end_of_day(calendar.add_working_days(day, ANSWER_WORKING_DAYS[Addressee(addressee)]),
                      zone)


def answered(current: str) -> ComplaintStatus:
    """A registered complaint is answered once; an answer is never changed afterwards."""
    if ComplaintStatus(current) is not ComplaintStatus.REGISTERED:
        raise InvalidTransition(ComplaintStatus(current), ComplaintStatus.ANSWERED,
                                "complaint_answered")
    return ComplaintStatus.ANSWERED


@dataclass(frozen=True)
class Urgency:
    """Where an unanswered complaint stands against its term."""

    left: TimeLeft

    @property
    def overdue(self) -> bool:
        return self.left.overdue

    @property
    def near_due(self) -> bool:
        return not self.left.overdue and self.left.working_days <= NEAR_DUE_WORKING_DAYS


def urgency(due_at: datetime, now: datetime, calendar: WorkingCalendar,
            zone: ZoneInfo) -> Urgency:
    return Urgency(time_left(due_at, now, calendar, zone))
