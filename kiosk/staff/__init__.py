"""The staff blueprint: sign-in, sign-out, the staff home; every staff screen nests in it."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from kiosk.staff import views  # noqa: E402,F401 - the routes join bp
