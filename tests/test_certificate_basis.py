"""The certificate's basis and children (Appendix 1): an order or a resolution, its issuing body
named in each version's own language, full-name captions for a patronymic "if any", and only the
children under 18 on the day of issue. The PDF is read back as text (pdftotext), as a person
reads the paper; the forms that enter the basis refuse what is missing and save nothing."""

import html
import re
import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest

from kiosk.casework.certificates.models import Certificate
from kiosk.casework.models import GuardianshipRecord, RegistryChild
from kiosk.web.extensions import db
from tests.casework_helpers import CHILD_BIRTH, CHILD_IIN, GUARDIAN_IIN, make_iin
from tests.conftest import csrf_of, require
from tests.helpers import text_of as raw_text
from tests.test_certificates import certificates_of, load
from tests.test_provider import accepted_request, basis_fields
from tests.test_provider import load as load_application

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
GUARDIAN = "Ахметова Айгерим Болатқызы"
BODY_KK = "Медеу ауданының әкімдігі"
BODY_RU = "Акимат Медеуского района"
# Issued on 25 November 2026 (the tests' clock): who is under 18 that day.
TEEN = ("Ахметова Дана", date(2010, 3, 1), make_iin("10030160012"))  # 16: trusteeship
COME_OF_AGE_TODAY = ("Ахметов Арман", date(2008, 11, 25), make_iin("08112550015"))
LEAP_DAY_ADULT = ("Ахметова Жанар", date(2008, 2, 29), make_iin("08022960019"))
LONG_ADULT = ("Ахметов Нұрлан", date(2005, 1, 15), make_iin("05011550013"))
CHILD = ("Ахметов Ерлан", CHILD_BIRTH, CHILD_IIN)  # 11: guardianship, the request's child
ADULTS = (COME_OF_AGE_TODAY, LEAP_DAY_ADULT, LONG_ADULT)


def text_of(response) -> str:
    return html.unescape(raw_text(response))


def add_record(*children, kind: str = "resolution", body_kk: str = BODY_KK,
               body_ru: str = BODY_RU) -> int:
    """A guardianship of ``children`` (name, birth date, IIN) on a basis of ``kind``."""
    record = GuardianshipRecord(
        guardian_name=GUARDIAN, guardian_iin=GUARDIAN_IIN, basis_kind=kind,
        basis_number="No 48-қ", basis_date=date(2021, 4, 12), basis_body_kk=body_kk,
        basis_body_ru=body_ru,
        children=[RegistryChild(full_name=name, birth_date=born, iin=iin)
                  for name, born, iin in children])
    db.session.add(record)
    db.session.commit()
    return record.id


def issued(app, *children, **basis) -> Certificate:
    """The certificate a package gets at once when the registry holds its guardianship."""
    with app.app_context():
        add_record(*children, **basis)
    [certificate] = certificates_of(app, accepted_request(app))
    return certificate


def pdf_text(client, certificate: Certificate, lang: str, tmp_path: Path) -> str:
    """One version's PDF as pdftotext reads it, line by line, spaces collapsed."""
    response = client.post(f"/staff/certificates/{certificate.id}.pdf?lang_version={lang}",
                           data={"csrf_token": csrf_of(client)})
    assert response.status_code == 200
    require(shutil.which("pdftotext") is not None,
            "pdftotext not installed (apt-get install poppler-utils)")
    pdf = tmp_path / f"certificate-{lang}.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in text.splitlines())


@pytest.fixture
def supervisor(staff_client):
    client = staff_client("supervisor")
    client.set_cookie("lang", "en")
    return client


# The certificate on paper


