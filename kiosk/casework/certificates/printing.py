"""The certificate on paper (Appendix 1): one A4 page in Kazakh and one in Russian, as HTML for
the browser's print and as a PDF made by WeasyPrint, with the verification QR code.

The form's wording is the document's own text in the two official languages, kept here beside
the layout rather than in the screens' catalogues: a certificate exists only in Kazakh and
Russian, whatever language the staff screen is in.
"""

import atexit
import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import qrcode
import qrcode.constants
import qrcode.image.svg
from flask import abort, current_app, render_template, request
from flask_babel import force_locale
from markupsafe import Markup

from kiosk.casework.certificates.models import Certificate
from kiosk.web.qr import public_url

LANGUAGES = ("kk", "ru")
# A page holds this many children's rows as laid out, twice as many set tighter; a longer list
# runs onto a second page rather than be cut off.
ROOMY_ROWS, COMPACT_ROWS = 3, 8
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {("normal", "normal"): "DejaVuSans.ttf", ("bold", "normal"): "DejaVuSans-Bold.ttf",
              ("normal", "italic"): "DejaVuSans-Oblique.ttf",
              ("bold", "italic"): "DejaVuSans-BoldOblique.ttf"}
PDF_VARIANT = "pdf/a-3b"
SIZE_ATTRIBUTES = re.compile(r' (width|height)="[^"]*"')
PATH_ID = re.compile(r' id="qr-path"')  # two codes on a page: no duplicate ids

WORDING = {
    "kk": {
        "appendix": "«Қорғаншылық және қамқоршылық жөнінде анықтама беру» мемлекеттік "
                    "көрсетілетін қызмет стандартына 1-қосымша",
        "country": "Қазақстан Республикасы",
        "outgoing": "Шығыс №", "year": "ж.",
        "title": "Анықтама", "subtitle": "қорғаншылық және қамқоршылық жөнінде",
        "issued_to": "Берілді", "full_name": "(тегі, аты, әкесінің аты (бар болса))",
        "iin": "ЖСН",
        "statement": "Осы анықтама аталған тұлғаның төменде көрсетілген кәмелетке толмаған "
                     "{whom} {role} болып тағайындалғанын растайды.",
        "whom": ("баланың", "балалардың"),
        "role": {"guardian": "қорғаншысы", "trustee": "қамқоршысы",
                 "mixed": "қорғаншысы (қамқоршысы)"},
        "per_row": "Әр бала бойынша кестеде көрсетілген: 14 жасқа дейін — қорғаншы, "
                   "14 жастан 18 жасқа дейін — қамқоршы.",
        "columns": ("№", "Баланың тегі, аты, әкесінің аты (бар болса)", "Туған күні", "ЖСН",
                    "Тағайындалуы"),
        "row_role": {"guardian": "қорғаншы", "trustee": "қамқоршы"},
        "basis": "Негіздеме",
        "kinds": {
            "order": {"what": "қорғаншылық және қамқоршылық органының бұйрығы",
                      "number": "Бұйрықтың нөмірі", "date": "Бұйрықтың күні",
                      "body": "Бұйрықты шығарған орган"},
            "resolution": {"what": "қорғаншылық және қамқоршылық органының қаулысы",
                           "number": "Қаулының нөмірі", "date": "Қаулының күні",
                           "body": "Қаулыны қабылдаған орган"},
        },
        "presentation": "Анықтама талап етілген жерге ұсыну үшін берілді.",
        "head": "Органның басшысы", "signature": "(қолы)", "head_name": "(Т.А.Ә. (бар болса))",
        "seal": "М.О.",
        "number": "Анықтама №", "issued_on": "Берілген күні",
        "check": "Анықтаманы тексеру үшін QR кодты сканерлеңіз немесе {url} мекенжайын ашып, "
                 "оның астындағы кодты енгізіңіз",
        "qr_label": "Анықтаманы тексеру коды",
        "void": "Жарамсыз",
        "annulled": "Күші жойылды: {date} ж.",
        "superseded": "Орнына № {number} анықтама берілді",
    },
    "ru": {
        "appendix": "Приложение 1 к стандарту государственной услуги «Выдача справок по опеке "
                    "и попечительству»",
        "country": "Республика Казахстан",
        "outgoing": "Исх. №", "year": "г.",
        "title": "Справка", "subtitle": "об опеке и попечительстве",
        "issued_to": "Выдана", "full_name": "(фамилия, имя, отчество (при наличии))",
        "iin": "ИИН",
        "statement": "Настоящая справка подтверждает, что указанное лицо назначено {role} "
                     "{whom}.",
        "whom": ("несовершеннолетнего ребёнка, указанного ниже",
                 "несовершеннолетних детей, указанных ниже"),
        "role": {"guardian": "опекуном", "trustee": "попечителем",
                 "mixed": "опекуном (попечителем)"},
        "per_row": "По каждому ребёнку указано в таблице: до 14 лет — опекун, от 14 до 18 лет "
                   "— попечитель.",
        "columns": ("№", "Фамилия, имя, отчество (при наличии) ребёнка", "Дата рождения",
                    "ИИН", "Назначение"),
        "row_role": {"guardian": "опекун", "trustee": "попечитель"},
        "basis": "Основание",
        "kinds": {
            "order": {"what": "приказ органа опеки и попечительства",
                      "number": "Номер приказа", "date": "Дата приказа",
                      "body": "Орган, издавший приказ"},
            "resolution": {"what": "постановление органа опеки и попечительства",
                           "number": "Номер постановления", "date": "Дата постановления",
                           "body": "Орган, принявший постановление"},
        },
        "presentation": "Справка выдана для предъявления по месту требования.",
        "head": "Руководитель органа", "signature": "(подпись)",
        "head_name": "(Ф.И.О. (при наличии))",
        "seal": "М.П.",
        "number": "Справка №", "issued_on": "Дата выдачи",
        "check": "Отсканируйте QR-код или откройте {url} и введите код под ним, чтобы "
                 "проверить эту справку",
        "qr_label": "Код проверки справки",
        "void": "Недействительна",
        "annulled": "Аннулирована {date} г.",
        "superseded": "Заменена справкой № {number}",
    },
}


