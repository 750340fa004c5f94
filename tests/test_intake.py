"""The application at the window: the kiosk's draft checked, the documents ticked, the package
accepted with a receipt or refused with the refusal receipt (Appendix 3)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale
from sqlalchemy import func

from kiosk.casework.cases import new_application
from kiosk.casework.models import Application, ApplicationEvent
from kiosk.casework.wording import DOCUMENT_NAMES
from kiosk.hall.models import SequenceCounter
from kiosk.line.models import Ticket
from kiosk.web.clock import now
from kiosk.web.extensions import db
from queue_mgr.casework.applications import Document
from tests.casework_helpers import (
    APPENDIX_2,
    APPENDIX_2_REPRESENTATIVE,
    CHILD_BIRTH,
    CHILD_IIN,
    GUARDIAN_IIN,
    REPRESENTATIVE_IIN,
    add_registry_record,
    application_fields,
    sheet_halves,
)
from tests.conftest import csrf_of
from tests.helpers import take_ticket, text_of, token_of

ALMATY = ZoneInfo("Asia/Almaty")
DESK = "/staff/window/"
ALL_DOCUMENTS = ("application", "identity")


# What the people at the hall do, as functions the tests share (test_handover uses them too).

def press(client, url: str, page: str = DESK, **fields):
    """Press a button of a staff screen: a POST with the screen's CSRF token."""
    data = {"csrf_token": csrf_of(client, page), **fields}
    return client.post(url, data=data)


