"""The provider's decisions on a request: confirm (with a registry record, or with a basis entered
as a new record), refuse with a reason, or send a result asked back to the hall."""

from collections.abc import Callable

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kiosk.casework import cases as casework
from kiosk.casework.cases import guardian_iin
from kiosk.casework.models import Application, GuardianshipRecord
from kiosk.casework.provider import bp
from kiosk.casework.provider.case_page import application_or_404, case_page
from kiosk.casework.provider.forms import ChooseRecordForm, RefuseForm
from kiosk.casework.provider.queries import confirms
from kiosk.casework.registry.forms import RecordForm
from kiosk.casework.registry.queries import active_duplicate
from kiosk.casework.registry.saving import fill_record
from kiosk.forms.buttons import ButtonForm
from kiosk.web.clock import now
from kiosk.web.extensions import db
from kiosk.web.refusals import refusal_message, withdraw
from queue_mgr import DomainError
from queue_mgr.casework.applications import ApplicationStatus


def decide(application: Application, action: Callable[[], None], done: str):
    """Run a decision and commit once; a request decided meanwhile (by another officer, a double
    tap) or a certificate the rules refuse is a 409 with nothing changed."""
    try:
        action()
        db.session.commit()
    except DomainError as error:
        key = error.key if error.key.startswith("certificate_") else "decision_stale"
        return case_page(application, 409, message=withdraw(key))
    flash(done)
    return redirect(url_for("staff.provider.pending"))


def stale(application: Application, expected: ApplicationStatus):
    """The 409 page when the request is no longer in ``expected`` status, else None."""
    if application.status == expected:
        return None
    return case_page(application, 409, message=refusal_message("decision_stale"))


def basis_fits(form: RecordForm, application: Application) -> bool:
    """The basis entered must name this request's guardian and child, and be new."""
    if form.guardian_iin.data != guardian_iin(application):
        form.guardian_iin.errors.append(_("The basis must name this request's guardian "
                                          "(IIN %(iin)s).", iin=guardian_iin(application)))
    if all(entry.iin.data != application.child_iin for entry in form.children):
        form.children.errors.append(_("One of the children must be this request's child "
                                      "(IIN %(iin)s).", iin=application.child_iin))
    if form.guardian_iin.errors or form.children.errors:
        return False
    found = active_duplicate(guardian_iin(application), [application.child_iin])
    if found is not None:
        form.form_errors.append(_("The registry already holds this guardianship (order "
                                  "%(number)s): confirm with that record above.",
                                  number=found.basis_number))
    return found is None


@bp.post("/<int:application_id>/confirm")
def confirm_with_record(application_id: int):
    """Confirm the guardianship with a registry record: the certificate is ready at the hall."""
    application = application_or_404(application_id)
    if conflict := stale(application, ApplicationStatus.AT_PROVIDER):
        return conflict
    form = ChooseRecordForm()
    if not form.validate_on_submit():
        return case_page(application, 400, choose=form)
    record = db.session.get(GuardianshipRecord, form.record_id.data)
    if record is None or not confirms(record, application):
        form.record_id.errors.append(_("Choose an active record of this guardian and child."))
        return case_page(application, 400, choose=form)
    return decide(application,
                  lambda: casework.confirm(application, record, current_user, now()),
                  _("Request %(number)s confirmed: the certificate is ready at the hall.",
                    number=application.number))


def confirm_by_basis(application: Application, form: RecordForm) -> None:
    """Put the basis in the registry, then confirm with it."""
    moment = now()
    record = fill_record(GuardianshipRecord(active=True), form)
    db.session.add(record)
    db.session.flush()
    casework.add_event(application, "basis_entered", current_user, moment, record.basis_number)
    casework.confirm(application, record, current_user, moment)


@bp.post("/<int:application_id>/basis")
def confirm_with_basis(application_id: int):
    """Enter the order the guardianship rests on (it joins the registry) and confirm."""
    application = application_or_404(application_id)
    if conflict := stale(application, ApplicationStatus.AT_PROVIDER):
        return conflict
    form = RecordForm()
    if form.change_rows(request.form.get("row_action", "")):
        return case_page(application, 200, basis=form)
    if not (form.validate_on_submit() and basis_fits(form, application)):
        return case_page(application, 400, basis=form)
    return decide(application,
                  lambda: confirm_by_basis(application, form),
                  _("Request %(number)s confirmed: the certificate is ready at the hall.",
                    number=application.number))


@bp.post("/<int:application_id>/refuse")
def refuse(application_id: int):
    """Refuse with a reason: the reasoned refusal is the result handed to the applicant."""
    application = application_or_404(application_id)
    if conflict := stale(application, ApplicationStatus.AT_PROVIDER):
        return conflict
    form = RefuseForm()
    if not form.validate_on_submit():
        return case_page(application, 400, refuse=form)
    return decide(application,
                  lambda: casework.refuse(application, form.reason.data, current_user, now()),
                  _("Request %(number)s refused: the reasoned refusal is ready at the hall.",
                    number=application.number))


@bp.post("/<int:application_id>/returned")
def returned(application_id: int):
    """The result the hall asked back has been sent: it is ready at the hall again."""
    application = application_or_404(application_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if conflict := stale(application, ApplicationStatus.REQUESTED_BACK):
        return conflict
    return decide(application,
                  lambda: casework.returned(application, current_user, now()),
                  _("Request %(number)s is back at the hall.", number=application.number))
