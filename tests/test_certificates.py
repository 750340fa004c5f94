"""The certificate (Appendix 1): issued when a result is ready, numbered per issuing body and
year, signed with a code anyone can check, printed in Kazakh and Russian, and annulled or
reissued by the supervisor."""

import html
import re
from datetime import date, datetime

import pytest
import qrcode.constants
import qrcode.util

from kiosk.casework import cases as casework
from kiosk.casework.certificates.issuing import issue_certificate
from kiosk.casework.certificates.keys import keyring
from kiosk.casework.certificates.models import Certificate, CertificateEvent
from kiosk.casework.certificates.printing import verification_qr, verification_url
from kiosk.casework.models import Application, GuardianshipRecord, RegistryChild
from kiosk.web.extensions import db
from queue_mgr.certificates.codes import CODE_DIGITS, CodeFields, DocumentType, read_code
from queue_mgr.certificates.short_codes import short_code_of
from tests.casework_helpers import (
    CHILD_BIRTH,
    CHILD_IIN,
    GUARDIAN_IIN,
    OTHER_CHILD_IIN,
    add_registry_record,
)
from tests.conftest import ALMATY, OPEN_MOMENT, csrf_of
from tests.helpers import take_ticket
from tests.helpers import text_of as raw_text
from tests.test_intake import call_next
from tests.test_provider import accepted_request, window_operator

GUARDIAN = "Ахметова Айгерим Болатқызы"
CHILD = "Ахметов Ерлан"


def text_of(response) -> str:
    return html.unescape(raw_text(response))


def certificates_of(app, application_id: int) -> list[Certificate]:
    with app.app_context():
        found = db.session.execute(
            db.select(Certificate).filter_by(application_id=application_id)
            .order_by(Certificate.id)).scalars().all()
        for certificate in found:
            certificate.events  # noqa: B018 - loaded before the session closes
            db.session.expunge(certificate)
        return found


def load(app, certificate_id: int) -> Certificate:
    with app.app_context():
        certificate = db.session.get(Certificate, certificate_id)
        db.session.expunge(certificate)
        return certificate


def events(app, certificate_id: int) -> list[tuple[str, str | None, str]]:
    """The certificate's history: what, by whom, the note."""
    with app.app_context():
        rows = db.session.execute(
            db.select(CertificateEvent).filter_by(certificate_id=certificate_id)
            .order_by(CertificateEvent.id)).scalars()
        return [(row.action, row.user.username if row.user else None, row.note) for row in rows]


def quick_certificate(app, moment: datetime = OPEN_MOMENT) -> Certificate:
    """A package the registry confirms, accepted at the window: its certificate."""
    with app.app_context():
        if not db.session.execute(db.select(GuardianshipRecord.id)).first():
            add_registry_record()
    [certificate] = certificates_of(app, accepted_request(app, moment))
    return certificate


def another_issue(app, certificate: Certificate, moment: datetime) -> Certificate:
    """Issue one more certificate for the same application at ``moment``."""
    with app.app_context():
        application = db.session.get(Application, certificate.application_id)
        issued = issue_certificate(application, application.registry_record, moment)
        db.session.commit()
        db.session.refresh(issued)
        db.session.expunge(issued)
        return issued


def family_record(*births: date) -> int:
    """A guardian of several children born on ``births`` (inside an app context)."""
    iins = (CHILD_IIN, OTHER_CHILD_IIN)
    record = GuardianshipRecord(
        guardian_name=GUARDIAN, guardian_iin=GUARDIAN_IIN, basis_number="No 55",
        basis_date=date(2020, 5, 4), basis_body_kk="Астана қаласының білім басқармасы",
        basis_body_ru="Управление образования города Астаны",
        children=[RegistryChild(full_name=f"Ахметов Бала{index}", birth_date=birth,
                                iin=iins[index])
                  for index, birth in enumerate(births)])
    db.session.add(record)
    db.session.commit()
    return record.id


def post(client, url: str, page: str, **data):
    return client.post(url, data={"csrf_token": csrf_of(client, page), **data})


def page_of(certificate: Certificate) -> str:
    return f"/staff/certificates/{certificate.id}"


# Issuing

