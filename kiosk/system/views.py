"""System endpoints: health."""

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from kiosk.extensions import db

bp = Blueprint("system", __name__)


@bp.get("/healthz")
def healthz():
    """Report the app's and the database's state as JSON (503 when the database is down)."""
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        db.session.rollback()
        database = "unavailable"
    healthy = database == "ok"
    response = jsonify(app="ok", database=database, status="ok" if healthy else "degraded")
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
