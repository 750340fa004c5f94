"""The hall board's blueprint: the display of calls and of the line."""

from flask import Blueprint

bp = Blueprint("board", __name__, url_prefix="/board")

from kiosk.line.board import views  # noqa: E402,F401 - the routes join bp
