"""The application (Appendix 2) filled in at the kiosk after taking a ticket, and the applicant's
request status page that the acceptance receipt's QR code points to.

Personal data goes only into the POST body and the database: never into an address, a log
line, or a screen shown after the form is sent. The one paper with it, the application to sign,
is printed by the kiosk that sent it, from the screen that follows, once; its page shows the
sheet only to the printer.
"""

from flask import abort, g, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from kiosk.casework.application_form import KioskApplicationForm
from kiosk.casework.application_sheet import application_halves
from kiosk.casework.cases import add_event, is_open, new_application
from kiosk.casework.models import Application
from kiosk.casework.requests import bp
from kiosk.forms.buttons import ButtonForm
from kiosk.hall.settings import hall_zone
from kiosk.line.kiosk_session import (
    forget_applicant,
    issued_here,
    offer_paper,
    paper_offered,
    take_paper,
)
from kiosk.line.models import Ticket
from kiosk.web.clock import now
from kiosk.web.extensions import db
from kiosk.web.live import live_fragment
from kiosk.web.refusals import refusal_message, withdraw
from queue_mgr import TicketStatus
from queue_mgr.casework.applications import ApplicationStatus

bp.after_request(forget_applicant)
TOKEN_MAX = 32
NOT_PRINTABLE = _l("The application cannot be printed here now")


def application_ticket(token: str) -> Ticket:
    """The ticket this kiosk has just issued, if it is for the guardianship certificate."""
    ticket = issued_here(token)
    if not ticket.service.takes_application:
        abort(404)
    g.default_lang = ticket.lang
    return ticket


def applications_of(ticket: Ticket) -> list[Application]:
    return list(db.session.execute(
        db.select(Application).filter_by(ticket_id=ticket.id).order_by(Application.id)
    ).scalars())


def kiosk_draft(ticket: Ticket) -> tuple[Application | None, str | None]:
    """The ticket's draft (None before the first sending), or why it may no longer change (the
    refusal's key)."""
    if not TicketStatus(ticket.status).is_open:
        return None, "ticket_finished"
    applications = applications_of(ticket)
    if any(application.status != ApplicationStatus.DRAFT for application in applications):
        return None, "application_closed"
    return (applications[-1] if applications else None), None  # the newest, as the window


def lock_ticket(ticket: Ticket) -> None:
    """Serialise the sendings of one ticket's form (a no-op update takes the row's lock), so
    two at once make one draft: the second finds the first's."""
    db.session.execute(
        db.update(Ticket).where(Ticket.id == ticket.id).values(lang=Ticket.lang)
        .execution_options(synchronize_session=False)
    )


def keep_draft(ticket: Ticket,
               form: KioskApplicationForm) -> tuple[Application | None, str | None]:
    """Write the checked form into the ticket's draft (a new one the first time), under the
    ticket's lock; or say why not (the refusal's key) if the window has meanwhile decided or
    the ticket ended."""
    lock_ticket(ticket)
    db.session.refresh(ticket)
    draft, refusal = kiosk_draft(ticket)
    if refusal:
        return None, refusal
    moment = now()
    draft = draft or new_application(moment, ticket.id)
    form.fill(draft)
    add_event(draft, "filled_at_kiosk", None, moment)
    db.session.flush()
    return draft, None


def render_form(ticket: Ticket, form: KioskApplicationForm, status: int = 200):
    return render_template("applicant/application.html", ticket=ticket, form=form), status


def render_closed(ticket: Ticket, reason: str, heading: str | None = None):
    return render_template("applicant/application_closed.html", ticket=ticket,
                           reason=reason, heading=heading), 409


@bp.get("/kiosk/ticket/<token>/application")
def application(token: str):
    """Show the empty application form (a draft already sent is never shown again here)."""
    ticket = application_ticket(token)
    _draft, refusal = kiosk_draft(ticket)
    if refusal:
        return render_closed(ticket, refusal_message(refusal))
    return render_form(ticket, KioskApplicationForm())


@bp.post("/kiosk/ticket/<token>/application")
def send_application(token: str):
    """Check the application and keep it as the ticket's draft (sent again: the same draft)."""
    ticket = application_ticket(token)
    draft, refusal = kiosk_draft(ticket)
    if refusal:
        return render_closed(ticket, refusal_message(refusal))
    form = KioskApplicationForm()
    form.application_id = draft.id if draft else None
    if not form.validate():
        return render_form(ticket, form, 400)
    draft, refusal = keep_draft(ticket, form)
    if refusal:
        return render_closed(ticket, withdraw(refusal))
    db.session.commit()
    offer_paper(ticket.token, draft.id, now())
    return redirect(url_for(".application_sent", token=ticket.token), 303)


def sent_draft(ticket: Ticket) -> Application:
    """The application this ticket sent (404 before it sent one)."""
    applications = applications_of(ticket)
    if not applications:
        abort(404)
    return applications[-1]


@bp.get("/kiosk/ticket/<token>/application/sent")
def application_sent(token: str):
    """Tell the applicant the window will see the application, and offer to print it to sign
    (just after sending it); no personal data on screen."""
    ticket = application_ticket(token)
    draft = sent_draft(ticket)
    printing = paper_offered(ticket.token, draft.id, now())
    return render_template("applicant/application_sent.html", ticket=ticket,
                           button=ButtonForm(formdata=None) if printing else None)


@bp.post("/kiosk/ticket/<token>/application/print")
def print_application(token: str):
    """Print the application just sent (Appendix 2, Kazakh and Russian on one sheet) for the
    applicant to sign: only on this kiosk, from the screen that offers it, once."""
    ticket = application_ticket(token)
    draft, moment = sent_draft(ticket), now()
    if not (ButtonForm().validate_on_submit() and take_paper(ticket.token, draft.id, moment)):
        return render_closed(ticket, refusal_message("application_print_closed"),
                             heading=NOT_PRINTABLE)
    today = moment.astimezone(hall_zone()).date()
    return render_template("applicant/application_print.html", ticket=ticket,
                           halves=application_halves(draft, today))


def load_request(token: str) -> Application:
    """The request in the address; drafts are not requests yet, so they are 404 like strangers."""
    application = db.session.execute(
        db.select(Application).filter_by(token=token)
    ).scalar_one_or_none() if len(token) <= TOKEN_MAX else None
    if application is None or application.status == ApplicationStatus.DRAFT:
        abort(404)
    if application.ticket is not None:
        g.default_lang = application.ticket.lang
    return application


def request_context(token: str) -> dict:
    """The request, and whether its page keeps asking: not once it is handed over or refused."""
    application = load_request(token)
    return {"application": application, "polling": is_open(application)}


@bp.get("/r/<token>")
def request_status(token: str):
    """Show an applicant's request on their phone: number, status in words, dates."""
    return render_template("applicant/request_status.html", **request_context(token))


@bp.get("/r/<token>/status")
def request_status_live(token: str):
    """Render the status page's live part alone, for its polling (304 when unchanged)."""
    return live_fragment("applicant/_request_status.html", **request_context(token))

