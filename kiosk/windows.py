"""A window's work: holding it, its line, calling the next applicant and acting on the ticket.

Every write is a conditional update, so two windows, two workers or two taps never do the same
thing twice; the views commit once, or roll back when a rule refuses.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, func, or_, true, union_all, update

from kiosk.extensions import db
from kiosk.hall import hall_zone, wait_limits
from kiosk.models import PriorityCategory, Service, Ticket, User, Window
from kiosk.tickets import StaleTicket, move_ticket, record
from queue_mgr import (
    InvalidTransition,
    QueueError,
    TicketStatus,
    WaitingTicket,
    calling_order,
    local_day,
)
from queue_mgr.states import check_no_show

CURRENT = (TicketStatus.CALLED, TicketStatus.SERVING)
LINE_SHOWN = 50  # the line panel shows this many; the counts cover everyone
CALL_CANDIDATES = 8  # "call next" tries these in order, skipping those another window took
SEEN_EVERY = timedelta(minutes=1)


class WindowError(QueueError):
    """A window cannot do what was asked; ``reason`` names which rule refused."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


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
        raise WindowError("window_taken")
    db.session.expire(window)


def take_window_by_number(number: int, user: User, now: datetime) -> Window:
    """Hold the window with this number (see ``take_window``); an unknown number is refused."""
    window = db.session.execute(db.select(Window).filter_by(number=number)).scalar_one_or_none()
    if window is None:
        raise WindowError("unknown_window")
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


def window_lines(window: Window, now: datetime) -> list:
    """The lines this window calls from: each of its services', and the tickets sent to it.

    One condition per line, so each query walks the ticket index of one line (status, service,
    day, arrival) instead of sorting every waiting ticket of the hall.
    """
    waiting = and_(Ticket.status == TicketStatus.WAITING,
                   Ticket.day == local_day(now, hall_zone()))
    lines = [and_(waiting, Ticket.service_id == service.id, Ticket.target_window_id.is_(None))
             for service in window.services]
    return [*lines, and_(waiting, Ticket.target_window_id == window.id)]


def line_order(window: Window, now: datetime, first: int) -> list[WaitingTicket]:
    """The first waiting tickets of the window's line, in calling order.

    The order itself is ``queue_mgr.calling_order``; the database only narrows each line to the
    first ``first`` tickets of each tier (at risk, each priority group, everyone else), which
    hold the first ``first`` of the whole order, so a long line costs no more than a short one.
    """
    limits = wait_limits()
    at_risk = and_(Ticket.issued_at > now - limits.limit, Ticket.issued_at <= now - limits.warning)
    categories = db.session.execute(db.select(PriorityCategory.id)).scalars().all()
    # Each tier (and each priority group) walks an index in order of arrival: no sorting.
    tiers = [at_risk, and_(~at_risk, Ticket.category_id.is_(None)),
             *(and_(~at_risk, Ticket.category_id == category) for category in categories)]
    parts = [
        db.select(Ticket.id, Ticket.issued_at, PriorityCategory.rank, PriorityCategory.booked)
        .outerjoin(PriorityCategory, Ticket.category_id == PriorityCategory.id)
        .where(line, tier).order_by(Ticket.issued_at, Ticket.id).limit(first).subquery()
        for line in window_lines(window, now) for tier in tiers
    ]
    rows = db.session.execute(union_all(*(db.select(part) for part in parts))).all()
    candidates = {row.id: WaitingTicket(row.id, row.issued_at, row.rank, bool(row.booked))
                  for row in rows}
    return calling_order(candidates.values(), now, limits)[:first]


def window_line(window: Window, now: datetime, first: int = LINE_SHOWN) -> list[Ticket]:
    """The first tickets of the window's line, in calling order, for the line panel."""
    order = [waiting.key for waiting in line_order(window, now, first)]
    tickets = db.session.execute(db.select(Ticket).where(Ticket.id.in_(order))).scalars()
    by_id = {ticket.id: ticket for ticket in tickets}
    return [by_id[key] for key in order]


def line_counts(window: Window, now: datetime) -> tuple[int, int, int]:
    """How many wait for the window, how many of them are near the limit and past it."""
    limits = wait_limits()
    near = and_(Ticket.issued_at > now - limits.limit, Ticket.issued_at <= now - limits.warning)
    past = Ticket.issued_at <= now - limits.limit
    counts = [0, 0, 0]
    for line in window_lines(window, now):
        for place, condition in enumerate((true(), near, past)):
            counts[place] += db.session.execute(
                db.select(func.count(Ticket.id)).where(line, condition)
            ).scalar_one()
    return counts[0], counts[1], counts[2]


def call_next(window: Window, user: User, now: datetime) -> Ticket:
    """Call the first applicant in calling order that no other window has claimed meanwhile."""
    if window.paused:
        raise WindowError("paused")
    if current_ticket(window) is not None:
        raise WindowError("busy")
    while candidates := line_order(window, now, CALL_CANDIDATES):
        for waiting in candidates:
            ticket = db.session.get(Ticket, waiting.key)
            try:
                move_ticket(ticket, TicketStatus.CALLED, now, "call", window=window, user=user,
                            target_window_id=None)
            except (StaleTicket, InvalidTransition):
                continue  # another window called this one a moment ago: take the next
            return ticket
        # Other windows took every candidate meanwhile: read the line again. Each pass someone
        # was called, so this ends when the line does.
        db.session.expire_all()
    raise WindowError("empty")


def desk_ticket(window: Window, ticket_id: int) -> Ticket:
    """The window's current ticket, if it is the one the screen showed; else the screen is stale."""
    ticket = current_ticket(window)
    if ticket is None or ticket.id != ticket_id:
        raise StaleTicket(ticket_id)
    return ticket


def recall(window: Window, ticket: Ticket, user: User, now: datetime) -> None:
    """Announce a called applicant again (the board and the ticket page show it anew)."""
    recalled = db.session.execute(
        update(Ticket).where(Ticket.id == ticket.id, Ticket.status == TicketStatus.CALLED,
                             Ticket.window_id == window.id)
        .values(recalls=Ticket.recalls + 1).execution_options(synchronize_session=False)
    ).rowcount
    if recalled != 1:
        raise StaleTicket(ticket.id)
    db.session.expire(ticket)
    record(ticket.id, now, "recall", ticket.status, ticket.status, window, user)


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
        raise WindowError("same_window")
    move_ticket(ticket, TicketStatus.WAITING, now, "transfer", window=window, user=user,
                note=f"window {target.number}", target_window_id=target.id)


def set_paused(window: Window, paused: bool) -> None:
    """Pause a free window (it calls nobody) or resume it."""
    if paused and current_ticket(window) is not None:
        raise WindowError("busy")
    window.paused = paused
