"""The application at the window: which applicant is there, their draft, the decision."""

from datetime import datetime

from flask import abort, make_response, session
from sqlalchemy.exc import IntegrityError

from kiosk import casework
from kiosk.application_form import ApplicationForm
from kiosk.auth import SUPERVISOR_ROLES
from kiosk.casework import CaseError
from kiosk.errors import render_error
from kiosk.extensions import db
from kiosk.intake.common import NO_WINDOW, NOT_OPENABLE, NotAtWindow
from kiosk.intake.labels import case_message
from kiosk.models import Ticket, User
from kiosk.records import Application
from kiosk.windows import current_ticket, held_window, start_service
from queue_mgr import InvalidTransition, TicketStatus
from queue_mgr.applications import ApplicationStatus


def window_ticket(user: User, ticket_id: int) -> Ticket:
    """The ticket called to, or served at, the user's window, if it is the one asked for."""
    window = held_window(user)
    if window is None:
        raise NotAtWindow(NO_WINDOW)
    ticket = current_ticket(window)
    if ticket is None or ticket.id != ticket_id:
        raise NotAtWindow()
    return ticket


def window_application(user: User, application_id: int) -> tuple[Application, Ticket]:
    """An application of the applicant at the user's window (404 if there is none such)."""
    application = db.session.get(Application, application_id)
    if application is None:
        abort(404)
    return application, window_ticket(user, application.ticket_id or 0)


FOUND_AT_HANDOVER = "found_at_handover"


def ticket_at_window(user: User) -> Ticket | None:
    """The applicant at the user's window now (called or being served), if any."""
    window = held_window(user)
    return current_ticket(window) if window is not None else None


def supervises(user: User) -> bool:
    return user.role in SUPERVISOR_ROLES


def found_at_handover(application: Application, ticket: Ticket | None) -> None:
    """Remember the result found on the handover screen for the applicant at the window."""
    session[FOUND_AT_HANDOVER] = [ticket.id if ticket else None, application.id]


def may_open(user: User, application: Application) -> bool:
    """Whether ``user`` may open this application's papers: a supervisor any; an operator only
    for the applicant at their window now (their own application, or the result found for
    them on the handover screen)."""
    if supervises(user):
        return True
    ticket = ticket_at_window(user)
    return ticket is not None and (
        ticket.id == application.ticket_id
        or session.get(FOUND_AT_HANDOVER) == [ticket.id, application.id])


def openable(user: User, application: Application) -> Application:
    """The application, if ``user`` may open its papers (403 with a message if not)."""
    if not may_open(user, application):
        abort(make_response(render_error(403, NOT_OPENABLE)))
    return application


def ticket_draft(ticket: Ticket) -> Application | None:
    """The newest draft of this ticket (filled at the kiosk, or begun at the window)."""
    return db.session.execute(
        db.select(Application).where(Application.ticket_id == ticket.id,
                                     Application.status == ApplicationStatus.DRAFT)
        .order_by(Application.id.desc()).limit(1)
    ).scalar_one_or_none()


def ticket_decided(ticket: Ticket) -> list[Application]:
    """This ticket's applications already accepted or refused (one a child), with receipts."""
    return list(db.session.execute(
        db.select(Application).where(Application.ticket_id == ticket.id,
                                     Application.status != ApplicationStatus.DRAFT)
        .order_by(Application.id)
    ).scalars())


def mark_present(ticket: Ticket, user: User, now: datetime) -> None:
    """Casework needs the applicant at the window: the first such action marks them present
    (the wait ends and the service clock starts then), if the operator has not yet."""
    if ticket.status == TicketStatus.CALLED:
        start_service(held_window(user), ticket, user, now)


def save_draft(ticket: Ticket, draft: Application | None, form: ApplicationForm, user: User,
               now: datetime) -> Application:
    """Write the checked form into the ticket's draft (a new one if there is none)."""
    mark_present(ticket, user, now)
    draft = draft or casework.new_application(now, ticket_id=ticket.id)
    form.fill(draft)
    db.session.flush()
    casework.record(draft, "saved_at_window", user, now)
    return draft


def decide(application: Application, verdict: str, received: set[str], user: User,
           now: datetime) -> None:
    """Accept the package or refuse it as incomplete; a decided application is not decided
    twice (a second tap finds it no longer a draft)."""
    if application.status != ApplicationStatus.DRAFT:
        raise CaseError("stale")
    if application.ticket is not None:
        mark_present(application.ticket, user, now)
    try:
        if verdict == "accept":
            casework.accept(application, received, user, now)
        else:
            casework.refuse_intake(application, received, user, now)
    except IntegrityError:
        # Another window accepted a request for the same child a moment ago.
        raise CaseError("open_request") from None


def explain(error: Exception) -> str:
    """The operator's message for a refusal of the service's rules."""
    if isinstance(error, CaseError):
        return case_message(error.reason)
    if isinstance(error, IntegrityError):
        return case_message("open_request")
    if isinstance(error, InvalidTransition):
        return case_message("stale")
    return case_message("")
