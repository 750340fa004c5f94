"""The provider's reasoned refusal on paper: an A4 letter in Kazakh and one in Russian, as HTML for
the browser's print and as a PDF made like the certificate's.

As on the certificate, the letter's wording is the document's own text in the two official
languages, kept here beside the layout rather than in the screens' catalogues. The reason is
printed as the officer wrote it, on both versions.
"""

from dataclasses import dataclass
from datetime import date

from flask import current_app, render_template
from flask_babel import force_locale
from markupsafe import Markup

from kiosk.casework.certificates.printing import LANGUAGES, day_text, in_language, write_pdf
from kiosk.casework.models import Application, ReasonedRefusal
from kiosk.casework.people import applicant_name, guardian_name
from kiosk.hall.settings import hall_zone
from kiosk.web.extensions import db
from queue_mgr.casework.complaints import ANSWER_WORKING_DAYS, Addressee

WORDING = {
    "kk": {
        "country": "Қазақстан Республикасы",
        "provider": "көрсетілетін қызметті беруші",
        "outgoing": "Шығыс №", "year": "ж.",
        "recipient": "Көрсетілетін қызметті алушы", "representative": "Өкілі",
        "address": "Мекенжайы",
        "title": "Мемлекеттік қызмет көрсетуден дәлелді бас тарту",
        "statement": "Сіздің {date} ж. № {number} өтінішіңіз бойынша «Қорғаншылық және "
                     "қамқоршылық жөнінде анықтама беру» мемлекеттік көрсетілетін қызметін "
                     "көрсетуден мынадай негіздеме бойынша бас тартылатынын хабарлаймыз:",
        "appeal": "Осы шешіммен келіспеген жағдайда Сіз оған көрсетілетін қызметті берушінің "
                  "басшысына, мемлекеттік қызметтер көрсету сапасын бағалау және бақылау "
                  "жөніндегі уәкілетті органға не Қазақстан Республикасының заңнамасында "
                  "белгіленген тәртіппен сотқа шағымдана аласыз.",
        "terms": "Көрсетілетін қызметті берушінің басшысының атына келіп түскен шағым тіркелген "
                 "күнінен бастап {provider} жұмыс күні ішінде, уәкілетті органға келіп түскен "
                 "шағым {quality} жұмыс күні ішінде қаралады.",
        "head": "Көрсетілетін қызметті берушінің басшысы", "signature": "(қолы)",
        "head_name": "(Т.А.Ә. (бар болса))",
        "executor": "Орындаған",
    },
    "ru": {
        "country": "Республика Казахстан",
        "provider": "услугодатель",
        "outgoing": "Исх. №", "year": "г.",
        "recipient": "Услугополучатель", "representative": "Представитель",
        "address": "Адрес",
        "title": "Мотивированный отказ в оказании государственной услуги",
        "statement": "По Вашему заявлению № {number} от {date} г. сообщаем об отказе в оказании "
                     "государственной услуги «Выдача справок по опеке и попечительству» по "
                     "следующему основанию:",
        "appeal": "В случае несогласия с настоящим решением Вы вправе обжаловать его руководителю "
                  "услугодателя, в уполномоченный орган по оценке и контролю за качеством "
                  "оказания государственных услуг либо в суд в порядке, установленном "
                  "законодательством Республики Казахстан.",
        "terms": "Жалоба, поступившая на имя руководителя услугодателя, рассматривается в "
                 "течение {provider} рабочих дней со дня её регистрации, жалоба, поступившая в "
                 "уполномоченный орган, — в течение {quality} рабочих дней.",
        "head": "Руководитель услугодателя", "signature": "(подпись)",
        "head_name": "(Ф.И.О. (при наличии))",
        "executor": "Исполнитель",
    },
}


@dataclass(frozen=True)
class Letter:
    """What the letter says, whichever language prints it."""

    number: str  # empty for a refusal made before the letters were numbered: written by hand
    issued_on: date
    issuing_body_kk: str
    issuing_body_ru: str
    head_name: str
    officer: str
    request_number: str
    request_date: date
    recipient: str
    representative: str
    address: str
    reason: str


def refusal_of(application: Application) -> ReasonedRefusal | None:
    return db.session.execute(
        db.select(ReasonedRefusal).where(ReasonedRefusal.application_id == application.id)
    ).scalar_one_or_none()


def letter_of(application: Application) -> Letter:
    """The letter of a refused request: its numbered document's facts as issued (a refusal from
    before the letters were numbered takes the provider as configured now, and no number)."""
    issued = refusal_of(application)
    config = current_app.config
    zone = hall_zone()
    refused_on = application.ready_at.astimezone(zone).date() if application.ready_at else None
    return Letter(
        number=issued.number if issued else "",
        issued_on=issued.issued_on if issued else refused_on,
        issuing_body_kk=issued.issuing_body_kk if issued else config["ISSUING_BODY_KK"],
        issuing_body_ru=issued.issuing_body_ru if issued else config["ISSUING_BODY_RU"],
        head_name=issued.head_name if issued else config["ISSUING_BODY_HEAD"],
        officer=issued.officer.full_name if issued and issued.officer else "",
        request_number=application.number or "",
        request_date=application.accepted_at.astimezone(zone).date(),
        recipient=guardian_name(application),
        representative=applicant_name(application) if application.by_proxy else "",
        address=application.applicant_address, reason=application.refusal_reason,
    )


def sheet_context(letter: Letter, lang: str) -> dict:
    words = WORDING[lang]
    return {
        "letter": letter, "lang": lang, "words": words,
        "issuing_body": in_language(lang, letter.issuing_body_kk, letter.issuing_body_ru),
        "issued_on": day_text(letter.issued_on) if letter.issued_on else "",
        "statement": words["statement"].format(number=letter.request_number,
                                               date=day_text(letter.request_date)),
        "terms": words["terms"].format(provider=ANSWER_WORKING_DAYS[Addressee.PROVIDER],
                                       quality=ANSWER_WORKING_DAYS[Addressee.QUALITY_BODY]),
    }


def render_sheet(letter: Letter, lang: str) -> Markup:
    """One language's page of the letter, rendered in that language."""
    with force_locale(lang):
        return Markup(render_template("provider/_refusal_sheet.html",
                                      **sheet_context(letter, lang)))


def sheets(letter: Letter, langs: tuple[str, ...] = LANGUAGES) -> list[Markup]:
    return [render_sheet(letter, lang) for lang in langs]


def render_pdf(letter: Letter, langs: tuple[str, ...] = LANGUAGES) -> bytes:
    """The letter as a PDF/A-3b document, fonts embedded: a page per language."""
    html = render_template("provider/refusal_document.html", letter=letter, lang=langs[0],
                           sheets=sheets(letter, langs))
    return write_pdf(html, "refusal.css")
