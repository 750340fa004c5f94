"""The supervisor's screens: the hall live (windows, lines, today's figures) and ticket history."""

import re

import pytest
from sqlalchemy import event, update

from kiosk.accounts.models import User
from kiosk.hall.models import Service
from kiosk.line.models import TicketEvent, Window
from kiosk.line.windows import (
    call_next,
    current_ticket,
    finish,
    no_show,
    recall,
    set_paused,
    start_service,
    take_window,
    transfer_to_service,
    transfer_to_window,
)
from kiosk.web.extensions import db
from tests.conftest import csrf_of
from tests.helpers import take_ticket, text_of

OVERVIEW = "/staff/supervisor/"
HALL = "/staff/supervisor/hall"
TICKETS = "/staff/supervisor/tickets"
AIGUL, ERLAN, MARINA = "Айгүл Сейітова", "Ерлан Жұмабаев", "Марина Ким"


def work(app, clock, window_number: int, username: str, *actions: str) -> None:
    """Do what an operator does at a window, at the clock's time, as the window functions do."""
    with app.app_context():
        window = db.session.execute(
            db.select(Window).filter_by(number=window_number)).scalar_one()
        user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one()
        moment = clock.now()
        for action in actions:
            if action == "take":
                take_window(window, user, moment)
            elif action == "pause":
                set_paused(window, True)
            elif action == "call":
                call_next(window, user, moment)
            else:
                ticket = current_ticket(window)
                if action == "transfer-identity":
                    identity = next(s for s in window.services if s.code == "identity")
                    transfer_to_service(window, ticket, identity, user, moment)
                elif action == "transfer-window-4":
                    target = db.session.execute(
                        db.select(Window).filter_by(number=4)).scalar_one()
                    transfer_to_window(window, ticket, target, user, moment)
                else:
                    {"start": start_service, "finish": finish, "recall": recall,
                     "no-show": no_show}[action](window, ticket, user, moment)
        db.session.commit()


@pytest.fixture
def small_day(app, clock, client):
    play_small_day(app, clock, client)


def play_small_day(app, clock, client) -> None:
    """A morning in the hall, from 11:00 to 11:30 (Almaty).

    G001 waits 5:00 and is served at window 1 for 20:00; G002 waits 10:00 and does not come to
    window 2; D001 waits 24:00 and is served at window 2 from 11:27; R001 (11:10) and G003 (11:20)
    still wait at 11:30. Window 3 is paused, window 4 closed.
    """
    take_ticket(client)  # G001
    take_ticket(client)  # G002
    work(app, clock, 1, "operator1", "take")
    work(app, clock, 2, "operator2", "take")
    work(app, clock, 3, "operator3", "take", "pause")
    clock.advance(minutes=2)
    take_ticket(client, "identity")  # D001, 11:02
    clock.advance(minutes=3)
    work(app, clock, 1, "operator1", "call")  # 11:05: G001
    clock.advance(minutes=1)
    work(app, clock, 1, "operator1", "start")  # 11:06
    clock.advance(minutes=4)
    take_ticket(client, "residence")  # R001, 11:10
    work(app, clock, 2, "operator2", "call")  # 11:10: G002, at risk, before D001
    clock.advance(minutes=1)
    work(app, clock, 2, "operator2", "recall")  # 11:11
    clock.advance(minutes=1)
    work(app, clock, 2, "operator2", "no-show")  # 11:12
    clock.advance(minutes=8)
    take_ticket(client)  # G003, 11:20
    clock.advance(minutes=6)
    work(app, clock, 1, "operator1", "finish")  # 11:26
    work(app, clock, 2, "operator2", "call")  # 11:26: D001
    clock.advance(minutes=1)
    work(app, clock, 2, "operator2", "start")  # 11:27
    clock.advance(minutes=3)  # 11:30


