"""Issuing tickets and reading where a ticket stands: the shell around ``queue_mgr``."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, insert, literal, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from kiosk.hall.models import Service
from kiosk.hall.settings import (
    hall_zone,
    return_allowed,
    service_limits,
    wait_limits,
)
from kiosk.line.lines import ticket_place
from kiosk.line.models import Booking, Ticket, TicketCounter, TicketEvent, Window
from kiosk.web.extensions import db
from kiosk.web.statuses import change_status
from queue_mgr import (
    SlaLimits,
    SlaStatus,
    TicketStatus,
    estimate_wait,
    local_day,
    sla_status,
    transition,
)
from queue_mgr.errors import DomainError
from queue_mgr.line.clocks import Clocks, back_in_line

RECENT_SERVICES = 20


COUNTERS, TICKETS, EVENTS = TicketCounter.__table__, Ticket.__table__, TicketEvent.__table__
BOOKINGS = Booking.__table__
# Issuing a ticket runs on every kiosk tap: its statements are built once, with bound
# parameters, so SQLAlchemy compiles each of them once per process.
ISSUE_TICKET = insert(TICKETS).returning(TICKETS.c.id)
INSERT_EVENT = insert(EVENTS)
NEXT_NUMBER = {
    dialect: upsert(COUNTERS).on_conflict_do_update(
        index_elements=[COUNTERS.c.service_id, COUNTERS.c.day],
        set_={"value": COUNTERS.c.value + 1},
    ).returning(COUNTERS.c.value)
    for dialect, upsert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}


def next_number(connection: Connection, service_id: int, day) -> int:
    """Take the next ticket number of a service for a day, atomically in the database."""
    statement = NEXT_NUMBER[connection.dialect.name]
    return connection.execute(
        statement, {"service_id": service_id, "day": day, "value": 1}
    ).scalar_one()


def token_by_key(idempotency_key: str) -> str | None:
    return db.session.execute(
        db.select(Ticket.token).filter_by(idempotency_key=idempotency_key)
    ).scalar_one_or_none()


def ordered_token(now: datetime) -> str:
    """An unguessable token (128 random bits) after its moment in hex seconds.

    Tokens of one day sort together, so a new ticket's token and kiosk key land on the last
    pages of their unique indexes instead of a random page among a year of tokens: each ticket
    writes the same few hot pages, and SQLite's checkpoints stay small however long the history.
    """
    return f"{int(now.timestamp()):08x}{secrets.token_urlsafe(16)}"


def take_ticket(service, category, idempotency_key: str, lang: str, now: datetime,
                claim: tuple[int, str] | None = None) -> str:
    """Issue a ticket and return its token, or the token this kiosk screen already took.

    ``service`` and ``category`` (or None) need an ``id``; the service also its ``letter``.
    The number, the ticket and its first event go in one short transaction of plain inserts
    (Core, outside the ORM session: this is the kiosk's every tap), so the counter's row stays
    locked (SQLite: the database) only as long as it must. A repeated key fails the unique
    constraint, the rollback gives the number back, and the first ticket is returned instead.
    ``claim`` (a booking's id, and the status it takes) marks the booking used by this ticket
    in the same transaction, if no other ticket took it first (else ``booking_used``).
    """
    day = local_day(now, hall_zone())
    token = ordered_token(now)
    try:
        with db.engine.begin() as connection:
            number = next_number(connection, service.id, day)
            ticket_id = connection.execute(ISSUE_TICKET, {
                "token": token, "service_id": service.id, "issued_service_id": service.id,
                "letter": service.letter, "category_id": category.id if category else None,
                "day": day, "number": number, "status": TicketStatus.WAITING, "lang": lang,
                "idempotency_key": idempotency_key, "issued_at": now, "waiting_since": now,
            }).scalar_one()
            add_event(ticket_id, now, "issue", None, TicketStatus.WAITING, connection=connection)
            if claim is not None:
                claim_booking(connection, *claim, ticket_id, now)
    except IntegrityError:
        existing = token_by_key(idempotency_key)
        if existing is None:
            raise
        return existing
    return token


def claim_booking(connection: Connection, booking_id: int, status: str, ticket_id: int,
                  now: datetime) -> None:
    claimed = connection.execute(
        update(BOOKINGS).where(BOOKINGS.c.id == booking_id, BOOKINGS.c.status == "booked")
        .values(status=status, ticket_id=ticket_id, checked_in_at=now)).rowcount
    if claimed != 1:
        raise DomainError("booking_used")


STAMPS = {
    TicketStatus.CALLED: "called_at",
    TicketStatus.SERVING: "serving_at",
    TicketStatus.SERVED: "finished_at",
    TicketStatus.NO_SHOW: "finished_at",
    TicketStatus.CANCELLED: "finished_at",
}


def add_event(ticket_id: int, now: datetime, action: str, source: str | None, target: str,
              window: Window | None = None, user=None, *, to_service: Service | None = None,
              to_window: Window | None = None, connection: Connection | None = None) -> None:
    """Add one step to a ticket's history: who, at which window, did what, when (and, for a
    transfer, to which service's line or window).

    A plain insert, in the session's transaction unless ``connection`` is given: it runs
    inside the short write of the step it records.
    """
    (connection or db.session.connection()).execute(INSERT_EVENT, {
        "ticket_id": ticket_id, "at": now, "action": action, "from_status": source,
        "to_status": target, "window_id": window.id if window else None,
        "user_id": user.id if user else None,
        "to_service_id": to_service.id if to_service else None,
        "to_window_id": to_window.id if to_window else None,
    })


def move_ticket(
    ticket: Ticket, target: TicketStatus, now: datetime, action: str, **step,
) -> None:
    """Move a ticket to ``target`` from the status it had when it was read (see ``move_from``),
    its clocks moved on by the core's rules: back in the line, a service segment ends and is
    kept (queue_mgr.line.clocks).

    The ticket is expired: its next use reads it as it now is.
    """
    ticket_id, source = ticket.id, TicketStatus(ticket.status)
    if target == TicketStatus.WAITING:
        step = {**clock_values(back_in_line(ticket.clocks, now)), **step}
    move_from(ticket_id, source, target, now, action, **step)
    db.session.expire(ticket)


def clock_values(changes: dict) -> dict:
    """The core's clock changes as the ticket's columns."""
    values = dict(changes)
    if "served_before" in values:
        values["served_seconds"] = values.pop("served_before").total_seconds()
    return values


def move_from(
    ticket_id: int, source: TicketStatus, target: TicketStatus, now: datetime, action: str, *,
    window: Window | None = None, user=None, to_service: Service | None = None,
    to_window: Window | None = None, **changes,
) -> None:
    """Move a ticket from ``source`` to ``target`` if the core allows it, stamp the time and
    record the step.

    The move is a conditional update on ``source``, so of two windows (or two taps) moving the
    same ticket at once exactly one succeeds; the other is refused (``ticket_stale``). Raises
    ``InvalidTransition`` when the core forbids the move. The caller commits; a refusal is
    rolled back.
    """
    values = {}
    if target in STAMPS:
        values[STAMPS[target]] = now
    if target == TicketStatus.WAITING:
        values.update(called_at=None, serving_at=None, window_id=None, recalls=0)
    elif window is not None:
        values["window_id"] = window.id
    values.update(changes)
    change_status(Ticket, ticket_id, source, transition(source, target), "ticket_stale", **values)
    add_event(ticket_id, now, action, source, target, window, user, to_service=to_service,
              to_window=to_window)


@dataclass(frozen=True)
class TicketProgress:
    """Where a ticket stands at a moment: what the applicant's ticket page shows."""

    ticket: Ticket
    position: int | None  # 1 = next to be called; None once no longer waiting
    estimate: timedelta | None
    waited: timedelta  # the waiting clock
    sla: SlaStatus
    limits: SlaLimits
    served: timedelta  # the service clock
    service_limits: SlaLimits
    return_until: datetime | None  # an absent applicant may be put back in line until then

    @property
    def service_sla(self) -> SlaStatus:
        return sla_status(self.served, self.service_limits)

    @property
    def beyond_limit(self) -> bool:
        """Whether the wait so far and the estimate together pass the waiting limit."""
        return self.estimate is not None and self.waited + self.estimate >= self.limits.limit

    @property
    def polling(self) -> bool:
        """Whether the page should keep asking: not once the ticket is over."""
        return TicketStatus(self.ticket.status).is_open or self.return_until is not None


def working_windows(service_id: int) -> int:
    """Count the windows serving a service now: held by an operator and not paused."""
    return db.session.execute(
        db.select(func.count(Window.id))
        .where(Window.operator_id.is_not(None), Window.paused.is_(False),
               Window.services.any(Service.id == service_id))
    ).scalar_one()


# Written into the statement, not bound: SQLite uses a partial index only for a query whose
# condition it can see implies the index's (``ix_ticket_served``).
SERVED = literal(TicketStatus.SERVED.value, literal_execute=True)


def recent_service_times(service_id: int) -> list[timedelta]:
    """The line's latest services, newest first: a walk back along ``ix_ticket_served`` that
    stops at RECENT_SERVICES, however many the hall has served before."""
    rows = db.session.execute(
        db.select(Ticket.status, Ticket.waiting_since, Ticket.serving_at, Ticket.served_seconds,
                  Ticket.finished_at)
        .where(Ticket.status == SERVED, Ticket.service_id == service_id,
               Ticket.serving_at.is_not(None), Ticket.finished_at.is_not(None))
        .order_by(Ticket.finished_at.desc())
        .limit(RECENT_SERVICES)
    ).all()
    return [Clocks(row.status, row.waiting_since, row.serving_at,
                   timedelta(seconds=row.served_seconds), row.finished_at).service(row.finished_at)
            for row in rows]


def ticket_progress(ticket: Ticket, now: datetime) -> TicketProgress:
    """Compute a ticket's position, estimated wait and waited time against the limit."""
    limits = wait_limits()
    waited = ticket.clocks.waiting(now)
    position = estimate = None
    if ticket.status == TicketStatus.WAITING:
        position = ticket_place(ticket, now)
        estimate = estimate_wait(
            position - 1, working_windows(ticket.service_id),
            recent_service_times(ticket.service_id),
            timedelta(seconds=ticket.service.default_service_seconds),
        )
    return TicketProgress(
        ticket, position, estimate, waited, sla_status(waited, limits), limits,
        ticket.clocks.service(now), service_limits(), return_until(ticket, now),
    )


def return_until(ticket: Ticket, now: datetime) -> datetime | None:
    """Until when an applicant marked absent may still be put back in line (None: not absent,
    or too late)."""
    if ticket.status != TicketStatus.NO_SHOW or ticket.finished_at is None:
        return None
    until = ticket.finished_at + return_allowed()
    return until if until >= now else None


def ticket_by_token(token: str) -> Ticket | None:
    return db.session.execute(db.select(Ticket).filter_by(token=token)).scalar_one_or_none()
