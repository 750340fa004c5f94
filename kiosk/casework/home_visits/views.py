"""The home visit screens: the hall's list of visits (an employee's own visits for an operator),
registering a request, a visit's page (scheduling or cancelling it; at the visit, on a tablet,
the application and its documents or the result's handover), each casework step as at a
window."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kiosk.accounts.access import SUPERVISING, VISITING
from kiosk.accounts.models import User
from kiosk.casework import cases as casework
from kiosk.casework.application_form import ApplicationForm
from kiosk.casework.desk_forms import ChecklistForm, HandOverForm
from kiosk.casework.home_visits import bp, register, wording
from kiosk.casework.home_visits.forms import CancelForm, ScheduleForm, VisitForm
from kiosk.casework.models import HomeVisit
from kiosk.casework.people import applicant_name
from kiosk.casework.sheets import when
from kiosk.casework.wording import document_name, status_name
from kiosk.hall.models import Service
from kiosk.web.clock import now
from kiosk.web.errors import render_error
from kiosk.web.extensions import db
from kiosk.web.refusals import refusal_of, withdraw
from queue_mgr.casework.home_visits import VisitPurpose, VisitStatus
from queue_mgr.errors import DomainError

NOT_YOURS = _l("This visit is scheduled for another employee.")


@bp.after_request
def never_store(response):
    """Visits carry the applicant's name, address and phone: never keep them in a cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def helpers() -> dict:
    return {"purpose_name": wording.purpose_name, "visit_status_name": wording.status_name,
            "status_name": status_name, "document_name": document_name, "when": when}


def me() -> User:
    return current_user._get_current_object()


def supervises() -> bool:
    return me().role in SUPERVISING


def seen(visit_id: int) -> HomeVisit:
    """The visit, for the hall's heads or the employee it is scheduled for (403 otherwise)."""
    visit = db.get_or_404(HomeVisit, visit_id)
    if not supervises() and visit.employee_id != me().id:
        abort(make_response(render_error(403, NOT_YOURS)))
    return visit


def services() -> list[Service]:
    """The services a visit can be for: those that take an application."""
    found = db.session.execute(
        select(Service).where(Service.active.is_(True)).order_by(Service.sort_order)).scalars()
    return [service for service in found if service.takes_application]


def employees() -> list[User]:
    """Who can be sent to an applicant's home: active operators and heads of the hall."""
    return list(db.session.execute(
        select(User).where(User.active.is_(True), User.role.in_(VISITING))
        .order_by(User.full_name)).scalars())


@bp.get("/")
def index():
    """Visits to come (those to schedule first), then the latest done or cancelled; an
    operator sees the visits scheduled for them."""
    if supervises():
        return render_template("home_visits/index.html", to_come=register.visits_to_come(),
                               closed=register.visits_closed())
    return render_template("home_visits/index.html", to_come=register.visits_to_come(me()),
                           closed=[])


def form_page(form: VisitForm, status: int = 200):
    return render_template("home_visits/new.html", form=form), status


@bp.get("/new")
def new():
    """The request for a home visit, as the contact centre took it."""
    return form_page(VisitForm.blank(services()))


@bp.post("/new")
def register_request():
    """Register the request with its number; a wrong field saves nothing, and the same form
    sent twice registers one request."""
    form = VisitForm().offering(services())
    if not form.validate_on_submit():
        return form_page(form, 400)
    key = form.form_key.data
    visit = register.by_form_key(key)
    if visit is None:
        try:
            visit = register.register_visit(form.asked(), key, me(), now())
            db.session.commit()
        except DomainError as error:
            form.request_number.errors = [withdraw(error)]
            return form_page(form, 409)
        except IntegrityError:  # the same form, sent twice at once: the other sending won
            db.session.rollback()
            visit = register.by_form_key(key)
            if visit is None:
                raise
        else:
            flash(_("Request %(number)s is registered. Schedule the visit.", number=visit.number))
    return redirect(url_for(".show", visit_id=visit.id), 303)