def test_a_package_the_registry_confirms_gets_one_certificate_at_acceptance(app):
    certificate = quick_certificate(app)
    assert certificate.number == "AST-2026-00001"
    assert certificate.status == "valid"
    assert certificate.issued_on == date(2026, 11, 25)
    assert (certificate.guardian_name, certificate.guardian_iin) == (GUARDIAN, GUARDIAN_IIN)
    assert certificate.children == [{"name": CHILD, "birth_date": CHILD_BIRTH.isoformat(),
                                     "iin": CHILD_IIN, "trusteeship": False}]
    assert (certificate.basis_kind, certificate.basis_number, certificate.basis_date) == (
        "order", "No 1234", date(2024, 2, 1))
    assert (certificate.basis_body_kk, certificate.basis_body_ru) == (
        "Астана қаласының білім басқармасы", "Управление образования города Астаны")
    assert certificate.body_code == "AST"
    assert certificate.issuing_body_kk == "Астана қаласы әкімдігінің білім басқармасы"
    assert certificate.issuing_body_ru == "Управление образования акимата города Астаны"
    assert certificate.head_name == "Сейтқали Н. А."
    assert certificate.doc_type == DocumentType.GUARDIANSHIP_CERTIFICATE
    assert certificate.short_code == short_code_of(certificate.code)
    assert events(app, certificate.id) == [("issued", "window-op", "2026-00001")]


def test_the_providers_confirmation_issues_one_certificate(app, staff_client, clock):
    application_id = accepted_request(app)
    assert certificates_of(app, application_id) == []  # at the provider: nothing issued yet
    with app.app_context():
        record_id = add_registry_record().id
    clock.advance(days=1)
    provider = staff_client("provider", username="officer")
    page = f"/staff/provider/{application_id}"
    response = post(provider, f"{page}/confirm", page, record_id=str(record_id))
    assert response.status_code == 302
    [certificate] = certificates_of(app, application_id)
    assert (certificate.number, certificate.issued_on) == ("AST-2026-00001", date(2026, 11, 26))
    assert events(app, certificate.id) == [("issued", "officer", "2026-00001")]


def test_a_refusal_issues_no_certificate(app, staff_client):
    application_id = accepted_request(app)
    provider = staff_client("provider")
    page = f"/staff/provider/{application_id}"
    response = post(provider, f"{page}/refuse", page, reason="Решение об опеке не найдено.")
    assert response.status_code == 302
    assert certificates_of(app, application_id) == []


def test_certificate_numbers_run_per_issuing_body_and_restart_each_year_by_the_halls_date(app):
    first = quick_certificate(app)
    second = another_issue(app, first, datetime(2026, 12, 30, 12, 0, tzinfo=ALMATY))
    # 31 December 20:00 UTC is already 1 January in Astana: the new year's first number.
    new_year = another_issue(app, first, datetime.fromisoformat("2026-12-31T20:00:00+00:00"))
    assert [first.number, second.number, new_year.number] == [
        "AST-2026-00001", "AST-2026-00002", "AST-2027-00001"]
    assert new_year.issued_on == date(2027, 1, 1)
    assert len({first.id, second.id, new_year.id}) == 3


def test_another_issuing_body_has_its_own_sequence(app):
    first = quick_certificate(app)
    app.config["ISSUING_BODY_CODE"] = "ALA"
    other = another_issue(app, first, OPEN_MOMENT)
    assert (first.number, other.number) == ("AST-2026-00001", "ALA-2026-00001")
    assert other.body_code == "ALA"


def test_the_code_is_signed_and_carries_the_serial_day_and_type(app):
    certificate = quick_certificate(app)
    assert re.fullmatch(rf"[0-9]{{{CODE_DIGITS}}}", certificate.code)
    with app.app_context():
        ring = keyring()
        fields = read_code(certificate.code, ring.public_keys())
        assert fields == CodeFields(ring.active.key_id, certificate.id, date(2026, 11, 25),
                                    DocumentType.GUARDIANSHIP_CERTIFICATE)
        assert certificate.key_id == ring.active.key_id
        # One changed digit is no code at all.
        forged = certificate.code[:-1] + str((int(certificate.code[-1]) + 1) % 10)
        assert read_code(forged, ring.public_keys()) is None


