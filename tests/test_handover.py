"""Handing the result over (rules 10-11): found by its request number or the receipt's QR,
given against an identity document, and requested back from the provider after a month."""

import logging
import re
from datetime import date, datetime, timedelta

import pytest

from kiosk.casework.cases import refuse, request_back, returned, transfer_unclaimed
from kiosk.casework.models import Application, ApplicationEvent, Handover
from kiosk.web.clock import now
from kiosk.web.extensions import db
from tests.casework_helpers import (
    GUARDIAN_IIN,
    REPRESENTATIVE_IIN,
    add_registry_record,
    make_iin,
    ready_result,
)
from tests.conftest import OPEN_MOMENT, csrf_of
from tests.helpers import text_of
from tests.test_intake import ALMATY, accepted_at_window, applicant_at_window, finish, stored

HANDOVER = "/staff/applications/handover"
STRANGER_IIN = make_iin("77010130012")
# A representative at the window, and the notarised power of attorney they hold (in force on
# the tests' day, Wednesday 25 November 2026).
REPRESENTATIVE = {
    "to": "representative", "iin": REPRESENTATIVE_IIN,
    "receiver_name": "Сейітов Нұрлан Бауыржанұлы", "proxy_number": "1234",
    "proxy_date": "01.03.2026", "proxy_notary": "Жұмабаева Гүлнар Серікқызы",
    "proxy_valid_until": "01.03.2027",
}


@pytest.fixture
def ready(app, kiosk, window1) -> int:
    """A certificate ready at the hall: the registry held the guardianship (request 2026-00001)."""
    with app.app_context():
        add_registry_record()
    return accepted_at_window(app, kiosk, window1)


def found(client, **query):
    return client.get(HANDOVER, query_string=query)


def hand_over(client, application: int, **fields):
    data = {"csrf_token": csrf_of(client, HANDOVER), "to": "applicant", **fields}
    return client.post(f"/staff/applications/{application}/hand-over", data=data)


def press(client, application: int, step: str):
    data = {"csrf_token": csrf_of(client, HANDOVER)}
    return client.post(f"/staff/applications/{application}/{step}", data=data)


def receiver(app, application: int) -> tuple | None:
    """Who took the result, as the handover's row keeps it (None: not handed over)."""
    with app.app_context():
        row = db.session.execute(
            db.select(Handover).filter_by(application_id=application)).scalar_one_or_none()
        return None if row is None else (
            row.receiver_name, row.receiver_iin, row.proxy_number, row.proxy_date,
            row.proxy_notary, row.proxy_valid_until)


def events(app, application: int) -> list[tuple[str, str]]:
    with app.app_context():
        row = db.session.get(Application, application)
        return [(event.action, event.note) for event in row.events]


@pytest.fixture
def caller(app, kiosk, window1):
    """Window 1 with an applicant called to it, come for a result."""
    applicant_at_window(app, kiosk, window1)
    return window1


def test_the_handover_screen_starts_with_a_search(caller):
    page = caller.get(HANDOVER)
    assert page.status_code == 200
    assert "Request number from the receipt, or scan its QR code" in text_of(page)
    assert page.headers["Cache-Control"] == "no-store"


def test_a_result_is_found_only_for_an_applicant_at_the_window(app, window1, ready):
    finish(window1, stored(app, ready).ticket_id)

    page = found(window1, number="2026-00001")

    assert page.status_code == 409
    assert "Call the applicant to your window first" in text_of(page)
    assert "Ахметова" not in text_of(page)


def test_a_result_found_for_one_applicant_closes_when_they_leave(app, kiosk, window1, ready):
    finish(window1, stored(app, ready).ticket_id)
    called = applicant_at_window(app, kiosk, window1)
    found(window1, number="2026-00001")
    assert window1.get(f"/staff/applications/{ready}/receipt").status_code == 200

    finish(window1, called)

    assert window1.get(f"/staff/applications/{ready}/receipt").status_code == 403
    assert hand_over(window1, ready, iin=GUARDIAN_IIN).status_code == 403
    assert stored(app, ready).status != "handed_over"


