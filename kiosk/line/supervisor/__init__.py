"""The supervisor's blueprint: the hall at a glance and the tickets' histories."""

from flask import Blueprint

bp = Blueprint("supervisor", __name__, url_prefix="/supervisor")

from kiosk.line.supervisor import views  # noqa: E402,F401 - the routes join bp