def test_a_child_is_under_trusteeship_from_the_14th_birthday_and_under_guardianship_before(app):
    with app.app_context():
        # Issued 25 November 2026: one child turns 14 that day, the other a day later.
        record_id = family_record(date(2012, 11, 25), date(2012, 11, 26))
        application = db.session.get(Application, accepted_request(app))
        issued = issue_certificate(application, db.session.get(GuardianshipRecord, record_id),
                                   OPEN_MOMENT)
        db.session.commit()
        assert [child["trusteeship"] for child in issued.children] == [True, False]


def test_the_print_page_says_guardian_or_trustee_for_each_child_when_they_differ(
        app, staff_client):
    with app.app_context():
        record_id = family_record(date(2012, 11, 25), date(2012, 11, 26))
        application = db.session.get(Application, accepted_request(app))
        certificate_id = issue_certificate(
            application, db.session.get(GuardianshipRecord, record_id), OPEN_MOMENT).id
        db.session.commit()
    text = text_of(staff_client("supervisor").get(f"/staff/certificates/{certificate_id}"))
    assert "қорғаншысы (қамқоршысы)" in text and "опекуном (попечителем)" in text
    assert "Ахметов Бала0 25.11.2012 " + CHILD_IIN + " қамқоршы" in text
    assert "Ахметов Бала1 26.11.2012 " + OTHER_CHILD_IIN + " қорғаншы" in text
    assert "до 14 лет — опекун, от 14 до 18 лет — попечитель" in text


def test_one_child_under_14_makes_a_guardian_in_both_languages(app, staff_client):
    certificate = quick_certificate(app)
    text = text_of(staff_client("supervisor").get(page_of(certificate)))
    assert ("Осы анықтама аталған тұлғаның төменде көрсетілген кәмелетке толмаған баланың "
            "қорғаншысы болып тағайындалғанын растайды.") in text
    assert ("Настоящая справка подтверждает, что указанное лицо назначено опекуном "
            "несовершеннолетнего ребёнка, указанного ниже.") in text
    assert "Тағайындалуы" not in text and "Назначение" not in text  # no per-row column


# Printing

def found_at_handover(app, operator, certificate: Certificate):
    """The operator calls the applicant come for the certificate and finds its request on the
    handover screen."""
    take_ticket(app.test_client())
    call_next(operator)
    with app.app_context():
        number = db.session.get(Application, certificate.application_id).number
    assert operator.get(f"/staff/applications/handover?number={number}").status_code == 200
    return operator


def test_an_operator_opens_a_certificate_only_after_finding_its_request_at_handover(
        app, staff_client):
    certificate = quick_certificate(app)
    operator = staff_client("operator", window=1)
    operator.set_cookie("lang", "en")
    refused = operator.get(page_of(certificate))
    assert refused.status_code == 403
    assert "found on the handover screen" in text_of(refused)
    assert operator.post(f"{page_of(certificate)}.pdf",
                         data={"csrf_token": csrf_of(operator)}).status_code == 403
    found_at_handover(app, operator, certificate)
    assert operator.get(page_of(certificate)).status_code == 200


def test_a_page_view_records_no_printing_and_the_print_button_does(app, staff_client):
    certificate = quick_certificate(app)
    operator = found_at_handover(app, staff_client("operator", window=1, username="printer"),
                                 certificate)
    page = operator.get(f"{page_of(certificate)}?lang_version=kk")
    assert "printed" not in [action for action, _, _ in events(app, certificate.id)]
    assert f'action="{page_of(certificate)}/print?lang_version=kk"' in page.get_data(as_text=True)

    printing = operator.post(f"{page_of(certificate)}/print?lang_version=kk",
                             data={"csrf_token": csrf_of(operator, page_of(certificate))})

    assert printing.status_code == 303
    assert printing.headers["Location"] == f"{page_of(certificate)}?lang_version=kk"
    assert events(app, certificate.id)[-1] == ("printed", "printer", "kk")


