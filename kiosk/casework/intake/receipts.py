"""The paper the applicant takes away: the acceptance receipt and the refusal receipt
(Appendix 3), each in Kazakh and in Russian on one sheet, whatever the screen's language."""

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from kiosk.casework.models import Application, ApplicationEvent
from kiosk.hall.settings import to_local
from kiosk.web.qr import public_url, qr_svg
from queue_mgr.casework.applications import QUICK_TERM, ApplicationStatus, Document

RECEIPT_LANGUAGES = ("kk", "ru")


@dataclass(frozen=True)
class Half:
    """One language's copy of the receipt, rendered in that language."""

    lang: str
    html: Markup


def when(moment: datetime | date | None, pattern: str = "%d.%m.%Y %H:%M") -> str:
    """A moment in the hall's time zone (a day as DD.MM.YYYY), as the forms print it."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return to_local(moment).strftime(pattern)
    return moment.strftime("%d.%m.%Y")


def full_name(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def applicant_name(application: Application) -> str:
    return full_name(application.applicant_surname, application.applicant_name,
                     application.applicant_patronymic)


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


def hall_details(lang: str) -> dict:
    """The hall as a form in ``lang`` names it: its department, address and phone."""
    config, suffix = current_app.config, lang.upper()
    return {"hall_department": config[f"HALL_DEPARTMENT_{suffix}"],
            "hall_address": config[f"HALL_ADDRESS_{suffix}"], "hall_phone": config["HALL_PHONE"]}


def halves(template: str, facts: dict) -> list[Half]:
    """The receipt rendered once in each of the hall's two languages."""
    rendered = []
    for lang in RECEIPT_LANGUAGES:
        with force_locale(lang):
            qr = None
            if "status_url" in facts:
                qr = qr_svg(facts["status_url"], _("The status of the request"))
            html = render_template(template, lang=lang, qr=qr, **facts, **hall_details(lang))
            rendered.append(Half(lang, Markup(html)))
    return rendered


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
