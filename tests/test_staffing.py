"""The staffing advice as the hall sees it: the supervisor's screen says how many more windows
would keep everyone within the waiting limit and who is about to pass it, the windows get a
notice, and the forecast is kept for the reports."""

import re

import pytest
from sqlalchemy import event

from kiosk.line.models import Ticket
from kiosk.line.staffing import fresh_advice, hall_advice
from kiosk.web.clock import now
from kiosk.web.extensions import db
from tests.helpers import take_ticket, text_of

OVERVIEW, HALL, LINE = "/staff/supervisor/", "/staff/supervisor/hall", "/staff/window/line"
ENOUGH = "The windows open now keep everyone within the waiting limit for the next 30 minutes."


def advice_of(html: str) -> str:
    part = re.search(r'<section class="panel advice[^"]*"[^>]*>(.*?)</section>', html, re.S)
    assert part, "no staffing advice"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part.group(1))).strip()


@pytest.fixture
def three_in_line(kiosk, window1):
    """Three applicants for the guardianship certificate at 11:00, and window 1 (guardianship
    only, ten minutes a service until some are recorded) the only one open."""
    for _ in range(3):
        take_ticket(kiosk)


def test_a_quiet_hall_is_told_its_windows_are_enough(kiosk, window1, supervisor):
    take_ticket(kiosk)
    assert advice_of(supervisor.get(OVERVIEW).get_data(as_text=True)) == \
        f"Staffing advice {ENOUGH}"
    assert "More windows the hall needs" not in text_of(window1.get(LINE))


def test_the_supervisor_is_told_how_many_windows_to_open_and_who_would_pass_the_limit(
        three_in_line, supervisor):
    advice = advice_of(supervisor.get(OVERVIEW).get_data(as_text=True))
    # one window reaches G001 at 1:00, G002 at 12:00 and G003 only at 23:00 of waiting
    assert "Windows to open to keep everyone within the waiting limit for the next 30 " \
        "minutes: 1." in advice
    assert "about to pass the limit with the windows open now: G003" in advice


def test_every_window_screen_carries_the_notice(three_in_line, window1):
    assert "More windows the hall needs open to keep applicants within the waiting limit: 1." \
        in text_of(window1.get(LINE))


def test_another_window_opening_answers_the_advice(three_in_line, staff_client, supervisor,
                                                   window1):
    staff_client("operator", window=2)  # guardianship and identity
    assert ENOUGH in advice_of(supervisor.get(HALL).get_data(as_text=True))
    assert "More windows the hall needs" not in text_of(window1.get(LINE))


def test_the_live_part_changes_when_the_advice_does(three_in_line, staff_client, supervisor):
    first = supervisor.get(HALL)
    staff_client("operator", window=2)
    again = supervisor.get(HALL, headers={"If-None-Match": first.get_etag()[0]})
    assert again.status_code == 200


def test_the_forecast_is_kept_on_the_ticket_once(app, three_in_line, supervisor, clock):
    supervisor.get(HALL)
    with app.app_context():
        marked = db.session.execute(
            db.select(Ticket.number, Ticket.forecast_late_at)
            .where(Ticket.forecast_late_at.is_not(None))).all()
    assert [(number, at) for number, at in marked] == [(3, clock.now())]
    clock.advance(minutes=1)
    supervisor.get(HALL)
    with app.app_context():
        assert db.session.execute(
            db.select(Ticket.forecast_late_at).where(Ticket.number == 3)).scalar_one() == \
            marked[0][1]


def test_the_advice_speaks_the_supervisors_language(three_in_line, supervisor):
    supervisor.set_cookie("lang", "kk")
    advice = advice_of(supervisor.get(OVERVIEW).get_data(as_text=True))
    assert "Windows to open" not in advice
    assert "G003" in advice


def test_each_worker_keeps_the_advice_a_few_seconds_and_it_is_the_advice_worked_out_afresh(
        app, three_in_line):
    app.config["ADVICE_SECONDS"] = 60
    statements = []

    def count(*_):
        statements.append(1)

    with app.test_request_context():
        moment = now()
        kept = hall_advice(moment)
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            again = hall_advice(moment)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        assert again is kept and statements == []
        assert fresh_advice(moment) == kept
        app.config["ADVICE_SECONDS"] = 0
        assert hall_advice(moment) is not kept
