"""The application filled in at the kiosk, and the request's status page behind the
receipt's QR."""

from flask import Blueprint

bp = Blueprint("requests", __name__)

from kiosk.casework.requests import views  # noqa: E402,F401 - the routes join bp