def test_the_operator_finds_a_ready_result_by_its_request_number(window1, ready):
    page = found(window1, number="2026-00001")
    text = text_of(page)
    assert page.status_code == 200
    assert "2026-00001" in text and "Ready at the hall" in text
    assert "Certificate on guardianship and trusteeship" in text
    assert "Ахметова Айгерим Болатқызы" in text
    assert "25.11.2026 11:00" in text  # accepted, and ready at once
    assert "Hand over against the receipt and an identity document" in text


def test_the_receipts_qr_code_finds_the_same_result(app, window1, ready):
    token = stored(app, ready).token
    by_token = text_of(found(window1, token=token))
    assert "2026-00001" in by_token and "Ready at the hall" in by_token
    scanned = text_of(found(window1, number=f"{app.config['PUBLIC_URL']}/r/{token}"))
    assert "2026-00001" in scanned


def test_an_unknown_request_number_says_so(caller):
    page = found(caller, number="2026-00042")
    assert page.status_code == 404
    assert "No request has this number" in text_of(page)


@pytest.mark.parametrize("query", [{"number": "42"}, {"number": "2026-0001x"},
                                   {"token": "<script>"}])
def test_a_malformed_request_number_is_refused(caller, query):
    page = found(caller, **query)
    assert page.status_code == 400
    assert "This is not a request number" in text_of(page)


def test_the_result_is_handed_over_to_the_applicant_showing_the_right_iin(
    app, window1, ready
):
    response = hand_over(window1, ready, iin=GUARDIAN_IIN)
    assert response.status_code == 303
    page = window1.get(response.headers["Location"])
    text = text_of(page)
    assert "The result is handed over to the applicant: Ахметова Айгерим Болатқызы." in text
    assert "Handed over" in text
    assert "Received the result Ахметова Айгерим Болатқызы" in text
    row = stored(app, ready)
    assert (row.status, row.handed_to, row.open_child_iin) == ("handed_over", "applicant", None)
    assert events(app, ready)[-1] == ("handed_over", "applicant")
    assert receiver(app, ready) == ("Ахметова Айгерим Болатқызы", GUARDIAN_IIN, "", None, "",
                                    None)
    assert "Hand over against the receipt" not in text
    assert GUARDIAN_IIN not in page.get_data(as_text=True)


def test_a_wrong_iin_is_refused_and_nothing_changes(app, window1, ready):
    response = hand_over(window1, ready, iin=STRANGER_IIN)
    assert response.status_code == 409
    assert ("The identity document does not match the applicant (or the guardian they "
            "represent).") in text_of(response)
    row = stored(app, ready)
    assert (row.status, row.handed_over_at) == ("ready", None)
    assert events(app, ready)[-1][0] == "accepted"


def test_an_iin_with_a_wrong_check_digit_is_refused_at_the_field(app, window1, ready):
    wrong_digit = GUARDIAN_IIN[:-1] + str((int(GUARDIAN_IIN[-1]) + 1) % 10)
    response = hand_over(window1, ready, iin=wrong_digit)
    assert response.status_code == 400
    assert "An IIN is 12 digits with a valid check digit" in text_of(response)
    assert stored(app, ready).status == "ready"


