"""Issuing tickets and reading where a ticket stands: the shell around ``queue_mgr``."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from kiosk.extensions import db
from kiosk.hall import hall_zone, wait_limits
from kiosk.models import PriorityCategory, Service, Ticket, TicketCounter, TicketEvent, Window
from kiosk.templating import minutes_up
from queue_mgr import (
    SlaLimits,
    SlaStatus,
    TicketStatus,
    WaitingTicket,
    calling_order,
    estimate_wait,
    local_day,
    sla_status,
    transition,
)
from queue_mgr.estimates import elapsed

RECENT_SERVICES = 20


def next_number(service_id: int, day) -> int:
    """Take the next ticket number of a service for a day, atomically in the database."""
    dialect = db.session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(TicketCounter)
        .values(service_id=service_id, day=day, value=1)
        .on_conflict_do_update(
            index_elements=[TicketCounter.service_id, TicketCounter.day],
            set_={"value": TicketCounter.value + 1},
        )
        .returning(TicketCounter.value)
    )
    return db.session.execute(statement).scalar_one()


def ticket_by_key(idempotency_key: str) -> Ticket | None:
    return db.session.execute(
        db.select(Ticket).filter_by(idempotency_key=idempotency_key)
    ).scalar_one_or_none()


def take_ticket(
    service: Service, category: PriorityCategory | None, idempotency_key: str, lang: str,
    now: datetime,
) -> Ticket:
    """Issue a ticket, or return the one this kiosk screen already took with the same key."""
    existing = ticket_by_key(idempotency_key)
    if existing is not None:
        return existing
    day = local_day(now, hall_zone())
    ticket = Ticket(
        token=secrets.token_urlsafe(16), service=service, category=category, day=day,
        number=next_number(service.id, day), status=TicketStatus.WAITING, lang=lang,
        idempotency_key=idempotency_key, issued_at=now,
    )
    db.session.add(ticket)
    db.session.add(TicketEvent(ticket=ticket, at=now, action="issue", to_status=ticket.status))
    try:
        db.session.commit()
    except IntegrityError:
        # The same screen's key won a race in another worker: give that ticket back.
        db.session.rollback()
        existing = ticket_by_key(idempotency_key)
        if existing is None:
            raise
        return existing
    return ticket


STAMPS = {
    TicketStatus.CALLED: "called_at",
    TicketStatus.SERVING: "serving_at",
    TicketStatus.SERVED: "finished_at",
    TicketStatus.NO_SHOW: "finished_at",
    TicketStatus.CANCELLED: "finished_at",
}


def move_ticket(
    ticket: Ticket, target: TicketStatus, now: datetime, action: str,
    window: Window | None = None,
) -> TicketEvent:
    """Move a ticket to ``target`` if the core allows it, stamp the time and record the step.

    The caller commits. Raises ``InvalidTransition`` (and changes nothing) when not allowed.
    """
    source = ticket.status
    ticket.status = transition(source, target)
    if target in STAMPS:
        setattr(ticket, STAMPS[target], now)
    if target == TicketStatus.WAITING:
        ticket.called_at = ticket.serving_at = None
        ticket.window = None
    elif window is not None:
        ticket.window = window
    event = TicketEvent(ticket=ticket, at=now, action=action, from_status=source,
                        to_status=target, window_id=window.id if window else None)
    db.session.add(event)
    return event


@dataclass(frozen=True)
class TicketProgress:
    """Where a ticket stands at a moment: what the applicant's ticket page shows."""

    ticket: Ticket
    position: int | None  # 1 = next to be called; None once no longer waiting
    estimate: timedelta | None
    waited: timedelta
    sla: SlaStatus
    limits: SlaLimits
    at: datetime

    @property
    def state(self) -> tuple:
        """What the ticket page shows that can change, without the ticking clock."""
        ticket = self.ticket
        minutes = None if self.estimate is None else minutes_up(self.estimate)
        window = ticket.window.number if ticket.window else None
        return (ticket.id, ticket.status, window, self.position, minutes, self.sla)


def waiting_line(service_id: int, day) -> list[WaitingTicket]:
    """Return a service's waiting tickets of the day as the calling order needs them."""
    rows = db.session.execute(
        db.select(Ticket.id, Ticket.issued_at, PriorityCategory.rank, PriorityCategory.booked)
        .outerjoin(PriorityCategory, Ticket.category_id == PriorityCategory.id)
        .where(Ticket.service_id == service_id, Ticket.day == day,
               Ticket.status == TicketStatus.WAITING)
    ).all()
    return [WaitingTicket(key=row.id, issued_at=row.issued_at, priority_rank=row.rank,
                          booked=bool(row.booked)) for row in rows]


def open_windows(service_id: int) -> int:
    return db.session.execute(
        db.select(func.count(Window.id))
        .where(Window.open.is_(True), Window.services.any(Service.id == service_id))
    ).scalar_one()


def recent_service_times(service_id: int) -> list[timedelta]:
    rows = db.session.execute(
        db.select(Ticket.serving_at, Ticket.finished_at)
        .where(Ticket.service_id == service_id, Ticket.status == TicketStatus.SERVED,
               Ticket.serving_at.is_not(None), Ticket.finished_at.is_not(None))
        .order_by(Ticket.finished_at.desc())
        .limit(RECENT_SERVICES)
    ).all()
    return [row.finished_at - row.serving_at for row in rows]


def ticket_progress(ticket: Ticket, now: datetime) -> TicketProgress:
    """Compute a ticket's position, estimated wait and waited time against the limit."""
    limits = wait_limits()
    waited = elapsed(ticket.issued_at, ticket.called_at, now)
    position = estimate = None
    if ticket.status == TicketStatus.WAITING:
        order = calling_order(waiting_line(ticket.service_id, ticket.day), now, limits)
        ahead = next((i for i, t in enumerate(order) if t.key == ticket.id), len(order))
        position = ahead + 1
        estimate = estimate_wait(
            ahead, open_windows(ticket.service_id), recent_service_times(ticket.service_id),
            timedelta(seconds=ticket.service.default_service_seconds),
        )
    return TicketProgress(
        ticket, position, estimate, waited, sla_status(waited, limits), limits, now
    )


def ticket_by_token(token: str) -> Ticket | None:
    return db.session.execute(db.select(Ticket).filter_by(token=token)).scalar_one_or_none()
