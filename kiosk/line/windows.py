"""A window's work: holding it, its line, calling the next applicant and acting on the ticket.

Every write is a conditional update, so two windows, two workers or two taps never do the same
thing twice; the views commit once, and a refusal (a ``DomainError``) is rolled back.
"""

from datetime import datetime, timedelta
from functools import lru_cache

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, bindparam, func, literal, or_, select, union_all, update
from sqlalchemy.exc import IntegrityError
from wtforms.fields.choices import SelectChoice

from kiosk.accounts.models import User
from kiosk.hall.catalogue import catalogue
from kiosk.hall.models import PriorityCategory, Service
from kiosk.hall.settings import calling_rules, hall_zone, return_allowed, wait_limits
from kiosk.line.models import Ticket, Window
from kiosk.line.tickets import add_event, move_from, move_ticket
from kiosk.web.extensions import db
from queue_mgr import (
    DomainError,
    TicketStatus,
    WaitingTicket,
    calling_order,
    local_day,
)
from queue_mgr.line.clocks import back_from_absence
from queue_mgr.line.states import check_no_show, check_return

CURRENT = (TicketStatus.CALLED, TicketStatus.SERVING)
LINE_SHOWN = 50  # the line panel shows this many; the counts cover everyone
CALL_CANDIDATES = 8  # "call next" tries these in order, skipping those another window took
SEEN_EVERY = timedelta(minutes=1)


def idle_limit() -> timedelta:
    return timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"])


