"""The hall's close: tickets a past day left open are closed at that day's closing time, so an
old day never looks open and no window stays held by yesterday's applicant."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from kiosk.hall.settings import hall_hours, hall_zone
from kiosk.line.models import Ticket
from kiosk.line.tickets import move_from
from kiosk.web.extensions import db
from queue_mgr import TicketStatus, local_day
from queue_mgr.errors import DomainError
from queue_mgr.line.states import OPEN_STATUSES, closed_at_closing

CLOSE_ACTION = "hall_closed"


@dataclass
class ClosedDay:
    """The tickets of one day closed at its closing time, counted by the status they were in."""

    day: date
    left: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.left.values())


def closing_moment(ticket, day: date) -> datetime:
    """The day's closing time, or the ticket's last step if that came later (a ticket issued or
    called after the hours): a ticket never ends before it began."""
    stamps = [ticket.issued_at, ticket.called_at, ticket.serving_at]
    return max([hall_hours().closing(day), *(stamp for stamp in stamps if stamp)])


def close_past_days(now: datetime) -> list[ClosedDay]:
    """Close every ticket of a day before today still waiting, called or at a window: in line
    or called means cancelled (unserved), at a window means served until the close. Each gets
    a recorded step; return the days closed, oldest first."""
    today = local_day(now, hall_zone())
    left_open = db.session.execute(
        select(Ticket.id, Ticket.status, Ticket.day, Ticket.issued_at, Ticket.called_at,
               Ticket.serving_at)
        .where(Ticket.status.in_(sorted(OPEN_STATUSES)), Ticket.day < today)
        .order_by(Ticket.day, Ticket.id)
    ).all()
    days: dict[date, ClosedDay] = {}
    for ticket in left_open:
        source = TicketStatus(ticket.status)
        try:
            move_from(ticket.id, source, closed_at_closing(source),
                      closing_moment(ticket, ticket.day), CLOSE_ACTION)
        except DomainError as refusal:
            if refusal.key != "ticket_stale":
                raise
            continue  # a window finished it meanwhile: nothing left to close
        days.setdefault(ticket.day, ClosedDay(ticket.day)).left[source] += 1
    return list(days.values())
