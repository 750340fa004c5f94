"""The provider's reasoned refusal as a document: numbered when the provider refuses, printed
in Kazakh and in Russian (a page, and a PDF made like the certificate's) with the provider, the
outgoing number and date, the recipient, the request, the reason, the right to appeal and the
signer; opened by the provider's officers and the hall's heads, by an operator only for the
applicant at their window."""

import html
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from kiosk.accounts.models import User
from kiosk.casework import cases as casework
from kiosk.casework.models import Application, ApplicationEvent, ReasonedRefusal
from kiosk.web.extensions import db
from tests.casework_helpers import GUARDIAN_IIN, REPRESENTATIVE_IIN, add_registry_record
from tests.conftest import OPEN_MOMENT, csrf_of, require
from tests.helpers import take_ticket
from tests.helpers import text_of as raw_text
from tests.test_intake import call_next
from tests.test_provider import accepted_request

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
GUARDIAN = "Ахметова Айгерим Болатқызы"
REASON = "Қорғаншылық туралы шешім табылмады / Решение об опеке не найдено."
OFFICER = "Жұмабаева Гүлнар Серікқызы"


def text_of(response) -> str:
    return html.unescape(raw_text(response))


def refused_request(app, staff_client, **fields) -> int:
    """A request the provider officer refused with REASON; its id."""
    application_id = accepted_request(app, **fields)
    provider = staff_client("provider", username="officer")
    with app.app_context():
        db.session.execute(db.update(User).filter_by(username="officer").values(
            full_name=OFFICER))
        db.session.commit()
    page = f"/staff/provider/{application_id}"
    response = provider.post(f"{page}/refuse", data={"csrf_token": csrf_of(provider, page),
                                                     "reason": REASON})
    assert response.status_code == 302
    return application_id


def letter_url(application_id: int) -> str:
    return f"/staff/provider/{application_id}/refusal"


def pdf_of(client, application_id: int, lang: str):
    return client.post(f"{letter_url(application_id)}.pdf?lang_version={lang}",
                       data={"csrf_token": csrf_of(client)})


def pdf_text(document: bytes, path: Path) -> str:
    require(shutil.which("pdftotext") is not None,
            "pdftotext not installed (apt-get install poppler-utils)")
    path.write_bytes(document)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def supervisor(staff_client):
    client = staff_client("supervisor")
    client.set_cookie("lang", "en")
    return client


def test_the_refusal_is_numbered_by_the_provider_when_it_refuses(app, staff_client):
    application_id = refused_request(app, staff_client)
    with app.app_context():
        refusal = db.session.execute(db.select(ReasonedRefusal)).scalar_one()
        assert (refusal.application_id, refusal.number, refusal.issued_on) == (
            application_id, "AST-R-2026-00001", date(2026, 11, 25))
        assert refusal.issuing_body_ru == "Управление образования акимата города Астаны"
        assert (refusal.head_name, refusal.officer.full_name) == ("Сейтқали Н. А.", OFFICER)


def test_the_kazakh_letter_says_who_refuses_whom_what_why_and_how_to_appeal(
        app, staff_client, supervisor, tmp_path):
    application_id = refused_request(app, staff_client)
    response = pdf_of(supervisor, application_id, "kk")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_text(response.data, tmp_path / "refusal-kk.pdf")
    for phrase in (
            "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", "АСТАНА ҚАЛАСЫ ӘКІМДІГІНІҢ БІЛІМ БАСҚАРМАСЫ",
            "Шығыс № AST-R-2026-00001", "25.11.2026 ж.",
            f"Көрсетілетін қызметті алушы: {GUARDIAN}", "Мекенжайы: Астана, Абай даңғылы, 10",
            "Мемлекеттік қызмет көрсетуден дәлелді бас тарту",
            "Сіздің 25.11.2026 ж. № 2026-00001 өтінішіңіз бойынша",
            "«Қорғаншылық және қамқоршылық жөнінде анықтама беру»", REASON,
            "көрсетілетін қызметті берушінің басшысына",
            "мемлекеттік қызметтер көрсету сапасын бағалау және бақылау жөніндегі уәкілетті "
            "органға", "сотқа шағымдана аласыз",
            "тіркелген күнінен бастап 5 жұмыс күні ішінде", "15 жұмыс күні ішінде",
            "Көрсетілетін қызметті берушінің басшысы", "(қолы)", "Сейтқали Н. А.",
            "(Т.А.Ә. (бар болса))", f"Орындаған: {OFFICER}"):
        assert phrase in text, phrase
    assert "Управление" not in text and "Услугополучатель" not in text