def test_the_result_is_handed_over_to_a_representative_with_a_power_of_attorney(
    app, window1, ready
):
    response = hand_over(window1, ready, **REPRESENTATIVE)
    assert response.status_code == 303
    page = window1.get(response.headers["Location"])
    text = text_of(page)
    assert ("The result is handed over to a representative with a notarised power of "
            "attorney: Сейітов Нұрлан Бауыржанұлы.") in text
    assert "Received the result Сейітов Нұрлан Бауыржанұлы" in text
    assert ("Notarised power of attorney No 1234 of 01.03.2026, notary Жұмабаева Гүлнар "
            "Серікқызы, valid until 01.03.2027") in text
    row = stored(app, ready)
    assert (row.status, row.handed_to) == ("handed_over", "representative")
    assert receiver(app, ready) == ("Сейітов Нұрлан Бауыржанұлы", REPRESENTATIVE_IIN, "1234",
                                    date(2026, 3, 1), "Жұмабаева Гүлнар Серікқызы",
                                    date(2027, 3, 1))
    assert events(app, ready)[-1] == ("handed_over", "representative")
    # Who took it is read from the handover's columns, never written into a note or an
    # address; the receiver's IIN is not shown again.
    assert REPRESENTATIVE_IIN not in page.get_data(as_text=True)


def test_the_applications_history_shows_who_received_the_result(app, window1, ready):
    hand_over(window1, ready, **REPRESENTATIVE)
    page = found(window1, number="2026-00001")
    history = re.search(r'<table class="data history">.*?</table>', page.get_data(as_text=True),
                        re.S).group(0)
    steps = re.findall(r'<tr class="step-(\w+)">(.*?)</tr>', history, re.S)
    assert [action for action, _ in steps] == ["saved_at_window", "accepted", "handed_over"]
    handed = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", steps[-1][1])).strip()
    assert handed == ("25.11.2026 11:00 Handed over Test Staff Сейітов Нұрлан Бауыржанұлы (a "
                      "representative; power of attorney No 1234 of 01.03.2026, notary Жұмабаева "
                      "Гүлнар Серікқызы, valid until 01.03.2027)")


def test_a_power_of_attorney_valid_until_today_still_serves(app, window1, ready):
    response = hand_over(window1, ready, **{**REPRESENTATIVE, "proxy_valid_until": "25.11.2026"})
    assert response.status_code == 303
    assert stored(app, ready).status == "handed_over"


WRONG_DIGIT = REPRESENTATIVE_IIN[:-1] + str((int(REPRESENTATIVE_IIN[-1]) + 1) % 10)


@pytest.mark.parametrize(("changes", "status", "message"), [
    ({"proxy_valid_until": "24.11.2026"}, 409,
     "The power of attorney is no longer in force: its term ended before today."),
    ({"proxy_date": "26.11.2026"}, 409, "The power of attorney is dated after today"),
    ({"proxy_notary": ""}, 400, "Fill in this field."),
    ({"receiver_name": " "}, 400, "Fill in this field."),
    ({"proxy_number": ""}, 400, "Fill in this field."),
    ({"proxy_valid_until": "31.02.2027"}, 400, "Enter a date as DD.MM.YYYY."),
    ({"iin": WRONG_DIGIT}, 400, "An IIN is 12 digits with a valid check digit"),
    ({"iin": "12345"}, 400, "An IIN is 12 digits with a valid check digit"),
], ids=["expired", "future-dated", "no notary", "no name", "no number", "not a date",
        "iin check digit", "iin too short"])
def test_a_representatives_bad_input_is_refused_with_its_message_and_nothing_is_saved(
    app, window1, ready, changes, status, message
):
    response = hand_over(window1, ready, **{**REPRESENTATIVE, **changes})
    assert response.status_code == status
    assert message in text_of(response)
    row = stored(app, ready)
    assert (row.status, row.handed_over_at, row.handed_to) == ("ready", None, "")
    assert receiver(app, ready) is None
    assert "handed_over" not in [action for action, _ in events(app, ready)]
    if "proxy_notary" not in changes:  # the form comes back with what was typed, to correct
        assert 'value="Жұмабаева Гүлнар Серікқызы"' in response.get_data(as_text=True)


