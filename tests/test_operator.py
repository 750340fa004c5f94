"""The operator's window: calling in order, acting on the applicant, refusals that change
nothing."""

from datetime import timedelta

import pytest
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError

from kiosk.line.lines import longest_wait_today, note_wait_at_call
from kiosk.line.models import Ticket, TicketEvent
from kiosk.web.extensions import db
from tests.conftest import csrf_of
from tests.helpers import booked_ticket, take_ticket, text_of, token_of

DESK = "/staff/window/"


def act(client, action: str, **fields):
    """Press a window's button as htmx does; return the response."""
    data = {"csrf_token": csrf_of(client, DESK), **{k: str(v) for k, v in fields.items()}}
    return client.post(f"/staff/window/act/{action}", data=data, headers={"HX-Request": "true"})


def ticket_row(app, token: str) -> Ticket:
    with app.app_context():
        ticket = db.session.execute(db.select(Ticket).filter_by(token=token)).scalar_one()
        db.session.expunge(ticket)
        return ticket


def current_id(app, token: str) -> int:
    return ticket_row(app, token).id


def transfer_step(app, token: str) -> tuple:
    """Where the ticket's transfer sent it, as its step keeps it: (service code, window
    number, note)."""
    with app.app_context():
        step = db.session.execute(
            db.select(TicketEvent).join(Ticket, TicketEvent.ticket_id == Ticket.id)
            .where(Ticket.token == token, TicketEvent.action == "transfer")).scalar_one()
        return (step.to_service.code if step.to_service else None,
                step.to_window.number if step.to_window else None, step.note)


def test_an_operator_signs_in_at_a_window_and_sees_it(window1):
    page = window1.get(DESK)
    assert page.status_code == 200
    assert "Window 1" in text_of(page)
    assert "Call next" in text_of(page)


def test_call_next_calls_a_priority_group_before_an_earlier_regular_applicant(
    app, kiosk, window1, clock
):
    take_ticket(kiosk)
    clock.advance(minutes=1)
    pregnant = token_of(take_ticket(kiosk, category="pregnant"))
    response = act(window1, "call")
    assert response.status_code == 200
    assert "G002" in text_of(response)
    assert ticket_row(app, pregnant).status == "called"
    phone = kiosk.get(f"/t/{pregnant}")
    assert "Go to window" in text_of(phone) and '<p class="called-window">1</p>' in phone.get_data(
        as_text=True)


def test_call_next_with_nobody_waiting_says_so(window1):
    response = act(window1, "call")
    assert response.status_code == 409
    assert "Nobody is waiting for this window." in text_of(response)


def test_a_double_tap_on_call_next_calls_one_applicant(app, kiosk, window1):
    take_ticket(kiosk)
    take_ticket(kiosk)
    assert act(window1, "call").status_code == 200
    second = act(window1, "call")
    assert second.status_code == 409
    assert "Finish with the current applicant first." in text_of(second)
    with app.app_context():
        called = db.session.execute(
            db.select(func.count(Ticket.id)).filter_by(status="called")
        ).scalar_one()
    assert called == 1


def test_an_applicant_is_served_from_call_to_finish_against_the_service_limit(
    app, kiosk, window1, clock
):
    token = token_of(take_ticket(kiosk))
    ticket_id = current_id(app, token)
    act(window1, "call")
    clock.advance(minutes=1)
    started = act(window1, "start", ticket_id=ticket_id)
    assert "Being served" in text_of(started)
    clock.advance(minutes=11)
    page = window1.get(DESK)
    assert "11:00 / 15:00" in text_of(page)
    assert 'staff-clock sla-warning' in page.get_data(as_text=True)
    finished = act(window1, "finish", ticket_id=ticket_id)
    assert finished.status_code == 200
    assert "Call next" in text_of(finished)
    assert ticket_row(app, token).status == "served"


def test_no_show_is_refused_before_a_recall_and_allowed_after_one(app, kiosk, window1):
    token = token_of(take_ticket(kiosk))
    ticket_id = current_id(app, token)
    act(window1, "call")
    assert "Did not come" not in text_of(window1.get(DESK))
    refused = act(window1, "no-show", ticket_id=ticket_id)
    assert refused.status_code == 409
    assert "Call the applicant again before marking them absent." in text_of(refused)
    assert ticket_row(app, token).status == "called"
    recalled = act(window1, "recall", ticket_id=ticket_id)
    assert "again: 1" in text_of(recalled)
    assert act(window1, "no-show", ticket_id=ticket_id).status_code == 200
    assert ticket_row(app, token).status == "no_show"


