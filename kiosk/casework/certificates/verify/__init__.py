"""Public certificate verification: the page and JSON behind the certificate's QR code."""

from flask import Blueprint

bp = Blueprint("verify", __name__)

from kiosk.casework.certificates.verify import views  # noqa: E402,F401 - the routes join bp
