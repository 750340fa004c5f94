"""Handing the result over (rules 10-11): found by its request number or the receipt's QR,
given against an identity document, and requested back from the provider after a month."""

from datetime import datetime, timedelta

import pytest

from kiosk.casework.cases import refuse, transfer_unclaimed
from kiosk.casework.models import Application
from kiosk.web.clock import now
from kiosk.web.extensions import db
from tests.casework_helpers import GUARDIAN_IIN, REPRESENTATIVE_IIN, add_registry_record, make_iin
from tests.conftest import csrf_of
from tests.helpers import text_of
from tests.test_intake import ALMATY, accepted_at_window, applicant_at_window, finish, stored

HANDOVER = "/staff/applications/handover"
STRANGER_IIN = make_iin("77010130012")


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
    assert "The result is handed over to the applicant." in text
    assert "Handed over" in text
    row = stored(app, ready)
    assert (row.status, row.handed_to, row.open_child_iin) == ("handed_over", "applicant", None)
    assert events(app, ready)[-1] == ("handed_over", "applicant")
    assert "Hand over against the receipt" not in text


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
    response = hand_over(window1, ready, to="representative", iin=REPRESENTATIVE_IIN,
                         proxy_number="1234", proxy_date="01.03.2026")
    assert response.status_code == 303
    assert ("The result is handed over to a representative with a notarised power of "
            "attorney.") in text_of(window1.get(response.headers["Location"]))
    row = stored(app, ready)
    assert (row.status, row.handed_to) == ("handed_over", "representative")
    assert events(app, ready)[-1] == ("handed_over", "PoA No 1234 of 01.03.2026")


def test_a_representative_without_the_power_of_attorney_is_asked_for_it(app, window1, ready):
    response = hand_over(window1, ready, to="representative", iin=REPRESENTATIVE_IIN,
                         proxy_date="1.3.26x")
    assert response.status_code == 400
    text = text_of(response)
    assert "Fill in this field." in text and "Enter a date as DD.MM.YYYY." in text
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
