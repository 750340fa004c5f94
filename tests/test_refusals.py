"""One way to refuse: a rule's refusal (``DomainError``) reaches the user as its translated message
from the one catalogue, with nothing the request wrote kept: htmx reads a 409 fragment, a form
post goes back (303) to its page with the message flashed, the API reads JSON."""

from datetime import date

import pytest
from flask import Blueprint

from kiosk.hall.models import CalendarOverride
from kiosk.line.models import Booking
from kiosk.web.extensions import csrf, db
from kiosk.web.refusals import REFUSALS
from queue_mgr.errors import DomainError
from tests.conftest import csrf_of
from tests.helpers import text_of
from tests.test_bookings import BOOKINGS, book, code_of

DECREE_DAY = date(2026, 12, 31)
HALF_WRITTEN = "/refusal-check/decree"
BUSY = "Finish with the current applicant first."


@pytest.fixture
def app(fresh_app):
    """The app with a screen that writes a decree day, then meets a rule that refuses."""
    bp = Blueprint("refusal_check", __name__)
    csrf.exempt(bp)

    @bp.post("/refusal-check/decree")
    @bp.post("/api/refusal-check/decree")
    def write_then_refuse():
        db.session.add(CalendarOverride(day=DECREE_DAY, working=True, note="half written"))
        db.session.flush()
        raise DomainError("window_busy")

    fresh_app.register_blueprint(bp)
    return fresh_app


@pytest.fixture
def half_writer(app):
    return app


def decree_kept(app) -> bool:
    with app.app_context():
        return db.session.get(CalendarOverride, DECREE_DAY) is not None


def test_every_refusal_has_a_message_that_reads_in_every_language(app):
    with app.test_request_context():
        for key, refusal in REFUSALS.items():
            assert str(refusal.text).strip(), key
            assert 400 <= refusal.status < 500, key


def test_htmx_reads_the_refusal_as_a_409_fragment_and_nothing_is_kept(half_writer, kiosk):
    answer = kiosk.post(HALF_WRITTEN, headers={"HX-Request": "true"})
    assert answer.status_code == 409
    html = answer.get_data(as_text=True)
    assert html.startswith('<p class="error-message" role="alert">')
    assert BUSY in html
    assert not decree_kept(half_writer)


def test_a_form_post_goes_back_to_its_page_with_the_message(half_writer, kiosk):
    answer = kiosk.post(HALF_WRITTEN, headers={"Referer": "http://localhost/kiosk/services"})
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("/kiosk/services")
    with kiosk.session_transaction() as session:
        assert [message for _, message in session["_flashes"]] == [BUSY]
    assert not decree_kept(half_writer)


def test_a_form_post_from_elsewhere_is_not_sent_there(half_writer, kiosk):
    answer = kiosk.post(HALF_WRITTEN, headers={"Referer": "https://elsewhere.example/x"})
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(HALF_WRITTEN)


def test_the_api_reads_the_refusal_as_json_in_english(half_writer, client):
    client.set_cookie("lang", "ru")
    answer = client.post(f"/api{HALF_WRITTEN}")
    assert answer.status_code == 409
    assert answer.get_json() == {"error": "window_busy", "message": BUSY}
    assert not decree_kept(half_writer)


def test_the_refusal_speaks_the_users_language(half_writer, client):
    client.set_cookie("lang", "ru")
    answer = client.post(HALF_WRITTEN, headers={"HX-Request": "true"})
    assert answer.status_code == 409
    assert BUSY not in answer.get_data(as_text=True)
    assert "error-message" in answer.get_data(as_text=True)


@pytest.fixture
def clerk(staff_client):
    client = staff_client("operator", window=3)
    client.set_cookie("lang", "en")
    return client


def cancel(app, clerk, code: str, **headers):
    with app.app_context():
        booking_id = db.session.execute(
            db.select(Booking.id).filter_by(code=code)).scalar_one()
    return clerk.post(f"{BOOKINGS}{booking_id}/cancel",
                      data={"csrf_token": csrf_of(clerk, BOOKINGS)}, headers=headers)


def test_cancelling_a_booking_twice_says_why_on_the_day_page(app, clerk):
    code = code_of(book(clerk))
    assert cancel(app, clerk, code).status_code == 303
    again = cancel(app, clerk, code)
    assert again.status_code == 303
    day = clerk.get(again.headers["Location"])
    assert "This booking has been used or cancelled already." in text_of(day)


def test_cancelling_a_booking_twice_from_htmx_is_a_409_fragment(app, clerk):
    code = code_of(book(clerk))
    cancel(app, clerk, code)
    again = cancel(app, clerk, code, **{"HX-Request": "true"})
    assert again.status_code == 409
    assert "This booking has been used or cancelled already." in text_of(again)
