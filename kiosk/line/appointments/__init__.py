"""The clerk's blueprint: booked appointments at the hall."""

from flask import Blueprint

bp = Blueprint("appointments", __name__, url_prefix="/bookings")

from kiosk.line.appointments import views  # noqa: E402,F401 - the routes join bp