def take_window(window: Window, user: User, now: datetime) -> None:
    """Hold a window alone; one left by an operator idle past the limit may be taken over."""
    release_windows(user)
    taken = db.session.execute(
        update(Window).where(
            Window.id == window.id,
            or_(Window.operator_id.is_(None), Window.operator_id == user.id,
                Window.operator_seen_at < now - idle_limit()),
        ).values(operator_id=user.id, operator_seen_at=now, paused=False)
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        raise DomainError("window_taken")
    db.session.expire(window)


def take_window_by_number(number: int, user: User, now: datetime) -> Window:
    """Hold the window with this number (see ``take_window``); an unknown number is refused."""
    window = db.session.execute(db.select(Window).filter_by(number=number)).scalar_one_or_none()
    if window is None:
        raise DomainError("window_unknown")
    take_window(window, user, now)
    return window


def release_windows(user: User) -> None:
    """Let go of any window the user holds (at sign-out, or when taking another)."""
    db.session.execute(
        update(Window).where(Window.operator_id == user.id)
        .values(operator_id=None, operator_seen_at=None, paused=False)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()


def held_window(user: User) -> Window | None:
    return db.session.execute(db.select(Window).filter_by(operator_id=user.id)).scalar_one_or_none()


def keep_seen(window: Window, now: datetime) -> None:
    """Note that the window's screen is still open (at most once a minute, to spare writes)."""
    if window.operator_seen_at is None or now - window.operator_seen_at >= SEEN_EVERY:
        window.operator_seen_at = now
        db.session.commit()


def current_ticket(window: Window) -> Ticket | None:
    """The applicant called to, or being served at, the window."""
    return db.session.execute(
        db.select(Ticket).where(Ticket.window_id == window.id, Ticket.status.in_(CURRENT))
        .order_by(Ticket.called_at.desc()).limit(1)
    ).scalar_one_or_none()


def line_values(window: Window, now: datetime) -> dict:
    """The values the line statements bind: the window and its services, the hall's day, and
    since when a wait is near the limit and past it."""
    limits = wait_limits()
    services = sorted(service.id for service in window.services)
    return {"window_id": window.id, **{f"service_{i}": id_ for i, id_ in enumerate(services)},
            "day": local_day(now, hall_zone()), "limit_since": now - limits.limit,
            "warning_since": now - limits.warning}


def window_lines(services: int) -> list:
    """The lines a window with ``services`` services calls from: each service's, and the tickets
    sent to the window.

    One condition per line, so each query walks the ticket index of one line (status, service,
    day, arrival) instead of sorting every waiting ticket of the hall.
    """
    waiting = and_(Ticket.status == TicketStatus.WAITING, Ticket.day == bindparam("day"))
    lines = [and_(waiting, Ticket.service_id == bindparam(f"service_{i}"),
                  Ticket.target_window_id.is_(None))
             for i in range(services)]
    return [*lines, and_(waiting, Ticket.target_window_id == bindparam("window_id"))]


NEAR = and_(Ticket.waiting_since > bindparam("limit_since"),
            Ticket.waiting_since <= bindparam("warning_since"))
PAST = Ticket.waiting_since <= bindparam("limit_since")


@lru_cache(maxsize=64)
def line_statement(services: int, category_ids: tuple[int, ...], first: int):
    """The first ``first`` tickets of each tier of each line of a window, as one union.

    Built once per number of services and set of priority groups; the window, its services and
    the moment are bound when it runs. (Building and compiling it for every call would cost
    more than running it.)
    """
    # Each tier (and each priority group) walks an index in order of arrival: no sorting. The
    # last tier holds the tickets of groups made since the catalogue was read (if any).
    tiers = [NEAR, and_(~NEAR, Ticket.category_id.is_(None)),
             *(and_(~NEAR, Ticket.category_id == category) for category in category_ids),
             and_(~NEAR, Ticket.category_id > max(category_ids, default=0))]
    parts = [
        select(Ticket.id, Ticket.waiting_since, PriorityCategory.rank, PriorityCategory.booked)
        .outerjoin(PriorityCategory, Ticket.category_id == PriorityCategory.id)
        .where(line, tier).order_by(Ticket.waiting_since, Ticket.id).limit(first).subquery()
        for line in window_lines(services) for tier in tiers
    ]
    return union_all(*(select(part) for part in parts))


@lru_cache(maxsize=64)
def counts_statement(services: int):
    """How many wait in each of a window's lines, how many near the limit and past it: a row
    per line (each walks its own index)."""
    return union_all(*(
        select(func.count(Ticket.id), func.count(Ticket.id).filter(NEAR),
               func.count(Ticket.id).filter(PAST)).where(line)
        for line in window_lines(services)
    ))


def line_order(window: Window, now: datetime, first: int) -> list[WaitingTicket]:
    """The first waiting tickets of the window's line, in calling order.

    The order itself is ``queue_mgr.calling_order``; the database only narrows each line to the
    first ``first`` tickets of each tier (near the limit, each priority group, everyone else),
    which hold the first ``first`` of the whole order, so a long line costs no more than a
    short one.
    """
    values = line_values(window, now)
    statement = line_statement(len(window.services), catalogue().category_ids, first)
    rows = db.session.execute(statement, values).all()
    candidates = {row.id: WaitingTicket(row.id, row.waiting_since, row.rank, bool(row.booked))
                  for row in rows}
    return calling_order(candidates.values(), now, calling_rules())[:first]


def window_line(window: Window, now: datetime, first: int = LINE_SHOWN) -> list[Ticket]:
    """The first tickets of the window's line, in calling order, for the line panel."""
    order = [waiting.key for waiting in line_order(window, now, first)]
    tickets = db.session.execute(db.select(Ticket).where(Ticket.id.in_(order))).scalars()
    by_id = {ticket.id: ticket for ticket in tickets}
    return [by_id[key] for key in order]


def line_counts(window: Window, now: datetime) -> tuple[int, int, int]:
    """How many wait for the window, how many of them are near the limit and past it."""
    values = line_values(window, now)
    statement = counts_statement(len(window.services))
    rows = db.session.execute(statement, values).all()
    waiting, near, past = (sum(column) for column in zip(*rows, strict=True))
    return waiting, near, past


def call_next(window: Window, user: User, now: datetime) -> int:
    """Call the first applicant in calling order that no other window has claimed meanwhile.

    Returns the called ticket's id. A window already calling or serving someone is refused by
    the database itself (one current ticket per window), so two calls racing at one window
    never call two applicants.
    """
    if window.paused:
        raise DomainError("window_paused")
    while candidates := line_order(window, now, CALL_CANDIDATES):
        for waiting in candidates:
            try:
                move_from(waiting.key, TicketStatus.WAITING, TicketStatus.CALLED, now, "call",
                          window=window, user=user, target_window_id=None)
            except DomainError as refusal:
                if refusal.key != "ticket_stale":
                    raise
                continue  # another window called this one a moment ago: take the next
            except IntegrityError:
                raise DomainError("window_busy") from None  # this window has its applicant already
            return waiting.key
        # Other windows took every candidate meanwhile: read the line again. Each pass someone
        # was called, so this ends when the line does.
    raise DomainError("window_empty")


def desk_ticket(window: Window, ticket_id: int) -> Ticket:
    """The window's current ticket, if it is the one the screen showed; else the screen is stale."""
    ticket = current_ticket(window)
    if ticket is None or ticket.id != ticket_id:
        raise DomainError("ticket_stale")
    return ticket


def recall(window: Window, ticket: Ticket, user: User, now: datetime) -> None:
    """Announce a called applicant again (the board and the ticket page show it anew)."""
    recalled = db.session.execute(
        update(Ticket).where(Ticket.id == ticket.id, Ticket.status == TicketStatus.CALLED,
                             Ticket.window_id == window.id)
        .values(recalls=Ticket.recalls + 1).execution_options(synchronize_session=False)
    ).rowcount
    if recalled != 1:
        raise DomainError("ticket_stale")
    db.session.expire(ticket)
    add_event(ticket.id, now, "recall", ticket.status, ticket.status, window, user)


def start_service(window: Window, ticket: Ticket, user: User, now: datetime) -> None:
    move_ticket(ticket, TicketStatus.SERVING, now, "start", window=window, user=user)


def finish(window: Window, ticket: Ticket, user: User, now: datetime) -> None:
    move_ticket(ticket, TicketStatus.SERVED, now, "finish", window=window, user=user)


def no_show(window: Window, ticket: Ticket, user: User, now: datetime) -> None:
    check_no_show(ticket.recalls)
    move_ticket(ticket, TicketStatus.NO_SHOW, now, "no_show", window=window, user=user)


def return_to_line(window: Window, ticket: Ticket, user: User, now: datetime) -> None:
    move_ticket(ticket, TicketStatus.WAITING, now, "return", window=window, user=user)


def transfer_to_service(window: Window, ticket: Ticket, service: Service, user: User,
                        now: datetime) -> None:
    """Send the applicant to another service's line, keeping their number and time of arrival."""
    move_ticket(ticket, TicketStatus.WAITING, now, "transfer", window=window, user=user,
                note=service.code, service_id=service.id, target_window_id=None)


def transfer_to_window(window: Window, ticket: Ticket, target: Window, user: User,
                       now: datetime) -> None:
    """Send the applicant to one other window: only that window will call them."""
    if target.id == window.id:
        raise DomainError("window_same")
    move_ticket(ticket, TicketStatus.WAITING, now, "transfer", window=window, user=user,
                note=f"window {target.number}", target_window_id=target.id)


def set_paused(window: Window, paused: bool) -> None:
    """Pause a free window (it calls nobody) or resume it."""
    if paused and current_ticket(window) is not None:
        raise DomainError("window_busy")
    window.paused = paused


# Written into the statement: SQLite uses the partial index ``ix_ticket_absent`` only then.
ABSENT = literal(TicketStatus.NO_SHOW.value, literal_execute=True)


def recently_absent(window: Window, now: datetime) -> list[Ticket]:
    """The applicants this window marked absent lately, whom it may still put back in line."""
    return list(db.session.execute(
        db.select(Ticket).where(Ticket.status == ABSENT, Ticket.window_id == window.id,
                                Ticket.finished_at >= now - return_allowed())
        .order_by(Ticket.finished_at.desc())
    ).scalars())


def return_absent(window: Window, ticket_id: int, user: User, now: datetime) -> None:
    """Put an applicant this window marked absent back in line, within the time allowed; the
    time away is a gap in their clocks (queue_mgr.line.clocks)."""
    ticket = db.session.get(Ticket, ticket_id)
    if ticket is None or ticket.window_id != window.id or ticket.status != TicketStatus.NO_SHOW:
        raise DomainError("ticket_stale")
    check_return(ticket.finished_at, now, return_allowed())
    move_ticket(ticket, TicketStatus.WAITING, now, "return_absent", window=window, user=user,
                **back_from_absence(ticket.clocks, now))


def window_choices() -> list[SelectChoice]:
    """The windows an operator may hold, for a choice list ("—": none)."""
    windows = db.session.execute(db.select(Window).order_by(Window.number)).scalars()
    return [SelectChoice(0, "—")] + [
        SelectChoice(w.number, _("Window %(number)d", number=w.number)) for w in windows]
