"""The complaint's public status page behind the confirmation's QR code (``/c/<token>``)."""

from flask import Blueprint

bp = Blueprint("complaint_status", __name__)

from kiosk.casework.complaints.status import views  # noqa: E402,F401 - the routes join bp
