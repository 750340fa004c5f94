"""Priority groups: who is served before the rest, and in which order."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk.admin import bp
from kiosk.admin.forms import PriorityForm
from kiosk.admin.saving import copy_fields, form_page, saved
from kiosk.hall.models import PriorityCategory
from kiosk.web.extensions import db

FORM = "admin/priority_form.html"
FIELDS = ("code", "name_kk", "name_ru", "name_en", "rank", "booked", "active")
UNIQUE = {"code": _l("Another priority group already has this code.")}


@bp.get("/priorities")
def priorities():
    """List the priority groups, first served first."""
    rows = db.session.execute(
        db.select(PriorityCategory).order_by(PriorityCategory.rank, PriorityCategory.code)
    ).scalars().all()
    return render_template("admin/priorities.html", priorities=rows)


@bp.route("/priorities/new", methods=["GET", "POST"])
def new_priority():
    """Add a priority group."""
    form = PriorityForm()
    if form.validate_on_submit() and saved(
        form, PriorityCategory, UNIQUE,
        lambda: db.session.add(copy_fields(form, PriorityCategory(), FIELDS)),
    ):
        flash(_("Priority group saved."))
        return redirect(url_for("staff.admin.priorities"))
    return form_page(FORM, form, priority=None)


@bp.route("/priorities/<int:priority_id>", methods=["GET", "POST"])
def edit_priority(priority_id: int):
    """Change a priority group's code, names, rank, booking flag or whether it is offered."""
    priority = db.get_or_404(PriorityCategory, priority_id)
    form = PriorityForm(obj=priority)
    if form.validate_on_submit() and saved(
        form, PriorityCategory, UNIQUE, lambda: copy_fields(form, priority, FIELDS),
        own_id=priority.id,
    ):
        flash(_("Priority group saved."))
        return redirect(url_for("staff.admin.priorities"))
    return form_page(FORM, form, priority=priority)
