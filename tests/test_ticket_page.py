"""The applicant's ticket page on their phone: place in line and the wait against 15:00."""

import re

from sqlalchemy import update

from kiosk.line.models import Ticket, Window
from kiosk.web.extensions import db
from tests.helpers import booked_ticket, take_ticket, text_of, token_of


def called(app, token: str, window_number: int, clock) -> None:
    """Mark a ticket as called to a window, as a window's "call next" will."""
    with app.app_context():
        window = db.session.execute(db.select(Window).filter_by(number=window_number)).scalar_one()
        db.session.execute(
            update(Ticket).where(Ticket.token == token)
            .values(status="called", window_id=window.id, called_at=clock.now())
        )
        db.session.commit()


def test_the_ticket_page_shows_number_service_status_place_and_wait(client):
    token = token_of(take_ticket(client))
    response = client.get(f"/t/{token}?lang=en")
    text = text_of(response)
    assert response.status_code == 200
    assert "G001" in text
    assert "Certificate on guardianship and trusteeship" in text
    assert "Waiting" in text
    assert "Your place in line 1" in text
    assert "00:00 / 15:00" in text


def test_the_place_in_line_puts_a_priority_group_before_earlier_regular_tickets(client, clock):
    first = token_of(take_ticket(client))
    clock.advance(minutes=1)
    second = token_of(take_ticket(client))
    clock.advance(minutes=1)
    pregnant = token_of(take_ticket(client, category="pregnant"))
    assert "Your place in line 1" in text_of(client.get(f"/t/{pregnant}?lang=en"))
    assert "Your place in line 2" in text_of(client.get(f"/t/{first}?lang=en"))
    assert "Your place in line 3" in text_of(client.get(f"/t/{second}?lang=en"))


def test_an_applicant_near_the_limit_goes_before_a_priority_group(app, client, clock):
    early = token_of(take_ticket(client))
    clock.advance(minutes=10)
    booked = token_of(booked_ticket(app, client))
    assert "Your place in line 1" in text_of(client.get(f"/t/{early}?lang=en"))
    assert "Your place in line 2" in text_of(client.get(f"/t/{booked}?lang=en"))


def test_the_wait_bar_turns_amber_at_the_warning_and_red_past_the_limit(client, clock):
    token = token_of(take_ticket(client))
    html = client.get(f"/t/{token}").get_data(as_text=True)
    assert 'class="wait-meter sla-ok"' in html
    clock.advance(minutes=10)
    html = client.get(f"/t/{token}").get_data(as_text=True)
    assert 'class="wait-meter sla-warning"' in html
    assert 'value="600"' in html
    clock.advance(minutes=5, seconds=1)
    response = client.get(f"/t/{token}?lang=en")
    html = response.get_data(as_text=True)
    assert 'class="wait-meter sla-breach"' in html
    assert "15:01 / 15:00" in text_of(response)
    assert 'value="900"' in html


def test_a_called_applicant_is_told_to_go_to_the_window_in_large(app, client, clock):
    token = token_of(take_ticket(client))
    clock.advance(minutes=3)
    called(app, token, 2, clock)
    clock.advance(minutes=5)
    response = client.get(f"/t/{token}?lang=en")
    html = response.get_data(as_text=True)
    assert '<section class="called">' in html
    # A screen reader is told once, through the page's announcer (never the ticking clock).
    assert re.search(r"data-announce>Ticket G\d{3}: go to window 2\.</p>", html)
    assert '<p class="called-window">2</p>' in html
    assert "Go to window" in text_of(response)
    # The walk to the window is waiting: the wait goes on until the applicant is there.
    assert "08:00 / 15:00" in text_of(response)


def test_the_page_refreshes_itself_from_a_fragment(client):
    token = token_of(take_ticket(client))
    html = client.get(f"/t/{token}").get_data(as_text=True)
    assert f'hx-get="/t/{token}/status"' in html
    assert 'hx-trigger="every 5s"' in html
    fragment = client.get(f"/t/{token}/status", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.get_data(as_text=True)
    assert "G001" in fragment.get_data(as_text=True)


def test_an_unchanged_fragment_costs_a_304_and_a_change_renders_again(client, clock):
    token = token_of(take_ticket(client))
    first = client.get(f"/t/{token}/status")
    etag = first.headers["ETag"]
    clock.advance(seconds=30)  # the wait's clock ticks on the phone, not in the fragment
    same = client.get(f"/t/{token}/status", headers={"If-None-Match": etag})
    assert same.status_code == 304
    assert same.data == b""
    assert same.headers["ETag"] == etag
    take_ticket(client, category="disability")  # goes ahead of this ticket
    changed = client.get(f"/t/{token}/status", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_the_ticket_page_speaks_the_language_the_ticket_was_taken_in(client):
    client.get("/kiosk/services?lang=ru")
    token = token_of(take_ticket(client))
    phone = client.application.test_client()  # another device: no cookie
    html = phone.get(f"/t/{token}").get_data(as_text=True)
    assert '<html lang="ru">' in html
    switched = phone.get(f"/t/{token}?lang=kk").get_data(as_text=True)
    assert '<html lang="kk">' in switched


def test_an_unknown_or_forged_token_gets_a_friendly_404(client):
    for token in ("unknown-token-1234567890", "x" * 300, "G001"):
        response = client.get(f"/t/{token}?lang=en")
        assert response.status_code == 404
        assert "This page does not exist" in text_of(response)
        assert client.get(f"/t/{token}/status").status_code == 404


def test_the_ticket_page_holds_no_personal_data_and_leaks_no_referrer(client):
    token = token_of(take_ticket(client))
    response = client.get(f"/t/{token}")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Content-Security-Policy" in response.headers
    assert "IIN" not in text_of(response) and "ЖСН" not in text_of(response)


def test_the_fragment_holds_the_wait_s_origin_and_the_page_the_time_waited(client, clock):
    token = token_of(take_ticket(client))
    clock.advance(minutes=3)
    page = client.get(f"/t/{token}?lang=en")
    fragment = client.get(f"/t/{token}/status?lang=en")
    assert "You have waited 03:00 / 15:00" in text_of(page)
    assert "You have waited / 15:00" in text_of(fragment)  # timer.js writes 03:00 from data-since
    since = re.search(r'data-since="(\d+)"', fragment.get_data(as_text=True)).group(1)
    assert since == re.search(r'data-since="(\d+)"', page.get_data(as_text=True)).group(1)
