"""Home visits (the passport's other requirements): a request taken by the contact centre is
registered at the hall, its visit scheduled with an employee within working hours, and the
employee takes the application at home with the same form, checklist, receipts and terms as at a
window (marked as a home intake), or hands the result over there."""

import html
import re
from datetime import datetime

import pytest
from sqlalchemy import select

from kiosk.accounts.models import User
from kiosk.casework.models import Application, HomeVisit
from kiosk.web.extensions import db
from queue_mgr.casework.applications import service_term
from tests.casework_helpers import GUARDIAN_IIN, application_fields, ready_result
from tests.conftest import ALMATY, csrf_of, sign_in
from tests.helpers import hidden_inputs
from tests.helpers import text_of as raw_text

VISITS = "/staff/visits/"
NEW = "/staff/visits/new"
NAME = "Жұмабаева Сәуле Ерланқызы"
ADDRESS = "Астана қ., Есіл ауданы, Тұран даңғылы, 24-7"
TODAY, LATER_TODAY = "25.11.2026", "15:30"  # the tests' clock: Wednesday 25.11.2026, 11:00
ALL_DOCUMENTS = ("application", "identity")


def text_of(response) -> str:
    """The page's visible text, entities decoded."""
    return html.unescape(raw_text(response))


def request_fields(**changes) -> dict[str, str]:
    fields = {"purpose": "intake", "contact_line": "1414", "applicant_name": NAME,
              "address": ADDRESS, "phone": "+7 701 222 33 44",
              "reason": "Бірінші топтағы мүгедектігі бар, үйден шықпайды.", "request_number": ""}
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def register(client, **changes):
    form = hidden_inputs(client.get(NEW).get_data(as_text=True))
    service = re.search(r'<option[^>]*value="(\d+)"', client.get(NEW).get_data(as_text=True))
    return client.post(NEW, data={**form, "service": service.group(1),
                                  **request_fields(**changes)})


def visit_of(response) -> int:
    assert response.status_code == 303, text_of(response)
    return int(re.fullmatch(r"/staff/visits/(\d+)", response.headers["Location"]).group(1))


def user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.execute(select(User.id).where(User.username == username)).scalar_one()


def schedule(client, visit: int, employee: int, day: str = TODAY, time: str = LATER_TODAY):
    return client.post(f"{VISITS}{visit}/schedule", data={
        "csrf_token": csrf_of(client, f"{VISITS}{visit}"), "day": day, "time": time,
        "employee": str(employee)})


def stored(app, visit: int) -> HomeVisit:
    with app.app_context():
        found = db.session.get(HomeVisit, visit)
        db.session.expunge(found)
        return found


@pytest.fixture
def employee(app, make_user) -> tuple[str, int]:
    """An operator sent to applicants' homes: their login and id."""
    username = make_user("operator", "saule-visits", full_name="Нұрланова Әсел")
    return username, user_id(app, username)


def on_tablet(app, username: str):
    """The employee signed in on their tablet, without a window (a day of visits), in English."""
    client = app.test_client()
    response = sign_in(client, username)
    assert response.status_code == 302, text_of(response)
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def scheduled(app, supervisor, employee) -> int:
    """An intake visit scheduled for this afternoon with the employee."""
    visit = visit_of(register(supervisor))
    assert schedule(supervisor, visit, employee[1]).status_code == 303
    return visit


@pytest.fixture
def tablet(app, employee, scheduled):
    return on_tablet(app, employee[0])


def save_at_home(client, visit: int, **changes):
    return client.post(f"{VISITS}{visit}/application", data={
        "csrf_token": csrf_of(client, f"{VISITS}{visit}"), **application_fields(**changes)})


def decide(client, visit: int, verdict: str, received=ALL_DOCUMENTS):
    return client.post(f"{VISITS}{visit}/{verdict}", data={
        "csrf_token": csrf_of(client, f"{VISITS}{visit}"), "received": list(received)})


def test_the_head_of_the_hall_registers_a_request_with_its_number(app, supervisor):
    response = register(supervisor)
    visit = visit_of(response)
    page = text_of(supervisor.get(response.headers["Location"]))

    assert "Request Ү-2026-00001 is registered. Schedule the visit." in page
    assert NAME in page and ADDRESS in page and "take the application at home" in page
    assert "Requested: to schedule" in page and "Schedule the visit" in page
    assert stored(app, visit).status == "requested"
    assert NAME in text_of(supervisor.get(VISITS))


