"""System endpoints: health, and the description of the portal's APIs."""

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from kiosk.casework.certificates.keys import signing_keys_ready
from kiosk.web.extensions import db
from kiosk.web.portal import openapi_document

OPENAPI_MAX_AGE = 300

bp = Blueprint("system", __name__)


@bp.get("/healthz")
def healthz():
    """Report the app's, the database's and the signing keys' state as JSON (503 if one fails)."""
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        db.session.rollback()
        database = "unavailable"
    keys = "ok" if signing_keys_ready(current_app) else "missing"
    healthy = database == keys == "ok"
    response = jsonify(app="ok", database=database, signing_keys=keys,
                       status="ok" if healthy else "degraded")
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/api/v1/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of the portal's APIs (bookings and requests)."""
    response = jsonify(openapi_document())
    response.headers["Cache-Control"] = f"public, max-age={OPENAPI_MAX_AGE}"
    return response
