"""The application at the window (rules 5-8): the draft checked and corrected, the documents
ticked, then accepted with a receipt or refused with the refusal receipt (Appendix 3)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from kiosk.casework import cases as casework
from kiosk.casework.application_form import ApplicationForm
from kiosk.casework.application_sheet import application_halves, printable
from kiosk.casework.desk_forms import ChecklistForm
from kiosk.casework.home_visits.register import visit_of
from kiosk.casework.intake import bp
from kiosk.casework.intake.desk import (
    NOT_DECIDED,
    NOT_SAVED,
    NotAtWindow,
    casework_refusal,
    decide,
    save_draft,
    ticket_decided,
    ticket_draft,
    window_application,
    window_ticket,
)
from kiosk.casework.intake.receipts import receipt_halves, receipt_kind
from kiosk.casework.models import Application
from kiosk.casework.papers import openable
from kiosk.casework.sheets import when
from kiosk.casework.wording import (
    document_name,
    handed_to_name,
    outcome_name,
    status_name,
    step_name,
    step_note,
)
from kiosk.hall.settings import hall_zone
from kiosk.line.models import Ticket
from kiosk.web.clock import now
from kiosk.web.extensions import db
from kiosk.web.refusals import withdraw
from queue_mgr import DomainError


@bp.after_request
def never_store(response):
    """Applications and receipts carry personal data: never keep them in a cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def helpers() -> dict:
    return {"document_name": document_name, "status_name": status_name,
            "outcome_name": outcome_name, "handed_to_name": handed_to_name, "when": when,
            "step_name": step_name, "step_note": step_note}


@bp.errorhandler(NotAtWindow)
def not_at_window(error: NotAtWindow):
    return render_template("intake/message.html", message=error.message), 409


def application_page(ticket: Ticket, form: ApplicationForm | None = None,
                     checks: ChecklistForm | None = None, message: str | None = None,
                     status: int = 200):
    """The window's application screen: the form, the checklist, this ticket's receipts."""
    draft = ticket_draft(ticket)
    if form is None:
        form = ApplicationForm.of(draft) if draft else ApplicationForm(formdata=None)
    if checks is None and draft is not None and draft.child_birth_date is not None:
        checks = ChecklistForm.of(casework.checklist(draft), formdata=None)
    return render_template("intake/application.html", ticket=ticket, draft=draft, form=form,
                           checks=checks, decided=ticket_decided(ticket),
                           message=message), status


@bp.get("/ticket/<int:ticket_id>")
def at_window(ticket_id: int):
    """Show the application of the applicant at the window: filled at the kiosk, or empty."""
    return application_page(window_ticket(current_user, ticket_id))


@bp.post("/ticket/<int:ticket_id>")
def save(ticket_id: int):
    """Save the application as corrected or filled at the window; a wrong field saves nothing."""
    ticket = window_ticket(current_user, ticket_id)
    draft = ticket_draft(ticket)
    form = ApplicationForm()
    form.application_id = draft.id if draft else None
    if not form.validate_on_submit():
        return application_page(ticket, form=form, status=400)
    save_draft(ticket, draft, form, current_user._get_current_object(), now())
    db.session.commit()
    flash(_("The application is saved. Tick the documents the applicant brought."))
    return redirect(url_for(".at_window", ticket_id=ticket.id, _anchor="checklist"), 303)


@bp.post("/<int:application_id>/accept")
def accept(application_id: int):
    """Accept a complete package: a request number, the term, and the acceptance receipt."""
    return decide_at_window(application_id, "accept")


@bp.post("/<int:application_id>/refuse")
def refuse(application_id: int):
    """Refuse an incomplete package: the refusal receipt (Appendix 3) lists what is missing."""
    return decide_at_window(application_id, "refuse")


def decide_at_window(application_id: int, verdict: str):
    """Decide on the ticked documents; a refusal of the rules changes nothing (409)."""
    application, ticket = window_application(current_user, application_id)
    if application.child_birth_date is None:  # a draft begun at the kiosk, never completed
        return application_page(ticket, message=str(NOT_SAVED), status=409)
    checks = ChecklistForm.of(casework.checklist(application))
    if not checks.validate_on_submit():
        return application_page(ticket, checks=checks, status=400)
    try:
        decide(application, verdict, checks.received_set, current_user._get_current_object(),
               now())
        db.session.commit()
    except DomainError as error:
        message = withdraw(casework_refusal(error))
    except IntegrityError:  # another window accepted a request for the same child meanwhile
        message = withdraw("application_open_request")
    else:
        return redirect(url_for(".receipt", application_id=application.id), 303)
    return application_page(ticket, checks=checks, message=message, status=409)


@bp.get("/<int:application_id>/receipt")
def receipt(application_id: int):
    """The receipt to print: acceptance, or refusal for an incomplete package."""
    application = openable(current_user, db.get_or_404(Application, application_id))
    kind = receipt_kind(application)
    if kind is None:
        return render_template("intake/message.html", message=NOT_DECIDED), 409
    return render_template("intake/receipt.html", application=application, kind=kind,
                           halves=receipt_halves(application, kind), visit=visit_of(application))


@bp.get("/<int:application_id>/sheet")
def application_sheet(application_id: int):
    """The application (Appendix 2) to print for the applicant's signature, in Kazakh and
    Russian on one sheet: only for the applicant at the window."""
    application = openable(current_user, db.get_or_404(Application, application_id))
    if not printable(application):
        return render_template("intake/message.html", message=NOT_SAVED), 409
    today = now().astimezone(hall_zone()).date()
    return render_template("intake/application_sheet.html", application=application,
                           halves=application_halves(application, today))
