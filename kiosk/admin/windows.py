"""The hall's windows: which services each serves, who holds it, and removing unused ones."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from kiosk.admin import bp
from kiosk.admin.forms import NewWindowForm, WindowServicesForm
from kiosk.admin.saving import form_page, saved
from kiosk.forms.buttons import ButtonForm
from kiosk.hall.models import Service
from kiosk.line.models import Ticket, TicketEvent, Window
from kiosk.web.extensions import db
from kiosk.web.refusals import withdraw
from queue_mgr.errors import DomainError

FORM = "admin/window_form.html"
UNIQUE = {"number": _l("This window number is already in use.")}


def all_services() -> list[Service]:
    return list(db.session.execute(
        db.select(Service).order_by(Service.sort_order, Service.letter)
    ).scalars())


def with_choices(form: WindowServicesForm) -> WindowServicesForm:
    form.services.choices = [SelectChoice(service.id, f"{service.letter} — {service.name}")
                             for service in all_services()]
    return form


def chosen_services(form: WindowServicesForm) -> list[Service]:
    ids = form.services.data or []
    return list(db.session.execute(
        db.select(Service).where(Service.id.in_(ids)).order_by(Service.sort_order)
    ).scalars()) if ids else []


def has_tickets(window: Window) -> bool:
    """Whether any ticket, or any step of a ticket's history (a transfer to it too), names the
    window."""
    ticket = db.select(Ticket.id).where(
        or_(Ticket.window_id == window.id, Ticket.target_window_id == window.id))
    event = db.select(TicketEvent.id).where(
        or_(TicketEvent.window_id == window.id, TicketEvent.to_window_id == window.id))
    return any(db.session.execute(query.limit(1)).first() for query in (ticket, event))


def check_deletable(window: Window) -> None:
    """Refuse to delete a window an operator holds, or one the records name."""
    if window.operator_id is not None:
        raise DomainError("window_held", number=window.number)
    if has_tickets(window):
        raise DomainError("window_used", number=window.number)


@bp.get("/windows")
def windows():
    """List the windows with their services and the operator holding each."""
    rows = db.session.execute(
        db.select(Window).options(selectinload(Window.services), selectinload(Window.operator))
        .order_by(Window.number)
    ).scalars().all()
    return render_template("admin/windows.html", windows=rows)


@bp.route("/windows/new", methods=["GET", "POST"])
def new_window():
    """Add a window with a new number and the services it serves."""
    form = with_choices(NewWindowForm())
    if form.validate_on_submit() and saved(
        form, Window, UNIQUE,
        lambda: db.session.add(Window(number=form.number.data, services=chosen_services(form))),
    ):
        flash(_("Window %(number)d saved.", number=form.number.data))
        return redirect(url_for("staff.admin.windows"))
    return form_page(FORM, form, window=None, delete_form=None)


@bp.route("/windows/<int:window_id>", methods=["GET", "POST"])
def edit_window(window_id: int):
    """Choose the services a window serves."""
    window = db.get_or_404(Window, window_id)
    form = with_choices(WindowServicesForm(services=[service.id for service in window.services]))
    if form.validate_on_submit():
        window.services = chosen_services(form)
        db.session.commit()
        flash(_("Window %(number)d saved.", number=window.number))
        return redirect(url_for("staff.admin.windows"))
    return form_page(FORM, form, window=window, delete_form=ButtonForm())


@bp.post("/windows/<int:window_id>/delete")
def delete_window(window_id: int):
    """Delete a window nobody holds and no ticket names; otherwise say why not."""
    window = db.get_or_404(Window, window_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    number = window.number
    try:
        check_deletable(window)
        db.session.delete(window)
        db.session.commit()
    except DomainError as error:
        refusal = withdraw(error)
    except IntegrityError:  # a ticket named it between the check and the commit
        refusal = withdraw("window_used", number=number)
    else:
        flash(_("Window %(number)d deleted.", number=number))
        return redirect(url_for("staff.admin.windows"))
    form = with_choices(
        WindowServicesForm(formdata=None, services=[s.id for s in window.services]))
    return render_template(FORM, form=form, window=window, delete_form=ButtonForm(),
                           refusal=refusal), 409
