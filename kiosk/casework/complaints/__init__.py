"""The complaint register (the passport's appeal procedure): complaints registered at the hall or
at the provider's office with an incoming number, the confirmation given to the complainant, and
the reasoned answer, once; ``status/`` is the public page behind the confirmation's QR."""

from flask import Blueprint

bp = Blueprint("complaints", __name__, url_prefix="/complaints")

from kiosk.casework.complaints import views  # noqa: E402,F401 - the routes join bp
