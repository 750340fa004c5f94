"""The application (Appendix 2) filled in at the kiosk after a guardianship ticket, and the
applicant's request status page."""

import logging
import re
from datetime import date, datetime, timedelta

import pytest

from kiosk.accounts.models import User
from kiosk.casework.cases import accept, new_application
from kiosk.casework.models import Application
from kiosk.line.models import Ticket
from kiosk.web.extensions import db
from tests.casework_helpers import (
    APPENDIX_2,
    APPENDIX_2_REPRESENTATIVE,
    CHILD_BIRTH,
    CHILD_IIN,
    GUARDIAN_IIN,
    REPRESENTATIVE_IIN,
    application_fields,
    sheet_halves,
)
from tests.conftest import ALMATY, OPEN_MOMENT
from tests.helpers import hidden_inputs, take_ticket, text_of, token_of

NAMES = ("Ахметова", "Айгерим", "Болатқызы", "Ахметов", "Ерлан")


def form_url(token: str) -> str:
    return f"/kiosk/ticket/{token}/application"


def guardianship_ticket(client) -> str:
    return token_of(take_ticket(client, "guardianship"))


def send(client, token: str, **changes):
    """Open the form as the kiosk does and send it with ``changes`` to the valid fields."""
    page = client.get(form_url(token))
    assert page.status_code == 200, page.status_code
    fields = hidden_inputs(page.get_data(as_text=True))
    fields.update(application_fields(**changes))
    return client.post(form_url(token), data=fields)


def field_errors(response, name: str) -> list[str]:
    """The messages shown at a field (under its input), as the applicant reads them."""
    html = response.get_data(as_text=True)
    return re.findall(rf'<p class="field-error" id="{name}-error-\d+">(.*?)</p>', html)


def applications(app) -> list[Application]:
    with app.app_context():
        rows = db.session.execute(db.select(Application).order_by(Application.id)).scalars()
        return [row for row in rows]


def ticket_id_of(app, token: str) -> int:
    with app.app_context():
        return db.session.execute(db.select(Ticket.id).filter_by(token=token)).scalar_one()


@pytest.fixture
def english(client):
    client.set_cookie("lang", "en")
    return client


# The ticket screen


def test_the_ticket_screen_offers_the_application_for_a_guardianship_ticket(english):
    token = guardianship_ticket(english)
    page = english.get(f"/kiosk/ticket/{token}")
    assert "Fill in the application (saves time at the window)" in text_of(page)
    assert f'href="/kiosk/ticket/{token}/application"' in page.get_data(as_text=True)


def test_the_ticket_screen_of_another_service_offers_no_application(english):
    token = token_of(take_ticket(english, "identity"))
    page = english.get(f"/kiosk/ticket/{token}")
    assert "Fill in the application" not in text_of(page)
    assert english.get(form_url(token)).status_code == 404


# The form


def test_the_form_is_a_kiosk_screen_that_forgets_and_is_never_cached(english):
    page = english.get(form_url(guardianship_ticket(english)))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "data-idle-seconds=" in html
    assert 'autocomplete="off"' in html
    assert 'id="keyboard"' in html and "js/keyboard.js" in html
    assert "<script>" not in html and "style=" not in html


def test_the_form_asks_for_the_applicant_the_child_a_power_of_attorney_and_consent(english):
    text = text_of(english.get(form_url(guardianship_ticket(english))))
    for label in ("Surname", "IIN", "Phone", "Address", "Child's surname",
                  "Child's date of birth", "Child's IIN", "Place of birth",
                  "I act for the guardian by a notarised power of attorney",
                  "Power of attorney number", "I consent to the use of legally protected"):
        assert label in text, label


def test_iin_phone_and_date_fields_open_the_digits_keypad(english):
    html = english.get(form_url(guardianship_ticket(english))).get_data(as_text=True)
    for name, kind in (("applicant_iin", "digits"), ("applicant_phone", "phone"),
                       ("child_birth_date", "date"), ("child_iin", "digits"),
                       ("principal_iin", "digits"), ("proxy_date", "date"),
                       ("applicant_surname", "text")):
        tag = re.search(rf'<input [^>]*id="{name}"[^>]*>', html).group(0)
        assert f'data-keyboard="{kind}"' in tag, name


