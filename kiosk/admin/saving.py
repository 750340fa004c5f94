"""Saving an admin form: its page, the values another row holds, one commit."""

from collections.abc import Callable

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError

from kiosk.hall.catalogue import catalogue_changed
from kiosk.hall.models import PriorityCategory, Service
from kiosk.web.extensions import db

CATALOGUE = (Service, PriorityCategory)  # what the kiosk shows of the catalogue
NOT_SAVED = _l("This could not be saved: someone changed it meanwhile. Please try again.")


def form_page(template: str, form: FlaskForm, **context):
    """Render a form: 200 when first shown, 409 for a taken value, 400 for any other refusal."""
    if not form.is_submitted():
        return render_template(template, form=form, **context), 200
    status = 409 if getattr(form, "conflict", False) else 400
    return render_template(template, form=form, **context), status


def taken(form: FlaskForm, model, unique: dict, own_id: int | None = None) -> bool:
    """Put a message at each field whose value another row already holds."""
    found = False
    for name, message in unique.items():
        query = db.select(model.id).where(getattr(model, name) == form[name].data)
        if own_id is not None:
            query = query.where(model.id != own_id)
        if db.session.execute(query).first() is not None:
            form[name].errors.append(message)
            found = True
    form.conflict = found
    return found


def saved(form: FlaskForm, model, unique: dict, apply: Callable[[], object],
          own_id: int | None = None) -> bool:
    """Apply a valid form and commit once; a value another row holds stays a field message."""
    if taken(form, model, unique, own_id):
        return False
    apply()
    try:
        db.session.commit()
    except IntegrityError:  # another request took the value between the check and the commit
        db.session.rollback()
        if not taken(form, model, unique, own_id):
            form.form_errors.append(NOT_SAVED)
            form.conflict = True
        return False
    if model in CATALOGUE:
        catalogue_changed()
    return True


def copy_fields(form: FlaskForm, row, names: tuple[str, ...]):
    """Copy the named fields of a valid form onto a row; return the row."""
    for name in names:
        setattr(row, name, form[name].data)
    return row
