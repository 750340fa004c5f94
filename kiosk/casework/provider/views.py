"""The provider's pending requests, live, and the page of one request."""

from dataclasses import dataclass
from datetime import datetime

from flask import render_template

from kiosk.casework.models import Application
from kiosk.casework.people import child_name, guardian_name
from kiosk.casework.provider import bp
from kiosk.casework.provider.case_page import Deadline, application_or_404, case_page, deadline_of
from kiosk.casework.provider.queries import pending_requests
from kiosk.casework.wording import status_short_name
from kiosk.hall.settings import to_local
from kiosk.web.live import live_fragment


@bp.after_request
def never_store(response):
    """Requests name guardians and children: never keep these pages (the live list's fragment
    too) in a cache. An unchanged list still costs a 304: the page's script sends its ETag back
    (static/js/live.js)."""
    response.headers["Cache-Control"] = "no-store"
    return response


def hall_time(moment: datetime | None, pattern: str = "%d.%m.%Y\u00a0%H:%M") -> str:
    """A stored UTC moment as the hall's clock showed it."""
    return to_local(moment).strftime(pattern) if moment else ""


@bp.context_processor
def time_words() -> dict:
    return {"hall_time": hall_time}


@dataclass(frozen=True)
class PendingRow:
    """A pending request as the list shows it."""

    application: Application
    status: str
    child: str
    guardian: str
    deadline: Deadline | None

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline.left.overdue


def pending_context() -> dict:
    rows = [PendingRow(application, status_short_name(application.status), child_name(application),
                       guardian_name(application), deadline_of(application))
            for application in pending_requests()]
    return {"rows": rows}


@bp.get("/")
def pending():
    """List the requests waiting for the provider, the earliest due first."""
    return render_template("provider/pending.html", **pending_context())


@bp.get("/pending")
def pending_live():
    """The list alone, for the screen's polling (304 when nothing changed)."""
    context = pending_context()
    return live_fragment("provider/_pending.html", **context)


@bp.get("/<int:application_id>")
def application(application_id: int):
    """Show a request (the Appendix 2 data), the registry records naming its guardian or child,
    and the decisions."""
    return case_page(application_or_404(application_id))
