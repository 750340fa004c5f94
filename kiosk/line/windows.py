"""A window's work: holding it, its line, calling the next applicant and acting on the ticket.

Every write is a conditional update, so two windows, two workers or two taps never do the same
thing twice; the views commit once, and a refusal (a ``DomainError``) is rolled back.
"""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import literal, or_, update
from sqlalchemy.exc import IntegrityError
from wtforms.fields.choices import SelectChoice

from kiosk.accounts.models import User
from kiosk.hall.models import Service
from kiosk.hall.settings import return_allowed
from kiosk.line.lines import line_order, note_wait_at_call
from kiosk.line.models import Ticket, Window
from kiosk.line.tickets import add_event, move_from, move_ticket
from kiosk.web.extensions import db
from queue_mgr import (
    DomainError,
    TicketStatus,
)
from queue_mgr.line.clocks import back_from_absence
from queue_mgr.line.states import check_no_show, check_return

CURRENT = (TicketStatus.CALLED, TicketStatus.SERVING)
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
            note_wait_at_call(now, waiting.waiting_since)
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
                to_service=service, service_id=service.id, target_window_id=None)


def transfer_to_window(window: Window, ticket: Ticket, target: Window, user: User,
                       now: datetime) -> None:
    """Send the applicant to one other window: only that window will call them."""
    if target.id == window.id:
        raise DomainError("window_same")
    move_ticket(ticket, TicketStatus.WAITING, now, "transfer", window=window, user=user,
                to_window=target, target_window_id=target.id)


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