def in_language(lang: str, kk: str, ru: str) -> str:
    """The name a page in ``lang`` prints: each language's page its own, never the other's."""
    return kk if lang == "kk" else ru


def day_text(day: date | str) -> str:
    """A day as the form prints it: DD.MM.YYYY."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return day.strftime("%d.%m.%Y")


def verification_prefix() -> str:
    """The QR's address up to the code, lowercase (byte mode; the code follows in numeric)."""
    return public_url("/v/").lower()


def verification_url(code: str) -> str:
    """The address the certificate's QR code holds."""
    return verification_prefix() + code


def verification_hint() -> str:
    """The address to type, shortened: the host and ``/v/``, the page that takes the short
    code printed under the QR."""
    parts = urlsplit(verification_prefix())
    return f"{parts.netloc}{parts.path}"


def verification_qr(code: str) -> qrcode.QRCode:
    """The verification QR: level Q, a lowercase byte-mode prefix, then the code's digits in
    numeric mode (the densest way to carry them)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q,
                       image_factory=qrcode.image.svg.SvgPathImage, border=4)
    qr.add_data(qrcode.util.QRData(verification_prefix().encode(),
                                   mode=qrcode.util.MODE_8BIT_BYTE))
    qr.add_data(qrcode.util.QRData(code, mode=qrcode.util.MODE_NUMBER))
    qr.make(fit=True)
    return qr


def certificate_qr(code: str, label: str) -> Markup:
    """The verification QR as inline SVG, sized by CSS, with an accessible label."""
    svg = verification_qr(code).make_image().to_string(encoding="unicode")
    svg = PATH_ID.sub("", SIZE_ATTRIBUTES.sub("", svg, count=2))
    label = Markup.escape(label)
    return Markup(svg.replace("<svg ", f'<svg class="certificate-qr" role="img" '
                                       f'aria-label="{label}" ', 1))


@dataclass(frozen=True)
class ChildRow:
    name: str
    birth_date: str
    iin: str
    role: str  # guardian | trustee


def child_rows(certificate: Certificate) -> list[ChildRow]:
    return [ChildRow(child["name"], day_text(child["birth_date"]), child["iin"],
                     "trustee" if child["trusteeship"] else "guardian")
            for child in certificate.children]


def appointment(rows: list[ChildRow]) -> str:
    """guardian, trustee, or mixed (then each row says which)."""
    roles = {row.role for row in rows}
    return roles.pop() if len(roles) == 1 else "mixed"


def check_line(wording: str) -> tuple[str, str, str]:
    """The "scan or open" line split around the address, which must not break across lines."""
    before, _, after = wording.partition("{url}")
    return before, verification_hint(), after


def fit(count: int) -> str:
    """How the page holds ``count`` children: roomy, compact, or long (two pages)."""
    if count <= ROOMY_ROWS:
        return "roomy"
    return "compact" if count <= COMPACT_ROWS else "long"


def void_note(certificate: Certificate, words: dict) -> str:
    if certificate.status == "annulled" and certificate.annulled_on:
        return words["annulled"].format(date=day_text(certificate.annulled_on))
    if certificate.status == "superseded" and certificate.superseded_by:
        return words["superseded"].format(number=certificate.superseded_by.number)
    return ""


def sheet_context(certificate: Certificate, lang: str) -> dict:
    words = WORDING[lang]
    rows = child_rows(certificate)
    role = appointment(rows)
    whom = words["whom"][len(rows) > 1]
    return {
        "certificate": certificate, "lang": lang, "words": words, "rows": rows, "mixed": role
        == "mixed", "statement": words["statement"].format(whom=whom, role=words["role"][role]),
        "issuing_body": in_language(lang, certificate.issuing_body_kk,
                                    certificate.issuing_body_ru),
        "basis": words["kinds"][certificate.basis_kind],
        "basis_body": in_language(lang, certificate.basis_body_kk, certificate.basis_body_ru),
        "issued_on": day_text(certificate.issued_on),
        "basis_date": day_text(certificate.basis_date),
        "qr": certificate_qr(certificate.code, words["qr_label"]),
        "check": check_line(words["check"]),
        "void": certificate.status != "valid", "void_note": void_note(certificate, words),
        "fit": fit(len(rows)),
    }


def render_sheet(certificate: Certificate, lang: str) -> Markup:
    """One language's page of the certificate, rendered in that language."""
    with force_locale(lang):
        return Markup(render_template("certificates/_sheet.html",
                                      **sheet_context(certificate, lang)))