def test_the_power_of_attorney_is_judged_on_the_halls_day_not_the_utc_one(
    app, clock, ready, staff_client
):
    # 00:30 on 26 November in Almaty is still 25 November in UTC: a power of attorney valid
    # until the 25th has run out in the hall.
    clock.set(datetime(2026, 11, 26, 0, 30, tzinfo=ALMATY))
    supervisor = staff_client("supervisor")  # signed in now: the idle sign-out counts hours
    supervisor.set_cookie("lang", "en")
    response = hand_over(supervisor, ready,
                         **{**REPRESENTATIVE, "proxy_valid_until": "25.11.2026"})
    assert response.status_code == 409
    assert "The power of attorney is no longer in force" in text_of(response)
    assert receiver(app, ready) is None


@pytest.mark.parametrize(("lang", "words"), [
    ("kk", "Сенімхаттың қолданылу мерзімі бүгінге дейін аяқталған"),
    ("ru", "Доверенность больше не действует"),
])
def test_a_representatives_refusal_reads_in_kazakh_and_russian(window1, ready, lang, words):
    window1.set_cookie("lang", lang)
    response = hand_over(window1, ready, **{**REPRESENTATIVE, "proxy_valid_until": "01.01.2026"})
    assert response.status_code == 409
    assert words in text_of(response)


def test_a_handover_without_the_csrf_token_is_refused_and_nothing_is_saved(app, window1, ready):
    response = window1.post(f"/staff/applications/{ready}/hand-over", data=REPRESENTATIVE)
    assert response.status_code == 400
    assert stored(app, ready).status == "ready"
    assert receiver(app, ready) is None


def test_a_representative_without_the_power_of_attorney_is_asked_for_it(app, window1, ready):
    response = hand_over(window1, ready, to="representative", iin=REPRESENTATIVE_IIN,
                         proxy_date="1.3.26x")
    assert response.status_code == 400
    text = text_of(response)
    assert text.count("Fill in this field.") == 3  # name, number, notary (a term may be absent)
    assert "Enter a date as DD.MM.YYYY." in text
    assert stored(app, ready).status == "ready"


def test_a_second_tap_does_not_hand_over_twice(app, window1, ready):
    assert hand_over(window1, ready, iin=GUARDIAN_IIN).status_code == 303
    again = hand_over(window1, ready, iin=GUARDIAN_IIN)
    assert again.status_code == 409
    assert "The result is not at the hall" in text_of(again)
    assert [action for action, _ in events(app, ready)].count("handed_over") == 1


def test_a_request_still_at_the_provider_has_nothing_to_hand_over(app, kiosk, window1):
    application = accepted_at_window(app, kiosk, window1)  # no registry record
    page = found(window1, number="2026-00001")
    text = text_of(page)
    assert "At the provider: waiting for the decision" in text
    assert "30.11.2026" in text  # due: the 3rd working day after Wednesday 25 November
    assert "Hand over against the receipt" not in text
    refused = hand_over(window1, application, iin=GUARDIAN_IIN)
    assert refused.status_code == 409
    assert stored(app, application).status == "at_provider"


def test_a_reasoned_refusal_is_handed_over_like_a_certificate(app, kiosk, window1, make_user):
    application = accepted_at_window(app, kiosk, window1)
    with app.app_context():
        from kiosk.accounts.models import User

        officer = db.session.execute(
            db.select(User).filter_by(username=make_user("provider"))).scalar_one()
        refuse(db.session.get(Application, application), "No guardianship order was found.",
               officer, now())
        db.session.commit()
    text = text_of(found(window1, number="2026-00001"))
    assert "Reasoned refusal" in text and "No guardianship order was found." in text
    assert hand_over(window1, application, iin=GUARDIAN_IIN).status_code == 303


