"""The portal's blueprint: the e-government portal's bookings API."""

from flask import Blueprint

bp = Blueprint("portal", __name__, url_prefix="/api/v1/bookings")

from kiosk.line.portal import views  # noqa: E402,F401 - the routes join bp