def test_the_on_screen_keyboard_has_kazakh_and_russian_letters_and_digits(english):
    html = english.get(form_url(guardianship_ticket(english))).get_data(as_text=True)
    keys = set(re.findall(r'data-key="([^"]*)"', html))
    assert set("әіңғүұқөһ") <= keys
    assert set("ёйцукенгшщзхъфывапролджэячсмитьбю") <= keys
    assert set("0123456789") <= keys and " " in keys
    for action in ("shift", "backspace", "next"):
        assert f'data-action="{action}"' in html
    assert 'data-layout-to="digits"' in html and 'data-layout-to="cyrillic"' in html


def test_the_form_speaks_the_language_chosen_at_the_kiosk(client):
    token = token_of(take_ticket(client))
    assert "Баланың тегі" in text_of(client.get(form_url(token)))
    client.set_cookie("lang", "ru")
    assert '<html lang="ru">' in client.get(form_url(token)).get_data(as_text=True)


# Sending it


def test_a_valid_application_makes_one_draft_tied_to_the_ticket_with_the_data(app, english):
    token = guardianship_ticket(english)
    response = send(english, token)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/kiosk/ticket/{token}/application/sent"
    with app.app_context():
        (draft,) = db.session.execute(db.select(Application)).scalars().all()
        assert draft.status == "draft"
        assert draft.ticket_id == ticket_id_of(app, token)
        assert (draft.applicant_surname, draft.applicant_iin) == ("Ахметова", GUARDIAN_IIN)
        assert (draft.child_iin, draft.child_birth_date) == (CHILD_IIN, CHILD_BIRTH)
        assert draft.consent is True and draft.by_proxy is False
        assert draft.number is None and draft.open_child_iin is None
        assert [event.action for event in draft.events] == ["filled_at_kiosk"]


def test_the_done_screen_says_to_show_the_ticket_at_the_window_and_nothing_personal(english):
    token = guardianship_ticket(english)
    done = english.get(send(english, token).headers["Location"])
    text = text_of(done)
    assert done.status_code == 200
    assert "Show your ticket at the window: the operator will see your application." in text
    assert "G001" in text
    assert "data-ticket-seconds=" in done.get_data(as_text=True)
    for secret in (*NAMES, GUARDIAN_IIN, CHILD_IIN, "01.06.2015"):
        assert secret not in done.get_data(as_text=True)


def test_sending_the_application_again_updates_the_same_draft(app, english):
    token = guardianship_ticket(english)
    send(english, token)
    again = send(english, token, applicant_surname="Серікова", applicant_phone="+7 777 000 11 22")
    assert again.status_code == 303
    (draft,) = applications(app)
    assert draft.applicant_surname == "Серікова"
    assert draft.applicant_phone == "+7 777 000 11 22"
    with app.app_context():
        events = db.session.get(Application, draft.id).events
        assert [event.action for event in events] == ["filled_at_kiosk", "filled_at_kiosk"]


def test_an_optional_name_left_out_of_a_resend_is_saved_empty_not_a_server_error(app, english):
    token = guardianship_ticket(english)
    send(english, token)
    again = send(english, token, applicant_patronymic=None, child_patronymic=None)
    assert again.status_code == 303
    (draft,) = applications(app)
    assert (draft.applicant_patronymic, draft.child_patronymic) == ("", "")


def test_the_form_never_shows_a_draft_already_sent(english):
    token = guardianship_ticket(english)
    send(english, token)
    html = english.get(form_url(token)).get_data(as_text=True)
    assert GUARDIAN_IIN not in html and "Ахметова" not in html


