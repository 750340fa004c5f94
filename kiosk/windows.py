"""A window's work: holding it, its line, calling the next applicant and acting on the ticket.

Every write is a conditional update, so two windows, two workers or two taps never do the same
thing twice; the views commit once, or roll back when a rule refuses.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, or_, update

from kiosk.extensions import db
from kiosk.hall import hall_zone, wait_limits
from kiosk.models import Service, Ticket, User, Window
from kiosk.tickets import StaleTicket, move_ticket, record
from queue_mgr import QueueError, TicketStatus, WaitingTicket, calling_order, local_day
from queue_mgr.states import check_no_show

CURRENT = (TicketStatus.CALLED, TicketStatus.SERVING)
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


def as_waiting(ticket: Ticket) -> WaitingTicket:
    category = ticket.category
    return WaitingTicket(ticket.id, ticket.issued_at, category.rank if category else None,
                         bool(category and category.booked))


def window_line(window: Window, now: datetime) -> list[Ticket]:
    """The tickets this window may call, in calling order: its services', and those sent to it."""
    service_ids = [service.id for service in window.services]
    tickets = db.session.execute(
        db.select(Ticket).where(
            Ticket.status == TicketStatus.WAITING, Ticket.day == local_day(now, hall_zone()),
            or_(and_(Ticket.service_id.in_(service_ids), Ticket.target_window_id.is_(None)),
                Ticket.target_window_id == window.id),
        )
    ).scalars().all()
    by_id = {ticket.id: ticket for ticket in tickets}
    order = calling_order([as_waiting(ticket) for ticket in tickets], now, wait_limits())
    return [by_id[waiting.key] for waiting in order]


def call_next(window: Window, user: User, now: datetime) -> Ticket:
    """Call the first applicant in calling order that no other window has claimed meanwhile."""
    if window.paused:
        raise WindowError("paused")
    if current_ticket(window) is not None:
        raise WindowError("busy")
    for ticket in window_line(window, now):
        try:
            move_ticket(ticket, TicketStatus.CALLED, now, "call", window=window, user=user,
                        target_window_id=None)
        except StaleTicket:
            continue  # another window called this one a moment ago: take the next
        return ticket
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
