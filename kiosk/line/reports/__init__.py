"""The reports' blueprint: the hall's figures over a range of days, as tables and CSV."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")

from kiosk.line.reports import views  # noqa: E402,F401 - the routes join bp