def test_returning_an_applicant_to_the_line_lets_the_window_call_again(app, kiosk, window1):
    token = token_of(take_ticket(kiosk))
    ticket_id = current_id(app, token)
    act(window1, "call")
    assert act(window1, "return", ticket_id=ticket_id).status_code == 200
    assert ticket_row(app, token).status == "waiting"
    assert "G001" in text_of(act(window1, "call"))


def test_a_transfer_to_another_service_keeps_the_number_and_reaches_that_services_window(
    app, kiosk, window1, staff_client
):
    token = token_of(take_ticket(kiosk))
    act(window1, "call")
    moved = act(window1, "transfer", ticket_id=current_id(app, token), service="residence")
    assert moved.status_code == 200
    assert transfer_step(app, token) == ("residence", None, None)
    window3 = staff_client("operator", window=3)  # serves identity and residence only
    assert "G001" in window3.get("/staff/window/line").get_data(as_text=True)
    assert "G001" in text_of(act(window3, "call"))


def test_a_transfer_to_a_window_is_called_only_by_that_window(app, kiosk, window1, staff_client):
    token = token_of(take_ticket(kiosk))
    act(window1, "call")
    act(window1, "transfer", ticket_id=current_id(app, token), window=4)
    assert transfer_step(app, token) == (None, 4, None)
    window2 = staff_client("operator", window=2)
    assert act(window2, "call").status_code == 409
    window4 = staff_client("operator", window=4)
    assert "G001" in text_of(act(window4, "call"))


def test_a_paused_window_calls_nobody_until_resumed(kiosk, window1):
    take_ticket(kiosk)
    assert "Paused" in text_of(act(window1, "pause"))
    refused = act(window1, "call")
    assert refused.status_code == 409
    assert "The window is paused." in text_of(refused)
    act(window1, "resume")
    assert act(window1, "call").status_code == 200


def test_a_stale_screen_is_told_and_nothing_changes(app, kiosk, window1):
    first = token_of(take_ticket(kiosk))
    act(window1, "call")
    stale = act(window1, "finish", ticket_id=current_id(app, first) + 1000)
    assert stale.status_code == 409
    assert "already dealt with" in text_of(stale)
    assert ticket_row(app, first).status == "called"


def test_a_ticket_another_window_took_cannot_be_acted_on_here(app, kiosk, window1, staff_client):
    token = token_of(take_ticket(kiosk))
    act(window1, "call")
    window2 = staff_client("operator", window=2)
    response = act(window2, "start", ticket_id=current_id(app, token))
    assert response.status_code == 409
    assert ticket_row(app, token).window_id is not None
    assert ticket_row(app, token).status == "called"


def test_every_action_is_recorded_with_who_which_window_and_when(app, kiosk, window1, clock):
    token = token_of(take_ticket(kiosk))
    ticket_id = current_id(app, token)
    called_at = clock.now()
    act(window1, "call")
    clock.advance(seconds=40)
    act(window1, "start", ticket_id=ticket_id)
    with app.app_context():
        events = db.session.execute(
            db.select(TicketEvent).filter_by(ticket_id=ticket_id).order_by(TicketEvent.id)
        ).scalars().all()
        steps = [(e.action, e.window.number if e.window else None,
                  e.user.role if e.user else None, e.at) for e in events]
    assert steps == [
        ("issue", None, None, called_at),
        ("call", 1, "operator", called_at),
        ("start", 1, "operator", called_at + timedelta(seconds=40)),
    ]


def test_the_line_lists_waiting_applicants_in_calling_order_with_their_wait(
    app, kiosk, staff_client, clock
):
    window4 = staff_client("operator", window=4)  # serves every service
    window4.set_cookie("lang", "en")
    take_ticket(kiosk)
    clock.advance(minutes=11)
    booked_ticket(app, kiosk)
    clock.advance(minutes=1)
    take_ticket(kiosk, "identity")
    text = text_of(window4.get(DESK))
    # G001 is near the limit, so it goes before the booked G002; D001 came last.
    assert text.index("G001") < text.index("G002") < text.index("D001")
    assert "12:00 / 15:00" in text
    assert "Near the limit: 1" in text and "Past the limit: 0" in text
    clock.advance(minutes=4)
    assert "16:00 / 15:00" in text_of(window4.get(DESK))
    line = window4.get("/staff/window/line")
    assert "Past the limit: 1" in text_of(line)
    assert 'class="row-breach"' in line.get_data(as_text=True)