def test_the_same_form_sent_twice_registers_one_request(app, supervisor):
    form = hidden_inputs(supervisor.get(NEW).get_data(as_text=True))
    service = re.search(r'<option[^>]*value="(\d+)"', supervisor.get(NEW).get_data(as_text=True))
    data = {**form, "service": service.group(1), **request_fields()}

    first, second = supervisor.post(NEW, data=data), supervisor.post(NEW, data=data)

    assert visit_of(first) == visit_of(second)
    with app.app_context():
        assert db.session.query(HomeVisit).count() == 1


@pytest.mark.parametrize(("changes", "message"), [
    ({"applicant_name": ""}, "Fill in this field."),
    ({"phone": "call me"}, "Enter a phone number, e.g. +7 701 234 56 78."),
    ({"phone": "+" + "7" * 20}, "Enter at most 20 characters."),
    ({"address": "А" * 301}, "Enter at most 300 characters."),
    ({"purpose": "party"}, "Choose from the list."),
    ({"contact_line": "112"}, "Choose from the list."),
    ({"purpose": "handover"}, "Fill in this field."),
    ({"purpose": "handover", "request_number": "42"},
     "Enter the request number as the receipt prints it, e.g. 2026-00042."),
])
def test_a_wrong_field_is_shown_at_it_and_nothing_is_registered(app, supervisor, changes,
                                                                  message):
    response = register(supervisor, **changes)

    assert response.status_code == 400
    assert message in text_of(response)
    with app.app_context():
        assert db.session.query(HomeVisit).count() == 0


def test_a_handover_visit_needs_a_result_ready_at_the_hall(app, supervisor):
    response = register(supervisor, purpose="handover", request_number="2026-00077")

    assert response.status_code == 409
    assert "No result with this request number is ready at the hall" in text_of(response)
    with app.app_context():
        assert db.session.query(HomeVisit).count() == 0


@pytest.mark.parametrize(("day", "time", "message"), [
    ("25.11.2026", "10:30", "This moment has passed."),
    ("25.11.2026", "21:00", "Visits are made on working days within the hall's working hours."),
    ("29.11.2026", "11:00", "Visits are made on working days within the hall's working hours."),
    ("25.11.2026", "25:00", "Enter a time as HH:MM, e.g. 10:30."),
    ("31.11.2026", "11:00", "Enter a date as DD.MM.YYYY."),
])
def test_a_visit_is_scheduled_only_within_working_hours_from_now_on(
    app, supervisor, employee, day, time, message
):
    visit = visit_of(register(supervisor))

    response = schedule(supervisor, visit, employee[1], day, time)

    assert response.status_code in (400, 409)
    assert message in text_of(response)
    assert stored(app, visit).status == "requested"


def test_a_scheduled_visit_shows_on_its_employees_list_only(app, supervisor, tablet,
                                                            scheduled, staff_client):
    visit = stored(app, scheduled)
    other = staff_client("operator", window=2)

    assert visit.status == "scheduled"
    assert visit.scheduled_at == datetime(2026, 11, 25, 15, 30, tzinfo=ALMATY)
    assert NAME in text_of(tablet.get(VISITS))
    assert NAME not in text_of(other.get(VISITS))
    assert other.get(f"{VISITS}{scheduled}").status_code == 403
    assert "Нұрланова Әсел" in text_of(supervisor.get(f"{VISITS}{scheduled}"))


def test_only_the_head_of_the_hall_registers_and_schedules(app, employee, scheduled, tablet):
    assert tablet.get(NEW).status_code == 403
    assert schedule(tablet, scheduled, employee[1]).status_code == 403


def test_on_a_day_of_visits_the_employee_signs_in_without_a_window(app, employee, scheduled):
    client = app.test_client()

    response = sign_in(client, employee[0])

    assert response.status_code == 302
    assert response.headers["Location"] == VISITS


def test_without_a_visit_today_an_operator_still_chooses_a_window(app, supervisor, employee):
    visit = visit_of(register(supervisor))
    schedule(supervisor, visit, employee[1], day="26.11.2026", time="10:00")

    client = app.test_client()
    client.set_cookie("lang", "en")
    response = sign_in(client, employee[0])

    assert response.status_code == 400
    assert "Choose the window you work at." in text_of(response)


