"""The two legal clocks as the hall keeps them: the walk counts as waiting, casework marks the
applicant present, a transfer keeps every segment; the phone shows the clock that runs."""

from kiosk.line.models import Ticket
from kiosk.web.extensions import db
from tests.helpers import take_ticket, text_of, token_of
from tests.test_intake import page_of, save_application
from tests.test_operator import act

HISTORY = "/staff/supervisor/tickets"


def ticket_of(app, token: str) -> Ticket:
    with app.app_context():
        ticket = db.session.execute(db.select(Ticket).filter_by(token=token)).scalar_one()
        db.session.expunge(ticket)
        return ticket


def clocks_shown(supervisor, code: str) -> tuple[str, str]:
    """The waited and service time the supervisor's history of the ticket shows."""
    html = supervisor.get(HISTORY, query_string={"number": code}).get_data(as_text=True)
    waited = html.split('class="ticket-waited">')[1].split("<")[0]
    served = html.split('class="ticket-service-time">')[1].split("<")[0]
    return waited, served


def test_the_first_casework_at_the_window_marks_the_applicant_present(
        app, kiosk, window1, clock, staff_client):
    """Intake done while the ticket is still "called" no longer zeroes the service clock."""
    token = token_of(take_ticket(kiosk))
    clock.advance(minutes=2)
    act(window1, "call")
    clock.advance(minutes=1)
    ticket = ticket_of(app, token).id
    assert save_application(window1, ticket).status_code == 303
    assert ticket_of(app, token).status == "serving"
    clock.advance(minutes=20)
    assert act(window1, "finish", ticket_id=ticket).status_code == 200
    assert clocks_shown(staff_client("supervisor"), "G001") == ("03:00", "20:00")


def test_a_refused_save_leaves_the_applicant_called_and_the_clocks_untouched(
        app, kiosk, window1, clock):
    token = token_of(take_ticket(kiosk))
    act(window1, "call")
    ticket = ticket_of(app, token).id
    assert save_application(window1, ticket, applicant_iin="123").status_code == 400
    stored = ticket_of(app, token)
    assert (stored.status, stored.serving_at) == ("called", None)
    assert "Application" in text_of(window1.get(page_of(ticket)))


def test_a_transfer_keeps_the_minutes_served_and_starts_a_new_wait(
        app, kiosk, window1, clock, staff_client):
    """Two minutes in line, twelve at window 1, three more in the next line, five at the
    next window: 5:00 waited (not 17:00, a breach) and 17:00 of service."""
    token = token_of(take_ticket(kiosk))
    clock.advance(minutes=1)
    act(window1, "call")
    clock.advance(minutes=1)
    ticket = ticket_of(app, token).id
    act(window1, "start", ticket_id=ticket)
    clock.advance(minutes=12)
    assert act(window1, "transfer", ticket_id=ticket, service="identity").status_code == 200
    clock.advance(minutes=2)
    window3 = staff_client("operator", window=3)
    act(window3, "call")
    clock.advance(minutes=1)
    act(window3, "start", ticket_id=ticket)
    clock.advance(minutes=5)
    act(window3, "finish", ticket_id=ticket)
    supervisor = staff_client("supervisor")
    assert clocks_shown(supervisor, "G001") == ("05:00", "17:00")
    html = supervisor.get("/staff/supervisor/").get_data(as_text=True)
    assert '<dd class="figure-waits-past">0</dd>' in html
    assert '<dd class="figure-services-past">1</dd>' in html


def test_the_phone_shows_the_service_clock_while_served_and_stops_asking_once_finished(
        app, kiosk, window1, clock):
    token = token_of(take_ticket(kiosk))
    clock.advance(minutes=4)
    act(window1, "call")
    clock.advance(minutes=1)
    ticket = ticket_of(app, token).id
    act(window1, "start", ticket_id=ticket)
    clock.advance(minutes=3)
    assert "At the window for 03:00 / 15:00" in text_of(kiosk.get(f"/t/{token}"))
    phone = kiosk.get(f"/t/{token}/status")
    assert "At the window for" in text_of(phone)
    assert "You have waited" not in text_of(phone)
    assert 'hx-trigger="every' in phone.get_data(as_text=True)
    clock.advance(minutes=2)
    act(window1, "finish", ticket_id=ticket)
    phone = kiosk.get(f"/t/{token}/status")
    assert "You waited 05:00 and were at the window for 05:00." in text_of(phone)
    assert "hx-trigger" not in phone.get_data(as_text=True)
