"""Every paper the hall prints, as the printer gets it: Chromium prints each page to PDF (print
media, A4), pdftotext reads it back, and the required phrases are there in Kazakh and in
Russian; each first page is saved as a picture to look at (tests/screenshots/document-*.png).
The certificate's and the reasoned refusal's own PDFs (WeasyPrint) are checked in
tests/test_certificate_pdf.py and tests/test_refusal_letter.py."""

import shutil
import subprocess
from datetime import timedelta

import pytest

from kiosk.accounts.models import User
from kiosk.casework import cases as casework
from kiosk.casework.complaints.register import Particulars, answer_complaint, register_complaint
from kiosk.web.clock import now
from kiosk.web.extensions import db
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_provider_browser import DESKTOP
from tests.casework_helpers import APPENDIX_2, OTHER_CHILD_IIN, ready_result
from tests.conftest import STAFF_PASSWORD, require
from tests.test_access_table import complete
from tests.test_provider import accepted_request

pytestmark = pytest.mark.browser

# What each paper must say, in each of its languages (compared without case and line breaks).
PHRASES = {
    "acceptance-receipt": (
        "Құжаттарды қабылдау туралы қолхат", "Қабылданған құжаттар", "Нәтиже беріледі",
        "Расписка о приёме документов", "Принятые документы", "Результат будет выдан"),
    "refusal-receipt": (
        "Заңының 20-бабының 2-тармағын басшылыққа ала отырып", "көрсетілетін қызметті алушы",
        "Руководствуясь пунктом 2 статьи 20 Закона Республики Казахстан", "услугополучател"),
    "application": APPENDIX_2["kk"][:4] + APPENDIX_2["ru"][:4],
    "complaint-confirmation": (
        "Шағымның тіркелгенін растау", "Кіріс нөмірі", "5 жұмыс күні ішінде",
        "Подтверждение регистрации жалобы", "Входящий №", "в течение 5 рабочих дней"),
    "complaint-answer": (
        "Шағымға дәлелді жауап", "сотқа жүгінуге құқылы", "Мотивированный ответ на жалобу",
        "обратиться в суд", "Шағым қаралды."),
    "transfer-list": (
        "Көрсетілетін қызметті берушіге берілетін талап етілмеген нәтижелердің тізілімі",
        "Реестр невостребованных результатов, передаваемых услугодателю", "2026-00031",
        "2026-00032"),
}


def printed(page, name: str, tmp_path) -> str:
    """The page printed to PDF as the hall's printer gets it; its text, words single-spaced."""
    pdf = tmp_path / f"{name}.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf),
                    str(SCREENSHOTS / f"document-{name}")], check=True, timeout=60)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    return " ".join(text.split()).lower()


@pytest.fixture
def papers(app):
    """One of each paper: an accepted request, a refused package, a draft to sign, a complaint
    registered and answered, and two results handed to the provider today."""
    with app.app_context():
        head = db.session.execute(db.select(User).filter_by(username="supervisor")).scalar_one()
        draft = complete(casework.new_application(now()), OTHER_CHILD_IIN)
        refused = complete(casework.new_application(now()), "150601600781")
        db.session.flush()
        casework.refuse_intake(refused, {"application"}, head, now())
        complaint = register_complaint(Particulars(
            addressee="corporation", complainant_name="Сейітова Гүлмира",
            complainant_address="Астана, Жеңіс даңғылы, 5", complainant_phone="+7 702 555 44 33",
            subject="window", reference="4", text="Терезе маманы дөрекі сөйледі."), None, head,
            now())
        answer_complaint(complaint, "Шағым қаралды.", "post", head, now())
        for number in ("2026-00031", "2026-00032"):
            ready_result(number, "Ахметова", now() - timedelta(days=40), child_iin=None
                         if number.endswith("31") else OTHER_CHILD_IIN[:-1] + "0")
        casework.transfer_unclaimed(now())
        db.session.commit()
        ids = {"draft": draft.id, "refused": refused.id, "complaint": complaint.id}
    ids["accepted"] = accepted_request(app)
    return ids


def test_every_paper_prints_with_its_required_phrases_in_both_languages(
    app, browser, live_server, make_user, papers, tmp_path
):
    require(shutil.which("pdftotext") and shutil.which("pdftoppm"),
            "pdftotext and pdftoppm are not installed (apt-get install poppler-utils)")
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{live_server}/staff/login?lang=ru")
    page.fill("#username", make_user("supervisor"))
    page.fill("#password", STAFF_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    addresses = {
        "acceptance-receipt": f"/staff/applications/{papers['accepted']}/receipt",
        "refusal-receipt": f"/staff/applications/{papers['refused']}/receipt",
        "application": f"/staff/applications/{papers['draft']}/sheet",
        "complaint-confirmation": f"/staff/complaints/{papers['complaint']}/confirmation",
        "complaint-answer": f"/staff/complaints/{papers['complaint']}/reasoned-answer",
        "transfer-list": "/staff/applications/transfers",
    }
    missing = {}
    for name, address in addresses.items():
        page.emulate_media(media="screen")
        page.goto(f"{live_server}{address}")
        text = printed(page, name, tmp_path)
        missing[name] = [phrase for phrase in PHRASES[name] if phrase.lower() not in text]

    assert not {name: phrases for name, phrases in missing.items() if phrases}