def test_an_unchanged_line_answers_304(kiosk, window1, clock):
    take_ticket(kiosk)
    first = window1.get("/staff/window/line")
    clock.advance(seconds=20)
    again = window1.get("/staff/window/line", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_signing_out_lets_another_operator_take_the_window(app, window1, make_user):
    from tests.conftest import sign_in

    other = app.test_client()
    assert sign_in(other, make_user("operator"), window=1).status_code == 409
    window1.post("/staff/logout", data={"csrf_token": csrf_of(window1, DESK)})
    assert sign_in(other, make_user("operator"), window=1).status_code == 302


def test_an_unknown_action_is_404_and_a_malformed_field_is_400(window1):
    assert act(window1, "explode").status_code == 404
    response = act(window1, "finish", ticket_id="not-a-number")
    assert response.status_code == 400


def test_an_action_without_csrf_is_refused(app, kiosk, window1):
    take_ticket(kiosk)
    response = window1.post("/staff/window/act/call", headers={"HX-Request": "true"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.execute(
            db.select(func.count(Ticket.id)).filter_by(status="called")
        ).scalar_one() == 0


def test_the_operator_screen_names_the_operator(window1):
    assert "Test Staff" in text_of(window1.get(DESK))


def test_the_database_refuses_a_second_current_applicant_at_one_window(app, kiosk, window1):
    """Two calls racing at one window (two tabs, two workers) cannot both succeed."""
    first, second = token_of(take_ticket(kiosk)), token_of(take_ticket(kiosk))
    act(window1, "call")
    with app.app_context():
        called = db.session.execute(db.select(Ticket).filter_by(token=first)).scalar_one()
        racing = db.update(Ticket).where(Ticket.token == second).values(
            status="called", window_id=called.window_id)

        with pytest.raises(IntegrityError):
            db.session.execute(racing)
        db.session.rollback()

    assert ticket_row(app, second).status == "waiting"
    again = act(window1, "call")
    assert again.status_code == 409
    assert "Finish with the current applicant first." in text_of(again)
    assert ticket_row(app, second).status == "waiting"



def longest_wait_today_at(app, clock) -> timedelta:
    with app.app_context():
        return longest_wait_today(clock.now())


def call_and_finish(app, window, token: str) -> None:
    assert act(window, "call").status_code == 200
    ticket_id = current_id(app, token)
    act(window, "start", ticket_id=ticket_id)
    act(window, "finish", ticket_id=ticket_id)


def test_each_call_keeps_the_days_longest_wait_at_a_call_and_a_shorter_one_leaves_it(
    app, kiosk, window1, clock
):
    assert longest_wait_today_at(app, clock) == timedelta(0)
    first = token_of(take_ticket(kiosk))
    clock.advance(minutes=12)
    second = token_of(take_ticket(kiosk))
    call_and_finish(app, window1, first)  # waited 12 minutes
    assert longest_wait_today_at(app, clock) == timedelta(minutes=12)

    clock.advance(minutes=3)
    call_and_finish(app, window1, second)  # waited 3 minutes

    assert longest_wait_today_at(app, clock) == timedelta(minutes=12)
    assert ticket_row(app, second).status == "served"


def test_on_a_busy_day_the_ceiling_rises_and_who_can_still_be_saved_goes_first(
    app, kiosk, window1, clock
):
    take_ticket(kiosk)  # G001, 11:00
    clock.advance(minutes=12)
    saveable = token_of(take_ticket(kiosk))  # G002, 11:12
    clock.advance(minutes=13)  # G001 has waited 25 minutes, G002 13
    line = text_of(window1.get(DESK))
    assert line.index("G001") < line.index("G002")  # a quiet day: past the 20-minute ceiling

    with app.app_context():  # earlier today someone waited 40 minutes: the ceiling is 36
        note_wait_at_call(clock.now(), clock.now() - timedelta(minutes=40))
        db.session.commit()

    act(window1, "call")
    assert ticket_row(app, saveable).status == "called"
