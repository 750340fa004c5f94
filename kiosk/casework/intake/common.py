"""The intake blueprint, shared by the window's application, the receipts and the handover."""

from datetime import date, datetime

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from kiosk.casework.intake.labels import TEMPLATE_HELPERS
from kiosk.hall.settings import to_local

bp = Blueprint("intake", __name__, url_prefix="/applications")

NOT_AT_WINDOW = _l("This applicant is not at your window now. Call them to your window first, "
                   "then open their application from it.")
NO_WINDOW = _l("You hold no window. Choose a window to take applications at it.")
NOT_SAVED = _l("Save the application first: the list of documents depends on it.")
NO_APPLICANT = _l("Call the applicant to your window first, then find their request.")
NOT_DECIDED = _l("This application has not been accepted or refused yet: it has no receipt.")


class NotAtWindow(Exception):
    """The ticket or application asked for is not the one at the operator's window."""

    def __init__(self, message=NOT_AT_WINDOW):
        super().__init__(str(message))
        self.message = message


@bp.after_request
def never_store(response):
    """Applications and receipts carry personal data: never keep them in a cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


def when(moment: datetime | date | None, pattern: str = "%d.%m.%Y %H:%M") -> str:
    """A moment in the hall's time zone (a day as DD.MM.YYYY), as the forms print it."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return to_local(moment).strftime(pattern)
    return moment.strftime("%d.%m.%Y")


@bp.context_processor
def helpers() -> dict:
    return {**TEMPLATE_HELPERS, "when": when}


@bp.errorhandler(NotAtWindow)
def not_at_window(error: NotAtWindow):
    return render_template("intake/message.html", message=error.message), 409