def test_a_representative_with_a_power_of_attorney_is_saved_with_it(app, english):
    response = send(english, guardianship_ticket(english), by_proxy="y",
                    applicant_iin=REPRESENTATIVE_IIN, principal_name="Ахметова Айгерим",
                    principal_iin=GUARDIAN_IIN, proxy_number="№ 2026-117",
                    proxy_date="02.11.2026")
    assert response.status_code == 303
    (draft,) = applications(app)
    assert draft.by_proxy and draft.principal_iin == GUARDIAN_IIN
    assert (draft.proxy_number, draft.proxy_date) == ("№ 2026-117", date(2026, 11, 2))


# Refusals, at the field


def test_an_iin_with_a_wrong_check_digit_is_refused_at_its_field_and_nothing_is_saved(
    app, english
):
    response = send(english, guardianship_ticket(english), applicant_iin="150101500002")
    assert response.status_code == 400
    assert field_errors(response, "applicant_iin") == [
        "An IIN is 12 digits with a valid check digit. Check it against the document."
    ]
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert "Please correct the fields marked in red." in text_of(response)
    assert applications(app) == []


def test_the_form_sent_back_keeps_what_was_typed(english):
    response = send(english, guardianship_ticket(english), child_iin="150101500002")
    html = response.get_data(as_text=True)
    assert 'value="Ахметова"' in html and 'value="150101500002"' in html


@pytest.mark.parametrize(("birth", "message"), [
    (OPEN_MOMENT.date() + timedelta(days=1), "The date of birth cannot be in the future."),
    (date(2008, 11, 25), "The certificate is for a child under 18."),
])
def test_a_child_born_in_the_future_or_aged_eighteen_is_refused(app, english, birth, message):
    response = send(english, guardianship_ticket(english),
                    child_birth_date=birth.strftime("%d.%m.%Y"))
    assert response.status_code == 400
    assert field_errors(response, "child_birth_date") == [message]
    assert applications(app) == []


def test_a_date_not_written_as_a_date_is_refused(english):
    response = send(english, guardianship_ticket(english), child_birth_date="31.02.2015")
    assert response.status_code == 400
    assert field_errors(response, "child_birth_date") != []


def test_without_consent_the_application_is_refused(app, english):
    response = send(english, guardianship_ticket(english), consent=None)
    assert response.status_code == 400
    assert field_errors(response, "consent") == [
        "Without this consent the application cannot be accepted."
    ]
    assert applications(app) == []


def test_a_representative_without_the_power_of_attorney_is_asked_for_it(app, english):
    response = send(english, guardianship_ticket(english), by_proxy="y")
    assert response.status_code == 400
    for name in ("principal_name", "principal_iin", "proxy_number", "proxy_date"):
        assert field_errors(response, name) == ["Fill in this field."], name
    assert "proxy-step has-errors" in response.get_data(as_text=True)
    assert applications(app) == []


def test_the_kiosk_never_tells_whether_a_child_has_an_open_request(app, english):
    """Anyone may type any IIN at the kiosk: the window, not the kiosk, tells the operator."""
    without = sent_page(english, send(english, guardianship_ticket(english)))
    with app.app_context():
        other = new_application(OPEN_MOMENT)
        other.status, other.open_child_iin, other.child_iin = "at_provider", CHILD_IIN, CHILD_IIN
        db.session.commit()
    token = guardianship_ticket(english)
    with_open_request = send(english, token)

    assert sent_page(english, with_open_request) == without


def sent_page(client, response) -> str:
    """The "application sent" page a response leads to, without its ticket's number and token,
    and without the form's CSRF token (it carries the second it was signed)."""
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    page = page.replace(response.headers["Location"].split("/")[3], "…")
    # A signed CSRF token: its JSON string's base64 (I…), the time, the signature.
    return re.sub(r"G\d{3}|\bI[\w-]+\.[\w-]{4,8}\.[\w-]{20,}", "…", page)


@pytest.mark.parametrize(("field", "value"), [
    ("applicant_surname", "А" * 101),
    ("applicant_address", "Астана " * 50),
    ("child_name", "Е" * 101),
    ("applicant_iin", GUARDIAN_IIN + "0"),
    ("applicant_phone", "+7 701 234 56 78 90 12 34"),
    ("applicant_phone", "+" + "7" * 20),  # 21 characters: one more than the column holds
])
def test_over_long_fields_are_refused(app, english, field, value):
    response = send(english, guardianship_ticket(english), **{field: value})
    assert response.status_code == 400
    assert field_errors(response, field) != []
    assert applications(app) == []


