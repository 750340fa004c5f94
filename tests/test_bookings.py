"""Booked appointments: booked by a clerk or through the portal's API, checked in at the kiosk
with the code, a booked ticket only in time, never more bookings than the windows' seats."""

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event

from kiosk.hall.settings import hall_zone
from kiosk.line.models import Booking, Ticket
from kiosk.web.extensions import db
from tests.conftest import csrf_of
from tests.helpers import hidden_inputs, take_ticket, text_of, token_of
from tests.servers import gunicorn

BOOKINGS = "/staff/bookings/"
API = "/api/v1/bookings"
TOKEN = {"Authorization": "Bearer test-portal-token"}
SLOT = "11:30"  # the test clock stands at 11:00 on Wednesday 25 November 2026
SEATS = 3  # the demo windows serving guardianship: 1, 2 and 4, a seat each per slot


@pytest.fixture
def clerk(staff_client):
    client = staff_client("operator", window=3)  # a clerk taking a caller's booking
    client.set_cookie("lang", "en")
    return client


def book(clerk, time: str = SLOT, day: str = "25.11.2026", service: str = "guardianship"):
    token = csrf_of(clerk, BOOKINGS)
    return clerk.post(BOOKINGS, data={"csrf_token": token, "service": service, "day": day,
                                      "time": time})


def code_of(response) -> str:
    html = response.get_data(as_text=True)
    return html.split('<p class="booking-code">', 1)[1].split("</p>", 1)[0].strip()


def check_in(kiosk, code: str, service: str = "guardianship", **changes):
    fields = hidden_inputs(kiosk.get(f"/kiosk/services/{service}/booking").get_data(as_text=True))
    return kiosk.post("/kiosk/bookings", data={**fields, "code": code, **changes})


def booking_row(app, code: str) -> Booking:
    with app.app_context():
        booking = db.session.execute(db.select(Booking).filter_by(code=code)).scalar_one()
        db.session.expunge(booking)
        return booking


def tickets(app) -> int:
    with app.app_context():
        return db.session.query(Ticket).count()


# A clerk books


def test_a_clerk_books_a_slot_and_gives_the_caller_its_code(clerk):
    page = clerk.get(f"{BOOKINGS}?service=guardianship&day=25.11.2026")
    assert "11:30" in text_of(page) and "free: 3 of 3" in text_of(page)
    assert "11:00" not in page.get_data(as_text=True).split('class="slots"')[1]  # begun
    made = book(clerk)
    assert made.status_code == 200
    code = code_of(made)
    assert len(code) == 6
    assert f'<tr data-code="{code}"' in made.get_data(as_text=True)
    assert "free: 2 of 3" in text_of(made)


def test_a_slot_takes_no_more_bookings_than_its_windows_seats(clerk):
    for _ in range(SEATS):
        assert book(clerk).status_code == 200
    full = book(clerk)
    assert full.status_code == 409
    assert "This slot is full. Choose another time." in text_of(full)


def test_a_cancelled_booking_frees_its_seat(app, clerk):
    codes = [code_of(book(clerk)) for _ in range(SEATS)]
    with app.app_context():
        first = db.session.execute(db.select(Booking.id).filter_by(code=codes[0])).scalar_one()
    cancelled = clerk.post(f"{BOOKINGS}{first}/cancel",
                           data={"csrf_token": csrf_of(clerk, BOOKINGS)})
    assert cancelled.status_code == 303
    assert booking_row(app, codes[0]).status == "cancelled"
    assert book(clerk).status_code == 200


@pytest.mark.parametrize(("fields", "message"), [
    ({"time": "11:45"}, "This time is not a slot of that day, or it has passed."),
    ({"time": "10:30"}, "This time is not a slot of that day, or it has passed."),
    ({"day": "28.11.2026"}, "This time is not a slot of that day"),  # a Saturday
    ({"day": "16.12.2026"}, "This time is not a slot of that day"),  # Independence Day
    ({"time": "25:00"}, "Choose a time."),
    ({"day": "   "}, "Enter a day"),
    ({"service": "passport"}, "This service is not offered."),
])
def test_a_bad_booking_is_refused_with_what_to_change(clerk, fields, message):
    answer = book(clerk, **fields)
    assert answer.status_code in (400, 409)
    assert message in text_of(answer)


def test_only_staff_book(client, staff_client):
    assert client.get(BOOKINGS).status_code == 302
    assert staff_client("provider").get(BOOKINGS).status_code == 403


# The kiosk checks in


def test_a_booking_checked_in_in_time_makes_a_booked_ticket_once(app, clerk, kiosk, clock):
    code = code_of(book(clerk))
    clock.advance(minutes=20)  # 11:20: ten minutes before the slot
    taken = check_in(kiosk, code.lower())  # as typed, small letters and all
    assert taken.status_code == 303
    page = kiosk.get(taken.headers["Location"])
    assert "Booked appointment" in text_of(page)
    booking = booking_row(app, code)
    assert booking.status == "checked_in" and booking.ticket_id is not None
    again = check_in(kiosk, code)
    assert again.status_code == 409
    assert "This booking has already been used for a ticket." in text_of(again)