def test_the_kazakh_pdf_of_a_resolution_says_resolution_and_names_its_body_in_kazakh_only(
        app, supervisor, tmp_path):
    certificate = issued(app, CHILD)
    text = pdf_text(supervisor, certificate, "kk", tmp_path)
    assert "Негіздеме: қорғаншылық және қамқоршылық органының қаулысы" in text
    assert "Қаулының нөмірі: No 48-қ" in text
    assert "Қаулының күні: 12.04.2021" in text
    assert f"Қаулыны қабылдаған орган: {BODY_KK}" in text
    assert BODY_RU not in text and "бұйрығы" not in text
    assert "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ" in text
    assert "АСТАНА ҚАЛАСЫ ӘКІМДІГІНІҢ БІЛІМ БАСҚАРМАСЫ" in text
    assert "УПРАВЛЕНИЕ" not in text


def test_the_russian_pdf_of_a_resolution_says_resolution_and_names_its_body_in_russian_only(
        app, supervisor, tmp_path):
    certificate = issued(app, CHILD)
    text = pdf_text(supervisor, certificate, "ru", tmp_path)
    assert "Основание: постановление органа опеки и попечительства" in text
    assert "Номер постановления: No 48-қ" in text
    assert "Дата постановления: 12.04.2021" in text
    assert f"Орган, принявший постановление: {BODY_RU}" in text
    assert BODY_KK not in text and "приказ" not in text
    assert "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АКИМАТА ГОРОДА" in text
    assert "ӘКІМДІГІНІҢ" not in text


def test_an_order_is_printed_as_an_order_in_both_languages(app, supervisor, tmp_path):
    certificate = issued(app, CHILD, kind="order")
    kazakh = pdf_text(supervisor, certificate, "kk", tmp_path)
    russian = pdf_text(supervisor, certificate, "ru", tmp_path)
    assert "қорғаншылық және қамқоршылық органының бұйрығы" in kazakh
    assert f"Бұйрықты шығарған орган: {BODY_KK}" in kazakh and "қаулы" not in kazakh.lower()
    assert "приказ органа опеки и попечительства" in russian
    assert f"Орган, издавший приказ: {BODY_RU}" in russian
    assert "постановлени" not in russian


def test_the_full_name_captions_say_the_patronymic_is_given_if_there_is_one(
        app, supervisor, tmp_path):
    certificate = issued(app, CHILD)
    kazakh = pdf_text(supervisor, certificate, "kk", tmp_path)
    russian = pdf_text(supervisor, certificate, "ru", tmp_path)
    assert "(тегі, аты, әкесінің аты (бар болса))" in kazakh
    assert "Баланың тегі, аты, әкесінің аты (бар болса)" in kazakh
    assert "(Т.А.Ә. (бар болса))" in kazakh
    assert "(фамилия, имя, отчество (при наличии))" in russian
    assert "Фамилия, имя, отчество (при наличии)" in russian
    assert "(Ф.И.О. (при наличии))" in russian


def test_only_the_children_under_18_on_the_issue_day_are_listed_each_with_its_role(
        app, supervisor, tmp_path):
    certificate = issued(app, CHILD, TEEN, *ADULTS)
    assert [row["iin"] for row in certificate.children] == [CHILD[2], TEEN[2]]
    assert [row["trusteeship"] for row in certificate.children] == [False, True]
    kazakh = pdf_text(supervisor, certificate, "kk", tmp_path)
    russian = pdf_text(supervisor, certificate, "ru", tmp_path)
    for text in (kazakh, russian):
        assert f"1 Ахметов Ерлан 01.06.2015 {CHILD[2]}" in text
        assert f"2 Ахметова Дана 01.03.2010 {TEEN[2]}" in text
        for name, _born, iin in ADULTS:
            assert name not in text and iin not in text
    assert "қорғаншысы (қамқоршысы)" in kazakh
    assert re.search(rf"{CHILD[2]} қорғаншы\b", kazakh)
    assert re.search(rf"{TEEN[2]} қамқоршы\b", kazakh)
    assert "опекуном (попечителем)" in russian
    assert f"{CHILD[2]} опекун" in russian and f"{TEEN[2]} попечитель" in russian


def test_a_record_whose_child_of_the_request_has_come_of_age_goes_to_the_provider(app):
    with app.app_context():
        add_record(("Ахметов Ерлан", date(2008, 2, 29), CHILD_IIN))
    application_id = accepted_request(app)
    assert load_application(app, application_id).status == "at_provider"
    assert certificates_of(app, application_id) == []


