"""The operator's blueprint: the window's screen."""

from flask import Blueprint

bp = Blueprint("operator", __name__, url_prefix="/window")

from kiosk.line.operator import views  # noqa: E402,F401 - the routes join bp
