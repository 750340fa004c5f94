"""What the supervisor's screens read from the database: a few queries, no N+1."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import joinedload, selectinload

from kiosk.hall.models import Service
from kiosk.line.models import Ticket, TicketEvent, Window
from kiosk.web.extensions import db
from queue_mgr import TicketStatus
from queue_mgr.line.stats import TicketTimes

CURRENT = (TicketStatus.CALLED, TicketStatus.SERVING)


@dataclass(frozen=True)
class WindowAtWork:
    """A window with its operator (if any) and the ticket at it (if any)."""

    window: Window
    ticket: Ticket | None


def windows_at_work() -> list[WindowAtWork]:
    """Every window in number order, with its operator, services and current ticket."""
    windows = db.session.execute(
        db.select(Window).options(joinedload(Window.operator), selectinload(Window.services))
        .order_by(Window.number)
    ).scalars().all()
    current = db.session.execute(
        db.select(Ticket).where(Ticket.status.in_(CURRENT), Ticket.window_id.is_not(None))
        .order_by(Ticket.called_at)
    ).scalars().all()
    # A window has one current ticket; if the data ever holds two, the latest call wins.
    by_window = {ticket.window_id: ticket for ticket in current}
    return [WindowAtWork(window, by_window.get(window.id)) for window in windows]


def services_in_order() -> list[Service]:
    return list(db.session.execute(db.select(Service).order_by(Service.sort_order, Service.id))
                .scalars())


def tickets_of_day(day: date) -> list[TicketTimes]:
    """The status and times of every ticket issued on ``day``, without loading whole rows."""
    rows = db.session.execute(
        db.select(Ticket.status, Ticket.issued_at, Ticket.called_at, Ticket.serving_at,
                  Ticket.finished_at, Ticket.service_id, Ticket.waiting_since,
                  Ticket.served_seconds).where(Ticket.day == day)
    ).all()
    return [ticket_times(row) for row in rows]


def ticket_times(ticket) -> TicketTimes:
    """The figures' view of a ticket (a row or a Ticket)."""
    return TicketTimes(ticket.status, ticket.issued_at, ticket.called_at, ticket.serving_at,
                       ticket.finished_at, ticket.service_id, ticket.waiting_since,
                       timedelta(seconds=ticket.served_seconds or 0))


def ticket_by_number(day: date, letter: str, number: int) -> Ticket | None:
    """The ticket printed with this letter and number on ``day``."""
    return db.session.execute(
        db.select(Ticket).options(joinedload(Ticket.window))
        .where(Ticket.day == day, Ticket.letter == letter,
                                Ticket.number == number)
        .order_by(Ticket.id).limit(1)
    ).scalar_one_or_none()


def ticket_by_id(ticket_id: int) -> Ticket | None:
    return db.session.execute(
        db.select(Ticket).options(joinedload(Ticket.window)).where(Ticket.id == ticket_id)
    ).scalar_one_or_none()


def ticket_history(ticket_id: int) -> list[TicketEvent]:
    """Every step of a ticket in the order it happened, with who did it, at which window, and
    where a transfer sent it."""
    return list(db.session.execute(
        db.select(TicketEvent).options(
            joinedload(TicketEvent.user), joinedload(TicketEvent.window),
            joinedload(TicketEvent.to_service), joinedload(TicketEvent.to_window))
        .where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.id)
    ).scalars())
