"""The papers of a complaint, each in Kazakh and in Russian on one sheet whatever the screen's
language: the confirmation of its registration the complainant takes away (with the QR code of
its public status page), and the reasoned answer."""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from kiosk.casework.complaints.models import Complaint
from kiosk.hall.settings import to_local
from kiosk.web.qr import public_url, qr_svg
from queue_mgr.casework.complaints import Place

PAPER_LANGUAGES = ("kk", "ru")


@dataclass(frozen=True)
class Half:
    """One language's copy of a paper, rendered in that language."""

    lang: str
    html: Markup


def when(moment: datetime | None, pattern: str = "%d.%m.%Y %H:%M") -> str:
    """A stored moment in the hall's time zone, as the papers print it."""
    return to_local(moment).strftime(pattern) if moment else ""


def status_url(complaint: Complaint) -> str:
    """The complaint's public status page, as the confirmation's QR code holds it."""
    return public_url(f"/c/{complaint.token}")


def office_details(place: str, lang: str) -> dict:
    """The office that registered the complaint, and answers it, as a paper in ``lang`` names
    it (rendered in that language)."""
    config, suffix = current_app.config, lang.upper()
    provider = config[f"ISSUING_BODY_{suffix}"]
    if place == Place.HALL:
        return {"issuer": _('Non-profit JSC State Corporation "Government for Citizens"'),
                "department": config[f"HALL_DEPARTMENT_{suffix}"],
                "office_name": config["HALL_NAME"] or _("Government for Citizens service hall"),
                "office_address": config[f"HALL_ADDRESS_{suffix}"],
                "office_phone": config["HALL_PHONE"], "provider": provider}
    return {"issuer": provider, "department": "", "office_name": provider, "office_address": "",
            "office_phone": "", "provider": provider}


def halves(template: str, complaint: Complaint, with_qr: bool = False) -> list[Half]:
    """The paper rendered once in each of the two languages."""
    rendered = []
    for lang in PAPER_LANGUAGES:
        with force_locale(lang):
            qr = qr_svg(status_url(complaint), _("The status of the complaint")) if with_qr \
                else None
            html = render_template(template, lang=lang, complaint=complaint, qr=qr,
                                   **office_details(complaint.place, lang))
            rendered.append(Half(lang, Markup(html)))
    return rendered


def confirmation_halves(complaint: Complaint) -> list[Half]:
    return halves("complaints/_confirmation.html", complaint, with_qr=True)


def answer_halves(complaint: Complaint) -> list[Half]:
    return halves("complaints/_answer.html", complaint)
