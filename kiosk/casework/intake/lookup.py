"""Finding a result at the window: by the request number, or by the code of the receipt's QR."""

import re

from flask_babel import lazy_gettext as _l

from kiosk.casework.models import Application
from kiosk.web.extensions import db

NUMBER = re.compile(r"\d{4}-\d{5,6}")
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,43}")
STATUS_PATH = re.compile(r"/r/([A-Za-z0-9_-]+)/?$")

MALFORMED = _l("This is not a request number: it looks like 2026-00001 on the receipt.")
UNKNOWN = _l("No request has this number (or code). Check it against the receipt.")


class NoResult(Exception):
    """The search found no result: ``status`` is 400 (malformed) or 404 (unknown)."""

    def __init__(self, status: int, message):
        super().__init__(str(message))
        self.status = status
        self.message = message


def scanned_token(text: str) -> str:
    """The token from a scanned status address (``https://.../r/<token>``), or the text itself."""
    match = STATUS_PATH.search(text)
    return match.group(1) if match else text


def lookup_key(number: str, token: str) -> tuple[str, str] | None:
    """What was asked for, as ("number" | "token", value), or None when nothing was.

    The search box takes a number or a scanned QR code, so a status address typed into
    ``number`` counts as a token.
    """
    number, token = number.strip(), token.strip()
    if number and NUMBER.fullmatch(number):
        return "number", number
    text = token or (number if "/r/" in number else "")
    if text and TOKEN.fullmatch(scanned_token(text)):
        return "token", scanned_token(text)
    if number or token:
        raise NoResult(400, MALFORMED)
    return None


def find_result(key: tuple[str, str]) -> Application:
    """The application of a request number or status token."""
    kind, value = key
    column = Application.number if kind == "number" else Application.token
    application = db.session.execute(
        db.select(Application).where(column == value)
    ).scalar_one_or_none()
    if application is None:
        raise NoResult(404, UNKNOWN)
    return application