def test_the_print_page_shows_both_versions_with_the_facts_and_the_qr(app, staff_client):
    certificate = quick_certificate(app)
    operator = found_at_handover(app, staff_client("operator", window=1, username="printer"),
                                 certificate)
    response = operator.get(page_of(certificate))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert page.count('<article class="certificate-sheet') == 2
    assert '<article class="certificate-sheet fit-roomy" lang="kk">' in page
    assert '<article class="certificate-sheet fit-roomy" lang="ru">' in page
    assert page.count('<svg class="certificate-qr" role="img"') == 2
    text = text_of(response)
    for shown in ("Анықтама", "Справка", "Астана қаласы әкімдігінің "
                  "білім басқармасы", "Управление образования акимата города Астаны",
                  "Шығыс № AST-2026-00001", "25.11.2026 ж.", "Исх. № AST-2026-00001",
                  "25.11.2026 г.", f"Берілді: {GUARDIAN}", f"ЖСН: {GUARDIAN_IIN}",
                  f"Выдана: {GUARDIAN}", f"ИИН: {GUARDIAN_IIN}",
                  f"1 {CHILD} 01.06.2015 {CHILD_IIN}", "Бұйрықтың нөмірі: No 1234",
                  "Номер приказа: No 1234", "Дата приказа: 01.02.2024",
                  "Органның басшысы (қолы) Сейтқали Н. А.",
                  "Руководитель органа (подпись) Сейтқали Н. А.",
                  "М.О.", "М.П.", "Анықтама № AST-2026-00001", "Справка № AST-2026-00001",
                  "немесе 127.0.0.1:5000/v/ мекенжайын ашып, оның астындағы кодты енгізіңіз",
                  "откройте 127.0.0.1:5000/v/ и введите код под ним"):
        assert shown in text, shown


def test_the_short_code_printed_under_the_qr_is_the_one_the_verify_page_takes(
        app, staff_client, client):
    certificate = quick_certificate(app)
    supervisor = staff_client("supervisor")

    page = supervisor.get(page_of(certificate)).get_data(as_text=True)

    printed = re.findall(r'<svg class="certificate-qr".*?</svg><p class="cert-short-code">'
                         r"([^<]+)</p>", page, flags=re.S)
    assert printed == [short_code_of(certificate.code)] * 2  # under each language's QR
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}", printed[0])
    answer = client.get("/v/", query_string={"code": printed[0]})
    assert answer.status_code == 303 and answer.headers["Location"] == f"/v/{certificate.code}"


def test_one_language_version_is_printed_alone(app, staff_client):
    certificate = quick_certificate(app)
    operator = found_at_handover(app, staff_client("operator", window=1), certificate)
    page = operator.get(f"{page_of(certificate)}?lang_version=ru").get_data(as_text=True)
    assert page.count('<article class="certificate-sheet') == 1
    assert 'lang="ru"' in page and "Шығыс №" not in page
    assert operator.get(f"{page_of(certificate)}?lang_version=en").status_code == 400


def test_the_qr_holds_the_lowercase_public_address_then_the_code_in_numeric_mode(app):
    certificate = quick_certificate(app)
    app.config["PUBLIC_URL"] = "https://Hall.Example.KZ"
    with app.test_request_context():
        assert verification_url("0123") == "https://hall.example.kz/v/0123"
        qr = verification_qr(certificate.code)
    assert qr.error_correction == qrcode.constants.ERROR_CORRECT_Q
    assert [(segment.mode, segment.data) for segment in qr.data_list] == [
        (qrcode.util.MODE_8BIT_BYTE, b"https://hall.example.kz/v/"),
        (qrcode.util.MODE_NUMBER, certificate.code.encode())]


def test_the_handover_screen_links_to_the_certificate_to_print(app, staff_client):
    certificate = quick_certificate(app)
    operator = staff_client("operator", window=1)
    take_ticket(app.test_client())
    call_next(operator)
    with app.app_context():
        number = db.session.get(Application, certificate.application_id).number
    response = operator.get(f"/staff/applications/handover?number={number}")
    page = response.get_data(as_text=True)
    assert f'href="/staff/certificates/{certificate.id}"' in page
    assert "Print the certificate" in text_of(response)


def test_a_refused_result_has_no_certificate_link(app, staff_client):
    application_id = accepted_request(app)
    provider = staff_client("provider")
    page = f"/staff/provider/{application_id}"
    post(provider, f"{page}/refuse", page, reason="Решение об опеке не найдено.")
    with app.app_context():
        number = db.session.get(Application, application_id).number
    operator = staff_client("operator", window=1)
    take_ticket(app.test_client())
    call_next(operator)
    response = operator.get(f"/staff/applications/handover?number={number}")
    assert response.status_code == 200
    assert "Print the certificate" not in text_of(response)


