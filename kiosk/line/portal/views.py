"""The portal's bookings API (``/api/v1/bookings``): the e-government portal's gateway reads a
service's free slots, books one (idempotent by the portal's request id), reads a booking and
cancels it. Every call carries ``Authorization: Bearer <token>`` with a token of
``KIOSK_PORTAL_TOKENS``; the answers are JSON, refusals too (``{"error", "message"}``).
"""

import re
from datetime import date, datetime, time
from functools import wraps

from flask import jsonify, request

from kiosk.hall.catalogue import catalogue
from kiosk.hall.settings import hall_zone, to_local
from kiosk.line.bookings import (
    book,
    booking_by_code,
    booking_by_request,
    cancel,
    day_slots,
)
from kiosk.line.models import Booking
from kiosk.line.portal import bp
from kiosk.web.clock import now
from kiosk.web.extensions import csrf, db
from kiosk.web.portal import REQUEST_ID, api_refusal, portal_only
from queue_mgr import DomainError
from queue_mgr.line.bookings import is_code, normalize_code

csrf.exempt(bp)  # a token in the header, never a cookie: nothing for a forged form to ride on

CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
MESSAGES = {
    "bad_request": "The request is not valid JSON with the fields this call needs.",
    "unknown_service": "This service is not offered.",
    "bad_day": "The day is a date as YYYY-MM-DD.",
    "bad_time": "The time is a time of day as HH:MM.",
    "bad_request_id": "The request id is 1 to 64 letters, digits, dots, colons, dashes or "
                      "underscores.",
    "not_a_slot": "This time is not a slot of that day, or it has passed.",
    "full": "This slot is full.",
    "request_id_reused": "This request id was used for another booking.",
    "not_found": "No booking has this code.",
    "used": "This booking has been used or cancelled already.",
}
# The gateway's stable error codes for the rules' refusals (its contract: the keys may change).
API_ERRORS = {"booking_not_a_slot": ("not_a_slot", 422), "booking_full": ("full", 409),
              "booking_not_cancellable": ("used", 409)}


def refuse(error: str, status: int):
    """A refusal the gateway reads: a stable error code, and a message for its log."""
    return api_refusal(error, MESSAGES[error], status)


def as_json(booking: Booking) -> dict:
    slot = to_local(booking.slot_at)
    return {"code": booking.code, "service": booking.service.code, "day": slot.date().isoformat(),
            "time": slot.strftime("%H:%M"), "status": booking.status,
            "ticket": booking.ticket.code if booking.ticket else None}


def parse_day(text) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
    except ValueError:
        return None


@bp.get("/slots")
@portal_only
def slots():
    """A service's slots on a day, with their free seats: ``?service=CODE&day=YYYY-MM-DD``."""
    service = catalogue().service(request.args.get("service", ""))
    if service is None:
        return refuse("unknown_service", 422)
    day = parse_day(request.args.get("day"))
    if day is None:
        return refuse("bad_day", 422)
    return jsonify(service=service.code, day=day.isoformat(), slots=[
        {"time": to_local(slot.starts).strftime("%H:%M"), "seats": slot.seats, "free": slot.free}
        for slot in day_slots(service.id, day, now())])


def booking_request() -> tuple[dict | None, tuple | None]:
    """The booking asked for, or the refusal of a malformed one."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return None, refuse("bad_request", 400)
    service = catalogue().service(body.get("service")) if isinstance(body.get("service"), str) \
        else None
    day, clock, request_id = parse_day(body.get("day")), body.get("time"), body.get("request_id")
    for wrong, error in ((service is None, "unknown_service"), (day is None, "bad_day"),
                         (not isinstance(clock, str) or not CLOCK.fullmatch(clock), "bad_time"),
                         (not isinstance(request_id, str) or not REQUEST_ID.fullmatch(request_id),
                          "bad_request_id")):
        if wrong:
            return None, refuse(error, 422)
    hour, minute = map(int, clock.split(":"))
    slot = datetime.combine(day, time(hour, minute), tzinfo=hall_zone())
    return {"service": service, "slot": slot, "request_id": request_id}, None


def same_booking(booking: Booking, asked: dict):
    """A request id sent again: the same booking, if it asked for the same."""
    if booking.service_id != asked["service"].id or booking.slot_at != asked["slot"]:
        return refuse("request_id_reused", 409)
    return jsonify(as_json(booking)), 200


@bp.post("")
@portal_only
def make():
    """Book a slot: ``{"request_id", "service", "day", "time"}`` → 201 with the booking's code
    (200 with the same booking when the request id is sent again)."""
    asked, refusal = booking_request()
    if refusal is not None:
        return refusal
    existing = booking_by_request(asked["request_id"])
    if existing is not None:
        return same_booking(existing, asked)
    try:
        booking = book(asked["service"], asked["slot"], now(), "portal",
                       request_id=asked["request_id"])
        db.session.commit()
    except DomainError as refused:
        db.session.rollback()
        existing = booking_by_request(asked["request_id"])  # the same request, raced
        if existing is not None:
            return same_booking(existing, asked)
        return refuse(*API_ERRORS[refused.key])
    return jsonify(as_json(booking)), 201


def with_booking(view):
    """The booking the address names (404 when none has the code) as the view's argument."""
    @wraps(view)
    def found(code: str):
        code = normalize_code(code)
        booking = booking_by_code(code) if is_code(code) else None
        return refuse("not_found", 404) if booking is None else view(booking)

    return found


@bp.get("/<code>")
@portal_only
@with_booking
def read(booking: Booking):
    """A booking by its code: its service, day, time and status (and its ticket's number)."""
    return jsonify(as_json(booking))


@bp.delete("/<code>")
@portal_only
@with_booking
def remove(booking: Booking):
    """Cancel a booking not used yet."""
    try:
        cancel(booking)
    except DomainError as refused:
        db.session.rollback()
        return refuse(*API_ERRORS[refused.key])
    db.session.commit()
    return jsonify(as_json(booking))
