"""The provider officer's screens: pending requests and the decision on each."""

from flask import Blueprint

bp = Blueprint("provider", __name__, url_prefix="/provider")

from kiosk.casework.provider import decisions, views  # noqa: E402,F401 - the routes join bp