# The supervisor's actions

def test_the_supervisor_lists_the_certificates_from_the_hall_overview(app, staff_client):
    certificate = quick_certificate(app)
    supervisor = staff_client("supervisor")
    assert 'href="/staff/certificates/"' in supervisor.get("/staff/supervisor/").get_data(
        as_text=True)
    response = supervisor.get("/staff/certificates/")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert f"AST-2026-00001 25.11.2026 {GUARDIAN} 2026-00001 Valid" in text_of(response)
    assert "No certificate matches." in text_of(search(supervisor, "AST-2025"))
    assert certificate.number in text_of(search(supervisor, "Ахметова"))


def search(client, words: str, **fields):
    token = csrf_of(client, "/staff/certificates/")
    return client.post("/staff/certificates/", data={"csrf_token": token, "q": words, **fields})


def test_the_search_is_posted_so_no_name_stands_in_an_address(app, staff_client):
    certificate = quick_certificate(app)
    supervisor = staff_client("supervisor")
    page = supervisor.get("/staff/certificates/").get_data(as_text=True)
    assert 'method="post"' in page.split('role="search"')[0].rsplit("<form", 1)[1]
    assert certificate.number in text_of(supervisor.get("/staff/certificates/?q=AST-2025"))
    assert search(supervisor, "x" * 101).status_code == 400


def test_annulling_with_a_reason_records_the_day_the_reason_and_who(app, staff_client, clock):
    certificate = quick_certificate(app)
    clock.advance(days=2)
    supervisor = staff_client("supervisor", username="head")
    reason = "Опека прекращена приказом № 99"
    response = post(supervisor, f"{page_of(certificate)}/annul", page_of(certificate),
                    reason=reason)
    assert response.status_code == 303
    annulled = load(app, certificate.id)
    assert (annulled.status, annulled.annulled_on, annulled.annul_reason) == (
        "annulled", date(2026, 11, 27), reason)
    assert ("annulled", "head", reason) in events(app, certificate.id)
    page = supervisor.get(response.headers["Location"])
    text = text_of(page)
    assert "Certificate AST-2026-00001 is annulled." in text
    assert "Жарамсыз" in text and "Недействительна" in text  # the paper says so too
    assert "Аннулирована 27.11.2026 г." in text


def test_an_annulment_needs_a_reason(app, staff_client):
    certificate = quick_certificate(app)
    supervisor = staff_client("supervisor")
    response = post(supervisor, f"{page_of(certificate)}/annul", page_of(certificate),
                    reason="   ")
    assert response.status_code == 400
    assert "Write why the certificate is annulled." in text_of(response)
    assert load(app, certificate.id).status == "valid"


def test_an_annulled_certificate_cannot_be_annulled_or_reissued_again(app, staff_client):
    certificate = quick_certificate(app)
    supervisor = staff_client("supervisor")
    page = page_of(certificate)
    assert post(supervisor, f"{page}/annul", page, reason="Ошибка").status_code == 303
    again = post(supervisor, f"{page}/annul", page, reason="Ещё раз")
    assert again.status_code == 409
    assert "already annulled" in text_of(again)
    reissued = post(supervisor, f"{page}/reissue", page)
    assert reissued.status_code == 409
    assert "already annulled" in text_of(reissued)
    assert len(certificates_of(app, certificate.application_id)) == 1
    assert load(app, certificate.id).annul_reason == "Ошибка"


def test_reissuing_supersedes_the_old_certificate_by_a_new_valid_one(app, staff_client):
    old = quick_certificate(app)
    supervisor = staff_client("supervisor", username="head")
    response = post(supervisor, f"{page_of(old)}/reissue", page_of(old))
    assert response.status_code == 303
    old_now, new = certificates_of(app, old.application_id)
    assert response.headers["Location"].endswith(f"/staff/certificates/{new.id}")
    assert (old_now.status, old_now.superseded_by_id) == ("superseded", new.id)
    assert (new.status, new.number) == ("valid", "AST-2026-00002")
    assert new.code != old.code and new.id != old.id
    assert new.short_code == short_code_of(new.code) != old.short_code
    with app.app_context():
        assert read_code(new.code, keyring().public_keys()).serial == new.id
    assert ("reissued", "head", "AST-2026-00002") in events(app, old.id)
    assert ("reissued", "head", "AST-2026-00001") in events(app, new.id)
    assert "Certificate AST-2026-00001 is replaced by AST-2026-00002" in text_of(
        supervisor.get(response.headers["Location"]))
    again = post(supervisor, f"{page_of(old)}/reissue", page_of(old))
    assert again.status_code == 409
    assert "already replaced" in text_of(again)
    assert post(supervisor, f"{page_of(old)}/annul", page_of(old),
                reason="x").status_code == 409
    assert len(certificates_of(app, old.application_id)) == 2