def test_the_same_check_in_sent_twice_gives_the_same_ticket(app, clerk, kiosk, clock):
    code = code_of(book(clerk))
    clock.advance(minutes=20)
    fields = hidden_inputs(kiosk.get("/kiosk/services/guardianship/booking")
                           .get_data(as_text=True))
    first = kiosk.post("/kiosk/bookings", data={**fields, "code": code})
    second = kiosk.post("/kiosk/bookings", data={**fields, "code": code})
    assert token_of(first) == token_of(second)
    assert tickets(app) == 1


def test_a_check_in_too_early_says_from_when_and_takes_nothing(app, clerk, kiosk):
    code = code_of(book(clerk))
    early = check_in(kiosk, code)  # 11:00, for 11:30
    assert early.status_code == 409
    assert "Your booking is at 11:30. You can check in from 11:15." in text_of(early)
    assert tickets(app) == 0
    assert booking_row(app, code).status == "booked"


def test_in_kazakh_the_times_take_the_endings_their_reading_asks_for(app, clerk, kiosk, clock):
    code = code_of(book(clerk))
    kiosk.get("/kiosk?lang=kk")
    early = text_of(check_in(kiosk, code))  # 11:00, for 11:30 («отыз»), from 11:15 («бес»)
    assert "Жазылуыңыз сағат 11:30-ға. Сағат 11:15-тен бастап тіркелуге болады." in early
    clock.advance(minutes=50)
    late = text_of(kiosk.get(check_in(kiosk, code).headers["Location"]))
    assert "Жазылуыңыз сағат 11:30-ға еді" in late


def test_a_late_check_in_gets_an_ordinary_ticket_and_is_told_so(app, clerk, kiosk, clock):
    code = code_of(book(clerk))
    clock.advance(minutes=50)  # 11:50: twenty minutes after the slot began
    taken = check_in(kiosk, code)
    assert taken.status_code == 303
    page = text_of(kiosk.get(taken.headers["Location"]))
    assert "Your booking was for 11:30 and you came after its check-in time, so this is an " \
        "ordinary ticket" in page
    assert "Booked appointment" not in page
    assert booking_row(app, code).status == "late"
    with app.app_context():
        assert db.session.execute(db.select(Ticket.category_id)).scalar_one() is None


def test_a_code_for_another_day_or_service_is_refused_and_says_which(app, clerk, kiosk, clock):
    tomorrow = code_of(book(clerk, day="26.11.2026", time="09:00"))
    identity = code_of(book(clerk, service="identity"))
    clock.advance(minutes=20)
    other_day = check_in(kiosk, tomorrow)
    assert other_day.status_code == 409
    assert "This booking is for 26.11.2026 at 09:00, not for today." in text_of(other_day)
    other_service = check_in(kiosk, identity)
    assert other_service.status_code == 409
    assert "This booking is for another service: Identity documents." in text_of(other_service)
    assert tickets(app) == 0


@pytest.mark.parametrize(("code", "status", "message"), [
    ("ABC234", 404, "No booking has this code."),
    ("ABC", 400, "A booking code is 6 letters and digits"),
    ("ABCD1O", 400, "A booking code is 6 letters and digits"),
    ("", 400, "Type the code of your booking."),
])
def test_a_wrong_code_is_refused_with_a_clear_message(kiosk, code, status, message):
    answer = check_in(kiosk, code)
    assert answer.status_code == status
    assert message in text_of(answer)


def test_the_kiosk_speaks_the_applicants_language_when_refusing(kiosk):
    kiosk.set_cookie("lang", "ru")
    answer = check_in(kiosk, "ABC234")
    assert answer.status_code == 404
    assert "No booking has this code." not in text_of(answer)


def test_a_walk_in_cannot_tap_booked_any_more(app, kiosk):
    page = text_of(kiosk.get("/kiosk/services/guardianship"))
    assert "Booked appointment" not in page
    assert "I have a booking" in page
    forged = take_ticket(kiosk, category="booked")
    assert forged.status_code == 400
    assert "A booked ticket is taken with the booking's code." in text_of(forged)
    assert tickets(app) == 0


# The portal's API


def api(client, method: str, path: str = "", body=None, headers=TOKEN):
    return client.open(f"{API}{path}", method=method, headers=headers,
                       data=None if body is None else json.dumps(body),
                       content_type="application/json")


def portal_booking(request_id: str = "portal-1", time: str = SLOT, day: str = "2026-11-25"):
    return {"request_id": request_id, "service": "guardianship", "day": day, "time": time}