def row_text(html: str, attribute: str, value) -> str:
    """The visible text of the table row marked ``data-<attribute>="<value>"``."""
    match = re.search(rf'<tr [^>]*data-{attribute}="{value}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, f"no row with data-{attribute}={value}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def figure(html: str, name: str) -> str:
    """The visible value of one of today's figures."""
    match = re.search(rf'<dd class="figure-{name}">(.*?)</dd>', html, re.S)
    assert match, f"no figure {name}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


# Who may look


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_an_operator_may_not_open_the_hall_overview(staff_client):
    operator = staff_client("operator", window=1)
    assert operator.get(OVERVIEW).status_code == 403
    assert operator.get(HALL).status_code == 403
    assert operator.get(f"{TICKETS}?number=G001").status_code == 403


def test_a_supervisor_lands_on_the_hall_overview_after_signing_in(app, make_user):
    from tests.conftest import sign_in

    client = app.test_client()
    response = sign_in(client, make_user("supervisor"))
    assert response.headers["Location"].endswith(OVERVIEW)


def test_an_administrator_may_open_the_hall_overview_too(staff_client):
    assert staff_client("admin").get(OVERVIEW).status_code == 200


# The windows


def test_the_supervisor_sees_each_window_free_serving_paused_or_closed(small_day, supervisor):
    html = supervisor.get(OVERVIEW).get_data(as_text=True)
    assert row_text(html, "window", 1) == f"1 G {AIGUL} Free"
    assert row_text(html, "window", 2) == f"2 G D {ERLAN} Serving D001 03:00 / 15:00"
    assert row_text(html, "window", 3) == f"3 D R {MARINA} Paused"
    assert row_text(html, "window", 4) == "4 G D R — Closed"


def test_a_window_that_called_an_applicant_shows_calling_with_their_wait_still_running(
    app, clock, client, staff_client, supervisor
):
    """The walk from the call to the window is waiting: 1:00 in line, 1:15 since the call."""
    take_ticket(client)
    operator = staff_client("operator", window=4)
    clock.advance(minutes=1)
    response = operator.post("/staff/window/act/call",
                             data={"csrf_token": csrf_of(operator, "/staff/window/")})
    assert response.status_code == 302
    clock.advance(seconds=75)
    html = supervisor.get(OVERVIEW).get_data(as_text=True)
    assert row_text(html, "window", 4) == "4 G D R Test Staff Calling G001 02:15 / 15:00"


def test_the_service_time_turns_red_past_the_service_limit(app, clock, small_day, supervisor):
    clock.advance(minutes=13)  # D001 at window 2 since 11:27: 16:00 at 11:43
    html = supervisor.get(OVERVIEW).get_data(as_text=True)
    assert row_text(html, "window", 2).endswith("16:00 / 15:00")
    window_row = re.search(r'data-window="2".*?</tr>', html, re.S).group(0)
    assert 'class="staff-clock sla-breach"' in window_row


def test_a_window_ticket_links_to_its_history(small_day, supervisor):
    html = supervisor.get(OVERVIEW).get_data(as_text=True)
    link = re.search(r'href="(/staff/supervisor/tickets/\d+)">D001<', html).group(1)
    assert "Ticket D001" in text_of(supervisor.get(link))


# The lines


def test_the_supervisor_sees_how_many_wait_per_service_and_the_longest_wait(small_day,
                                                                            supervisor):
    html = supervisor.get(OVERVIEW).get_data(as_text=True)
    assert row_text(html, "service", "guardianship").endswith("1 10:00 / 15:00")
    assert row_text(html, "service", "identity").endswith("0 —")
    assert row_text(html, "service", "residence").endswith("1 20:00 / 15:00")
    assert figure(html, "waiting") == "2"
    assert figure(html, "longest") == "20:00 / 15:00"


def test_an_empty_hall_shows_nobody_waiting(supervisor):
    html = supervisor.get(OVERVIEW).get_data(as_text=True)
    assert figure(html, "waiting") == "0"
    assert figure(html, "longest") == "—"
    assert figure(html, "median") == figure(html, "p90") == "—"
    assert row_text(html, "window", 1) == "1 G — Closed"


# Today's figures


def test_todays_figures_count_served_no_shows_and_limits_passed(small_day, supervisor):
    html = supervisor.get(OVERVIEW).get_data(as_text=True)
    assert figure(html, "issued") == "5"
    assert figure(html, "served") == "1"
    assert figure(html, "no-shows") == "1"
    assert figure(html, "waits-past") == "2"  # D001 at the window after 25:00; R001 20:00
    assert figure(html, "services-past") == "1"  # G001 served for 20:00
    # those who came to a window waited 06:00 (G001) and 25:00 (D001), each until they came
    assert figure(html, "median") == "15:30"
    assert figure(html, "p90") == "23:06"
    assert "Waits past 15:00" in text_of(supervisor.get(OVERVIEW))


def test_todays_figures_start_afresh_the_next_day(clock, small_day, staff_client):
    clock.advance(days=1)
    html = staff_client("supervisor").get(OVERVIEW).get_data(as_text=True)
    assert figure(html, "issued") == figure(html, "served") == "0"
    assert figure(html, "waiting") == "0"


# The live fragment


def test_the_overview_refreshes_itself_and_an_unchanged_hall_costs_a_304(app, clock, small_day,
                                                                        supervisor):
    page = supervisor.get(OVERVIEW).get_data(as_text=True)
    assert 'hx-get="/staff/supervisor/hall"' in page
    assert f'hx-trigger="every {app.config["STAFF_POLL_SECONDS"]}s"' in page
    first = supervisor.get(HALL, headers={"HX-Request": "true"})
    assert first.status_code == 200
    assert 'data-window="2"' in first.get_data(as_text=True)
    assert "<html" not in first.get_data(as_text=True)
    etag = first.get_etag()[0]
    clock.advance(seconds=20)  # the clocks tick on the screen, not in the fragment
    again = supervisor.get(HALL, headers={"HX-Request": "true", "If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_etag()[0] == etag


def test_the_fragment_changes_when_a_window_calls(app, clock, small_day, supervisor):
    first = supervisor.get(HALL)
    work(app, clock, 1, "operator1", "call")
    again = supervisor.get(HALL, headers={"If-None-Match": first.get_etag()[0]})
    assert again.status_code == 200
    assert row_text(again.get_data(as_text=True), "window", 1).startswith(f"1 G {AIGUL} Calling")


def test_the_overview_reads_the_hall_in_a_few_queries_whatever_its_size(app, small_day,
                                                                        supervisor):
    statements = []

    def count(_conn, _cursor, statement, *_):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        supervisor.get(HALL)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # the signed-in user, windows with operators, their services, current tickets, services,
    # today's tickets; the staffing advice's line, open windows, their services, current
    # tickets, the day's longest wait at a call (the calling order's ceiling), arrivals and a
    # walk per service for its recent times, the numbers of the tickets
    # it names; the catalogue's services, groups and calendar overrides (three), its copy being
    # older than its lifetime on the test's clock: no query per window or per ticket
    with app.app_context():
        services = db.session.query(Service).filter_by(active=True).count()
    assert len(statements) <= 16 + services, "\n".join(s[:90] for s in statements)


def test_polling_alone_does_not_keep_a_supervisor_signed_in(app, clock, supervisor):
    idle = app.config["STAFF_IDLE_MINUTES"]
    clock.advance(minutes=idle - 1)
    assert supervisor.get(HALL).status_code == 200
    clock.advance(minutes=2)
    response = supervisor.get(HALL, headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert "/staff/login" in response.headers["HX-Redirect"]


# A ticket's history


def test_the_history_of_a_ticket_lists_when_what_where_and_who(small_day, supervisor):
    response = supervisor.get(f"{TICKETS}?number=G002")
    assert response.status_code == 200
    text = text_of(response)
    assert "Ticket G002" in text
    assert "11:00:00 Ticket issued In line — —" in text
    assert f"11:10:00 Called to the window In line → Called 2 {ERLAN}" in text
    assert f"11:11:00 Called again Called 2 {ERLAN}" in text
    assert f"11:12:00 Marked as absent Called → Did not come 2 {ERLAN}" in text
    assert "Waited 12:00" in text  # until marked absent: the walk that never ended counts


def test_the_history_shows_the_service_time_and_who_served(small_day, supervisor):
    text = text_of(supervisor.get(f"{TICKETS}?number=G001"))
    assert f"11:06:00 Service started Called → At the window 1 {AIGUL}" in text
    assert f"11:26:00 Service finished At the window → Served 1 {AIGUL}" in text
    assert "Service time 20:00" in text


def test_a_transfer_shows_where_the_applicant_was_sent(app, clock, client, supervisor):
    take_ticket(client)
    work(app, clock, 2, "operator2", "take", "call", "start")
    clock.advance(minutes=2)
    work(app, clock, 2, "operator2", "transfer-identity")
    text = text_of(supervisor.get(f"{TICKETS}?number=G001"))
    assert (f"11:02:00 Transferred At the window → In line 2 {ERLAN} "
            "To the line: Identity documents") in text


def test_a_transfer_to_a_window_shows_that_windows_number(app, clock, client, supervisor):
    take_ticket(client)
    work(app, clock, 2, "operator2", "take", "call")
    clock.advance(minutes=1)
    work(app, clock, 2, "operator2", "transfer-window-4")
    text = text_of(supervisor.get(f"{TICKETS}?number=G001"))
    assert f"11:01:00 Transferred Called → In line 2 {ERLAN} To window 4" in text


def test_a_note_an_older_step_kept_is_shown_as_it_was_written(app, clock, client, supervisor):
    """A note the migration to references could not read (it named no service or window)."""
    take_ticket(client)
    work(app, clock, 2, "operator2", "take", "call", "transfer-identity")
    with app.app_context():
        db.session.execute(update(TicketEvent).where(TicketEvent.action == "transfer")
                           .values(to_service_id=None, note="passport desk"))
        db.session.commit()
    text = text_of(supervisor.get(f"{TICKETS}?number=G001"))
    assert f"11:00:00 Transferred Called → In line 2 {ERLAN} passport desk" in text


def test_where_a_transfer_sent_the_applicant_is_told_in_the_readers_language(
        app, clock, client, supervisor):
    take_ticket(client)
    work(app, clock, 2, "operator2", "take", "call", "transfer-identity")
    work(app, clock, 3, "operator3", "take", "call", "transfer-window-4")
    supervisor.set_cookie("lang", "ru")
    text = text_of(supervisor.get(f"{TICKETS}?number=G001"))
    assert "В очередь: Документы, удостоверяющие личность" in text
    assert "В окно 4" in text
    supervisor.set_cookie("lang", "kk")
    text = text_of(supervisor.get(f"{TICKETS}?number=G001"))
    assert "Кезекке: Жеке басты куәландыратын құжаттар" in text
    assert "4-терезеге" in text


def test_a_ticket_number_is_found_in_any_case_and_without_leading_zeros(small_day, supervisor):
    assert "Ticket D001" in text_of(supervisor.get(f"{TICKETS}?number=+d1+"))
    assert "Ticket D001" in text_of(supervisor.get(f"{TICKETS}?number=D-001"))


@pytest.mark.parametrize(
    ("number", "message"),
    [("", "Enter a ticket number, for example G005."),
     ("hello", "A ticket number is a letter and digits, for example G005."),
     ("G000", "A ticket number is a letter and digits, for example G005."),
     ("G" + "1" * 20, "A ticket number is a letter and digits, for example G005.")],
)
def test_a_malformed_ticket_number_is_refused_with_a_message(supervisor, number, message):
    response = supervisor.get(TICKETS, query_string={"number": number})
    assert response.status_code == 400
    assert message in text_of(response)


def test_an_unknown_ticket_number_says_no_such_ticket_today(small_day, supervisor):
    response = supervisor.get(f"{TICKETS}?number=G999")
    assert response.status_code == 404
    assert "No ticket G999 was issued today." in text_of(response)


def test_a_ticket_of_yesterday_is_not_found_by_its_number_today(clock, small_day, staff_client):
    clock.advance(days=1)
    assert staff_client("supervisor").get(f"{TICKETS}?number=G001").status_code == 404


def test_the_search_page_without_a_number_asks_for_one(supervisor):
    response = supervisor.get(TICKETS)
    assert response.status_code == 200
    assert "Enter the number printed on a ticket of today" in text_of(response)


def test_an_unknown_ticket_id_is_not_found(supervisor):
    assert supervisor.get(f"{TICKETS}/999999").status_code == 404


def test_the_supervisors_pages_are_never_stored(small_day, supervisor):
    assert supervisor.get(OVERVIEW).headers["Cache-Control"] == "no-store"
    assert supervisor.get(f"{TICKETS}?number=G001").headers["Cache-Control"] == "no-store"
    assert supervisor.get(HALL).headers["Cache-Control"] == "private, no-cache"


def test_the_overview_speaks_kazakh_by_default_and_russian_on_request(staff_client):
    client = staff_client("supervisor")
    assert '<html lang="kk">' in client.get(OVERVIEW).get_data(as_text=True)
    assert '<html lang="ru">' in client.get(f"{OVERVIEW}?lang=ru").get_data(as_text=True)
