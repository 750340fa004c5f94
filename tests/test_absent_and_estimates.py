"""An applicant marked absent who turns up is put back in line by the window, within the time
allowed; the phone says what to do next; an estimate past the limit says so."""

from kiosk.line.models import Ticket, TicketEvent
from kiosk.web.extensions import db
from tests.helpers import take_ticket, text_of, token_of
from tests.test_operator import act

DESK = "/staff/window/"


def ticket_of(app, token: str) -> Ticket:
    with app.app_context():
        ticket = db.session.execute(db.select(Ticket).filter_by(token=token)).scalar_one()
        db.session.expunge(ticket)
        return ticket


def marked_absent(app, kiosk, window1, clock) -> tuple[str, int]:
    """G001 taken at 11:00, called at 11:02, called again, marked absent at 11:04."""
    token = token_of(take_ticket(kiosk))
    clock.advance(minutes=2)
    act(window1, "call")
    ticket = ticket_of(app, token).id
    act(window1, "recall", ticket_id=ticket)
    clock.advance(minutes=2)
    assert act(window1, "no-show", ticket_id=ticket).status_code == 200
    return token, ticket


def test_the_phone_of_an_absent_applicant_says_where_to_go_and_until_when(
        app, kiosk, window1, clock):
    token, _ = marked_absent(app, kiosk, window1, clock)
    phone = kiosk.get(f"/t/{token}/status")
    assert "go to window 1 before 11:19: it can put you back in line" in text_of(phone)
    assert 'hx-trigger="every' in phone.get_data(as_text=True)  # it may still change
    clock.advance(minutes=16)
    phone = kiosk.get(f"/t/{token}/status")
    assert "This ticket has ended. To be served, take a new ticket at the kiosk." in \
        text_of(phone)
    assert "hx-trigger" not in phone.get_data(as_text=True)


def test_the_window_puts_an_absent_applicant_back_in_line_and_the_time_away_is_a_gap(
        app, kiosk, window1, clock):
    token, ticket = marked_absent(app, kiosk, window1, clock)
    desk = window1.get(DESK)
    assert "Marked absent lately" in text_of(desk) and "G001" in text_of(desk)
    clock.advance(minutes=6)  # away from 11:04 to 11:10
    assert act(window1, "return-absent", ticket_id=ticket).status_code == 200
    back = ticket_of(app, token)
    assert back.status == "waiting" and back.finished_at is None
    clock.advance(minutes=1)
    assert back.clocks.waiting(clock.now()).total_seconds() == 5 * 60  # 4 before, 1 since
    assert "Marked absent lately" not in text_of(window1.get(DESK))
    with app.app_context():
        steps = db.session.execute(db.select(TicketEvent.action).filter_by(ticket_id=ticket)
                                   .order_by(TicketEvent.id)).scalars().all()
    assert steps[-1] == "return_absent"


def test_too_late_the_window_is_told_and_the_ticket_stays_ended(app, kiosk, window1, clock):
    token, ticket = marked_absent(app, kiosk, window1, clock)
    clock.advance(minutes=15, seconds=1)
    response = act(window1, "return-absent", ticket_id=ticket)
    assert response.status_code == 409
    assert "too late to put this applicant back in line" in text_of(response)
    assert ticket_of(app, token).status == "no_show"


def test_another_windows_absent_applicant_cannot_be_put_back_here(
        app, kiosk, window1, clock, staff_client):
    token, ticket = marked_absent(app, kiosk, window1, clock)
    window2 = staff_client("operator", window=2)
    assert act(window2, "return-absent", ticket_id=ticket).status_code == 409
    assert ticket_of(app, token).status == "no_show"


def test_an_estimate_past_the_limit_says_so_plainly(app, kiosk, window1):
    """One window open, ten minutes a service: the third in line is told about 20 minutes,
    past the 15-minute limit."""
    take_ticket(kiosk)
    take_ticket(kiosk)
    second = kiosk.get(f"/t/{token_of(take_ticket(kiosk))}?lang=en")
    assert "about 20 min" in text_of(second)
    assert "With this estimate your wait would pass the 15-minute limit." in text_of(second)
    first = text_of(kiosk.get(f"/kiosk/ticket/{token_of(take_ticket(kiosk, 'residence'))}"))
    assert "pass the 15-minute limit" not in first
