"""Keep personal data, tokens and certificate codes out of the logs.

A ticket's token (``/t/…``, ``/kiosk/ticket/…``), a request's (``/r/…``), a complaint's (``/c/…``)
and a certificate's code (``/v/…``, ``/api/v1/verify/…``) are in the address by design (the QR
codes open them), and so are a booking's code and the portal's request id in the portal's APIs
(``/api/v1/bookings/…``, ``/api/v1/requests/…``), so a request's log line would carry them; so
would a search for a scanned receipt, where the address travels percent-encoded in the query,
and so would a certificate's short code typed into the verification form (``/v/?code=…``).
The development server's log (``werkzeug``), gunicorn's access and error logs and the app's own
log get a filter that replaces them with ``[token]`` or ``[code]``. Gunicorn writes no access log
unless started with ``--access-logfile``; a reverse proxy in front must drop or redact the same
addresses in its own access log. IINs and names travel in POST bodies, which no access log
records.

Outside tests the engine hides a statement's parameters (``hide_parameters`` in config.py) from
its log and its errors; here the rows SQLAlchemy logs at debug level are hidden too, and so are
the values PostgreSQL repeats in an error's DETAIL.
"""

import logging
import re

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext

from kiosk.web.extensions import db

SLASH = r"(?:/|%2F)"  # a scanned address in a query string is percent-encoded
SECRET_IN_ADDRESS = re.compile(
    rf"(?P<lead>{SLASH}(?P<kind>t|r|c|kiosk{SLASH}ticket|v|api{SLASH}v1{SLASH}verify"
    rf"|api{SLASH}v1{SLASH}bookings(?={SLASH}(?!slots\b))|api{SLASH}v1{SLASH}requests){SLASH}"
    r"|[?&]token=)[^\s/?#&\"'%]+",
    re.IGNORECASE,
)
# A code typed into a GET form, with whatever spacing it was typed with (``+``, ``%20``).
CODE_IN_QUERY = re.compile(r"(?P<lead>[?&]code=)[^\s&#\"']+", re.IGNORECASE)
CODE_KINDS = ("v", "api")
ADDRESS_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")
ROW_LOGGER = "sqlalchemy.engine.Engine"


def hidden(match: re.Match) -> str:
    kind = (match["kind"] or "").lower()
    secret = "[code]" if kind.startswith(CODE_KINDS) else "[token]"
    return match["lead"] + secret


def redact(message: str) -> str:
    """The message with every token and certificate code in an address replaced."""
    return CODE_IN_QUERY.sub(r"\g<lead>[code]", SECRET_IN_ADDRESS.sub(hidden, message))


class RedactAddresses(logging.Filter):
    """Replace tokens and codes in addresses before a record is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class HideRows(logging.Filter):
    """At debug level SQLAlchemy logs every row it fetches, names and IINs with them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Row %r":
            record.msg, record.args = "Row [hidden]", None
        return True


# One instance each: addFilter ignores a filter the logger already has.
REDACT_ADDRESSES = RedactAddresses()
HIDE_ROWS = HideRows()


def hide_error_details(context: ExceptionContext) -> None:
    """Keep only PostgreSQL's primary message: its DETAIL repeats the values
    (``Key (open_child_iin)=(…) already exists``, ``Failing row contains (…)``). The details
    stay in the driver error's ``diag`` for code that asks."""
    error = context.original_exception
    primary = getattr(getattr(error, "diag", None), "message_primary", None)
    if not primary:
        return
    error.args = (primary,)
    if context.sqlalchemy_exception is not None:
        kind = type(error)
        context.sqlalchemy_exception.args = (f"({kind.__module__}.{kind.__name__}) {primary}",)


def init_logs(app: Flask) -> None:
    """Filter the loggers that write addresses and rows; hide what a failed statement's error
    repeats of its values wherever the engine hides its parameters."""
    for name in ADDRESS_LOGGERS:
        logging.getLogger(name).addFilter(REDACT_ADDRESSES)
    app.logger.addFilter(REDACT_ADDRESSES)
    logging.getLogger(ROW_LOGGER).addFilter(HIDE_ROWS)
    with app.app_context():
        if db.engine.hide_parameters:
            event.listen(db.engine, "handle_error", hide_error_details)