def visit_page(visit: HomeVisit, message: str | None = None, status: int = 200, **forms):
    """A visit's page: the request, its schedule and, for its employee, the casework."""
    draft = register.visit_draft(visit)
    forms.setdefault("schedule", ScheduleForm.of(visit).staffed_by(employees()))
    forms.setdefault("cancel", CancelForm(formdata=None))
    forms.setdefault("form", ApplicationForm.of(draft) if draft else ApplicationForm(
        formdata=None, applicant_phone=visit.phone, applicant_address=visit.address))
    if "checks" not in forms and draft is not None and draft.child_birth_date is not None:
        forms["checks"] = ChecklistForm.of(casework.checklist(draft), formdata=None)
    forms.setdefault("handover", HandOverForm(formdata=None))
    visiting = visit.status == VisitStatus.SCHEDULED and visit.employee_id == me().id
    return render_template(
        "home_visits/visit.html", visit=visit, draft=draft, visiting=visiting,
        applicant=applicant_name(visit.application) if visit.application else "",
        message=message, **forms,
    ), status


@bp.get("/<int:visit_id>")
def show(visit_id: int):
    return visit_page(seen(visit_id))


def refused(visit_id: int, error: DomainError, **forms):
    """The visit's page again, with the refusal and nothing of the step kept."""
    message = withdraw(error)
    return visit_page(seen(visit_id), message, refusal_of(error).status, **forms)


@bp.post("/<int:visit_id>/schedule")
def schedule(visit_id: int):
    """Give the visit its time and employee, or move it while it is to come."""
    visit = seen(visit_id)
    form = ScheduleForm().staffed_by(employees())
    if not form.validate_on_submit():
        return visit_page(visit, status=400, schedule=form)
    try:
        register.schedule_visit(visit, form.moment(), db.session.get(User, form.employee.data),
                                now())
        db.session.commit()
    except DomainError as error:
        return refused(visit_id, error, schedule=form)
    flash(_("The visit is scheduled."))
    return redirect(url_for(".show", visit_id=visit_id), 303)


@bp.post("/<int:visit_id>/cancel")
def cancel(visit_id: int):
    visit = seen(visit_id)
    form = CancelForm()
    if not form.validate_on_submit():
        return visit_page(visit, status=400, cancel=form)
    try:
        register.cancel_visit(visit, form.cancel_reason.data, now())
        db.session.commit()
    except DomainError as error:
        return refused(visit_id, error, cancel=form)
    flash(_("The visit is cancelled."))
    return redirect(url_for(".show", visit_id=visit_id), 303)


@bp.post("/<int:visit_id>/application")
def save(visit_id: int):
    """Save the application as filled at the applicant's home; a wrong field saves nothing."""
    visit = seen(visit_id)
    draft = register.visit_draft(visit)
    form = ApplicationForm()
    form.application_id = draft.id if draft else None
    if not form.validate_on_submit():
        return visit_page(visit, status=400, form=form)
    try:
        register.save_home_draft(visit, form.fill, me(), now())
        db.session.commit()
    except DomainError as error:
        return refused(visit_id, error, form=form)
    flash(_("The application is saved. Tick the documents the applicant showed."))
    return redirect(url_for(".show", visit_id=visit_id, _anchor="checklist"), 303)


@bp.post("/<int:visit_id>/accept")
def accept(visit_id: int):
    return decide(visit_id, "accept")


@bp.post("/<int:visit_id>/refuse")
def refuse(visit_id: int):
    return decide(visit_id, "refuse")


def decide(visit_id: int, verdict: str):
    """Accept the package or refuse it as incomplete, then print its receipt."""
    visit = seen(visit_id)
    draft = register.visit_draft(visit)
    if draft is None or draft.child_birth_date is None:
        return refused(visit_id, DomainError("visit_no_application"))
    checks = ChecklistForm.of(casework.checklist(draft))
    if not checks.validate_on_submit():
        return visit_page(visit, status=400, checks=checks)
    try:
        application = register.decide_at_home(visit, verdict, checks.received_set, me(), now())
        db.session.commit()
    except IntegrityError:  # another window accepted a request for the same child meanwhile
        return refused(visit_id, DomainError("application_open_request"), checks=checks)
    except DomainError as error:
        return refused(visit_id, error, checks=checks)
    return redirect(url_for("staff.intake.receipt", application_id=application.id), 303)


@bp.post("/<int:visit_id>/hand-over")
def hand_over(visit_id: int):
    """Hand the result over at home against the identity document shown."""
    visit = seen(visit_id)
    form = HandOverForm()
    if visit.purpose != VisitPurpose.HANDOVER or not form.validate_on_submit():
        return visit_page(visit, status=400, handover=form)
    try:
        register.hand_over_at_home(visit, form.receiver(), me(), now())
        db.session.commit()
    except DomainError as error:
        return refused(visit_id, error, handover=form)
    flash(_("The result is handed over at home."))
    return redirect(url_for(".show", visit_id=visit_id), 303)
