"""Time that people control (WCAG 2.2.1) and taps that land where they were meant, at a portrait
kiosk: before it starts over the kiosk asks "Do you need more time?" with a countdown; asked for
more, it keeps everything on screen; typing keeps it from asking; the ticket screen can be kept
longer the same way; and the second half of a double tap is not taken on the next screen.

The page's clock is Playwright's: the minutes pass at once, and the test waits for nothing."""

import pytest
from playwright.sync_api import expect

from kiosk.line.models import Ticket
from kiosk.web.extensions import db
from tests.browser.test_kiosk_application_browser import (
    KIOSK_SCREEN,
    VISIBLE_KEYS,
    open_application,
    take_guardianship_ticket,
)

pytestmark = pytest.mark.browser
MORE_TIME = {"kk": "Иә, маған тағы уақыт керек", "ru": "Да, мне нужно ещё время"}


@pytest.fixture
def kiosk(browser):
    context = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True)
    context.clock.install()
    return context.new_page()


def asked(page):
    return page.locator("dialog.more-time")


def ready(page):
    """The screen's script has run (its timers are set): the minutes may pass."""
    expect(page.locator("body")).to_have_attribute("data-ready", "1")


def test_the_kiosk_asks_before_it_starts_over_and_keeps_the_form_when_asked(
    kiosk, live_server, screenshot
):
    take_guardianship_ticket(kiosk, live_server, "ru")
    open_application(kiosk)
    ready(kiosk)
    kiosk.locator("#applicant_surname").fill("Ахметова")

    kiosk.clock.run_for(59_000)
    expect(asked(kiosk)).to_be_hidden()
    kiosk.clock.run_for(1_000)
    expect(asked(kiosk)).to_be_visible()
    expect(asked(kiosk).locator("h2")).to_have_text("Вам нужно ещё время?")
    expect(asked(kiosk).locator("#more-time-left")).to_contain_text("20")
    kiosk.clock.run_for(5_000)
    expect(asked(kiosk).locator("#more-time-left")).to_contain_text("15")
    screenshot(kiosk, "kiosk-more-time-ru")
    box = asked(kiosk).get_by_role("button", name=MORE_TIME["ru"]).bounding_box()
    assert box["y"] > KIOSK_SCREEN["height"] / 3, "in the reachable lower two-thirds"
    asked(kiosk).get_by_role("button", name=MORE_TIME["ru"]).tap()

    expect(asked(kiosk)).to_be_hidden()
    expect(kiosk.locator("#applicant_surname")).to_have_value("Ахметова")
    kiosk.clock.run_for(59_000)
    expect(asked(kiosk)).to_be_hidden()


def test_typing_keeps_the_kiosk_from_asking(kiosk, live_server):
    take_guardianship_ticket(kiosk, live_server, "kk")
    open_application(kiosk)
    ready(kiosk)
    kiosk.locator("#applicant_surname").tap()

    for letter in "ахметова":  # a letter every 45 s: slow, but someone is there
        kiosk.clock.run_for(45_000)
        kiosk.locator(f'{VISIBLE_KEYS}[data-key="{letter}"]').tap()
    expect(asked(kiosk)).to_be_hidden()
    expect(kiosk.locator("#applicant_surname")).to_have_value("Ахметова")


def test_unanswered_the_kiosk_starts_over_after_the_countdown(kiosk, live_server):
    take_guardianship_ticket(kiosk, live_server, "ru")
    open_application(kiosk)
    ready(kiosk)
    kiosk.locator("#applicant_surname").fill("Ахметова")

    kiosk.clock.run_for(60_000 + 19_000)
    expect(asked(kiosk)).to_be_visible()
    kiosk.clock.run_for(1_000)

    expect(kiosk).to_have_url(f"{live_server}/kiosk?lang=kk")  # the start, in Kazakh
    expect(kiosk.locator("html")).to_have_attribute("lang", "kk")


