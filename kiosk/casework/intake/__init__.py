"""The guardianship application at the window: intake, the receipts, and handing the result
over (rules 5-11 of the service passport)."""

from flask import Blueprint

bp = Blueprint("intake", __name__, url_prefix="/applications")

from kiosk.casework.intake import handover, transfers, views  # noqa: E402,F401 - the routes join bp
