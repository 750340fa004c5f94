"""Tap through the kiosk in Kazakh and in Russian, get a ticket, open its page on a phone."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from kiosk.line.models import Ticket, Window
from kiosk.web.extensions import db
from tests.helpers import hidden_inputs

pytestmark = pytest.mark.browser

TOUCH_MIN_PX = 48
KIOSK_SCREEN = {"width": 1080, "height": 1920}
PHONE_SCREEN = {"width": 390, "height": 844}


def assert_touch_targets_are_large(page) -> None:
    page.wait_for_load_state("load")  # measured before its style sheet, a button is a line
    for target in page.locator("main a.choice, main button.choice").all():
        box = target.bounding_box()
        assert box["height"] >= TOUCH_MIN_PX and box["width"] >= TOUCH_MIN_PX, target.inner_text()


def tap_to_ticket(page, base_url: str, language_name: str, take_label: str, shot, lang: str):
    page.goto(f"{base_url}/kiosk")
    shot(page, f"kiosk-{lang}-1-start")
    page.locator(".languages-big").get_by_role("link", name=language_name, exact=True).tap()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_touch_targets_are_large(page)
    shot(page, f"kiosk-{lang}-2-services")
    page.locator("a.choice.service").first.tap()
    expect(page.get_by_role("button", name=take_label)).to_be_visible()
    assert_touch_targets_are_large(page)
    shot(page, f"kiosk-{lang}-3-priority")
    page.get_by_role("button", name=take_label).tap()
    expect(page.locator(".ticket-screen .ticket-number")).to_be_visible()
    shot(page, f"kiosk-{lang}-4-ticket")
    return page.locator(".ticket-screen .ticket-number").inner_text(), page.locator(
        ".receipt-url").inner_text()


@pytest.mark.parametrize(
    ("lang", "language_name", "take_label", "waiting_label"),
    [("kk", "Қазақша", "Талон алу", "Кезекте"),
     ("ru", "Русский", "Получить талон", "В очереди")],
)
def test_an_applicant_taps_through_the_kiosk_and_follows_the_ticket_on_a_phone(
    app, clock, browser, live_server, screenshot, lang, language_name, take_label, waiting_label
):
    kiosk = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    number, ticket_url = tap_to_ticket(
        kiosk, live_server, language_name, take_label, screenshot, lang
    )
    assert number == "G001"
    expect(kiosk.locator("svg.qr").first).to_be_visible()

    phone = browser.new_context(viewport=PHONE_SCREEN, has_touch=True, is_mobile=True).new_page()
    phone.goto(ticket_url)
    expect(phone.locator("html")).to_have_attribute("lang", lang)
    expect(phone.locator(".ticket-card .ticket-number")).to_have_text("G001")
    expect(phone.locator(".ticket-status")).to_contain_text(waiting_label)
    expect(phone.locator(".wait-meter")).to_have_class("wait-meter sla-ok")
    screenshot(phone, f"phone-{lang}-ticket")

    kiosk.emulate_media(media="print")
    kiosk.set_viewport_size({"width": 302, "height": 600})  # 80 mm at 96 dpi
    expect(kiosk.locator(".receipt .receipt-number")).to_have_text("G001")
    expect(kiosk.locator(".ticket-screen")).to_be_hidden()
    screenshot(kiosk, f"kiosk-{lang}-5-printed-ticket")

    call_to_window(app, "G001", 3, clock)
    expect(phone.locator(".called .called-window")).to_have_text("3")
    screenshot(phone, f"phone-{lang}-called")

    # At the window the phone shows the service clock; once finished it stops asking.
    app.config["POLL_SECONDS"] = 1  # the next pages the phone gets ask every second
    change_ticket(app, "G001", status="serving", serving_at=clock.now())
    expect(phone.locator(".service-meter")).to_be_visible(timeout=15_000)
    expect(phone.locator(".wait-meter:not(.service-meter)")).to_have_count(0)
    screenshot(phone, f"phone-{lang}-served")
    change_ticket(app, "G001", status="served", finished_at=clock.now())
    expect(phone.locator(".ticket-summary")).to_be_visible(timeout=15_000)
    expect(phone.locator("#live")).not_to_have_attribute("hx-trigger", re.compile("every"))
    screenshot(phone, f"phone-{lang}-finished")


def call_to_window(app, code: str, number: int, clock) -> None:
    """Call a ticket to a window in the database, as a window's "call next" does."""
    with app.app_context():
        window = db.session.execute(db.select(Window).filter_by(number=number)).scalar_one()
    change_ticket(app, code, status="called", window_id=window.id, called_at=clock.now())


def change_ticket(app, code: str, **values) -> None:
    """Move a ticket on in the database, as the window's actions do."""
    with app.app_context():
        db.session.execute(update(Ticket).where(Ticket.number == int(code[1:])).values(**values))
        db.session.commit()


@pytest.mark.parametrize(("lang", "language_name", "booked_label"),
                         [("kk", "Қазақша", "Алдын ала жазылу"),
                          ("ru", "Русский", "Предварительная запись")])
def test_a_booking_is_checked_in_at_the_kiosk_with_its_code(
    app, clock, staff_client, browser, live_server, screenshot, lang, language_name, booked_label
):
    clerk = staff_client("operator", window=3)
    page = clerk.get("/staff/bookings/")
    made = clerk.post("/staff/bookings/", data={
        "csrf_token": hidden_inputs(page.get_data(as_text=True))["csrf_token"],
        "service": "guardianship", "day": "25.11.2026", "time": "11:30"})
    code = made.get_data(as_text=True).split('<p class="booking-code">')[1].split("<")[0].strip()
    clock.advance(minutes=20)  # 11:20, ten minutes before the booked time

    kiosk = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    kiosk.goto(f"{live_server}/kiosk")
    kiosk.locator(".languages-big").get_by_role("link", name=language_name, exact=True).tap()
    kiosk.locator("a.choice.service").first.tap()
    expect(kiosk.locator(".choice.category", has_text=booked_label)).to_have_count(0)
    kiosk.locator(".booking-offer a.choice").tap()
    expect(kiosk.locator("#code")).to_be_visible()
    kiosk.locator("#code").tap()
    expect(kiosk.locator("#keyboard")).to_be_visible()
    kiosk.fill("#code", code.lower())  # as a scanner types it
    screenshot(kiosk, f"kiosk-{lang}-booking")
    kiosk.locator(".booking-form button[type=submit]").tap()
    expect(kiosk.locator(".ticket-screen .ticket-number")).to_have_text("G001")
    expect(kiosk.locator(".ticket-screen")).to_contain_text(booked_label)
    screenshot(kiosk, f"kiosk-{lang}-booked-ticket")

    kiosk.goto(f"{live_server}/kiosk/services/guardianship/booking")
    kiosk.fill("#code", code)
    kiosk.locator(".booking-form button[type=submit]").tap()
    expect(kiosk.locator("#code-error")).to_be_visible()
    expect(kiosk.locator("#code")).to_have_attribute("aria-invalid", "true")
