"""The hall's reports: a range of days per day, hour, window, service and group, as the
supervisor reads them, as a CSV file, and the same from kept figures as from the tickets."""

import csv
import io
import re
from datetime import date, datetime, time

import pytest
from sqlalchemy import event

from kiosk.line.models import DayFigure
from kiosk.line.reporting import plain_report, range_report
from kiosk.web.clock import now
from kiosk.web.extensions import db
from tests.conftest import ALMATY
from tests.helpers import take_ticket
from tests.test_supervisor import figure, play_small_day, work

REPORTS = "/staff/reports/"
CSV = "/staff/reports/figures.csv"
DAY = date(2026, 11, 25)  # the small day of the supervisor's tests
NEXT = date(2026, 11, 26)


def rows_of(html: str, family: str) -> dict[str, list[str]]:
    """A table's rows as the supervisor reads them: the row's label, then its cells."""
    table = re.search(rf'<table class="data report" data-family="{family}">(.*?)</table>',
                      html, re.S).group(1)
    rows = {}
    for row in re.findall(r"<tr data-key=[^>]*>(.*?)</tr>", table, re.S):
        cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
                 for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


@pytest.fixture
def small_day(app, clock, client):
    play_small_day(app, clock, client)


@pytest.fixture
def kept(app, clock, client, runner, small_day):
    """The small day of the supervisor's tests closed, and its figures kept, by the next
    morning's housekeeping (a ticket already taken that morning)."""
    clock.advance(days=1)
    take_ticket(client)
    result = runner.invoke(args=["housekeeping"])
    assert "days whose figures were kept for the reports: 1" in result.output, result.output


# Who may look


def test_only_supervisors_and_admins_read_the_reports(staff_client, client):
    assert staff_client("operator", window=1).get(REPORTS).status_code == 403
    assert staff_client("provider").get(CSV).status_code == 403
    assert client.get(REPORTS).status_code == 302
    assert staff_client("admin").get(REPORTS).status_code == 200


# What they show


def test_the_report_opens_on_the_last_week_with_today_counted_live(small_day, supervisor):
    html = supervisor.get(REPORTS).get_data(as_text=True)
    assert 'value="19.11.2026"' in html and 'value="25.11.2026"' in html
    assert figure(html, "issued") == "5"
    assert list(rows_of(html, "day")) == ["25.11.2026"]


def test_a_kept_day_shows_its_waits_services_and_breaches(kept, supervisor):
    html = supervisor.get(f"{REPORTS}?start=25.11.2026&end=25.11.2026").get_data(as_text=True)
    tickets, wait_share, service_share, *_ = rows_of(html, "day")["25.11.2026"]
    # G001 came after 6:00 and D001 after 25:00; G001's 20:00 and D001's service until the
    # close both passed the service limit; D001, and R001 and G003 left in line, waited past it
    assert (tickets, wait_share, service_share) == ("5", "50%", "0%")
    assert figure(html, "waits-past") == "3"
    by_window = rows_of(html, "window")
    assert by_window["Window 1"][0] == "1" and by_window["Window 2"][0] == "2"
    assert by_window["Never at a window"][0] == "2"  # R001 and G003, cancelled at the close
    by_service = rows_of(html, "service")
    assert [cells[0] for cells in by_service.values()] == ["3", "1", "1"]


def test_kept_figures_give_exactly_what_the_tickets_give(app, kept):
    with app.app_context():
        assert db.session.query(DayFigure).filter_by(day=DAY).count() > 0
        moment = now()
        assert range_report(DAY, NEXT, moment) == plain_report(DAY, NEXT, moment)
        assert range_report(DAY, NEXT, moment).whole.tickets == 6


def test_housekeeping_keeps_a_day_once(runner, kept, app):
    again = runner.invoke(args=["housekeeping"])
    assert "days whose figures were kept for the reports: 0" in again.output
    with app.app_context():
        assert db.session.query(DayFigure.day).distinct().count() == 1


def test_the_charts_are_drawn_on_the_server(kept, supervisor):
    html = supervisor.get(f"{REPORTS}?start=25.11.2026&end=26.11.2026").get_data(as_text=True)
    charts = re.findall(r'<svg [^>]*role="img"[^>]*>(.*?)</svg>', html, re.S)
    assert len(charts) == 3
    assert "<title>25.11.2026: 50%</title>" in charts[0]
    assert "<script" not in html.split("<main", 1)[1]


