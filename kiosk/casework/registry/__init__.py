"""The guardianship registry: records provider officers keep for the state information system."""

from flask import Blueprint

bp = Blueprint("registry", __name__, url_prefix="/registry")

from kiosk.casework.registry import views  # noqa: E402,F401 - the routes join bp
