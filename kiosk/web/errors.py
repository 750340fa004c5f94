"""Friendly, translated error pages: every refusal is a 4xx with a clear message, a database out
of reach a 503 (try again), never a 500 with a traceback."""

from urllib.parse import urlsplit

from flask import Flask, current_app, flash, g, jsonify, redirect, render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from kiosk.web.extensions import db
from kiosk.web.refusals import refusal_message, refusal_status
from queue_mgr.errors import DomainError

MESSAGES = {
    400: _l("The request could not be understood. Please start again."),
    403: _l("You are not allowed to do this."),
    404: _l("This page does not exist. Check the address or start again."),
    405: _l("This action cannot be done this way. Please start again."),
    409: _l("This cannot be done right now. Please start again."),
    413: _l("Too much data was sent. Please start again."),
    429: _l("Too many requests. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. Please try again or ask the hall staff."),
    503: _l("The system is briefly unavailable. Please try again in a moment."),
}
CSRF_MESSAGE = _l("This screen has expired. Please start again.")
ERROR_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               409: "conflict", 413: "too_large", 429: "too_many_requests", 500: "server_error",
               503: "unavailable"}
# The database cannot be reached (down, restarting, a dropped connection, no free connection):
# the request may simply be sent again, so it is a 503, not a server error.
OUTAGES = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)
RETRY_AFTER_SECONDS = 5


API = "/api/"  # machine addresses: their refusals are JSON, never the HTML page


def render_error(status: int, message=None):
    """Render the error page with a message and the given status (JSON under ``/api/``)."""
    text = message or MESSAGES.get(status, MESSAGES[400])
    if request.path.startswith(API):
        with force_locale("en"):
            return jsonify(error=ERROR_CODES.get(status, "bad_request"), message=str(text)), status
    if request.headers.get("HX-Request"):
        return render_template("errors/_message.html", message=text), status
    return render_template("errors/error.html", message=text, status=status), status


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def http_error(error):
        if error.code is not None and error.code < 400:
            return error  # routing redirects are exceptions too
        return render_error(error.code or 400)

    @app.errorhandler(500)
    def server_error(error):
        return render_error(500)

    app.register_error_handler(DomainError, refused)
    for outage in OUTAGES:
        app.register_error_handler(outage, database_unavailable)


def refused(error: DomainError):
    """A rule refused: nothing the request wrote is kept, and the user reads why. htmx gets the
    message fragment, ``/api/`` JSON, a form post a flash on the page it came from (303)."""
    db.session.rollback()
    status = refusal_status(error)
    if request.path.startswith(API):
        with force_locale("en"):
            return jsonify(error=error.key, message=refusal_message(error)), status
    if request.method == "POST" and not request.headers.get("HX-Request"):
        flash(refusal_message(error))
        return redirect(back_page(), 303)
    return render_error(status, refusal_message(error))


def back_page() -> str:
    """The page a refused form post returns to: the one its view named, else the page that
    posted it (this site's only), else the address posted to."""
    if "refusal_back" in g:
        return g.refusal_back
    referrer = urlsplit(request.referrer or "")
    if referrer.path and referrer.netloc in ("", request.host):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return request.path


def database_unavailable(error: Exception):
    """Answer a request the database could not serve with 503: try again soon."""
    cause = getattr(error, "orig", None) or error
    # The DBAPI's own message, never the statement's parameters (they may hold personal data).
    reason = str(cause).strip().partition("\n")[0]
    current_app.logger.warning("database unavailable: %s: %s", type(cause).__name__, reason)
    response, status = render_error(503)
    response = current_app.make_response((response, status))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response
