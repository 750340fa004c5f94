"""The provider's pending requests, live, and the page of one request."""

from dataclasses import dataclass
from datetime import datetime

from flask import Response, abort, render_template, request
from flask_login import current_user

from kiosk.casework import cases as casework
from kiosk.casework.certificates.printing import asked_languages
from kiosk.casework.models import Application
from kiosk.casework.papers import openable
from kiosk.casework.people import child_name, guardian_name
from kiosk.casework.provider import bp, refusal_letter
from kiosk.casework.provider.case_page import Deadline, application_or_404, case_page, deadline_of
from kiosk.casework.provider.queries import pending_requests
from kiosk.casework.wording import basis_name, in_language, status_short_name
from kiosk.forms.buttons import ButtonForm
from kiosk.hall.settings import to_local
from kiosk.web.clock import now
from kiosk.web.extensions import db
from kiosk.web.live import live_fragment
from queue_mgr.casework.applications import Outcome


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
    return {"hall_time": hall_time, "basis_name": basis_name, "in_language": in_language}


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


def refused_application(application_id: int) -> Application:
    """A request the provider refused, if this member of staff may open its papers: the
    provider's officers and the hall's heads any, an operator only the applicant's at their
    window."""
    application = openable(current_user, application_or_404(application_id), provider=True)
    if application.outcome != Outcome.REFUSAL:
        abort(404)
    return application


@bp.get("/<int:application_id>/refusal")
def refusal(application_id: int):
    """The reasoned refusal to print: the Kazakh and the Russian letter (or one of them)."""
    application = refused_application(application_id)
    letter = refusal_letter.letter_of(application)
    langs = asked_languages()
    return render_template("provider/refusal.html", application=application, letter=letter,
                           sheets=refusal_letter.sheets(letter, langs),
                           version=request.args.get("lang_version"))


@bp.post("/<int:application_id>/refusal.pdf")
def refusal_pdf(application_id: int):
    """The reasoned refusal as a PDF with its fonts embedded (``?lang_version=kk|ru``)."""
    application = refused_application(application_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    langs = asked_languages()
    letter = refusal_letter.letter_of(application)
    document = refusal_letter.render_pdf(letter, langs)
    how = "+".join(langs) + " pdf"
    casework.add_event(application, "refusal_printed", current_user._get_current_object(), now(),
                       how)
    db.session.commit()
    name = f"{letter.number or application.number}-{'-'.join(langs)}.pdf"
    return Response(document, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{name}"'})
