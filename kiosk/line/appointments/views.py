"""Booked appointments at the hall: a clerk books a slot for a caller and cancels bookings;
the day's bookings with their codes and what became of them."""

from datetime import datetime, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kiosk.forms.buttons import ButtonForm
from kiosk.forms.fields import today
from kiosk.hall.catalogue import catalogue
from kiosk.hall.settings import hall_zone
from kiosk.line.appointments import bp
from kiosk.line.appointments.forms import BookForm, ServiceDay
from kiosk.line.bookings import book, cancel, day_bookings, day_slots
from kiosk.line.models import Booking
from kiosk.web.clock import now
from kiosk.web.extensions import db
from kiosk.web.refusals import come_back_to, withdraw
from queue_mgr.errors import DomainError

STATES = {
    "booked": _l("Booked"), "checked_in": _l("Checked in"),
    "late": _l("Came late: an ordinary ticket"), "cancelled": _l("Cancelled"),
}


@bp.after_request
def never_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def render_day(form: ServiceDay, book_form: BookForm | None = None, status: int = 200,
               made: Booking | None = None):
    service, day = form.chosen_service, form.day.data
    valid = service is not None and day is not None and not form.errors
    return render_template(
        "appointments/day.html", form=form, book_form=book_form or BookForm(formdata=None),
        services=catalogue().services, service=service, day=day, made=made,
        slots=day_slots(service.id, day, now()) if valid else [],
        bookings=day_bookings(day) if valid else [], cancel_form=ButtonForm(formdata=None),
        booking_states=STATES,
    ), status


@bp.get("/")
def day_page():
    """The day's slots for a service, free seats, and the day's bookings."""
    asked = bool(request.args)
    default = catalogue().services[0].code if catalogue().services else ""
    form = ServiceDay(formdata=request.args if asked else None, service=default, day=today())
    if not form.validate():
        return render_day(form, status=400)
    return render_day(form)


@bp.post("/")
def make():
    """Book the chosen slot; show its code to give to the caller."""
    form = BookForm()
    day_form = ServiceDay(formdata=None, service=form.service.data, day=form.day.data)
    if not form.validate():
        day_form.validate()
        return render_day(day_form, form, 400)
    day_form.chosen_service = form.chosen_service
    hour, minute = map(int, form.time.data.split(":"))
    slot = datetime.combine(form.day.data, time(hour, minute), tzinfo=hall_zone())
    try:
        made = book(form.chosen_service, slot, now(), "staff", user=current_user)
        db.session.commit()
    except DomainError as refusal:
        form.time.errors = [withdraw(refusal)]
        return render_day(day_form, form, 409)
    return render_day(day_form, made=made)


@bp.post("/<int:booking_id>/cancel")
def cancel_booking(booking_id: int):
    """Cancel a booking not used yet; its seat is free again."""
    booking = db.session.get(Booking, booking_id) if booking_id < 2**31 else None
    if booking is None:
        abort(404)
    if not ButtonForm().validate():
        abort(400)
    target = url_for(".day_page", service=booking.service.code,
                     day=booking.day.strftime("%d.%m.%Y"))
    come_back_to(target)
    cancel(booking)
    db.session.commit()
    flash(_("Booking %(code)s cancelled.", code=booking.code))
    return redirect(target, 303)