def test_the_ticket_screen_can_be_kept_longer(kiosk, live_server):
    take_guardianship_ticket(kiosk, live_server, "kk")
    ready(kiosk)
    number = kiosk.locator(".ticket-screen .ticket-number").inner_text()

    kiosk.clock.run_for(30_000)
    expect(asked(kiosk)).to_be_visible()
    asked(kiosk).get_by_role("button", name=MORE_TIME["kk"]).tap()
    expect(kiosk.locator(".ticket-screen .ticket-number")).to_have_text(number)
    kiosk.clock.run_for(30_000)
    expect(asked(kiosk)).to_be_visible()
    kiosk.clock.run_for(20_000)

    expect(kiosk).to_have_url(f"{live_server}/kiosk?lang=kk")


def test_a_double_tap_on_a_service_still_shows_the_priority_groups(app, browser, live_server):
    app.config["TAP_GUARD_MS"] = 500  # as in a hall
    page = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    page.goto(f"{live_server}/kiosk/services?lang=ru")
    expect(page.locator("body")).to_have_attribute("data-ready", "1")
    service = page.locator('a.choice.service[href*="/guardianship"]').bounding_box()
    x, y = service["x"] + service["width"] / 2, service["y"] + service["height"] / 2

    page.touchscreen.tap(x, y)
    page.wait_for_url("**/kiosk/services/guardianship**")
    page.touchscreen.tap(x, y)  # the double tap's second half, on the priority screen
    second_tap_ms = page.evaluate("performance.now()")

    print(f"double tap: the second tap came {second_tap_ms:.0f} ms into the priority screen")
    expect(page.locator("form.take-ticket button.primary")).to_be_visible()
    with app.app_context():
        assert db.session.query(Ticket).count() == 0
    expect(page.locator("body")).to_have_attribute("data-ready", "1")
    page.locator("form.take-ticket button.primary").tap()  # once the screen is ready: one tap
    expect(page.locator(".ticket-screen .ticket-number")).to_be_visible()


REACH = "main a.choice, main button.choice, .kiosk-controls a, .kiosk-controls button"


@pytest.mark.parametrize("path", ["/kiosk", "/kiosk/services", "/kiosk/services/guardianship"])
def test_on_a_portrait_kiosk_every_control_is_in_the_lower_two_thirds(browser, live_server,
                                                                      screenshot, path):
    page = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    page.goto(f"{live_server}{path}?lang=kk")
    page.wait_for_load_state("load")
    tops = [box["y"] for control in page.locator(REACH).all()
            if (box := control.bounding_box())]

    assert tops and min(tops) >= KIOSK_SCREEN["height"] / 3, min(tops)
    assert max(tops) < KIOSK_SCREEN["height"]  # and on the screen, without scrolling
    screenshot(page, f"kiosk-reach-{path.strip('/').replace('/', '-')}")


def test_a_landscape_kiosk_fits_its_width(browser, live_server):
    page = browser.new_context(viewport={"width": 1920, "height": 1080}, has_touch=True).new_page()
    for path in ("/kiosk", "/kiosk/services", "/kiosk/services/guardianship"):
        page.goto(f"{live_server}{path}?lang=ru")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1920
        expect(page.locator(".kiosk-controls .home")).to_be_visible()


def test_large_text_is_one_tap_away_and_gone_for_the_next_person(browser, live_server,
                                                                 screenshot):
    page = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    page.goto(f"{live_server}/kiosk/services?lang=ru")
    usual = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")

    page.locator("[data-large-text]").tap()
    expect(page.locator("html")).to_have_class("large-text")
    expect(page.locator("[data-large-text]")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") > usual * 1.2
    page.locator('a.choice.service[href*="/guardianship"]').tap()
    expect(page.locator("html")).to_have_class("large-text")  # the next screen too
    screenshot(page, "kiosk-large-text-ru")
    page.locator(".kiosk-controls .home").tap()

    expect(page.locator("html")).not_to_have_class("large-text")


def test_a_tap_calls_staff_to_the_kiosk(app, browser, live_server, screenshot):
    page = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    page.goto(f"{live_server}/kiosk/services?lang=kk")

    page.locator(".help-button").tap()

    expect(page.locator("#help-status")).to_have_text("Қызметкер шақырылды: сізге біреу келеді.")
    screenshot(page, "kiosk-help-called-kk")