def test_the_provider_cannot_confirm_with_a_record_of_adults_only(app, staff_client):
    application_id = accepted_request(app)
    with app.app_context():
        record_id = add_record(("Ахметов Ерлан", date(2008, 11, 25), CHILD_IIN))
    provider = staff_client("provider")
    provider.set_cookie("lang", "en")
    page = f"/staff/provider/{application_id}"
    response = provider.post(f"{page}/confirm", data={"csrf_token": csrf_of(provider, page),
                                                      "record_id": str(record_id)})
    assert response.status_code == 409
    assert "No child of this guardianship is under 18 today" in text_of(response)
    assert load_application(app, application_id).status == "at_provider"
    assert certificates_of(app, application_id) == []


def test_a_certificate_whose_children_have_all_come_of_age_is_not_reissued(
        app, staff_client, clock):
    with app.app_context():
        add_record(("Ахметов Ерлан", date(2008, 12, 1), CHILD_IIN))
    [certificate] = certificates_of(app, accepted_request(
        app, child_birth_date=date(2008, 12, 1)))
    clock.advance(days=6)  # 1 December 2026: the child is 18
    supervisor = staff_client("supervisor")  # signed in after the days went by
    supervisor.set_cookie("lang", "en")
    page = f"/staff/certificates/{certificate.id}"
    response = supervisor.post(f"{page}/reissue", data={"csrf_token": csrf_of(supervisor, page)})
    assert response.status_code == 409
    assert "No child of this guardianship is under 18 today" in text_of(response)
    assert load(app, certificate.id).status == "valid"
    assert len(certificates_of(app, certificate.application_id)) == 1


def test_the_pdf_page_is_saved_as_a_picture(app, supervisor, tmp_path):
    """A person looks at the page: tests/screenshots/certificate-resolution-ru.png."""
    certificate = issued(app, CHILD, TEEN, COME_OF_AGE_TODAY)
    response = supervisor.post(f"/staff/certificates/{certificate.id}.pdf?lang_version=ru",
                               data={"csrf_token": csrf_of(supervisor)})
    require(shutil.which("pdftoppm") is not None, "pdftoppm not installed (poppler-utils)")
    SCREENSHOTS.mkdir(exist_ok=True)
    pdf = SCREENSHOTS / "certificate-resolution-ru.pdf"
    pdf.write_bytes(response.data)
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf),
                    str(SCREENSHOTS / "certificate-resolution-ru")], check=True, timeout=60)
    assert (SCREENSHOTS / "certificate-resolution-ru.png").stat().st_size > 10_000


# The forms that enter the basis

REGISTRY_NEW = "/staff/registry/new"


