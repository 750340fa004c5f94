"""The portal's requests API: the e-government portal's gateway sends a request for the
certificate, which is received at once, and reads its status and the certificate."""

from flask import Blueprint

bp = Blueprint("portal_requests", __name__, url_prefix="/api/v1/requests")

from kiosk.casework.portal import views  # noqa: E402,F401 - the routes join bp
