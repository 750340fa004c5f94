"""The applicant's blueprint: the touchscreen kiosk and the ticket page on their phone."""

from flask import Blueprint

bp = Blueprint("applicant", __name__)

from kiosk.line.applicant import help, views  # noqa: E402,F401 - the routes join bp