def test_a_post_without_the_csrf_token_is_refused(app, english):
    token = guardianship_ticket(english)
    response = english.post(form_url(token), data=application_fields())
    assert response.status_code == 400
    assert "This screen has expired" in text_of(response)
    assert applications(app) == []


def test_a_ticket_this_kiosk_did_not_just_issue_has_no_application_here(english):
    for address in (form_url("no-such-ticket"), form_url("x" * 200),
                    form_url("no-such-ticket") + "/sent"):
        response = english.get(address)
        assert response.status_code == 303
        assert response.headers["Location"] == "/kiosk"


def test_the_done_screen_needs_an_application_sent(english):
    token = guardianship_ticket(english)
    assert english.get(form_url(token) + "/sent").status_code == 404


# Once checked at a window, or the ticket is finished


def accept_draft(app, make_user, when: datetime = OPEN_MOMENT) -> Application:
    """Accept the only draft at a window, as an operator does, and return it."""
    username = make_user("operator")
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one()
        draft = db.session.execute(db.select(Application)).scalar_one()
        accept(draft, {"application", "identity"}, user, when)
        db.session.commit()
        return db.session.get(Application, draft.id)


def test_an_accepted_application_cannot_be_changed_at_the_kiosk(app, english, make_user):
    token = guardianship_ticket(english)
    send(english, token)
    accept_draft(app, make_user)
    page = english.get(form_url(token))
    assert page.status_code == 409
    assert "already been checked at a window" in text_of(page)
    fields = hidden_inputs(english.get("/kiosk/services/guardianship").get_data(as_text=True))
    fields = {"csrf_token": fields["csrf_token"],
              **application_fields(applicant_surname="Другая")}
    refused = english.post(form_url(token), data=fields)
    assert refused.status_code == 409
    (accepted,) = applications(app)
    assert accepted.applicant_surname == "Ахметова" and accepted.status == "at_provider"


def test_a_ticket_no_longer_in_line_cannot_get_an_application(app, english):
    token = guardianship_ticket(english)
    with app.app_context():
        db.session.execute(db.update(Ticket).filter_by(token=token).values(status="served"))
        db.session.commit()
    page = english.get(form_url(token))
    assert page.status_code == 409
    assert "This ticket is no longer in line" in text_of(page)


# Personal data stays out of addresses and logs


def test_no_iin_or_name_appears_in_any_address_or_log(app, english, caplog):
    caplog.set_level(logging.DEBUG)
    token = guardianship_ticket(english)
    pages = [english.get(f"/kiosk/ticket/{token}"), english.get(form_url(token))]
    bad = send(english, token, applicant_iin="150101500002")
    good = send(english, token)
    pages += [bad, good, english.get(good.headers["Location"])]
    secrets = (*NAMES, GUARDIAN_IIN, CHILD_IIN, "150101500002")
    for page in pages:
        html = page.get_data(as_text=True)
        addresses = re.findall(r'(?:href|action|src|hx-get)="([^"]*)"', html)
        addresses.append(page.headers.get("Location", ""))
        for address in addresses:
            assert not any(secret in address for secret in secrets), address
    assert not any(secret in caplog.text for secret in secrets)


# The request status page


@pytest.fixture
def accepted(app, english, make_user) -> Application:
    send(english, guardianship_ticket(english))
    return accept_draft(app, make_user)


def set_request(app, application_id: int, **values) -> None:
    with app.app_context():
        db.session.execute(db.update(Application).filter_by(id=application_id).values(**values))
        db.session.commit()


def test_the_status_page_shows_number_status_and_due_date_and_no_names(english, accepted):
    page = english.get(f"/r/{accepted.token}")
    text = text_of(page)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert accepted.number in text
    # Accepted on Wednesday 25 November: three working days, that day not counted.
    assert "Accepted: with the provider until 30 November 2026" in text
    assert "Accepted on 25 November 2026, 11:00" in text
    for secret in (*NAMES, GUARDIAN_IIN, CHILD_IIN):
        assert secret not in page.get_data(as_text=True)