def test_a_certificate_whose_guardianship_ended_cannot_be_reissued(app, staff_client):
    certificate = quick_certificate(app)
    with app.app_context():
        db.session.execute(db.update(GuardianshipRecord).values(active=False))
        db.session.commit()
    supervisor = staff_client("supervisor")
    response = post(supervisor, f"{page_of(certificate)}/reissue", page_of(certificate))
    assert response.status_code == 409
    assert "The guardianship has ended" in text_of(response)
    assert load(app, certificate.id).status == "valid"


def test_an_annulment_without_the_csrf_token_changes_nothing(app, staff_client):
    certificate = quick_certificate(app)
    supervisor = staff_client("supervisor")
    response = supervisor.post(f"{page_of(certificate)}/annul", data={"reason": "x"})
    assert response.status_code == 400
    assert load(app, certificate.id).status == "valid"


# Who may do what

def test_an_operator_may_print_but_not_annul_reissue_or_list(app, staff_client):
    certificate = quick_certificate(app)
    operator = found_at_handover(app, staff_client("operator", window=1), certificate)
    page = operator.get(page_of(certificate)).get_data(as_text=True)
    assert "/annul" not in page and "/reissue" not in page
    token = csrf_of(operator, page_of(certificate))
    for action in ("annul", "reissue"):
        response = operator.post(f"{page_of(certificate)}/{action}",
                                 data={"csrf_token": token, "reason": "x"})
        assert response.status_code == 403
    assert operator.get("/staff/certificates/").status_code == 403
    assert load(app, certificate.id).status == "valid"


def test_a_provider_officer_cannot_open_a_certificate(app, staff_client):
    certificate = quick_certificate(app)
    assert staff_client("provider").get(page_of(certificate)).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(app, client):
    certificate = quick_certificate(app)
    for url in (page_of(certificate), "/staff/certificates/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/staff/login" in response.headers["Location"]
    for action in ("annul", "print", ".pdf"):
        url = page_of(certificate) + (action if action == ".pdf" else f"/{action}")
        assert client.post(url, data={"reason": "x"}).status_code in (302, 400)
    assert load(app, certificate.id).status == "valid"
    assert [action for action, _, _ in events(app, certificate.id)] == ["issued"]


def test_unknown_certificates_are_not_found(app, staff_client):
    assert staff_client("supervisor").get("/staff/certificates/999999").status_code == 404


def test_issuing_writes_in_the_callers_transaction(app):
    """A rolled-back acceptance leaves no certificate and uses no number."""
    with app.app_context():
        add_registry_record()
        application = casework.new_application(OPEN_MOMENT)
        for name, value in {"applicant_surname": "Ахметова", "applicant_name": "Айгерим",
                            "applicant_iin": GUARDIAN_IIN, "child_surname": "Ахметов",
                            "child_name": "Ерлан", "child_birth_date": CHILD_BIRTH,
                            "child_iin": CHILD_IIN, "consent": True}.items():
            setattr(application, name, value)
        db.session.flush()
        casework.accept(application, {"application", "identity"}, window_operator(),
                        OPEN_MOMENT)
        db.session.rollback()
        assert db.session.execute(db.select(db.func.count(Certificate.id))).scalar() == 0
    assert quick_certificate(app).number == "AST-2026-00001"


@pytest.fixture(autouse=True)
def in_english(client):
    """Assertions read the English wording; a test of another language asks for it."""
    client.set_cookie("lang", "en")


@pytest.fixture
def staff_client(staff_client):
    """Staff screens in English, as the assertions read them."""

    def signed_in(*args, **kwargs):
        client = staff_client(*args, **kwargs)
        client.set_cookie("lang", "en")
        return client

    return signed_in
