"""Keep certificate codes out of the logs.

The code is in the address by design (the QR opens ``/v/<code>``), so an access log line would
carry it. The development server's log (``werkzeug``), gunicorn's access and error logs and the
app's own log get a filter that replaces the code with ``[code]``. Gunicorn writes no access log
unless started with ``--access-logfile``; a reverse proxy in front must drop or redact ``/v/`` and
``/api/v1/verify/`` paths in its own access log. The holder's IIN travels in a POST body, which
no access log records.
"""

import logging
import re

from flask import Flask

CODE_IN_PATH = re.compile(r"(/v/|/api/v1/verify/)[^\s?#\"']+")
LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


def redact(message: str) -> str:
    return CODE_IN_PATH.sub(r"\1[code]", message)


class RedactCodes(logging.Filter):
    """Replace codes in verification addresses with ``[code]`` before a record is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


REDACT_CODES = RedactCodes()  # one instance: addFilter ignores a filter it already has


def init_log_redaction(app: Flask) -> None:
    for name in LOGGERS:
        logging.getLogger(name).addFilter(REDACT_CODES)
    app.logger.addFilter(REDACT_CODES)
