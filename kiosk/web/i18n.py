"""Languages: Kazakh (default), Russian, English; ``?lang=`` switches and a cookie remembers; a
page may set its own default (``g.default_lang``: a ticket's language, the browser's)."""

from dataclasses import dataclass
from datetime import date, datetime, time

from flask import Flask, g, request, url_for
from flask_babel import get_locale

from kiosk.web import kazakh

LANGUAGES = ("kk", "ru", "en")
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
COOKIE = "lang"
COOKIE_AGE = 365 * 24 * 3600


def select_locale() -> str:
    """Pick the asked language, then the remembered one, then the page's default, then Kazakh."""
    asked = request.args.get(COOKIE)
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return g.get("default_lang", LANGUAGES[0])


def browser_language() -> str:
    """The first of our languages the browser asks for (``kk-KZ`` is Kazakh), else Kazakh.

    For a page a stranger opens from a printed code, with no choice remembered: a Russian
    speaker's phone gets Russian at once. Werkzeug's ``best_match`` would prefer a later exact
    ``ru`` to a first ``kk-KZ``; here the browser's order wins, each tag read by its language.
    """
    for tag, _quality in request.accept_languages:  # by the browser's preference
        language = tag.replace("_", "-").split("-")[0].lower()
        if language in LANGUAGES:
            return language
    return LANGUAGES[0]


def remember_language(response):
    asked = request.args.get(COOKIE)
    if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
    return response


def current_language() -> str:
    return get_locale().language


# Times and dates inside a sentence: Kazakh puts the case ending on them («11:05-тен бастап»,
# «2026 жылғы 30 наурыздан кешіктірмей»); Russian and English print them as they are.


def time_at(moment: datetime | time) -> str:
    """A local time as "at" needs it: «10:20-ға» in Kazakh, «10:20» otherwise."""
    return kazakh.time_at(moment) if current_language() == "kk" else moment.strftime("%H:%M")


def time_from(moment: datetime | time) -> str:
    """A local time as "from" needs it: «11:05-тен» in Kazakh, «11:05» otherwise."""
    return kazakh.time_from(moment) if current_language() == "kk" else moment.strftime("%H:%M")


def date_until(day: date) -> str:
    """A day as "not later than" needs it: «2026 жылғы 30 наурыздан» in Kazakh, «30.03.2026»
    otherwise."""
    return kazakh.date_from(day) if current_language() == "kk" else day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    href: str
    current: bool


def language_links() -> list[LanguageLink]:
    """The language switch: this page in each language (a form's answer: the start screen)."""
    page = request.script_root + request.path if request.method == "GET" else None
    current = current_language()
    return [
        LanguageLink(code, LANGUAGE_NAMES[code],
                     f"{page}?{COOKIE}={code}" if page else url_for("applicant.start", lang=code),
                     code == current)
        for code in LANGUAGES
    ]


def init_i18n(app: Flask) -> None:
    app.after_request(remember_language)
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES, LANGUAGE_NAMES=LANGUAGE_NAMES, current_language=current_language,
        language_links=language_links, time_at=time_at, time_from=time_from,
        date_until=date_until,
    )
