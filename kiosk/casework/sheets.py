"""Paper in the hall's two languages: a form rendered once in Kazakh and once in Russian, whatever
the screen's language, for one sheet (the receipts, the application) or one copy each (the
transfer list)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app, render_template
from flask_babel import force_locale
from markupsafe import Markup

from kiosk.hall.settings import to_local

SHEET_LANGUAGES = ("kk", "ru")


@dataclass(frozen=True)
class Half:
    """One language's copy of a form, rendered in that language."""

    lang: str
    html: Markup


def when(moment: datetime | date | None, pattern: str = "%d.%m.%Y %H:%M") -> str:
    """A moment in the hall's time zone (a day as DD.MM.YYYY), as the forms print it."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return to_local(moment).strftime(pattern)
    return moment.strftime("%d.%m.%Y")


def hall_details(lang: str) -> dict:
    """The hall as a form in ``lang`` names it: its department, address and phone."""
    config, suffix = current_app.config, lang.upper()
    return {"hall_department": config[f"HALL_DEPARTMENT_{suffix}"],
            "hall_address": config[f"HALL_ADDRESS_{suffix}"], "hall_phone": config["HALL_PHONE"],
            "hall_name": config.get("HALL_NAME", "")}


def provider_details(lang: str) -> dict:
    """The provider (the guardianship body) as a form in ``lang`` names it."""
    return {"provider": current_app.config.get(f"ISSUING_BODY_{lang.upper()}", "")}


def halves(template: str, facts: dict,
           in_language: Callable[[str], dict] | None = None) -> list[Half]:
    """The form rendered once in each of the hall's two languages; ``in_language(lang)`` gives
    what differs by language beyond the words (a QR code's label, a body's name)."""
    rendered = []
    for lang in SHEET_LANGUAGES:
        with force_locale(lang):
            extra = in_language(lang) if in_language else {}
            html = render_template(template, lang=lang, **{**hall_details(lang), **facts,
                                                           **extra})
            rendered.append(Half(lang, Markup(html)))
    return rendered
