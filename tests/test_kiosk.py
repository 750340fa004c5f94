"""The touchscreen kiosk: language, service, priority group, the ticket."""

import re
from datetime import date, datetime

from sqlalchemy import func

from kiosk.accounts.models import User
from kiosk.hall.models import CalendarOverride
from kiosk.line.models import Ticket, TicketEvent, Window
from kiosk.web.extensions import db
from queue_mgr import HallHours
from tests.conftest import ALMATY
from tests.helpers import hidden_inputs, take_ticket, text_of, ticket_form, token_of


def ticket_count(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(func.count(Ticket.id))).scalar_one()


def open_all_day(app):
    app.extensions["hall"]["hours"] = HallHours.parse("00:00-24:00", "mon-sun", "Asia/Almaty")


def test_the_bare_address_leads_to_the_kiosk(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/kiosk")


def test_the_start_screen_offers_kazakh_first_then_russian_and_english(client):
    response = client.get("/kiosk")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="kk">' in html
    positions = [html.index(f"/kiosk/services?lang={code}") for code in ("kk", "ru", "en")]
    assert positions == sorted(positions)
    assert "Қош келдіңіз!" in text_of(response)


def test_choosing_russian_shows_the_services_in_russian_and_remembers_it(client):
    response = client.get("/kiosk/services?lang=ru")
    assert '<html lang="ru">' in response.get_data(as_text=True)
    assert "Справка об опеке и попечительстве" in text_of(response)
    assert "lang=ru" in response.headers["Set-Cookie"]
    again = client.get("/kiosk/services")
    assert '<html lang="ru">' in again.get_data(as_text=True)


def test_the_services_screen_offers_the_guardianship_certificate_among_other_services(client):
    text = text_of(client.get("/kiosk/services?lang=en"))
    assert "Certificate on guardianship and trusteeship" in text
    assert "Identity documents" in text
    assert "Registration of residence" in text


def test_every_kiosk_screen_has_a_language_switch(client):
    for url in ("/kiosk", "/kiosk/services", "/kiosk/services/guardianship"):
        html = client.get(url).get_data(as_text=True)
        for code in ("kk", "ru", "en"):
            assert f'hreflang="{code}"' in html, (url, code)


def test_a_ticket_is_numbered_with_the_service_letter_and_three_digits(client):
    first = client.get(f"/kiosk/ticket/{token_of(take_ticket(client))}?lang=en")
    second = client.get(f"/kiosk/ticket/{token_of(take_ticket(client))}?lang=en")
    other = client.get(f"/kiosk/ticket/{token_of(take_ticket(client, 'identity'))}?lang=en")
    assert "G001" in text_of(first)
    assert "G002" in text_of(second)
    assert "D001" in text_of(other)


def test_the_ticket_screen_shows_number_service_wait_and_a_qr_of_the_public_address(app, client):
    app.config["PUBLIC_URL"] = "https://hall.example.kz"
    response = take_ticket(client)
    assert response.status_code == 303
    token = token_of(response)
    page = client.get(f"/kiosk/ticket/{token}?lang=en")
    text = text_of(page)
    html = page.get_data(as_text=True)
    assert "G001" in text
    assert "Certificate on guardianship and trusteeship" in text
    assert "You are next" in text
    assert '<svg class="qr"' in html
    assert f"https://hall.example.kz/t/{token}" in text
    assert "localhost" not in text


def test_the_estimated_wait_counts_the_tickets_ahead_over_the_working_windows(app, client):
    with app.app_context():
        operators = db.session.execute(db.select(User).filter_by(role="operator")).scalars()
        windows = db.session.execute(db.select(Window).order_by(Window.number)).scalars()
        for operator, window in zip(operators, windows, strict=False):
            window.operator = operator
        db.session.commit()  # windows 1, 2 and 4 of the four serve the guardianship service
    for _ in range(3):
        take_ticket(client)
    page = client.get(f"/kiosk/ticket/{token_of(take_ticket(client))}?lang=en")
    # Three ahead, three windows working for the service, ten minutes each by default.
    assert "about 10 min" in text_of(page)


def test_a_priority_group_is_recorded_and_shown_on_the_ticket(app, client):
    token = token_of(take_ticket(client, category="pregnant"))
    assert "Pregnant women" in text_of(client.get(f"/kiosk/ticket/{token}?lang=en"))
    with app.app_context():
        ticket = db.session.execute(db.select(Ticket).filter_by(token=token)).scalar_one()
        assert ticket.category.code == "pregnant"


def test_the_same_screen_sent_twice_makes_one_ticket(app, client):
    fields = ticket_form(client)
    fields["category"] = ""
    first = client.post("/kiosk/tickets", data=fields)
    second = client.post("/kiosk/tickets", data=fields)
    assert first.headers["Location"] == second.headers["Location"]
    assert ticket_count(app) == 1


def test_each_new_screen_gets_its_own_ticket(app, client):
    take_ticket(client)
    take_ticket(client)
    assert ticket_count(app) == 2


def test_issuing_a_ticket_is_recorded_with_its_time(app, client, clock):
    token = token_of(take_ticket(client))
    with app.app_context():
        ticket = db.session.execute(db.select(Ticket).filter_by(token=token)).scalar_one()
        events = db.session.execute(db.select(TicketEvent).filter_by(ticket_id=ticket.id)).scalars()
        assert [(e.action, e.to_status, e.at) for e in events] == [
            ("issue", "waiting", clock.now())
        ]
        assert ticket.issued_at == clock.now()


def test_numbers_restart_at_local_midnight_not_utc_midnight(app, client, clock):
    open_all_day(app)
    clock.set(datetime(2026, 11, 25, 23, 50, tzinfo=ALMATY))
    take_ticket(client)
    assert "G002" in text_of(client.get(take_ticket(client).headers["Location"]))
    clock.set(datetime(2026, 11, 26, 0, 10, tzinfo=ALMATY))  # still 25 November in UTC
    assert "G001" in text_of(client.get(take_ticket(client).headers["Location"]))


def test_outside_hours_the_kiosk_says_when_it_opens_instead_of_issuing(app, client, clock):
    clock.set(datetime(2026, 11, 27, 18, 30, tzinfo=ALMATY))  # Friday evening
    text = text_of(client.get("/kiosk/services?lang=en"))
    assert "The hall is closed now" in text
    assert "30 November, 09:00" in text
    html = client.get("/kiosk/services").get_data(as_text=True)
    assert "/kiosk/services/guardianship" not in html


def test_on_a_public_holiday_the_kiosk_is_closed_and_says_the_next_working_day(app, client,
                                                                               clock):
    fields = ticket_form(client)
    clock.set(datetime(2026, 12, 16, 11, 0, tzinfo=ALMATY))  # Independence Day, a Wednesday
    text = text_of(client.get("/kiosk/services?lang=en"))
    assert "The hall is closed now" in text and "17 December, 09:00" in text
    response = client.post("/kiosk/tickets?lang=en", data={**fields, "category": ""})
    assert response.status_code == 409
    assert ticket_count(app) == 0


def test_a_decree_that_makes_a_holiday_worked_opens_the_kiosk(app, client, clock):
    with app.app_context():
        db.session.add(CalendarOverride(day=date(2026, 12, 16), working=True, note="decree"))
        db.session.commit()
    clock.set(datetime(2026, 12, 16, 11, 0, tzinfo=ALMATY))
    assert "G001" in text_of(client.get(take_ticket(client).headers["Location"]))


def test_a_ticket_form_sent_after_closing_is_refused_and_nothing_is_issued(app, client, clock):
    fields = ticket_form(client)
    clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=ALMATY))
    response = client.post("/kiosk/tickets?lang=en", data={**fields, "category": ""})
    assert response.status_code == 409
    assert "The hall is closed now" in text_of(response)
    assert ticket_count(app) == 0


