"""Languages: Kazakh (default), Russian, English; ``?lang=`` switches and a cookie remembers."""

from dataclasses import dataclass

from flask import Flask, g, request, url_for
from flask_babel import get_locale

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


def remember_language(response):
    asked = request.args.get(COOKIE)
    if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
    return response


def current_language() -> str:
    return get_locale().language


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
        language_links=language_links,
    )