def test_the_russian_letter_says_who_refuses_whom_what_why_and_how_to_appeal(
        app, staff_client, supervisor, tmp_path):
    application_id = refused_request(app, staff_client)
    text = pdf_text(pdf_of(supervisor, application_id, "ru").data, tmp_path / "refusal-ru.pdf")
    for phrase in (
            "РЕСПУБЛИКА КАЗАХСТАН", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АКИМАТА ГОРОДА АСТАНЫ",
            "Исх. № AST-R-2026-00001", "25.11.2026 г.", f"Услугополучатель: {GUARDIAN}",
            "Адрес: Астана, Абай даңғылы, 10",
            "Мотивированный отказ в оказании государственной услуги",
            "По Вашему заявлению № 2026-00001 от 25.11.2026 г. сообщаем об отказе",
            "«Выдача справок по опеке и попечительству»", REASON,
            "руководителю услугодателя",
            "в уполномоченный орган по оценке и контролю за качеством оказания государственных "
            "услуг", "либо в суд",
            "в течение 5 рабочих дней со дня её регистрации", "в течение 15 рабочих дней",
            "Руководитель услугодателя", "(подпись)", "Сейтқали Н. А.", "(Ф.И.О. (при наличии))",
            f"Исполнитель: {OFFICER}"):
        assert phrase in text, phrase
    assert "ӘКІМДІГІНІҢ" not in text and "Көрсетілетін" not in text


def test_a_representatives_request_is_addressed_to_the_guardian_naming_the_representative(
        app, staff_client, supervisor):
    application_id = refused_request(app, staff_client)
    with app.app_context():  # as a representative with a power of attorney would have applied
        db.session.execute(db.update(Application).filter_by(id=application_id).values(
            by_proxy=True, principal_name="Сейітова Айгүл Бекқызы", principal_iin=GUARDIAN_IIN,
            applicant_iin=REPRESENTATIVE_IIN, applicant_surname="Ким", applicant_name="Марина",
            applicant_patronymic=""))
        db.session.commit()
    text = text_of(supervisor.get(f"{letter_url(application_id)}?lang_version=ru"))
    assert "Услугополучатель: Сейітова Айгүл Бекқызы" in text
    assert "Представитель: Ким Марина" in text


def test_the_page_shows_both_letters_kazakh_first_and_records_nothing(
        app, staff_client, supervisor):
    application_id = refused_request(app, staff_client)
    response = supervisor.get(letter_url(application_id))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert page.index('<article class="refusal-sheet" lang="kk">') < page.index(
        '<article class="refusal-sheet" lang="ru">')
    only_russian = supervisor.get(f"{letter_url(application_id)}?lang_version=ru")
    assert only_russian.get_data(as_text=True).count('<article class="refusal-sheet"') == 1
    assert supervisor.get(f"{letter_url(application_id)}?lang_version=en").status_code == 400
    with app.app_context():
        actions = db.session.execute(db.select(ApplicationEvent.action).filter_by(
            application_id=application_id)).scalars().all()
    assert "refusal_printed" not in actions


