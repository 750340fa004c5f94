"""Ticket numbers: a service letter and at least three digits, restarting each local day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

MIN_DIGITS = 3


def format_ticket_number(letter: str, number: int) -> str:
    """Return the printed ticket number, e.g. ``G007``; past 999 it grows to ``G1000``."""
    if not (len(letter) == 1 and letter.isalpha() and letter.isupper()):
        raise ValueError("a service letter is one capital letter")
    if number < 1:
        raise ValueError("ticket numbers start at 1")
    return f"{letter}{number:0{MIN_DIGITS}d}"


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """Return the hall's calendar day of an aware moment: numbering restarts at local midnight."""
    if moment.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return moment.astimezone(zone).date()
