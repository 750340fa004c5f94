"""The hall's close: the next day's housekeeping closes the tickets a day left open, at that
day's closing time, and the day's figures count who was still in line."""

from datetime import datetime

import pytest

from kiosk.line.models import Ticket, TicketEvent
from kiosk.web.extensions import db
from tests.conftest import ALMATY
from tests.helpers import take_ticket, text_of, token_of
from tests.test_supervisor import figure, play_small_day, work

DAYS = "/staff/supervisor/days"
CLOSED_AT = datetime(2026, 11, 25, 18, 0, tzinfo=ALMATY)  # the test hall closes at 18:00


def tickets_by_code(app) -> dict[str, Ticket]:
    with app.app_context():
        tickets = db.session.execute(db.select(Ticket)).scalars().all()
        for ticket in tickets:
            db.session.expunge(ticket)
        return {f"{ticket.day:%d} {ticket.code}": ticket for ticket in tickets}


def closing_steps(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.execute(
            db.select(Ticket.letter, Ticket.number, TicketEvent.from_status,
                      TicketEvent.to_status)
            .join(Ticket, TicketEvent.ticket_id == Ticket.id)
            .where(TicketEvent.action == "hall_closed").order_by(TicketEvent.id)
        ).all()
    return [(f"{letter}{number:03d}", source, target) for letter, number, source, target in rows]


@pytest.fixture
def next_morning(app, clock, client):
    """The small day of the supervisor's tests (R001 and G003 still waiting at 11:30, D001 at
    window 2), then the next morning at 11:30 with one new ticket in line."""
    play_small_day(app, clock, client)
    clock.advance(days=1)
    return token_of(take_ticket(client))


def test_housekeeping_closes_the_tickets_yesterday_left_open_at_its_closing_time(
        app, runner, next_morning):
    result = runner.invoke(args=["housekeeping"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "2026-11-26 11:30 tickets closed at the hall's closing time: 3",
        "  2026-11-25  2 in line, 0 called, 1 at a window",
    ]
    tickets = tickets_by_code(app)
    for code in ("25 R001", "25 G003"):
        assert tickets[code].status == "cancelled"
        assert tickets[code].finished_at == CLOSED_AT
    assert tickets["25 D001"].status == "served"
    assert tickets["25 D001"].finished_at == CLOSED_AT
    assert tickets["26 G001"].status == "waiting"
    assert closing_steps(app) == [("D001", "serving", "served"), ("R001", "waiting", "cancelled"),
                                  ("G003", "waiting", "cancelled")]


def test_housekeeping_run_again_closes_nothing_more(app, runner, next_morning):
    runner.invoke(args=["housekeeping"])
    again = runner.invoke(args=["housekeeping"])
    assert again.output.splitlines()[0] == \
        "2026-11-26 11:30 tickets closed at the hall's closing time: 0"
    assert len(closing_steps(app)) == 3


def test_a_window_left_with_an_applicant_calls_again_once_the_day_is_closed(
        app, clock, runner, next_morning):
    with pytest.raises(Exception, match="busy"):
        work(app, clock, 2, "operator2", "call")  # yesterday's D001 still holds window 2
    runner.invoke(args=["housekeeping"])
    work(app, clock, 2, "operator2", "call")
    assert tickets_by_code(app)["26 G001"].status == "called"


def test_the_phone_of_a_ticket_closed_unserved_says_the_hall_closed(app, client, runner,
                                                                     next_morning):
    runner.invoke(args=["housekeeping"])
    client.set_cookie("lang", "en")
    page = text_of(client.get(f"/t/{tickets_by_code(app)['25 R001'].token}"))
    assert "The hall closed before you were served" in page


def test_the_days_figures_count_who_was_still_in_line_at_closing(app, runner, next_morning,
                                                                 staff_client):
    runner.invoke(args=["housekeeping"])
    supervisor = staff_client("supervisor")
    supervisor.set_cookie("lang", "en")
    page = supervisor.get(DAYS, query_string={"day": "25.11.2026"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Wednesday, November 25, 2026" in text_of(page)
    assert figure(html, "issued") == "5"
    assert figure(html, "served") == "2"  # G001, and D001 until the close
    assert figure(html, "no-shows") == "1"
    assert figure(html, "closed-unserved") == "2"  # R001 and G003
    assert figure(html, "waits-past") == "3"  # D001 after 24:00; R001 and G003 until 18:00
    assert figure(html, "services-past") == "2"  # G001 for 20:00; D001 until 18:00


def test_the_day_view_shows_yesterday_unless_asked_for_another_day(next_morning, staff_client):
    supervisor = staff_client("supervisor")
    supervisor.set_cookie("lang", "en")
    page = supervisor.get(DAYS)
    assert page.status_code == 200
    assert "Wednesday, November 25, 2026" in text_of(page)
    assert 'value="25.11.2026"' in page.get_data(as_text=True)


@pytest.mark.parametrize(("day", "message"), [
    ("27.11.2026", "This date is in the future."),
    ("31.02.2026", "Enter a date as DD.MM.YYYY."),
    ("", "Enter a day, for example 24.11.2026."),
])
def test_the_day_view_refuses_a_day_it_cannot_show_with_a_message(next_morning, staff_client,
                                                                   day, message):
    supervisor = staff_client("supervisor")
    supervisor.set_cookie("lang", "en")
    page = supervisor.get(DAYS, query_string={"day": day})
    assert page.status_code == 400
    assert message in text_of(page)


def test_an_operator_may_not_open_a_days_figures(staff_client):
    assert staff_client("operator", window=1).get(DAYS).status_code == 403


def test_the_overview_links_to_the_figures_of_earlier_days(staff_client):
    page = staff_client("supervisor").get("/staff/supervisor/")
    assert f'href="{DAYS}"' in page.get_data(as_text=True)


def test_a_day_of_only_spaces_is_asked_for_again_not_a_server_error(supervisor):
    answer = supervisor.get(f"{DAYS}?day=%20%20%20")
    assert answer.status_code == 400
    assert "Enter a day, for example 24.11.2026." in text_of(answer)