def test_the_csv_file_holds_the_same_numbers(kept, supervisor):
    response = supervisor.get(f"{CSV}?start=2026-11-25&end=2026-11-25")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="hall-figures-2026-11-25-2026-11-25.csv"' in \
        response.headers["Content-Disposition"]
    lines = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    whole = lines[0]
    assert (whole["breakdown"], whole["tickets"], whole["waits_past_limit"]) == ("whole", "5", "3")
    assert whole["within_wait_limit_share"] == "0.5000"
    assert {line["breakdown"] for line in lines} == {"whole", "day", "hour", "window",
                                                     "service", "group"}
    assert [line["key"] for line in lines if line["breakdown"] == "service"] == \
        ["guardianship", "identity", "residence"]


# Bad input


@pytest.mark.parametrize(("query", "message"), [
    ("start=26.11.2026&end=25.11.2026", "The last day comes before the first."),
    ("start=01.01.2025&end=25.11.2026", "A report covers at most 366 days."),
    ("start=yesterday&end=25.11.2026", "Enter a date as DD.MM.YYYY."),
    ("start=%20%20&end=25.11.2026", "Enter the first day"),
    ("start=25.11.2026&end=01.12.2026", "This date is in the future."),
    ("start=25.11.2026", "Enter the last day"),
])
def test_a_bad_range_is_refused_with_what_to_change(supervisor, query, message):
    response = supervisor.get(f"{REPORTS}?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    as_csv = supervisor.get(f"{CSV}?{query}")
    assert as_csv.status_code == 400
    assert message in as_csv.get_data(as_text=True)


def test_the_range_form_speaks_the_supervisors_language(supervisor):
    supervisor.set_cookie("lang", "ru")
    response = supervisor.get(f"{REPORTS}?start=26.11.2026&end=25.11.2026")
    assert response.status_code == 400
    assert "The last day comes before the first." not in response.get_data(as_text=True)


# Months


def play_a_day(app, clock, client, moment: datetime) -> None:
    """Three applicants on a day: one served at window 1, one absent, one left in line."""
    clock.set(moment)
    for _ in range(3):
        take_ticket(client)
    work(app, clock, 1, "operator1", "take")
    clock.advance(minutes=3)
    work(app, clock, 1, "operator1", "call")
    clock.advance(minutes=1)
    work(app, clock, 1, "operator1", "start")
    clock.advance(minutes=12)
    work(app, clock, 1, "operator1", "finish", "call")
    clock.advance(minutes=2)
    work(app, clock, 1, "operator1", "recall")
    clock.advance(minutes=2)
    work(app, clock, 1, "operator1", "no-show")
    work(app, clock, 1, "operator1", "pause")


@pytest.fixture
def two_months(app, clock, client, runner):
    """Days in October and November, kept by the housekeeping of 25 November."""
    for day in (date(2026, 10, 5), date(2026, 10, 30), date(2026, 11, 2), date(2026, 11, 24)):
        play_a_day(app, clock, client, datetime.combine(day, time(10, 0), ALMATY))
    clock.set(datetime(2026, 11, 25, 9, 30, tzinfo=ALMATY))
    take_ticket(client)
    result = runner.invoke(args=["housekeeping"])
    assert "days whose figures were kept for the reports: 4" in result.output, result.output
    assert "months whose figures were kept for the reports: 1" in result.output


@pytest.mark.parametrize(("start", "end"), [
    (date(2026, 10, 1), date(2026, 11, 25)),  # October whole, from its month's row
    (date(2026, 9, 15), date(2026, 11, 3)),
    (date(2026, 10, 2), date(2026, 10, 31)),  # not the whole of October: its days
    (date(2026, 11, 1), date(2026, 11, 25)),
])
def test_a_range_over_months_gives_exactly_what_its_tickets_give(app, two_months, start, end):
    with app.app_context():
        moment = now()
        assert range_report(start, end, moment) == plain_report(start, end, moment)


def test_a_month_is_kept_once_and_not_before_it_is_over(app, runner, two_months):
    again = runner.invoke(args=["housekeeping"]).output
    assert "days whose figures were kept for the reports: 0" in again
    assert "months whose" not in again
    with app.app_context():
        months = db.session.execute(db.select(DayFigure.day).where(
            DayFigure.span == "month").distinct()).scalars().all()
    assert months == [date(2026, 10, 1)]


def test_a_year_reads_kept_rows_not_tickets(app, two_months):
    statements = []

    def count(_conn, _cursor, statement, *_):
        statements.append(statement)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            whole = range_report(date(2025, 11, 26), date(2026, 11, 25), now()).whole
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    assert whole.tickets == 13
    ticket_reads = [s for s in statements if "FROM ticket" in s]
    assert len(ticket_reads) == 1  # the tickets of the days not kept (today), no other day's
    assert "ticket.day IN" in ticket_reads[0]
