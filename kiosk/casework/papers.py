"""Who may open an application's papers (its receipts, its certificate, the provider's reasoned
refusal, their prints): a supervisor any; a provider officer the provider's own papers; an
operator only those of the applicant at their window now, or of the home visit they make."""

from flask import abort, make_response, session
from flask_babel import lazy_gettext as _l

from kiosk.accounts.access import SUPERVISING
from kiosk.accounts.models import Role, User
from kiosk.casework.models import Application, HomeVisit
from kiosk.hall.settings import to_local
from kiosk.line.models import Ticket
from kiosk.line.windows import current_ticket, held_window
from kiosk.web.clock import now
from kiosk.web.errors import render_error
from kiosk.web.extensions import db
from queue_mgr.casework.home_visits import VisitStatus

NOT_OPENABLE = _l("Open this from the applicant at your window: their application, or their "
                  "request found on the handover screen.")


FOUND_AT_HANDOVER = "found_at_handover"


def ticket_at_window(user: User) -> Ticket | None:
    """The applicant at the user's window now (called or being served), if any."""
    window = held_window(user)
    return current_ticket(window) if window is not None else None


def supervises(user: User) -> bool:
    return user.role in SUPERVISING


def found_at_handover(application: Application, ticket: Ticket | None) -> None:
    """Remember the result found on the handover screen for the applicant at the window."""
    session[FOUND_AT_HANDOVER] = [ticket.id if ticket else None, application.id]


def visits(user: User, application: Application) -> bool:
    """Whether ``user`` makes the home visit this application was taken (or its result is
    handed over) at, on the visit's day."""
    visit = db.session.execute(
        db.select(HomeVisit).where(HomeVisit.application_id == application.id,
                                   HomeVisit.employee_id == user.id)
    ).scalar_one_or_none()
    return (visit is not None and visit.status in (VisitStatus.SCHEDULED, VisitStatus.DONE)
            and to_local(visit.scheduled_at).date() == to_local(now()).date())


def may_open(user: User, application: Application, provider: bool = False) -> bool:
    """Whether ``user`` may open this application's papers: a supervisor any; a provider
    officer those the provider issued (``provider``); an operator only for the applicant at
    their window now (their own application, or the result found for them on the handover
    screen)."""
    if supervises(user) or (provider and user.role == Role.PROVIDER):
        return True
    if visits(user, application):
        return True
    ticket = ticket_at_window(user)
    return ticket is not None and (
        ticket.id == application.ticket_id
        or session.get(FOUND_AT_HANDOVER) == [ticket.id, application.id])


def openable(user: User, application: Application, provider: bool = False) -> Application:
    """The application, if ``user`` may open its papers (403 with a message if not); with
    ``provider``, papers the provider issued, which its officers open too."""
    if not may_open(user, application, provider):
        abort(make_response(render_error(403, NOT_OPENABLE)))
    return application
