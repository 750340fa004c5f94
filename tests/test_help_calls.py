"""The kiosk's "Call staff for help": a tap reaches the supervisor's screen (which kiosk, which
screen, since when) until someone goes; a second tap from the same kiosk makes no second call."""

import re

from kiosk.line.models import HelpCall
from kiosk.web.extensions import db
from tests.helpers import hidden_inputs, text_of


def call_help(client, page: str = "/kiosk/services?lang=en", htmx: bool = True):
    token = hidden_inputs(client.get(page).get_data(as_text=True))["csrf_token"]
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post("/kiosk/help", data={"csrf_token": token, "screen": "applicant.services"},
                       headers=headers)


def calls(app) -> list[tuple[str, str, bool]]:
    with app.app_context():
        return [(call.kiosk, call.screen, call.answered_at is not None)
                for call in db.session.execute(db.select(HelpCall)).scalars()]


def test_a_tap_calls_staff_and_the_kiosk_says_so(app, kiosk):
    response = call_help(kiosk)

    assert response.status_code == 200
    assert "Staff have been called: someone will come to you." in text_of(response)
    assert calls(app) == [("127.0.0.1", "applicant.services", False)]


def test_a_kiosk_named_by_the_hall_is_called_by_its_name(app, kiosk, supervisor):
    kiosk.get("/kiosk?station=north-2")  # the hall opens each kiosk once with its name
    call_help(kiosk)

    page = text_of(supervisor.get("/staff/supervisor/"))

    assert "Calls for help 1" in page
    assert "Kiosk north-2 · services" in page and "since 11:00" in page


def test_a_second_tap_while_the_call_is_open_makes_no_second_call(app, kiosk):
    call_help(kiosk)
    call_help(kiosk, "/kiosk?lang=en")

    assert len(calls(app)) == 1


def test_someone_going_takes_the_call_off_the_list(app, kiosk, supervisor):
    call_help(kiosk)
    page = supervisor.get("/staff/supervisor/").get_data(as_text=True)
    answer = re.search(r'action="(/staff/supervisor/help/\d+)"', page).group(1)

    response = supervisor.post(answer, data={"csrf_token": hidden_inputs(page)["csrf_token"]})

    assert response.status_code == 303
    assert "Calls for help" not in text_of(supervisor.get("/staff/supervisor/hall"))
    assert calls(app) == [("127.0.0.1", "applicant.services", True)]
    call_help(kiosk)  # a new need: a new call
    assert len(calls(app)) == 2


def test_a_call_without_the_screens_token_is_refused_and_makes_none(app, kiosk):
    response = kiosk.post("/kiosk/help", data={"screen": "applicant.services"},
                          headers={"HX-Request": "true"})

    assert response.status_code == 400
    assert calls(app) == []


def test_without_scripts_the_call_goes_back_to_the_start(app, kiosk):
    response = call_help(kiosk, htmx=False)

    assert response.status_code == 303 and response.headers["Location"].startswith("/kiosk")
    assert len(calls(app)) == 1
