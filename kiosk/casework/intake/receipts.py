"""The paper the applicant takes away: the acceptance receipt and the refusal receipt
(Appendix 3), each in Kazakh and in Russian on one sheet, whatever the screen's language."""

from flask import current_app
from flask_babel import gettext as _

from kiosk.casework import sheets
from kiosk.casework.models import Application, ApplicationEvent
from kiosk.casework.people import applicant_name
from kiosk.casework.sheets import Half
from kiosk.web.qr import public_url, qr_svg
from queue_mgr.casework.applications import QUICK_TERM, ApplicationStatus, Document


def event_of(application: Application, action: str) -> ApplicationEvent | None:
    return next((event for event in application.events if event.action == action), None)


def in_order(codes: list[str]) -> list[Document]:
    """Documents in the checklist's order, whatever order they were stored in."""
    return [document for document in Document if str(document) in set(codes)]


def status_url(application: Application) -> str:
    """The applicant's status page, as the receipt's QR code holds it."""
    return public_url(f"/r/{application.token}")


def acceptance_facts(application: Application) -> dict:
    accepted = event_of(application, "accepted")
    return {
        "application": application, "applicant": applicant_name(application),
        # The quick path: the registry held the guardianship, the result was ready at once.
        "quick": accepted is not None and accepted.note == "registry",
        "quick_term": QUICK_TERM,
        "received": in_order(application.documents or []),
        "employee": application.accepted_by.full_name if application.accepted_by else "",
        "hall_name": current_app.config.get("HALL_NAME", ""),
        "hall_hours": current_app.config.get("HALL_HOURS", ""),
        "status_url": status_url(application),
    }


def refusal_facts(application: Application) -> dict:
    refused = event_of(application, "intake_refused")
    return {
        "application": application, "applicant": applicant_name(application),
        "refused_at": refused.at if refused else None,
        "missing": in_order(application.missing_documents or []),
        "employee": application.accepted_by.full_name if application.accepted_by else "",
        "hall_name": current_app.config.get("HALL_NAME", ""),
    }


def halves(template: str, facts: dict) -> list[Half]:
    """The receipt rendered once in each of the hall's two languages, with the status QR."""
    def status_qr(_lang: str) -> dict:
        if "status_url" not in facts:
            return {"qr": None}
        return {"qr": qr_svg(facts["status_url"], _("The status of the request"))}

    return sheets.halves(template, facts, status_qr)


def receipt_kind(application: Application) -> str | None:
    """Which receipt an application has: none while it is a draft."""
    if application.status == ApplicationStatus.DRAFT:
        return None
    if application.status == ApplicationStatus.INTAKE_REFUSED:
        return "refusal"
    return "acceptance"


def receipt_halves(application: Application, kind: str) -> list[Half]:
    if kind == "refusal":
        return halves("intake/_refusal.html", refusal_facts(application))
    return halves("intake/_acceptance.html", acceptance_facts(application))
