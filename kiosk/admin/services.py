"""The hall's services: their ticket letters, names, typical length and place in the list."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk.admin import bp
from kiosk.admin.forms import NewServiceForm, ServiceForm
from kiosk.admin.saving import copy_fields, form_page, saved
from kiosk.hall.models import Service
from kiosk.web.extensions import db

FORM = "admin/service_form.html"
FIELDS = ("letter", "name_kk", "name_ru", "name_en", "sort_order", "active")
UNIQUE_LETTER = {"letter": _l("Another service already uses this letter.")}
UNIQUE_CODE = {"code": _l("Another service already has this code.")}


def fill(service: Service, form: ServiceForm) -> Service:
    copy_fields(form, service, FIELDS)
    service.default_service_seconds = form.minutes.data * 60
    return service


def service_or_404(service_id: int) -> Service:
    return db.get_or_404(Service, service_id)


@bp.get("/services")
def services():
    """List the services in their kiosk order."""
    rows = db.session.execute(
        db.select(Service).order_by(Service.sort_order, Service.letter)
    ).scalars().all()
    return render_template("admin/services.html", services=rows)


@bp.route("/services/new", methods=["GET", "POST"])
def new_service():
    """Add a service; its code goes into printed links, so it is fixed from now on."""
    form = NewServiceForm()
    if form.validate_on_submit() and saved(
        form, Service, UNIQUE_CODE | UNIQUE_LETTER,
        lambda: db.session.add(fill(Service(code=form.code.data), form)),
    ):
        flash(_("Service %(letter)s saved.", letter=form.letter.data))
        return redirect(url_for("staff.admin.services"))
    return form_page(FORM, form, service=None)


@bp.route("/services/<int:service_id>", methods=["GET", "POST"])
def edit_service(service_id: int):
    """Change a service's letter, names, typical length, order or whether it is offered."""
    service = service_or_404(service_id)
    minutes = max(round(service.default_service_seconds / 60), 1)
    form = ServiceForm(obj=service, minutes=minutes)
    if form.validate_on_submit() and saved(
        form, Service, UNIQUE_LETTER, lambda: fill(service, form), own_id=service.id
    ):
        flash(_("Service %(letter)s saved.", letter=form.letter.data))
        return redirect(url_for("staff.admin.services"))
    return form_page(FORM, form, service=service)