def sheets(certificate: Certificate, langs: tuple[str, ...] = LANGUAGES) -> list[Markup]:
    return [render_sheet(certificate, lang) for lang in langs]


class PdfStyles:
    """The embedded fonts and each document's stylesheets, parsed once per process (the parse is
    a good part of a render). One render at a time per process: the font configuration is
    shared, and certificates and refusals are printed a few an hour, so the lock costs nothing."""

    def __init__(self):
        self.lock = threading.Lock()
        self.fonts = self.faces = None
        self.loaded: dict[str, list] = {}

    @staticmethod
    def font_faces() -> str:
        rules = []
        for (weight, style), name in FONT_FILES.items():
            path, face = DEJAVU / name, name.removesuffix(".ttf")
            # Without Debian's fonts-dejavu-core WeasyPrint falls back to the system's fonts.
            source = f'local("{face}"), url("{path.as_uri()}")' if path.exists() \
                else f'local("{face}")'
            rules.append(f'@font-face {{ font-family: "Certificate Sans"; src: {source}; '
                         f"font-weight: {weight}; font-style: {style}; }}")
        return "\n".join(rules)

    def load(self, stylesheet: str):
        """The font configuration and the stylesheets of a document laid out by ``stylesheet``,
        a file of ``static/css`` (call with the lock held)."""
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        if self.fonts is None:
            self.fonts = FontConfiguration()
            self.faces = CSS(string=self.font_faces(), font_config=self.fonts)
        if stylesheet not in self.loaded:
            css = Path(current_app.static_folder) / "css" / stylesheet
            self.loaded[stylesheet] = [self.faces,
                                       CSS(filename=str(css), font_config=self.fonts)]
        return self.fonts, self.loaded[stylesheet]

    def clear(self) -> None:
        self.fonts, self.faces, self.loaded = None, None, {}


PDF_STYLES = PdfStyles()
# Dropped before the interpreter tears its modules down, so the fonts' cleanup can still run.
atexit.register(PDF_STYLES.clear)


def write_pdf(html: str, stylesheet: str) -> bytes:
    """A document as a PDF/A-3b, fonts embedded, laid out by a stylesheet of ``static/css``."""
    from weasyprint import HTML  # heavy: loaded when the first PDF is asked for

    with PDF_STYLES.lock:
        fonts, stylesheets = PDF_STYLES.load(stylesheet)
        return HTML(string=html, base_url=current_app.static_folder).write_pdf(
            stylesheets=stylesheets, font_config=fonts, pdf_variant=PDF_VARIANT)


def render_pdf(certificate: Certificate, langs: tuple[str, ...] = LANGUAGES) -> bytes:
    """The certificate as a PDF/A-3b document, fonts embedded: a page per language."""
    html = render_template("certificates/document.html", certificate=certificate,
                           lang=langs[0], sheets=sheets(certificate, langs))
    return write_pdf(html, "certificate.css")


def asked_languages() -> tuple[str, ...]:
    """``?lang_version=kk|ru`` for one version; both pages when absent."""
    asked = request.args.get("lang_version")
    if asked is None:
        return LANGUAGES
    if asked not in LANGUAGES:
        abort(400)
    return (asked,)
