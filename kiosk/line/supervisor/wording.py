"""The words the supervisor's screens show for the codes stored in the database."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk.line.models import TicketEvent

ACTIONS = {
    "issue": _l("Ticket issued"),
    "call": _l("Called to the window"),
    "recall": _l("Called again"),
    "start": _l("Service started"),
    "finish": _l("Service finished"),
    "no_show": _l("Marked as absent"),
    "return": _l("Returned to the line"),
    "transfer": _l("Transferred"),
    "cancel": _l("Ticket cancelled"),
    "hall_closed": _l("Closed at the hall's closing time"),
}

STATUSES = {
    "waiting": _l("In line"),
    "called": _l("Called"),
    "serving": _l("At the window"),
    "served": _l("Served"),
    "no_show": _l("Did not come"),
    "cancelled": _l("Cancelled"),
}

WINDOW_STATES = {
    "closed": _l("Closed"),
    "paused": _l("Paused"),
    "free": _l("Free"),
    "calling": _l("Calling"),
    "serving": _l("Serving"),
}

def action_label(action: str) -> str:
    """The action in the reader's language (an action added later shows as stored)."""
    return str(ACTIONS.get(action, action))


def status_label(status: str | None) -> str:
    return "" if status is None else str(STATUSES.get(status, status))


def destination_label(event: TicketEvent) -> str:
    """Where a transfer sent the applicant, in the reader's language; any other step shows its
    note (if an older one kept any) as stored."""
    if event.to_service is not None:
        return _("To the line: %(service)s", service=event.to_service.name)
    if event.to_window is not None:
        return _("To window %(number)d", number=event.to_window.number)
    return event.note or ""
