"""Booked appointments: the day's slots, the booking's code, and what a check-in at the kiosk
makes of it.

A booking holds a service, a day and a slot; it makes a booked ticket only when checked in at
the kiosk with its code, from ``early`` before its slot until ``late`` after the slot began. A
check-in later than that still gets a ticket, an ordinary one. Each window takes at most a set
number of booked applicants per slot (its seats), so bookings never exceed what the windows can
serve.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from queue_mgr.hall.hours import HallHours
from queue_mgr.hall.workdays import WorkingCalendar

# No 0/O, 1/I/L: a code read aloud over the phone or typed from a slip is not mistaken.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"  # a booked ticket was taken with it
    LATE = "late"  # checked in after the late window: an ordinary ticket was taken
    CANCELLED = "cancelled"


class Arrival(StrEnum):
    """How a check-in stands against its booking's slot."""

    OTHER_DAY = "other_day"
    EARLY = "early"
    IN_TIME = "in_time"
    LATE = "late"


@dataclass(frozen=True)
class CheckInRules:
    """How early and how late after its slot's start a booking may be checked in as booked."""

    early: timedelta = timedelta(minutes=15)
    late: timedelta = timedelta(minutes=15)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str | None) -> str:
    """A typed or scanned code as stored: capitals, spaces and dashes left out."""
    return (text or "").strip().replace(" ", "").replace("-", "").upper()


def is_code(text: str) -> bool:
    return len(text) == CODE_LENGTH and all(c in ALPHABET for c in text)


def slot_starts(day: date, hours: HallHours, minutes: int,
                calendar: WorkingCalendar | None = None) -> list[datetime]:
    """The day's slots, each ``minutes`` long, from opening until the last that ends by the
    close (none on a day the hall is closed: by its days, and by the calendar if given)."""
    if not hours.opens_on(day, calendar):
        return []
    midnight = datetime.combine(day, time(0), tzinfo=hours.zone)
    return [midnight + timedelta(minutes=start)
            for start in range(hours.opens, hours.closes - minutes + 1, minutes)]


def arrival(slot: datetime, now: datetime, rules: CheckInRules) -> Arrival:
    """Whether a check-in at ``now`` is for another day, too early, in time or late."""
    if now.astimezone(slot.tzinfo).date() != slot.date():
        return Arrival.OTHER_DAY
    if now < slot - rules.early:
        return Arrival.EARLY
    return Arrival.IN_TIME if now <= slot + rules.late else Arrival.LATE
