"""The working calendar screen: the coming weeks, and the decree overrides that move due dates."""

import html
import re
from datetime import date, datetime

import pytest

from kiosk.casework import cases as casework
from kiosk.casework.models import Application
from kiosk.hall.models import CalendarOverride
from kiosk.web.extensions import db
from tests.conftest import ALMATY, csrf_of
from tests.helpers import text_of as raw_text
from tests.test_provider import accepted_request

CALENDAR = "/staff/admin/calendar"
DECREE = "Decree No 501 of 01.11.2026 moving a day off to 27 November"


def text_of(response) -> str:
    return html.unescape(raw_text(response))


@pytest.fixture
def admin(staff_client):
    client = staff_client("admin")
    client.set_cookie("lang", "en")
    return client


def add(client, day: str, working: str = "0", note: str = DECREE):
    return client.post(CALENDAR, data={"csrf_token": csrf_of(client, CALENDAR), "day": day,
                                       "working": working, "note": note})


def day_cell(response, day: str) -> tuple[set[str], str]:
    """A day's cell in the calendar: its classes and its text."""
    page = response.get_data(as_text=True)
    match = re.search(rf'<td class="([^"]*)" data-day="{day}">(.*?)</td>', page, re.S)
    assert match, day
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(2)))).strip()
    return set(match.group(1).split()), text


def due_day(app, application_id: int) -> date:
    with app.app_context():
        return db.session.get(Application, application_id).due_at.astimezone(ALMATY).date()


def overrides(app) -> dict[date, bool]:
    with app.app_context():
        return dict(db.session.execute(
            db.select(CalendarOverride.day, CalendarOverride.working)).all())


def test_the_calendar_shows_the_coming_weeks_with_holidays(app, admin):
    response = admin.get(CALENDAR)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert day_cell(response, "2026-11-25") == ({"work", "today"},
                                                "25 .11 Wednesday, Working day, Today")
    assert day_cell(response, "2026-11-23") == ({"work", "past"}, "23 .11 Monday, Working day")
    assert day_cell(response, "2026-11-28") == ({"off"}, "28 .11 Saturday, Day off")
    assert day_cell(response, "2026-12-16") == (
        {"off"}, "16 .12 Wednesday, Day off Independence Day")
    assert day_cell(response, "2027-01-04")[1].endswith("New Year's Day (day off moved)")
    assert day_cell(response, "2027-01-07")[1].endswith("Day off Orthodox Christmas")
    assert day_cell(response, "2027-01-24")[0] == {"off"}  # nine weeks from this Monday
    assert "2027-01-25" not in response.get_data(as_text=True)
    assert "No overrides: the Kazakhstan calendar applies as it is." in text_of(response)


def test_a_religious_holidays_estimated_date_is_shown_as_such(admin, clock):
    clock.set(datetime(2026, 5, 4, 10, 0, tzinfo=ALMATY))
    response = admin.get(CALENDAR)
    assert day_cell(response, "2026-05-27") == (
        {"off"}, "27 .05 Wednesday, Day off Kurban Ait Date estimated")
    assert "Date estimated" not in day_cell(response, "2026-05-07")[1]


def test_an_override_moves_the_due_dates_of_new_requests(app, admin):
    # Accepted Wednesday 25 November: due Monday 30 November without the override.
    assert due_day(app, accepted_request(app)) == date(2026, 11, 30)
    response = add(admin, "27.11.2026")
    assert response.status_code == 302
    page = admin.get(response.headers["Location"])
    assert "27.11.2026 is now a day off." in text_of(page)
    assert f"27.11.2026 A day off {DECREE} Remove" in text_of(page)
    assert day_cell(page, "2026-11-27") == ({"off"}, "27 .11 Friday, Day off Override")
    assert overrides(app) == {date(2026, 11, 27): False}
    with app.app_context():
        assert not casework.working_calendar().is_working_day(date(2026, 11, 27))
    later = accepted_request(app, datetime(2026, 11, 25, 15, 0, tzinfo=ALMATY),
                             child_iin="160701700125")
    assert due_day(app, later) == date(2026, 12, 1)


def test_a_working_saturday_counts_as_a_working_day(app, admin):
    assert add(admin, "2026-11-28", working="1", note="Decree: 28 November is worked").status_code \
        == 302
    application_id = accepted_request(app)
    assert due_day(app, application_id) == date(2026, 11, 28)
    assert day_cell(admin.get(CALENDAR), "2026-11-28") == (
        {"work"}, "28 .11 Saturday, Working day Override")


def test_removing_an_override_restores_the_calendar(app, admin):
    assert add(admin, "27.11.2026").status_code == 302
    response = admin.post(f"{CALENDAR}/2026-11-27/delete",
                          data={"csrf_token": csrf_of(admin, CALENDAR)})
    assert response.status_code == 302
    assert "The override of 27.11.2026 is removed." in text_of(
        admin.get(response.headers["Location"]))
    assert overrides(app) == {}
    assert due_day(app, accepted_request(app)) == date(2026, 11, 30)
    missing = admin.post(f"{CALENDAR}/2026-11-27/delete",
                         data={"csrf_token": csrf_of(admin, CALENDAR)})
    assert missing.status_code == 404
    assert admin.post(f"{CALENDAR}/not-a-day/delete",
                      data={"csrf_token": csrf_of(admin, CALENDAR)}).status_code == 404


def test_an_override_is_checked_with_messages(app, admin):
    empty = add(admin, "", working="", note=" ")
    assert empty.status_code == 400
    text = text_of(empty)
    assert "Enter a date as DD.MM.YYYY." in text
    assert "Choose whether the day is worked or off." in text
    assert "Say which decree changes the day." in text
    bad = text_of(add(admin, "30.02.2027", working="2", note="x" * 201))
    assert "Enter a date as DD.MM.YYYY." in bad
    assert "Choose whether the day is worked or off." in bad
    assert "The note takes at most 200 characters." in bad
    same = add(admin, "28.11.2026")
    assert same.status_code == 400
    assert "The calendar already has this day as a day off." in text_of(same)
    assert overrides(app) == {}


def test_a_second_override_of_the_same_day_is_refused(app, admin):
    assert add(admin, "27.11.2026").status_code == 302
    again = add(admin, "27.11.2026", working="1", note="Another decree")
    assert again.status_code == 409
    assert "This date already has an override. Remove it first." in text_of(again)
    assert overrides(app) == {date(2026, 11, 27): False}


def test_only_administrators_change_the_calendar(app, staff_client):
    for role in ("provider", "supervisor"):
        client = staff_client(role)
        assert client.get(CALENDAR).status_code == 403
        assert client.post(CALENDAR, data={"csrf_token": csrf_of(client), "day": "27.11.2026",
                                           "working": "0", "note": DECREE}).status_code == 403
    assert overrides(app) == {}


def test_a_day_of_only_spaces_is_asked_for_again_not_a_server_error(app, admin):
    answer = add(admin, "   ")
    assert answer.status_code == 400
    assert "Enter a date as DD.MM.YYYY." in text_of(answer)
    assert overrides(app) == {}