def test_an_unknown_service_gets_a_friendly_404(client):
    response = client.get("/kiosk/services/passport-of-mars?lang=en")
    assert response.status_code == 404
    assert "This page does not exist" in text_of(response)


def test_a_posted_unknown_service_is_refused_with_a_message_and_no_ticket(app, client):
    fields = {**ticket_form(client), "service": "nope", "category": ""}
    response = client.post("/kiosk/tickets?lang=en", data=fields)
    assert response.status_code == 400
    assert "This service is not offered. Choose another one." in text_of(response)
    assert ticket_count(app) == 0


def test_an_unknown_priority_group_is_refused_on_the_same_screen(app, client):
    client.set_cookie("lang", "en")
    response = take_ticket(client, category="vip")
    assert response.status_code == 400
    assert "Unknown priority group." in text_of(response)
    assert "Take a ticket" in text_of(response)
    assert ticket_count(app) == 0


def test_a_form_without_its_csrf_token_is_refused_and_nothing_is_issued(app, client):
    fields = ticket_form(client)
    del fields["csrf_token"]
    response = client.post("/kiosk/tickets?lang=en", data={**fields, "category": ""})
    assert response.status_code == 400
    assert "This screen has expired. Please start again." in text_of(response)
    assert ticket_count(app) == 0


def test_a_wrong_csrf_token_is_refused(app, client):
    response = take_ticket(client, csrf_token="forged")
    assert response.status_code == 400
    assert ticket_count(app) == 0