def test_the_status_page_speaks_the_ticket_s_language_and_switches_to_kazakh_or_russian(
    app, accepted
):
    phone = app.test_client()  # the applicant's own phone: no language remembered
    assert '<html lang="en">' in phone.get(f"/r/{accepted.token}").get_data(as_text=True)
    kazakh = phone.get(f"/r/{accepted.token}?lang=kk")
    assert '<html lang="kk">' in kazakh.get_data(as_text=True)
    assert "30 қараша 2026" in text_of(kazakh)
    russian = phone.get(f"/r/{accepted.token}?lang=ru")
    assert "30 ноября 2026" in text_of(russian)
    html = russian.get_data(as_text=True)
    for code in ("kk", "ru", "en"):
        assert f'href="/r/{accepted.token}?lang={code}"' in html


@pytest.mark.parametrize(("values", "expected"), [
    ({"status": "ready", "stored_until": date(2026, 12, 25)},
     ["Ready at the hall", "Kept at the hall until", "25 December 2026"]),
    ({"status": "handed_over", "handed_over_at": datetime(2026, 11, 27, 10, tzinfo=ALMATY)},
     ["Handed over", "27 November 2026"]),
    ({"status": "transferred"},
     ["Handed to the provider", "requested back from the provider within one working day"]),
    ({"status": "requested_back", "due_at": datetime(2027, 1, 5, 23, 59, 59, tzinfo=ALMATY)},
     ["Requested back from the provider", "Due at the hall by", "5 January 2027"]),
    ({"status": "intake_refused", "number": None},
     ["Refused at intake", "the refusal receipt lists what is missing"]),
])
def test_the_status_page_says_where_the_request_stands_in_words(
    app, english, accepted, values, expected
):
    set_request(app, accepted.id, **values)
    text = text_of(english.get(f"/r/{accepted.token}"))
    for words in expected:
        assert words in text, words


APPEAL = {"kk": "Шешіммен келіспесеңіз", "ru": "Если вы не согласны с решением"}
FREE_AND_1414 = {"kk": ("Мемлекеттік қызмет тегін көрсетіледі.", "1414"),
                 "ru": ("Государственная услуга оказывается бесплатно.", "1414")}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_decided_request_says_where_to_appeal_and_a_pending_one_does_not(
    app, english, accepted, lang
):
    pending = text_of(english.get(f"/r/{accepted.token}?lang={lang}"))
    assert APPEAL[lang] not in pending
    assert all(words in pending for words in FREE_AND_1414[lang])
    for status in ("intake_refused", "ready", "handed_over"):
        set_request(app, accepted.id, status=status)
        assert APPEAL[lang] in text_of(english.get(f"/r/{accepted.token}?lang={lang}")), status


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_public_screen_says_the_service_is_free_and_offers_1414(app, english, accepted,
                                                                      lang):
    phone = app.test_client()
    for path in ("/kiosk", "/kiosk/services", f"/r/{accepted.token}", "/v/0"):
        text = text_of(phone.get(f"{path}?lang={lang}"))
        assert all(words in text for words in FREE_AND_1414[lang]), path


def test_the_due_date_is_the_hall_s_day_not_the_utc_one(app, english, accepted):
    # 00:30 on 5 January in Almaty is still 4 January in UTC.
    set_request(app, accepted.id, status="requested_back",
                due_at=datetime(2027, 1, 5, 0, 30, tzinfo=ALMATY))
    assert "5 January 2027" in text_of(english.get(f"/r/{accepted.token}"))