def test_the_application_is_taken_at_home_with_the_same_terms_and_receipt(
    app, clock, tablet, scheduled
):
    page = text_of(tablet.get(f"{VISITS}{scheduled}"))
    assert "The application (Appendix 2)" in page and "Documents and decision" in page

    saved = save_at_home(tablet, scheduled)
    assert saved.status_code == 303
    assert "Saved at the applicant's home" in text_of(tablet.get(saved.headers["Location"]))
    clock.advance(minutes=4)
    decided = decide(tablet, scheduled, "accept")

    assert decided.status_code == 303
    receipt = text_of(tablet.get(decided.headers["Location"]))
    assert "2026-00001" in receipt
    assert "Принято на дому у услугополучателя (выезд на дом)" in receipt
    with app.app_context():
        application = db.session.execute(select(Application)).scalar_one()
        assert (application.channel, application.status, application.ticket_id) == (
            "home", "at_provider", None)
        from kiosk.hall.settings import hall_zone
        from kiosk.hall.workdays import working_calendar

        with app.test_request_context():
            term = service_term(clock.now(), False, working_calendar(), hall_zone())
        assert application.due_at == term.due_at
        assert [event.action for event in application.events] == ["saved_at_home", "accepted"]
    visit = stored(app, scheduled)
    assert (visit.status, visit.closed_at) == ("done", clock.now())


def test_an_incomplete_package_at_home_gets_the_refusal_receipt(app, tablet, scheduled):
    save_at_home(tablet, scheduled)

    decided = decide(tablet, scheduled, "refuse", received=("application",))

    assert decided.status_code == 303
    receipt = text_of(tablet.get(decided.headers["Location"]))
    assert "Расписка об отказе в приёме документов" in receipt
    assert "Принято на дому у услугополучателя (выезд на дом)" in receipt
    assert stored(app, scheduled).status == "done"


def test_the_casework_is_done_on_the_visits_day_only(app, supervisor, employee, scheduled):
    tablet = on_tablet(app, employee[0])  # signed in today, for today's visit
    visit = visit_of(register(supervisor))
    schedule(supervisor, visit, employee[1], day="26.11.2026", time="10:00")

    response = save_at_home(tablet, visit)

    assert response.status_code == 409
    assert "taken at home on the day of the visit" in text_of(response)
    with app.app_context():
        assert db.session.query(Application).count() == 0


def test_a_cancelled_visit_cannot_be_scheduled_or_worked_on(app, supervisor, employee,
                                                           scheduled, tablet):
    cancelled = supervisor.post(f"{VISITS}{scheduled}/cancel", data={
        "csrf_token": csrf_of(supervisor, f"{VISITS}{scheduled}"),
        "cancel_reason": "Өтініш беруші ХҚКО-ға өзі келді."})
    assert cancelled.status_code == 303

    again = schedule(supervisor, scheduled, employee[1])
    saved = save_at_home(tablet, scheduled)

    assert again.status_code == 409 and saved.status_code == 409
    assert "already done or cancelled" in text_of(again)
    assert stored(app, scheduled).cancel_reason == "Өтініш беруші ХҚКО-ға өзі келді."


def test_the_result_is_handed_over_at_home(app, clock, supervisor, employee):
    with app.app_context():
        application = ready_result("2026-00031", "Ахметова", clock.now()).id
    visit = visit_of(register(supervisor, purpose="handover", request_number="2026-00031"))
    schedule(supervisor, visit, employee[1])
    tablet = on_tablet(app, employee[0])

    page = text_of(tablet.get(f"{VISITS}{visit}"))
    assert "Hand over the result" in page and "2026-00031" in page
    response = tablet.post(f"{VISITS}{visit}/hand-over", data={
        "csrf_token": csrf_of(tablet, f"{VISITS}{visit}"), "to": "applicant",
        "iin": GUARDIAN_IIN})

    assert response.status_code == 303
    with app.app_context():
        row = db.session.get(Application, application)
        assert (row.status, row.handover.receiver_iin) == ("handed_over", GUARDIAN_IIN)
    assert stored(app, visit).status == "done"