def test_a_result_handed_to_the_provider_is_requested_back_returned_and_handed_over(
    app, ready, clock, staff_client
):
    with app.app_context():
        transfer_unclaimed(now() + timedelta(days=40))
        db.session.commit()
    clock.set(datetime(2027, 1, 8, 10, 0, tzinfo=ALMATY))  # a Friday, weeks later
    window1 = staff_client("operator", window=1)
    window1.set_cookie("lang", "en")
    page = found(window1, number="2026-00001")
    assert "Handed to the provider after a month of storage" in text_of(page)
    assert "Request it back from the provider" in text_of(page)
    assert hand_over(window1, ready, iin=GUARDIAN_IIN).status_code == 409

    asked = press(window1, ready, "request-back")
    assert asked.status_code == 303
    text = text_of(window1.get(asked.headers["Location"]))
    assert "Requested back from the provider: it is due at the hall by 11.01.2027." in text
    assert "It is back at the hall" in text
    row = stored(app, ready)
    assert row.status == "requested_back"
    assert row.due_at.astimezone(ALMATY).date().isoformat() == "2027-01-11"

    back = press(window1, ready, "returned")
    assert back.status_code == 303
    assert "The result is back at the hall" in text_of(window1.get(back.headers["Location"]))
    assert stored(app, ready).status == "ready"
    assert hand_over(window1, ready, iin=GUARDIAN_IIN).status_code == 303
    assert [action for action, _ in events(app, ready)] == [
        "saved_at_window", "accepted", "transferred", "requested_back", "returned",
        "handed_over"]


def test_a_result_still_at_the_hall_cannot_be_requested_back(app, window1, ready):
    response = press(window1, ready, "request-back")
    assert response.status_code == 409
    assert "This application was already dealt with" in text_of(response)
    assert stored(app, ready).status == "ready"


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(HANDOVER, query_string={"number": "2026-00001"})
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_a_provider_officer_may_not_hand_results_over(staff_client):
    provider = staff_client("provider")
    assert provider.get(HANDOVER).status_code == 403
    data = {"csrf_token": csrf_of(provider), "to": "applicant", "iin": GUARDIAN_IIN}
    assert provider.post("/staff/applications/1/hand-over", data=data).status_code == 403


def test_a_supervisor_may_hand_a_result_over(app, staff_client, ready):
    supervisor = staff_client("supervisor")
    supervisor.set_cookie("lang", "en")
    assert hand_over(supervisor, ready, iin=GUARDIAN_IIN).status_code == 303
    assert stored(app, ready).status == "handed_over"


# The transfer list: the results handed to the provider on a day (rule 11)

TRANSFERS = "/staff/applications/transfers"


@pytest.fixture
def transfers_made(app) -> dict[str, int]:
    """Results the nightly housekeeping handed to the provider on 21 and on 25 November, one
    still kept at the hall, one handed over to its applicant: their ids by request number."""
    with app.app_context():
        made = {number: ready_result(number, surname, datetime(*ready, tzinfo=ALMATY), outcome,
                                     make_iin(child)).id
                for number, surname, ready, outcome, child in (
                    ("2026-00011", "Омарова", (2026, 10, 20, 15, 0), "certificate", "14010150016"),
                    ("2026-00012", "Бекова", (2026, 10, 23, 9, 30), "refusal", "14010250018"),
                    ("2026-00013", "Серікова", (2026, 10, 23, 16, 0), "certificate",
                     "14010350010"),
                    ("2026-00014", "Қасымова", (2026, 10, 26, 10, 0), "certificate",
                     "14010450011"),
                )}
        transfer_unclaimed(datetime(2026, 11, 21, 0, 15, tzinfo=ALMATY))  # 00011
        db.session.commit()
        transfer_unclaimed(datetime(2026, 11, 25, 0, 15, tzinfo=ALMATY))  # 00012, 00013
        db.session.commit()
    return made


