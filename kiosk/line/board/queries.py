"""What the hall board shows: calls to windows, the last calls, the lines."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func

from kiosk.hall.models import Service
from kiosk.line.models import Ticket, TicketEvent, Window
from kiosk.web.extensions import db
from queue_mgr import TicketStatus, format_ticket_number

CALL_ACTIONS = ("call", "recall")
CALLS_NOW = 6
LAST_CALLS = 8


@dataclass(frozen=True)
class Call:
    """A ticket called (or called again) to a window: a number and a window, nothing personal."""

    event_id: int
    code: str
    window: int
    recall: bool


@dataclass(frozen=True)
class ServiceLine:
    """A service's letter, names in Kazakh and Russian, and how many applicants wait for it."""

    letter: str
    name_kk: str
    name_ru: str
    waiting: int


def calls_now(day: date, limit: int = CALLS_NOW) -> list[Call]:
    """The tickets called to a window and not yet served, the latest call or recall first.

    Read from the few tickets called now (the line index's status), each with its latest call
    from its own steps: never a walk through the hall's steps of other days.
    """
    latest = (db.select(func.max(TicketEvent.id))
              .where(TicketEvent.ticket_id == Ticket.id, TicketEvent.action.in_(CALL_ACTIONS))
              .scalar_subquery().label("event_id"))
    rows = db.session.execute(
        db.select(latest, Ticket.letter, Ticket.number, Ticket.recalls,
                  Window.number.label("window"))
        .join(Window, Ticket.window_id == Window.id)
        .where(Ticket.status == TicketStatus.CALLED, Ticket.day == day)
        .order_by(latest.desc())
        .limit(limit)
    ).all()
    return [Call(row.event_id or 0, format_ticket_number(row.letter, row.number), row.window,
                 row.recalls > 0) for row in rows]


def first_step_of(day: date) -> int | None:
    """The id of the day's first ticket step (the issue of its first ticket: every call of the
    day comes after it), or None before the day's first ticket.

    The first ticket is the first entry of the day in ``ix_ticket_day`` (day, id): an index in
    the very order asked for, so no planner walks the primary key through the days before.
    """
    first_ticket = (db.select(Ticket.id).where(Ticket.day == day).order_by(Ticket.id).limit(1)
                    .scalar_subquery())
    return db.session.execute(
        db.select(func.min(TicketEvent.id)).where(TicketEvent.ticket_id == first_ticket)
    ).scalar()


def last_calls(day: date, limit: int = LAST_CALLS) -> list[Call]:
    """The day's latest calls and recalls, newest first, whatever became of the tickets since.

    A walk back through the steps from the newest, which stops at the day's first step: a
    morning with fewer than ``limit`` calls reads today's steps only, never the days before.
    """
    first = first_step_of(day)
    if first is None:
        return []
    rows = db.session.execute(
        db.select(TicketEvent.id, TicketEvent.action, Ticket.letter, Ticket.number,
                  Window.number.label("window"))
        .join(Ticket, TicketEvent.ticket_id == Ticket.id)
        .join(Window, TicketEvent.window_id == Window.id)
        .where(TicketEvent.id >= first, TicketEvent.action.in_(CALL_ACTIONS))
        .order_by(TicketEvent.id.desc())
        .limit(limit)
    ).all()
    return [Call(row.id, format_ticket_number(row.letter, row.number), row.window,
                 row.action == "recall") for row in rows]


def waiting_per_service(day: date) -> list[ServiceLine]:
    """Every active service with the number of the day's applicants waiting in its line."""
    waiting = func.count(Ticket.id).label("waiting")
    rows = db.session.execute(
        db.select(Service.letter, Service.name_kk, Service.name_ru, waiting)
        .outerjoin(Ticket, (Ticket.service_id == Service.id)
                   & (Ticket.status == TicketStatus.WAITING) & (Ticket.day == day))
        .where(Service.active.is_(True))
        .group_by(Service.id, Service.letter, Service.name_kk, Service.name_ru, Service.sort_order)
        .order_by(Service.sort_order, Service.id)
    ).all()
    return [ServiceLine(row.letter, row.name_kk, row.name_ru, row.waiting) for row in rows]