def test_malformed_and_over_long_fields_are_refused_with_4xx(app, client):
    for changes in (
        {"idempotency_key": "short"},
        {"idempotency_key": "x" * 500},
        {"category": "c" * 500},
        {"idempotency_key": "bad key with spaces!!"},
    ):
        response = take_ticket(client, **changes)
        assert 400 <= response.status_code < 500, changes
    too_long_service = {**ticket_form(client), "service": "g" * 500, "category": ""}
    assert client.post("/kiosk/tickets", data=too_long_service).status_code == 400
    oversized = client.post("/kiosk/tickets", data={"service": "x" * 100_000})
    assert oversized.status_code == 413
    assert ticket_count(app) == 0


def test_the_refusal_message_is_translated(client):
    client.set_cookie("lang", "ru")
    response = take_ticket(client, category="vip")
    english = "Unknown priority group."
    assert english not in text_of(response)
    assert '<div class="form-errors"' in response.get_data(as_text=True)


def test_kiosk_screens_are_never_cached(client):
    for url in ("/kiosk", "/kiosk/services", "/kiosk/services/guardianship"):
        assert client.get(url).headers["Cache-Control"] == "no-store"


def test_the_ticket_screen_returns_to_the_start_by_itself(client):
    page = client.get(f"/kiosk/ticket/{token_of(take_ticket(client))}")
    html = page.get_data(as_text=True)
    assert 'data-ticket-seconds="30"' in html
    assert 'data-reset-url="/kiosk?lang=kk"' in html
    assert 'data-idle-seconds="60"' in html


def test_a_new_ticket_screen_is_a_new_idempotency_key(client):
    first = hidden_inputs(client.get("/kiosk/services/guardianship").get_data(as_text=True))
    second = hidden_inputs(client.get("/kiosk/services/guardianship").get_data(as_text=True))
    assert first["idempotency_key"] != second["idempotency_key"]


def test_a_kiosk_screen_keeps_its_session_without_rewriting_it_on_every_screen(kiosk):
    first = kiosk.get("/kiosk/services/guardianship")
    again = [kiosk.get(path) for path in ("/kiosk/services/guardianship", "/kiosk/services")]

    assert "session=" in first.headers.get("Set-Cookie", "")  # the form's CSRF token
    assert [response.headers.get("Set-Cookie") for response in again] == [None, None]


def test_tickets_and_kiosk_screens_get_unguessable_tokens_that_sort_by_time(kiosk, clock):
    first_key = ticket_form(kiosk)["idempotency_key"]
    first = token_of(take_ticket(kiosk))
    clock.advance(seconds=1)
    second_key = ticket_form(kiosk)["idempotency_key"]
    second = token_of(take_ticket(kiosk))
    assert first < second and first_key < second_key
    for token in (first, second, first_key, second_key):
        # Eight hex digits of the moment, then 128 random bits (22 URL-safe characters).
        assert re.fullmatch(r"[0-9a-f]{8}[A-Za-z0-9_-]{22}", token)
    assert first[8:] != second[8:]


def test_after_the_kiosk_starts_over_back_shows_nothing_of_the_previous_applicant(kiosk):
    taken = take_ticket(kiosk)
    ticket_screen = taken.headers["Location"]
    number = re.search(r'class="receipt-number">(\w+)<', kiosk.get(ticket_screen).get_data(
        as_text=True)).group(1)
    form = hidden_inputs(kiosk.get(f"{ticket_screen}/application").get_data(as_text=True))

    kiosk.get("/kiosk?lang=kk")  # the reset, as the kiosk's own script does it

    for screen in (ticket_screen, f"{ticket_screen}/application",
                   f"{ticket_screen}/application/sent"):
        again = kiosk.get(screen)
        assert again.status_code == 303, screen
        assert again.headers["Location"].startswith("/kiosk")
        assert number not in again.get_data(as_text=True)
    assert kiosk.post(f"{ticket_screen}/application", data=form).status_code == 303


def test_the_printed_ticket_says_in_kazakh_that_the_wait_is_limited_not_the_service(client):
    screen = client.get(take_ticket(client).headers["Location"] + "?lang=kk")
    paper = screen.get_data(as_text=True).split('<article class="receipt"')[1]
    assert "Кезекте күту уақыты 15 минуттан аспауы тиіс." in paper


def test_the_closed_hall_shows_only_its_notice_in_all_three_languages(app, client, clock):
    clock.set(datetime(2026, 11, 27, 18, 30, tzinfo=ALMATY))  # Friday evening

    html = client.get("/kiosk?lang=ru").get_data(as_text=True)

    assert 'hreflang="ru"' not in html  # no language to choose: nothing to do but read
    for lang, closed, resumes in (("kk", "ХҚКО қазір жабық", "30 қараша, 09:00"),
                                  ("ru", "Сейчас ЦОН закрыт", "30 ноября, 09:00"),
                                  ("en", "The hall is closed now", "30 November, 09:00")):
        notice = html.split(f'<div class="closed-notice" lang="{lang}">')[1].split("</div>")[0]
        assert closed in notice and resumes in notice, (lang, notice)