def record_fields(**changes) -> dict[str, str]:
    fields = {
        "guardian_name": GUARDIAN, "guardian_iin": GUARDIAN_IIN, "basis_kind": "resolution",
        "basis_number": "No 48-қ", "basis_date": "12.04.2021", "basis_body_kk": BODY_KK,
        "basis_body_ru": BODY_RU, "children-0-full_name": "Ахметов Ерлан",
        "children-0-birth_date": "01.06.2015", "children-0-iin": CHILD_IIN,
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


@pytest.fixture
def officer(staff_client):
    client = staff_client("provider")
    client.set_cookie("lang", "en")
    return client


def record_count(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(db.func.count(GuardianshipRecord.id))).scalar()


def post(client, url: str, page: str, **fields):
    return client.post(url, data={"csrf_token": csrf_of(client, page), **fields})


@pytest.mark.parametrize(("changes", "message"), [
    ({"basis_kind": None}, "Choose whether the basis is an order or a resolution."),
    ({"basis_kind": "decree"}, "Choose whether the basis is an order or a resolution."),
    ({"basis_kind": ""}, "Choose whether the basis is an order or a resolution."),
    ({"basis_body_kk": " "}, "Enter the name of the body in Kazakh."),
    ({"basis_body_ru": None}, "Enter the name of the body in Russian."),
])
def test_the_registry_refuses_a_record_without_its_basis_kind_or_a_body_name(
        app, officer, changes, message):
    response = post(officer, REGISTRY_NEW, REGISTRY_NEW, **record_fields(**changes))
    assert response.status_code == 400
    assert message in text_of(response)
    assert record_count(app) == 0


def test_a_registry_record_keeps_its_kind_and_both_names_of_its_body(app, officer):
    response = post(officer, REGISTRY_NEW, REGISTRY_NEW, **record_fields())
    assert response.status_code == 302
    with app.app_context():
        record = db.session.execute(db.select(GuardianshipRecord)).scalar_one()
        assert (record.basis_kind, record.basis_body_kk, record.basis_body_ru) == (
            "resolution", BODY_KK, BODY_RU)
        record_id = record.id
    assert f"A resolution No 48-қ of 12.04.2021 {BODY_RU}" in text_of(
        officer.get("/staff/registry/"))
    officer.set_cookie("lang", "kk")
    assert "Қаулы No 48-қ" in text_of(officer.get("/staff/registry/"))
    assert BODY_KK in text_of(officer.get("/staff/registry/"))
    form = officer.get(f"/staff/registry/{record_id}").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="resolution"|<input[^>]*value="resolution"'
                     r'[^>]*checked', form)


def test_the_provider_refuses_a_basis_without_its_kind_or_a_body_name_and_saves_nothing(
        app, officer):
    application_id = accepted_request(app)
    page = f"/staff/provider/{application_id}"
    fields = {**basis_fields(), "basis_body_ru": "", "basis_kind": "указ"}
    response = post(officer, f"{page}/basis", page, **fields)
    assert response.status_code == 400
    text = text_of(response)
    assert "Choose whether the basis is an order or a resolution." in text
    assert "Enter the name of the body in Russian." in text
    assert load_application(app, application_id).status == "at_provider"
    assert record_count(app) == 0
    assert certificates_of(app, application_id) == []


def test_confirming_with_a_resolution_issues_a_certificate_resting_on_it(app, officer):
    application_id = accepted_request(app)
    page = f"/staff/provider/{application_id}"
    fields = {**basis_fields(), "basis_kind": "resolution", "basis_body_kk": BODY_KK,
              "basis_body_ru": BODY_RU}
    assert post(officer, f"{page}/basis", page, **fields).status_code == 302
    [certificate] = certificates_of(app, application_id)
    assert (certificate.basis_kind, certificate.basis_body_kk, certificate.basis_body_ru) == (
        "resolution", BODY_KK, BODY_RU)


def test_a_csv_row_naming_another_kind_of_basis_imports_nothing(app, officer):
    header = ("guardian_name,guardian_iin,basis_kind,basis_number,basis_date,basis_body_kk,"
              "basis_body_ru,child_name,child_birth_date,child_iin")
    row = f"{GUARDIAN},{GUARDIAN_IIN},шешім,No 5,2021-04-12,{BODY_KK},,Ахметов Ерлан,2015-06-01,"
    page = "/staff/registry/import"
    response = officer.post(page, data={
        "csrf_token": csrf_of(officer, page),
        "file": (BytesIO(f"{header}\n{row}{CHILD_IIN}\n".encode()), "registry.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    text = text_of(response)
    assert "Row 2: basis_kind is neither an order nor a resolution" in text
    assert "Row 2: basis_body_ru is empty." in text
    assert record_count(app) == 0


def test_the_providers_request_page_names_the_records_basis_in_the_screens_language(
        app, officer):
    application_id = accepted_request(app)
    with app.app_context():
        add_record(CHILD, kind="order")
    page = f"/staff/provider/{application_id}"
    assert f"An order No 48-қ of 12.04.2021 {BODY_RU}" in text_of(officer.get(page))
    officer.set_cookie("lang", "kk")
    assert BODY_KK in text_of(officer.get(page))