def test_the_portal_books_reads_and_cancels_with_its_token(client):
    slots = api(client, "GET", "/slots?service=guardianship&day=2026-11-25")
    assert slots.status_code == 200
    assert {"time": "11:30", "seats": 3, "free": 3} in slots.get_json()["slots"]
    made = api(client, "POST", body=portal_booking())
    assert made.status_code == 201
    booking = made.get_json()
    assert (booking["day"], booking["time"], booking["status"]) == ("2026-11-25", "11:30",
                                                                    "booked")
    assert api(client, "GET", f"/{booking['code']}").get_json() == booking
    removed = api(client, "DELETE", f"/{booking['code']}")
    assert removed.get_json()["status"] == "cancelled"
    assert api(client, "DELETE", f"/{booking['code']}").status_code == 409


def test_the_portal_sending_a_request_again_gets_the_same_booking(client):
    first = api(client, "POST", body=portal_booking())
    again = api(client, "POST", body=portal_booking())
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["code"] == again.get_json()["code"]
    other = api(client, "POST", body=portal_booking(time="12:00"))
    assert other.status_code == 409
    assert other.get_json()["error"] == "request_id_reused"


@pytest.mark.parametrize(("body", "status", "error"), [
    ("not json", 400, "bad_request"),
    ({**portal_booking(), "service": "passport"}, 422, "unknown_service"),
    ({**portal_booking(), "day": "25.11.2026"}, 422, "bad_day"),
    ({**portal_booking(), "time": "11:30:00"}, 422, "bad_time"),
    ({**portal_booking(), "request_id": "a b"}, 422, "bad_request_id"),
    ({**portal_booking(), "time": "11:45"}, 422, "not_a_slot"),
    ({**portal_booking(), "day": "2026-11-24"}, 422, "not_a_slot"),
])
def test_the_portal_gets_a_reason_for_every_bad_request(client, body, status, error):
    raw = body if isinstance(body, str) else json.dumps(body)
    answer = client.post(API, data=raw, headers=TOKEN, content_type="application/json")
    assert answer.status_code == status
    assert answer.get_json()["error"] == error


def test_the_api_answers_only_its_token(client):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}):
        answer = api(client, "POST", body=portal_booking(), headers=headers)
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert api(client, "GET", "/ABC234", headers={}).status_code == 401


def test_a_portal_booking_checks_in_at_the_kiosk(app, client, kiosk, clock):
    code = api(client, "POST", body=portal_booking()).get_json()["code"]
    clock.advance(minutes=25)
    assert check_in(kiosk, code).status_code == 303
    assert api(client, "GET", f"/{code}").get_json()["status"] == "checked_in"


# At once


@pytest.mark.server
def test_many_bookings_at_once_never_take_more_than_the_seats(app):
    with app.app_context():  # the server keeps real time, in a hall open around the clock
        tomorrow = (datetime.now(hall_zone()) + timedelta(days=1)).date()
    seats = SEATS
    start = threading.Barrier(12)

    def post(index: int, base_url: str) -> int:
        body = json.dumps({"request_id": f"race-{index}", "service": "guardianship",
                           "day": tomorrow.isoformat(), "time": "10:00"}).encode()
        request = urllib.request.Request(
            f"{base_url}{API}", data=body, method="POST",
            headers={"Authorization": "Bearer demo-portal-token",
                     "Content-Type": "application/json"})
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status
        except urllib.error.HTTPError as refused:
            return refused.code

    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], workers=4) as base_url, \
            ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(lambda i: post(i, base_url), range(12)))
    assert sorted(statuses) == [201] * seats + [409] * (12 - seats)
    with app.app_context():
        held = db.session.execute(db.select(Booking.window_id, Booking.seat)).all()
    assert len(held) == len(set(held)) == seats


def test_a_code_checked_in_at_one_kiosk_is_refused_at_the_next(app, clerk, clock):
    code = code_of(book(clerk))
    clock.advance(minutes=20)
    kiosks = [app.test_client() for _ in range(2)]
    answers = [check_in(kiosk, code) for kiosk in kiosks]
    assert sorted(a.status_code for a in answers) == [303, 409]
    assert tickets(app) == 1


def test_the_days_bookings_are_read_in_a_few_queries_however_many(app, clerk, kiosk, clock):
    codes = [code_of(book(clerk)) for _ in range(SEATS)]
    clock.advance(minutes=20)

    def queries_of_the_list() -> int:
        statements = []

        def count(*_):
            statements.append(1)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            page = clerk.get(f"{BOOKINGS}?service=guardianship&day=25.11.2026")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert page.status_code == 200
        return len(statements)

    check_in(kiosk, codes[0])
    with_one_ticket = queries_of_the_list()
    for code in codes[1:]:
        check_in(kiosk, code)
    assert queries_of_the_list() == with_one_ticket  # no query per booking's ticket