def listed(response) -> list[list[str]]:
    """The rows of each language's copy of the list, as cells of text."""
    html = response.get_data(as_text=True)
    copies = re.findall(r'<article class="list-copy" lang="(\w+)">(.*?)</article>', html, re.S)
    assert [lang for lang, _ in copies] == ["kk", "ru"]
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for _, copy in copies for row in re.findall(r"<tbody>.*?</tbody>", copy, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", row, re.S)]


def test_the_transfer_list_shows_exactly_todays_transferred_results_in_kazakh_and_russian(
    app, supervisor, transfers_made
):
    page = supervisor.get(TRANSFERS)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    kk, ru = (listed(page)[:2], listed(page)[2:])
    assert kk == [
        ["1", "2026-00012", "Бекова Айгерим Болатқызы", "Дәлелді бас тарту", "23.10.2026",
         "25.11.2026"],
        ["2", "2026-00013", "Серікова Айгерим Болатқызы",
         "Қорғаншылық және қамқоршылық жөнінде анықтама", "23.10.2026", "25.11.2026"],
    ]
    assert ru == [
        ["1", "2026-00012", "Бекова Айгерим Болатқызы", "Мотивированный отказ", "23.10.2026",
         "25.11.2026"],
        ["2", "2026-00013", "Серікова Айгерим Болатқызы", "Справка об опеке и попечительстве",
         "23.10.2026", "25.11.2026"],
    ]
    text = text_of(page)
    assert "2 results" in text  # the screen's own summary, in the screen's language
    assert "Берілген нәтижелердің барлығы: 2" in text and "Всего передано результатов: 2" in text
    assert "Реестр невостребованных результатов, передаваемых услугодателю" in text
    assert "Көрсетілетін қызметті берушіге берілетін талап етілмеген нәтижелердің тізілімі" in text
    assert "25.11.2026 күнгі" in text and "за 25.11.2026" in text
    assert "Управление образования акимата города Астаны" in text
    for words in ("Тапсырған", "Қабылдап алған", "Сдал(а)", "Принял(а)",
                  "(Ф.И.О. работника услугодателя)", "(көрсетілетін қызметті беруші "
                  "қызметкерінің Т.А.Ә.)"):
        assert words in text, words
    assert text.count("Test Staff") >= 2  # who hands them over: the supervisor printing it
    assert GUARDIAN_IIN not in page.get_data(as_text=True)
    assert 'data-print' in page.get_data(as_text=True)


def test_the_transfer_list_of_another_day_shows_that_days_results_only(supervisor,
                                                                          transfers_made):
    earlier = supervisor.get(TRANSFERS, query_string={"day": "21.11.2026"})
    assert [row[1] for row in listed(earlier)] == ["2026-00011", "2026-00011"]
    assert "Всего передано результатов: 1" in text_of(earlier)
    quiet = supervisor.get(TRANSFERS, query_string={"day": "2026-11-22"})
    assert quiet.status_code == 200
    assert "В этот день услугодателю не передано ни одного результата." in text_of(quiet)
    assert "Всего передано результатов: 0" in text_of(quiet)


def test_a_result_transferred_again_after_coming_back_is_on_both_days_lists(
    app, supervisor, transfers_made
):
    with app.app_context():
        application = db.session.get(Application, transfers_made["2026-00011"])
        request_back(application, None, datetime(2026, 11, 22, 10, 0, tzinfo=ALMATY))
        returned(application, None, datetime(2026, 11, 23, 10, 0, tzinfo=ALMATY))
        db.session.commit()
        transfer_unclaimed(datetime(2026, 12, 24, 0, 15, tzinfo=ALMATY))
        db.session.commit()
    numbers = [row[1] for row in listed(supervisor.get(TRANSFERS, query_string={
        "day": "24.12.2026"}))]
    assert "2026-00011" in numbers
    assert [row[1] for row in listed(supervisor.get(TRANSFERS, query_string={
        "day": "21.11.2026"}))] == ["2026-00011", "2026-00011"]


def test_a_day_not_written_as_a_day_is_refused_at_the_field(supervisor):
    response = supervisor.get(TRANSFERS, query_string={"day": "31.02.2026"})
    assert response.status_code == 400
    assert "Enter a date as DD.MM.YYYY." in text_of(response)


def test_the_transfer_list_is_the_supervisors(app, client, staff_client, transfers_made):
    assert client.get(TRANSFERS).status_code == 302  # to sign in
    for role, status in (("operator", 403), ("provider", 403), ("supervisor", 200),
                         ("admin", 200)):
        caller = staff_client(role, window=1 if role == "operator" else None)
        assert caller.get(TRANSFERS).status_code == status, role


def test_the_transfer_list_only_reads_a_post_changes_nothing(app, supervisor, transfers_made):
    token = csrf_of(supervisor, TRANSFERS)
    assert supervisor.post(TRANSFERS, data={"csrf_token": token}).status_code == 405
    assert supervisor.post(TRANSFERS).status_code == 405
    assert stored(app, transfers_made["2026-00014"]).status == "ready"


def past_transfers(days: int) -> None:
    """A year of the hall's history: two results a day handed to the provider, and their
    other steps."""
    start = OPEN_MOMENT - timedelta(days=days)
    rows = [{"token": f"past-{day}-{n}", "status": "transferred", "channel": "hall",
             "number": f"2025-{day * 2 + n:05d}", "created_at": start + timedelta(days=day),
             "applicant_surname": "Өткен", "documents": [], "missing_documents": []}
            for day in range(days) for n in range(2)]
    db.session.execute(db.insert(Application), rows)
    ids = db.session.execute(db.select(Application.id, Application.created_at)
                             .where(Application.token.like("past-%"))).all()
    db.session.execute(db.insert(ApplicationEvent), [
        {"application_id": id_, "at": created + timedelta(hours=hours), "action": action,
         "note": ""}
        for id_, created in ids
        for hours, action in ((0, "saved_at_window"), (1, "accepted"), (2, "transferred"))])
    db.session.commit()


def test_a_days_transfer_list_reads_through_its_index_and_costs_the_same_with_a_year_behind(
    app, supervisor, transfers_made
):
    from tests.test_query_plans import caught_statements, same_work, scans_of, work_of

    with app.app_context(), caught_statements() as caught:
        assert supervisor.get(TRANSFERS).status_code == 200
    reads = [statement for statement in caught
             if "application_event" in statement.sql and statement.reads_history]
    assert reads
    with app.app_context():
        before = [work_of(statement) for statement in reads]
        past_transfers(365)
        assert [scans_of(statement) for statement in reads] == [[] for _ in reads]
        after = [work_of(statement) for statement in reads]
        assert all(same_work(*pair) for pair in zip(before, after, strict=True)), (before,
                                                                                   after)


def test_the_handover_and_the_transfer_list_put_no_iin_or_name_in_a_log(
    app, window1, ready, supervisor, transfers_made, caplog
):
    caplog.set_level(logging.DEBUG)
    refused = hand_over(window1, ready, **{**REPRESENTATIVE, "proxy_valid_until": "01.01.2026"})
    assert refused.status_code == 409
    assert hand_over(window1, ready, **REPRESENTATIVE).status_code == 303
    assert supervisor.get(TRANSFERS).status_code == 200
    for secret in (REPRESENTATIVE_IIN, GUARDIAN_IIN, "Сейітов", "Жұмабаева", "Бекова",
                   "Ахметова"):
        assert secret not in caplog.text, secret


@pytest.mark.parametrize(("proxy_date", "status"), [("26.11.2025", 303), ("24.11.2025", 409)])
def test_a_power_of_attorney_that_states_no_term_serves_a_year_from_its_date(
    app, window1, ready, proxy_date, status
):
    response = hand_over(window1, ready, **{**REPRESENTATIVE, "proxy_date": proxy_date,
                                            "proxy_valid_until": ""})
    assert response.status_code == status
    assert stored(app, ready).status == ("handed_over" if status == 303 else "ready")
    if status == 303:
        page = text_of(window1.get(response.headers["Location"]))
        assert "no term stated: in force for a year" in page
