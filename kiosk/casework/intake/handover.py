"""Handing the result over (rules 10-11): found by its request number or the receipt's QR,
given against an identity document, requested back from the provider after a month."""

from collections.abc import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kiosk.casework import cases as casework
from kiosk.casework.desk_forms import HandOverForm
from kiosk.casework.intake import bp
from kiosk.casework.intake.desk import NO_APPLICANT, casework_refusal
from kiosk.casework.intake.lookup import NoResult, find_result, lookup_key
from kiosk.casework.models import Application
from kiosk.casework.papers import found_at_handover, openable, supervises, ticket_at_window
from kiosk.casework.people import applicant_name
from kiosk.casework.wording import handed_to_name
from kiosk.forms.buttons import ButtonForm
from kiosk.hall.settings import to_local
from kiosk.web.clock import now
from kiosk.web.extensions import db
from kiosk.web.refusals import withdraw
from queue_mgr import DomainError


def handover_page(application: Application | None, form: HandOverForm | None = None,
                  message: str | None = None, status: int = 200):
    return render_template(
        "intake/handover.html", application=application,
        applicant=applicant_name(application) if application else "",
        form=form or HandOverForm(formdata=None), button=ButtonForm(formdata=None),
        searched=request.args.get("number") or request.args.get("token") or "",
        message=message,
    ), status


def back_to(application: Application):
    """The handover screen of this result (PRG after an action)."""
    if application.number:
        return redirect(url_for(".handover", number=application.number), 303)
    return redirect(url_for(".handover", token=application.token), 303)


@bp.get("/handover")
def handover():
    """Find a result by its request number (or the receipt's QR) for the applicant at the
    window, and show what can be done."""
    user = current_user._get_current_object()
    ticket = ticket_at_window(user)
    if ticket is None and not supervises(user):
        return handover_page(None, message=str(NO_APPLICANT), status=409)
    try:
        key = lookup_key(request.args.get("number", ""), request.args.get("token", ""))
        application = find_result(key) if key else None
    except NoResult as problem:
        return handover_page(None, message=str(problem.message), status=problem.status)
    if application is not None:
        found_at_handover(application, ticket)
    return handover_page(application)


def result_found(application_id: int) -> Application:
    """The result an action names, if found for the applicant at this window."""
    return openable(current_user, db.get_or_404(Application, application_id))


@bp.post("/<int:application_id>/hand-over")
def hand_over(application_id: int):
    """Give the result against the identity document shown (and a representative's PoA)."""
    application = result_found(application_id)
    form = HandOverForm()
    if not form.validate_on_submit():
        return handover_page(application, form=form, status=400)
    try:
        casework.hand_over(application, form.receiver(), current_user._get_current_object(),
                           now())
        db.session.commit()
    except DomainError as error:
        return handover_page(application, form=form, message=withdraw(casework_refusal(error)),
                             status=409)
    flash(_("The result is handed over %(whom)s: %(name)s.", whom=handed_to_name(form.to.data),
            name=application.handover.receiver_name))
    return back_to(application)


@bp.post("/<int:application_id>/request-back")
def request_back(application_id: int):
    """The applicant came after the month: ask the provider to send the result back."""
    return storage_step(application_id, casework.request_back, lambda application: _(
        "Requested back from the provider: it is due at the hall by %(date)s.",
        date=f"{to_local(application.due_at):%d.%m.%Y}"))


@bp.post("/<int:application_id>/returned")
def returned(application_id: int):
    """The provider sent the result back: it is ready at the hall again."""
    return storage_step(application_id, casework.returned, lambda application: _(
        "The result is back at the hall: hand it over against the identity document."))


def storage_step(application_id: int, step: Callable, done: Callable[[Application], str]):
    """Run one step of the result's storage on a button; say what it did."""
    application = result_found(application_id)
    if not ButtonForm().validate_on_submit():
        return handover_page(application, status=400)
    try:
        step(application, current_user._get_current_object(), now())
        db.session.commit()
    except DomainError as error:
        return handover_page(application, message=withdraw(casework_refusal(error)), status=409)
    flash(done(application))
    return back_to(application)
