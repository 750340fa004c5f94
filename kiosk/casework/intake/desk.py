"""The application at the window: which applicant is there, their draft, the decision, and
what the window says when it cannot go on."""

from datetime import datetime

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from kiosk.accounts.models import User
from kiosk.casework import cases as casework
from kiosk.casework.application_form import ApplicationForm
from kiosk.casework.models import Application
from kiosk.line.models import Ticket
from kiosk.line.windows import current_ticket, held_window, start_service
from kiosk.web.extensions import db
from queue_mgr import DomainError, InvalidTransition, TicketStatus
from queue_mgr.casework.applications import ApplicationStatus

NOT_AT_WINDOW = _l("This applicant is not at your window now. Call them to your window first, "
                   "then open their application from it.")
NO_WINDOW = _l("You hold no window. Choose a window to take applications at it.")
NOT_SAVED = _l("Save the application first: the list of documents depends on it.")
NO_APPLICANT = _l("Call the applicant to your window first, then find their request.")
NOT_DECIDED = _l("This application has not been accepted or refused yet: it has no receipt.")


class NotAtWindow(Exception):
    """The ticket or application asked for is not the one at the operator's window."""

    def __init__(self, message=NOT_AT_WINDOW):
        super().__init__(str(message))
        self.message = message


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
    casework.add_event(draft, "saved_at_window", user, now)
    return draft


def decide(application: Application, verdict: str, received: set[str], user: User,
           now: datetime) -> None:
    """Accept the package or refuse it as incomplete; a decided application is not decided
    twice (a second tap finds it no longer a draft)."""
    if application.status != ApplicationStatus.DRAFT:
        raise DomainError("application_stale")
    if application.ticket is not None:
        mark_present(application.ticket, user, now)
    try:
        if verdict == "accept":
            casework.accept(application, received, user, now)
        else:
            casework.refuse_intake(application, received, user, now)
    except IntegrityError:
        # Another window accepted a request for the same child a moment ago.
        raise DomainError("application_open_request") from None


def casework_refusal(error: DomainError) -> str:
    """The key the window reads for a refusal met while dealing with an application: the
    service's own, or (a ticket's, met on the way) that the application was dealt with or cannot
    be now."""
    if error.key.startswith(("application_", "certificate_")):
        return error.key
    if isinstance(error, InvalidTransition):
        return "application_stale"
    return "application_not_now"