def test_a_pdf_is_made_only_when_asked_with_the_button_and_is_recorded(
        app, staff_client, supervisor):
    application_id = refused_request(app, staff_client)
    assert supervisor.get(f"{letter_url(application_id)}.pdf").status_code == 405
    assert supervisor.post(f"{letter_url(application_id)}.pdf?lang_version=kk").status_code == 400
    assert pdf_of(supervisor, application_id, "ru").status_code == 200
    with app.app_context():
        last = db.session.execute(
            db.select(ApplicationEvent).filter_by(application_id=application_id)
            .order_by(ApplicationEvent.id.desc()).limit(1)).scalar_one()
        assert (last.action, last.note) == ("refusal_printed", "ru pdf")


def test_the_provider_officer_opens_it_from_the_request(app, staff_client):
    application_id = refused_request(app, staff_client)
    provider = staff_client("provider")
    provider.set_cookie("lang", "en")
    request_page = provider.get(f"/staff/provider/{application_id}")
    assert f'href="{letter_url(application_id)}"' in request_page.get_data(as_text=True)
    assert "Open the reasoned refusal to print" in text_of(request_page)
    assert provider.get(letter_url(application_id)).status_code == 200
    assert pdf_of(provider, application_id, "kk").status_code == 200


def test_an_operator_opens_it_only_for_the_applicant_at_the_window(app, staff_client):
    application_id = refused_request(app, staff_client)
    operator = staff_client("operator", window=1)
    operator.set_cookie("lang", "en")
    refused = operator.get(letter_url(application_id))
    assert refused.status_code == 403
    assert "found on the handover screen" in text_of(refused)
    assert pdf_of(operator, application_id, "kk").status_code == 403

    take_ticket(app.test_client())
    call_next(operator)
    with app.app_context():
        number = db.session.get(Application, application_id).number
    handover = operator.get(f"/staff/applications/handover?number={number}")
    assert f'href="{letter_url(application_id)}"' in handover.get_data(as_text=True)
    assert "Print the reasoned refusal" in text_of(handover)
    assert operator.get(letter_url(application_id)).status_code == 200
    assert pdf_of(operator, application_id, "ru").status_code == 200


def test_nobody_signed_out_and_no_certificate_request_gets_a_letter(app, client, supervisor):
    with app.app_context():
        add_registry_record()
    ready = accepted_request(app)  # the registry held it: a certificate, no refusal
    assert supervisor.get(letter_url(ready)).status_code == 404
    assert supervisor.get(letter_url(999999)).status_code == 404
    response = client.get(letter_url(ready))
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_a_refusal_made_before_the_letters_were_numbered_prints_blanks_for_the_number(
        app, supervisor):
    application_id = accepted_request(app)
    with app.app_context():
        application = db.session.get(Application, application_id)
        casework.refuse(application, REASON, None, OPEN_MOMENT)
        db.session.execute(db.delete(ReasonedRefusal))
        db.session.commit()
    response = supervisor.get(letter_url(application_id))
    assert response.status_code == 200
    text = text_of(response)
    assert "write the outgoing number and date on the paper by hand" in text
    assert "Шығыс № ____________" in text and "Исх. № ____________" in text
    assert "25.11.2026 ж." in text and REASON in text
    assert "Орындаған" not in text


def test_the_letter_is_saved_as_a_picture(app, staff_client, supervisor):
    """A person looks at the page: tests/screenshots/refusal-kk.png."""
    application_id = refused_request(app, staff_client)
    response = pdf_of(supervisor, application_id, "kk")
    require(shutil.which("pdftoppm") is not None, "pdftoppm not installed (poppler-utils)")
    SCREENSHOTS.mkdir(exist_ok=True)
    pdf = SCREENSHOTS / "refusal-kk.pdf"
    pdf.write_bytes(response.data)
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf),
                    str(SCREENSHOTS / "refusal-kk")], check=True, timeout=60)
    assert (SCREENSHOTS / "refusal-kk.png").stat().st_size > 10_000