def test_the_status_page_polls_a_fragment_that_costs_a_304_when_unchanged(app, english,
                                                                          accepted):
    page = english.get(f"/r/{accepted.token}").get_data(as_text=True)
    assert f'hx-get="/r/{accepted.token}/status"' in page and 'hx-trigger="every 30s"' in page
    first = english.get(f"/r/{accepted.token}/status")
    assert first.status_code == 200 and accepted.number in text_of(first)
    again = english.get(f"/r/{accepted.token}/status",
                        headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["ETag"] == first.headers["ETag"]
    set_request(app, accepted.id, status="ready")
    ready = english.get(f"/r/{accepted.token}/status",
                        headers={"If-None-Match": first.headers["ETag"]})
    assert ready.status_code == 200 and "Ready at the hall" in text_of(ready)
    assert ready.headers["ETag"] != first.headers["ETag"]


@pytest.mark.parametrize("status", ["handed_over", "intake_refused"])
def test_a_request_that_has_ended_stops_asking_for_its_status(app, english, accepted, status):
    set_request(app, accepted.id, status=status)
    page = english.get(f"/r/{accepted.token}").get_data(as_text=True)
    fragment = english.get(f"/r/{accepted.token}/status").get_data(as_text=True)
    for html in (page, fragment):
        assert 'id="live"' in html
        assert "hx-get" not in html and "hx-trigger" not in html


@pytest.mark.parametrize("status", ["at_provider", "ready", "transferred", "requested_back"])
def test_a_request_still_open_keeps_asking(app, english, accepted, status):
    set_request(app, accepted.id, status=status)
    fragment = english.get(f"/r/{accepted.token}/status").get_data(as_text=True)
    assert 'hx-trigger="every 30s"' in fragment


def test_an_unknown_or_draft_request_has_no_status_page(app, english):
    assert english.get("/r/no-such-request").status_code == 404
    assert english.get("/r/" + "x" * 100).status_code == 404
    send(english, guardianship_ticket(english))
    (draft,) = applications(app)
    page = english.get(f"/r/{draft.token}")
    assert page.status_code == 404
    assert "This page does not exist" in text_of(page)
    assert english.get(f"/r/{draft.token}/status").status_code == 404


# The application printed to sign (Appendix 2), right after it is saved, on this kiosk only

def print_url(token: str) -> str:
    return f"{form_url(token)}/print"


def sent_screen(client, token: str):
    """The screen that follows the sending: its print button's form, if it offers one."""
    return client.get(f"{form_url(token)}/sent")


def press_print(client, token: str, csrf_from=None):
    """Press "Print the application" on the screen that offers it (or with another page's
    token, as a forged or replayed press would)."""
    page = csrf_from or sent_screen(client, token)
    fields = hidden_inputs(page.get_data(as_text=True))
    return client.post(print_url(token), data={"csrf_token": fields.get("csrf_token", "")})


def test_the_sent_screen_offers_to_print_the_application(english):
    token = guardianship_ticket(english)
    done = english.get(send(english, token).headers["Location"])
    html = done.get_data(as_text=True)
    assert "Print the application" in text_of(done)
    assert f'action="{print_url(token)}"' in html and 'name="csrf_token"' in html


def test_the_application_prints_in_kazakh_and_russian_on_one_sheet_with_every_field(english):
    token = guardianship_ticket(english)
    send(english, token)
    printed = press_print(english, token)
    html = printed.get_data(as_text=True)
    assert printed.status_code == 200
    assert printed.headers["Cache-Control"] == "no-store"
    assert "Your application is being printed" in text_of(printed)
    assert 'data-autoprint="1"' in html and "css/receipts.css" in html
    # The sheet goes to the printer only: the kiosk's screen never shows it.
    assert '<div class="sheet sheet-application print-only" aria-hidden="true">' in html
    halves = sheet_halves(html)
    assert list(halves) == ["kk", "ru"]
    for lang, text in halves.items():
        for words in APPENDIX_2[lang]:
            assert words in text, (lang, words)
        for value in ("Ахметова", "Айгерим", "Болатқызы", GUARDIAN_IIN,
                      "Астана, Абай даңғылы, 10", "+7 701 234 56 78", "Ахметов Ерлан",
                      "01.06.2015", CHILD_IIN, "25.11.2026",
                      "Управление образования акимата города Астаны" if lang == "ru"
                      else "Астана қаласы әкімдігінің білім басқармасы"):
            assert value in text, (lang, value)
        assert APPENDIX_2_REPRESENTATIVE[lang][1] not in text  # no representative here
    assert "Қазақстан Республикасы" in halves["kk"] and "Республика Казахстан" in halves["ru"]


def test_a_representatives_application_prints_whom_they_act_for_and_the_power_of_attorney(
    english
):
    token = guardianship_ticket(english)
    send(english, token, by_proxy="y", applicant_surname="Сейітов", applicant_name="Нұрлан",
         applicant_patronymic="", applicant_iin=REPRESENTATIVE_IIN,
         principal_name="Ахметова Айгерим Болатқызы", principal_iin=GUARDIAN_IIN,
         proxy_number="2026-117", proxy_date="02.11.2026")
    halves = sheet_halves(press_print(english, token).get_data(as_text=True))
    for lang, text in halves.items():
        for words in APPENDIX_2_REPRESENTATIVE[lang]:
            assert words in text, (lang, words)
        for value in ("Сейітов Нұрлан", REPRESENTATIVE_IIN, "Ахметова Айгерим Болатқызы",
                      GUARDIAN_IIN, "2026-117", "02.11.2026"):
            assert value in text, (lang, value)
    assert "№ 2026-117 от 02.11.2026" in halves["ru"]


def test_another_kiosk_cannot_print_the_application(app, english):
    token = guardianship_ticket(english)
    send(english, token)
    other = app.test_client()  # another kiosk, or anyone who learnt the ticket's address
    response = other.post(print_url(token), data={
        "csrf_token": hidden_inputs(other.get("/kiosk/services/guardianship")
                                    .get_data(as_text=True))["csrf_token"]})
    assert response.status_code == 303 and response.headers["Location"] == "/kiosk"
    assert "Ахметова" not in response.get_data(as_text=True)


def test_the_application_prints_once(english):
    token = guardianship_ticket(english)
    send(english, token)
    offer = sent_screen(english, token)
    assert press_print(english, token, csrf_from=offer).status_code == 200
    again = press_print(english, token, csrf_from=offer)  # a reload, or the browser's Back
    assert again.status_code == 409
    assert "printed at this kiosk only once, right after it is saved" in text_of(again)
    assert "Ахметова" not in again.get_data(as_text=True)
    assert "Print the application" not in text_of(sent_screen(english, token))


@pytest.mark.parametrize("elsewhere", ["the ticket screen", "the form"])
def test_after_the_sent_screen_is_left_the_application_no_longer_prints(english, elsewhere):
    token = guardianship_ticket(english)
    send(english, token)
    offer = sent_screen(english, token)
    english.get(f"/kiosk/ticket/{token}" if elsewhere == "the ticket screen" else form_url(token))
    response = press_print(english, token, csrf_from=offer)
    assert response.status_code == 409
    assert "Ask the operator at the window to print it for you." in text_of(response)
    assert GUARDIAN_IIN not in response.get_data(as_text=True)


def test_after_the_kiosk_starts_over_the_application_no_longer_prints(english):
    token = guardianship_ticket(english)
    send(english, token)
    offer = sent_screen(english, token)
    english.get("/kiosk")
    response = press_print(english, token, csrf_from=offer)
    assert response.status_code == 303 and response.headers["Location"] == "/kiosk"


def test_the_offer_to_print_lasts_only_as_long_as_the_sent_screen(app, english, clock):
    token = guardianship_ticket(english)
    send(english, token)
    offer = sent_screen(english, token)
    clock.advance(seconds=app.config["TICKET_SCREEN_SECONDS"] + 1)
    assert "Print the application" not in text_of(sent_screen(english, token))
    assert press_print(english, token, csrf_from=offer).status_code == 409


def test_a_print_without_the_csrf_token_prints_nothing(english):
    token = guardianship_ticket(english)
    send(english, token)
    offer = sent_screen(english, token)
    response = english.post(print_url(token))
    assert response.status_code == 400
    assert "Ахметова" not in response.get_data(as_text=True)
    assert press_print(english, token, csrf_from=offer).status_code == 409  # the offer went