def call_next(window):
    response = window.post("/staff/window/act/call",
                           data={"csrf_token": csrf_of(window, DESK)},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200, text_of(response)
    return response


def finish(window, ticket: int) -> None:
    """Serve the applicant at the window to the end."""
    for action in ("start", "finish"):
        response = press(window, f"/staff/window/act/{action}", ticket_id=str(ticket))
        assert response.status_code == 302, text_of(response)


def ticket_id(app, token: str) -> int:
    with app.app_context():
        return db.session.execute(db.select(Ticket.id).filter_by(token=token)).scalar_one()


def applicant_at_window(app, kiosk, window) -> int:
    """An applicant takes a guardianship ticket and the window calls them: the ticket's id."""
    token = token_of(take_ticket(kiosk))
    call_next(window)
    return ticket_id(app, token)


def page_of(ticket: int) -> str:
    return f"/staff/applications/ticket/{ticket}"


def save_application(window, ticket: int, **changes):
    """Fill in (or correct) the application at the window and save it."""
    data = {"csrf_token": csrf_of(window, page_of(ticket)), **application_fields(**changes)}
    return window.post(page_of(ticket), data=data)


def draft_id(app, ticket: int) -> int:
    with app.app_context():
        return db.session.execute(
            db.select(Application.id).filter_by(ticket_id=ticket).order_by(Application.id.desc())
        ).scalars().first()


def decide(window, ticket: int, application: int, decision: str, received=ALL_DOCUMENTS):
    """Tick the documents received and press Accept or Refuse."""
    data = {"csrf_token": csrf_of(window, page_of(ticket)), "received": list(received)}
    return window.post(f"/staff/applications/{application}/{decision}", data=data)


def accepted_at_window(app, kiosk, window, **changes) -> int:
    """The whole intake of a complete package: the accepted application's id."""
    ticket = applicant_at_window(app, kiosk, window)
    assert save_application(window, ticket, **changes).status_code == 303
    application = draft_id(app, ticket)
    response = decide(window, ticket, application, "accept")
    assert response.status_code == 303, text_of(response)
    return application


def kiosk_draft(app, ticket: int, **changes) -> int:
    """A draft as the kiosk leaves it for the window (filled by the applicant)."""
    values = {
        "applicant_surname": "Ахметова", "applicant_name": "Айгерим",
        "applicant_patronymic": "Болатқызы", "applicant_iin": GUARDIAN_IIN,
        "applicant_phone": "+7 701 234 56 78", "applicant_address": "Астана, Абай даңғылы, 10",
        "child_surname": "Ахметов", "child_name": "Ерлан", "child_birth_date": CHILD_BIRTH,
        "child_iin": CHILD_IIN, "consent": True, **changes,
    }
    with app.app_context():
        application = new_application(now(), ticket_id=ticket)
        for name, value in values.items():
            setattr(application, name, value)
        db.session.commit()
        return application.id


def stored(app, application: int) -> Application:
    with app.app_context():
        row = db.session.get(Application, application)
        db.session.expunge(row)
        return row


def in_language(app, lang: str, text) -> str:
    """A translated text as the receipt's half in ``lang`` prints it."""
    with app.test_request_context(), force_locale(lang):
        return str(text)


# The application at the window

def test_a_called_guardianship_applicant_has_an_application_button_at_the_window(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    desk = window1.get(DESK).get_data(as_text=True)
    assert f'href="{page_of(ticket)}"' in desk
    assert "Application" in desk


def test_the_operator_sees_the_application_the_applicant_filled_at_the_kiosk(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    kiosk_draft(app, ticket)
    page = window1.get(page_of(ticket))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'value="Ахметова"' in html and f'value="{CHILD_IIN}"' in html
    assert "Filled in at the kiosk" in text_of(page)
    assert "Tick each document the applicant brought" in text_of(page)
    assert page.headers["Cache-Control"] == "no-store"


def test_the_operator_fills_an_application_at_the_window_and_gets_the_checklist(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    empty = window1.get(page_of(ticket))
    assert "No application yet" in text_of(empty)
    assert "Save the application first" in text_of(empty)
    saved = save_application(window1, ticket)
    assert saved.status_code == 303
    page = window1.get(saved.headers["Location"])
    text = text_of(page)
    assert "The application is saved" in text
    assert "Application for the certificate (Appendix 2)" in text
    assert "Identity document of the applicant" in text
    assert "Birth certificate of the child" not in text
    with app.app_context():
        application = db.session.get(Application, draft_id(app, ticket))
        assert (application.status, application.child_iin) == ("draft", CHILD_IIN)
        assert [event.action for event in application.events] == ["saved_at_window"]


def test_a_correction_at_the_window_changes_the_kiosk_draft(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    application = kiosk_draft(app, ticket, applicant_phone="+7 700 000 00 00")
    assert save_application(window1, ticket).status_code == 303
    assert draft_id(app, ticket) == application
    assert stored(app, application).applicant_phone == "+7 701 234 56 78"


def test_a_wrong_field_is_refused_with_a_message_at_it_and_nothing_is_saved(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    response = save_application(window1, ticket, child_iin="150601600771", applicant_phone="")
    assert response.status_code == 400
    text = text_of(response)
    assert "An IIN is 12 digits with a valid check digit" in text
    assert "Fill in this field." in text
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert draft_id(app, ticket) is None


def test_a_representative_must_give_the_power_of_attorney_in_the_application(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    response = save_application(window1, ticket, by_proxy="y", applicant_iin=REPRESENTATIVE_IIN)
    assert response.status_code == 400
    assert text_of(response).count("Fill in this field.") == 4


def test_the_application_opens_only_for_the_applicant_at_the_operators_window(
    app, kiosk, window1, staff_client
):
    ticket = applicant_at_window(app, kiosk, window1)
    other = staff_client("operator", window=2)
    other.set_cookie("lang", "en")
    refused = other.get(page_of(ticket))
    assert refused.status_code == 409
    assert "This applicant is not at your window now" in text_of(refused)
    assert save_application(other, ticket).status_code == 409
    assert draft_id(app, ticket) is None


def test_a_finished_applicants_application_no_longer_opens(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    finish(window1, ticket)
    assert window1.get(page_of(ticket)).status_code == 409


# The checklist (rule 5)

@pytest.mark.parametrize(("born", "asked"), [("12.08.2007", True), ("13.08.2007", False)])
def test_the_birth_certificate_is_asked_for_a_child_born_before_13_august_2007(
    app, kiosk, window1, clock, born, asked
):
    clock.set(datetime(2025, 3, 20, 11, 0, tzinfo=ALMATY))  # such a child is still under 18
    ticket = applicant_at_window(app, kiosk, window1)
    assert save_application(window1, ticket, child_birth_date=born).status_code == 303
    text = text_of(window1.get(page_of(ticket)))
    assert ("Birth certificate of the child" in text) is asked


def test_the_birth_certificate_is_asked_for_a_child_born_abroad(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    assert save_application(window1, ticket, child_born_abroad="abroad").status_code == 303
    assert "Birth certificate of the child" in text_of(window1.get(page_of(ticket)))


def test_the_power_of_attorney_is_asked_when_a_representative_applies(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    assert save_application(
        window1, ticket, by_proxy="y", applicant_iin=REPRESENTATIVE_IIN,
        principal_name="Ахметова Айгерим Болатқызы", principal_iin=GUARDIAN_IIN,
        proxy_number="77", proxy_date="01.03.2026",
    ).status_code == 303
    assert "Notarised power of attorney of the representative" in text_of(
        window1.get(page_of(ticket)))


# Accepting (rules 4, 6, 7)

def test_accepting_a_package_the_registry_confirms_makes_the_certificate_ready_in_5_minutes(
    app, kiosk, window1
):
    with app.app_context():
        add_registry_record()
    ticket = applicant_at_window(app, kiosk, window1)
    save_application(window1, ticket)
    application = draft_id(app, ticket)
    response = decide(window1, ticket, application, "accept")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/staff/applications/{application}/receipt"
    row = stored(app, application)
    assert (row.status, row.number, row.outcome) == ("ready", "2026-00001", "certificate")
    assert row.due_at - row.accepted_at == timedelta(minutes=5)
    receipt = window1.get(response.headers["Location"])
    text = text_of(receipt)
    assert "2026-00001" in text and "Ready at the hall" in text
    assert "25.11.2026 11:05" in text  # the hall's time: accepted at 11:00, ready 5 minutes on


def test_accepting_a_package_the_registry_lacks_sends_it_to_the_provider_for_3_working_days(
    app, kiosk, window1, clock
):
    clock.set(datetime(2026, 3, 20, 11, 0, tzinfo=ALMATY))  # Friday before Nauryz
    token = token_of(take_ticket(kiosk))
    clock.set(datetime(2026, 3, 20, 15, 0, tzinfo=ALMATY))
    call_next(window1)
    ticket = ticket_id(app, token)
    save_application(window1, ticket)
    application = draft_id(app, ticket)
    receipt = window1.get(decide(window1, ticket, application, "accept").headers["Location"])
    row = stored(app, application)
    assert row.status == "at_provider"
    assert row.due_at.astimezone(ALMATY).date() == date(2026, 3, 30)
    assert "30.03.2026" in text_of(receipt)
    assert "At the provider" in text_of(receipt)


def test_accepting_without_a_ticked_document_is_refused_and_changes_nothing(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    save_application(window1, ticket, child_born_abroad="abroad")
    application = draft_id(app, ticket)
    response = decide(window1, ticket, application, "accept")
    assert response.status_code == 409
    assert "Not every required document is ticked as received" in text_of(response)
    row = stored(app, application)
    assert (row.status, row.number) == ("draft", None)


def test_an_application_without_consent_cannot_be_accepted(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    application = kiosk_draft(app, ticket, consent=False)
    response = decide(window1, ticket, application, "accept")
    assert response.status_code == 409
    assert "has not consented to the use of secret information" in text_of(response)
    row = stored(app, application)
    assert (row.status, row.number) == ("draft", None)


def test_a_second_open_request_for_the_same_child_cannot_be_accepted(app, kiosk, window1):
    first = accepted_at_window(app, kiosk, window1)
    first_ticket = stored(app, first).ticket_id
    finish(window1, first_ticket)
    ticket = applicant_at_window(app, kiosk, window1)
    refused_at_save = save_application(window1, ticket)
    assert refused_at_save.status_code == 400
    assert "This child already has an open request." in text_of(refused_at_save)
    second = kiosk_draft(app, ticket)  # the kiosk let it through
    response = decide(window1, ticket, second, "accept")
    assert response.status_code == 409
    assert "This child already has an open request" in text_of(response)
    assert (stored(app, second).status, stored(app, second).number) == ("draft", None)


def test_a_double_accept_gives_one_request_number(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    save_application(window1, ticket)
    application = draft_id(app, ticket)
    assert decide(window1, ticket, application, "accept").status_code == 303
    again = decide(window1, ticket, application, "accept")
    assert again.status_code == 409
    assert "already dealt with" in text_of(again)
    assert "Open the receipt" in text_of(again)
    with app.app_context():
        numbers = db.session.execute(
            db.select(Application.number).where(Application.number.is_not(None))).scalars().all()
        counter = db.session.get(SequenceCounter, "request-2026")
        accepted = db.session.execute(
            db.select(func.count()).select_from(ApplicationEvent).filter_by(action="accepted")
        ).scalar_one()
    assert (numbers, counter.value, accepted) == (["2026-00001"], 1, 1)


def test_after_one_child_is_accepted_the_window_can_fill_in_another(app, kiosk, window1):
    application = accepted_at_window(app, kiosk, window1)
    ticket = stored(app, application).ticket_id
    page = window1.get(page_of(ticket))
    text = text_of(page)
    assert "Decided for this ticket" in text and "2026-00001" in text
    assert "Another child? Fill in a new application below." in text
    assert 'value="Ахметова"' not in page.get_data(as_text=True)


# Refusing an incomplete package (rule 8)

def test_an_incomplete_package_gets_a_refusal_receipt_listing_the_missing_birth_certificate(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    save_application(window1, ticket, child_born_abroad="abroad")
    application = draft_id(app, ticket)
    response = decide(window1, ticket, application, "refuse")
    assert response.status_code == 303
    row = stored(app, application)
    assert (row.status, row.number, row.missing_documents) == (
        "intake_refused", None, ["birth_certificate"])
    receipt = window1.get(response.headers["Location"])
    html, text = receipt.get_data(as_text=True), text_of(receipt)
    assert receipt.headers["Cache-Control"] == "no-store"
    assert "Refusal receipt (Appendix 3)" in text
    for lang in ("kk", "ru"):
        assert f'<article class="receipt-half" lang="{lang}">' in html
        missing = in_language(app, lang, DOCUMENT_NAMES[Document.BIRTH_CERTIFICATE])
        assert f"<li>{missing}</li>" in html
    assert html.count('<ol class="form-list missing">\n  <li>') == 2  # one numbered item a half
    assert "Астана, Абай даңғылы, 10" in text and "Ахметова Айгерим Болатқызы" in text
    assert "Test Staff" in text
    assert CHILD_IIN not in html and GUARDIAN_IIN not in html
    # The form's legal basis, the hall's department and address, the executor, the official term
    assert "Заңының 20-бабының 2-тармағын басшылыққа ала отырып" in text
    assert "Руководствуясь пунктом 2 статьи 20 Закона Республики Казахстан" in text
    assert "Сынақ бөлімі (Сынақ көшесі, 1)" in text and "тестовый отдел" in text
    assert "улица Тестовая, 1" in text
    assert "Орындаушы: Test Staff. Телефоны: +7 727 111 22 33" in text
    assert "Исполнитель: Test Staff. Телефон: +7 727 111 22 33" in text
    assert "Көрсетілетін қызметті алушы" in text and "Услугополучатель" in text


def test_a_complete_package_cannot_be_refused(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    save_application(window1, ticket)
    application = draft_id(app, ticket)
    response = decide(window1, ticket, application, "refuse")
    assert response.status_code == 409
    assert "the package is complete and cannot be refused" in text_of(response)
    assert stored(app, application).status == "draft"


# The acceptance receipt

def test_the_acceptance_receipt_is_in_kazakh_and_russian_with_the_status_qr_and_no_iin(
    app, kiosk, window1
):
    application = accepted_at_window(app, kiosk, window1)
    row = stored(app, application)
    receipt = window1.get(f"/staff/applications/{application}/receipt?lang=ru")
    html, text = receipt.get_data(as_text=True), text_of(receipt)
    assert receipt.status_code == 200
    assert receipt.headers["Cache-Control"] == "no-store"
    for lang in ("kk", "ru"):
        assert f'<article class="receipt-half" lang="{lang}">' in html
        for document in (Document.APPLICATION, Document.IDENTITY):
            assert f"<li>{in_language(app, lang, DOCUMENT_NAMES[document])}</li>" in html
    assert html.count('<svg class="qr"') == 2
    assert row.token not in text  # the status address is in the QR code only
    assert "Ахметова Айгерим Болатқызы" in text and "+7 701 234 56 78" in text
    assert "Test hall" in text and "Test Staff" in text
    assert CHILD_IIN not in html and GUARDIAN_IIN not in html and "Ерлан" not in html
    assert 'data-print' in html and "/static/js/intake.js" in html


def test_the_receipts_kazakh_due_date_takes_the_ablative_and_the_russian_one_is_plain(
    app, kiosk, window1
):
    # Accepted Wed 25 Nov 2026: the third working day after is Mon 30 November.
    text = text_of(window1.get(f"/staff/applications/{accepted_at_window(app, kiosk, window1)}"
                               "/receipt?lang=ru"))
    assert "2026 жылғы 30 қарашадан кешіктірмей" in text
    assert "30.11.2026" in text
    assert "Test hall, Сынақ көшесі, 1" in text and "Test hall, улица Тестовая, 1" in text


def test_the_receipt_qr_code_holds_the_public_status_address(app, kiosk, window1, monkeypatch):
    seen = []
    monkeypatch.setattr("kiosk.casework.intake.receipts.qr_svg",
                        lambda data, label: seen.append(data) or "<svg></svg>")
    application = accepted_at_window(app, kiosk, window1)
    window1.get(f"/staff/applications/{application}/receipt")
    token = stored(app, application).token
    assert seen == [f"{app.config['PUBLIC_URL']}/r/{token}"] * 2


def test_a_draft_has_no_receipt_yet(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    application = kiosk_draft(app, ticket)
    response = window1.get(f"/staff/applications/{application}/receipt")
    assert response.status_code == 409
    assert "has not been accepted or refused yet" in text_of(response)


def test_an_unknown_application_has_no_receipt(window1):
    assert window1.get("/staff/applications/999/receipt").status_code == 404


# Who may do this

def test_an_anonymous_visitor_is_sent_to_sign_in(app, kiosk, client):
    response = client.get(page_of(1))
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]
    assert client.get("/staff/applications/1/receipt").status_code == 302


def test_a_provider_officer_may_not_take_applications_at_a_window(staff_client):
    provider = staff_client("provider")
    assert provider.get(page_of(1)).status_code == 403
    assert provider.get("/staff/applications/1/receipt").status_code == 403
    assert press(provider, "/staff/applications/1/accept", page="/staff/",
                 received="identity").status_code == 403


def test_a_decision_without_the_csrf_token_is_refused(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    save_application(window1, ticket)
    application = draft_id(app, ticket)
    response = window1.post(f"/staff/applications/{application}/accept",
                            data={"received": list(ALL_DOCUMENTS)})
    assert response.status_code == 400
    assert stored(app, application).status == "draft"


def test_a_representatives_receipt_names_the_guardian_and_the_power_of_attorney(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    assert save_application(
        window1, ticket, by_proxy="y", applicant_iin=REPRESENTATIVE_IIN,
        principal_name="Ахметова Айгерим Болатқызы", principal_iin=GUARDIAN_IIN,
        proxy_number="77", proxy_date="01.03.2026", applicant_surname="Сейітов",
        applicant_name="Нұрлан", applicant_patronymic="",
    ).status_code == 303
    application = draft_id(app, ticket)
    response = decide(window1, ticket, application, "accept",
                      received=(*ALL_DOCUMENTS, "power_of_attorney"))
    assert response.status_code == 303
    html = window1.get(response.headers["Location"]).get_data(as_text=True)
    assert "Сейітов Нұрлан" in html and "Ахметова Айгерим Болатқызы" in html
    assert "77" in html and "01.03.2026" in html
    assert "От имени опекуна (попечителя)" in html and "Қорғаншының (қамқоршының) атынан" in html
    assert REPRESENTATIVE_IIN not in html and GUARDIAN_IIN not in html


def test_a_draft_never_completed_cannot_be_decided(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    application = kiosk_draft(app, ticket, child_birth_date=None)
    response = decide(window1, ticket, application, "accept")
    assert response.status_code == 409
    assert "Save the application first" in text_of(response)
    assert stored(app, application).status == "draft"


def test_a_supervisor_without_a_window_is_told_to_take_one(staff_client):
    supervisor = staff_client("supervisor")
    supervisor.set_cookie("lang", "en")
    response = supervisor.get(page_of(1))
    assert response.status_code == 409
    assert "You hold no window" in text_of(response)


def test_a_receipt_opens_only_for_the_applicant_at_the_window_or_found_at_handover(
        app, kiosk, window1, staff_client):
    application = accepted_at_window(app, kiosk, window1)
    receipt = f"/staff/applications/{application}/receipt"
    other = staff_client("operator", window=2)
    other.set_cookie("lang", "en")

    refused = other.get(receipt)
    assert refused.status_code == 403
    assert "found on the handover screen" in text_of(refused)
    take_ticket(app.test_client())
    call_next(other)
    assert other.get(receipt).status_code == 403  # called, but not yet found for them
    other.get(f"/staff/applications/handover?number={stored(app, application).number}")
    assert other.get(receipt).status_code == 200
    assert staff_client("supervisor").get(receipt).status_code == 200


# The application printed at the window for the applicant's signature (Appendix 2)

def sheet_of(application: int) -> str:
    return f"/staff/applications/{application}/sheet"


def test_the_saved_application_offers_its_print_before_the_documents_are_ticked(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    assert "Print the application" not in text_of(window1.get(page_of(ticket)))
    save_application(window1, ticket)
    page = window1.get(page_of(ticket))
    assert f'href="{sheet_of(draft_id(app, ticket))}"' in page.get_data(as_text=True)
    assert "Tick each document the applicant brought" in text_of(page)


def test_the_window_prints_the_application_in_kazakh_and_russian_with_every_field(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    save_application(window1, ticket, child_born_abroad="abroad")
    sheet = window1.get(sheet_of(draft_id(app, ticket)))
    html = sheet.get_data(as_text=True)
    assert sheet.status_code == 200
    assert sheet.headers["Cache-Control"] == "no-store"
    assert "data-print" in html and "/static/js/intake.js" in html
    halves = sheet_halves(html)
    assert list(halves) == ["kk", "ru"]
    for lang, text in halves.items():
        for words in APPENDIX_2[lang]:
            assert words in text, (lang, words)
        for value in ("Ахметова", "Айгерим", "Болатқызы", GUARDIAN_IIN, CHILD_IIN,
                      "Астана, Абай даңғылы, 10", "+7 701 234 56 78", "Ахметов Ерлан",
                      "01.06.2015", "25.11.2026"):
            assert value in text, (lang, value)
    assert "Қазақстан Республикасынан тыс жерде" in halves["kk"]
    assert "за пределами Республики Казахстан" in halves["ru"]
    assert stored(app, draft_id(app, ticket)).status == "draft"  # printing decides nothing


def test_a_representatives_application_at_the_window_prints_the_power_of_attorney(
    app, kiosk, window1
):
    ticket = applicant_at_window(app, kiosk, window1)
    save_application(window1, ticket, by_proxy="y", applicant_iin=REPRESENTATIVE_IIN,
                     principal_name="Ахметова Айгерим Болатқызы", principal_iin=GUARDIAN_IIN,
                     proxy_number="77", proxy_date="01.03.2026", applicant_surname="Сейітов",
                     applicant_name="Нұрлан", applicant_patronymic="")
    halves = sheet_halves(window1.get(sheet_of(draft_id(app, ticket))).get_data(as_text=True))
    for lang, text in halves.items():
        for words in APPENDIX_2_REPRESENTATIVE[lang]:
            assert words in text, (lang, words)
        assert REPRESENTATIVE_IIN in text and GUARDIAN_IIN in text
    assert "№ 77 от 01.03.2026" in halves["ru"] and "№ 77, 01.03.2026" in halves["kk"]


def test_the_application_prints_only_for_the_applicant_at_the_window(
    app, kiosk, window1, staff_client
):
    ticket = applicant_at_window(app, kiosk, window1)
    save_application(window1, ticket)
    sheet = sheet_of(draft_id(app, ticket))
    other = staff_client("operator", window=2)
    other.set_cookie("lang", "en")
    refused = other.get(sheet)
    assert refused.status_code == 403
    assert "Open this from the applicant at your window" in text_of(refused)
    assert GUARDIAN_IIN not in refused.get_data(as_text=True)
    take_ticket(app.test_client())
    call_next(other)  # another applicant at the other window: still not theirs
    assert other.get(sheet).status_code == 403
    assert staff_client("provider").get(sheet).status_code == 403

    finish(window1, ticket)  # the applicant has left the window
    assert window1.get(sheet).status_code == 403


def test_a_kiosk_draft_never_completed_has_nothing_to_print(app, kiosk, window1):
    ticket = applicant_at_window(app, kiosk, window1)
    application = kiosk_draft(app, ticket, child_birth_date=None)
    response = window1.get(sheet_of(application))
    assert response.status_code == 409
    assert "Save the application first" in text_of(response)
