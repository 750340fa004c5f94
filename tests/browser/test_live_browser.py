"""A polled live part in Chromium: an unchanged answer is a 304 that leaves the screen as it is,
a change shows by itself, and a ticket that has ended stops asking."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.test_kiosk_browser import PHONE_SCREEN, call_to_window, change_ticket
from tests.browser.test_provider_browser import DESKTOP, sign_in
from tests.helpers import take_ticket, token_of
from tests.test_provider import accepted_request

pytestmark = pytest.mark.browser

STATUS = "**/t/*/status"
# What htmx itself received for each poll (the status a 304 reaches the page with).
HEARD = """
window.heard = [];
document.addEventListener("htmx:after:request", function (event) {
  window.heard.push(event.detail.ctx.response.status);
});
"""


def open_phone(browser, url: str):
    page = browser.new_context(viewport=PHONE_SCREEN, is_mobile=True).new_page()
    page.add_init_script(HEARD)
    page.goto(url)
    return page


def wait_for_polls(page, count: int) -> None:
    """Let the page ask for its live part a few times (each wait ends at an answer)."""
    for _ in range(count):
        with page.expect_response(STATUS):
            pass


def test_an_unchanged_ticket_comes_back_as_304s_and_the_screen_stays_as_it_is(
    app, clock, browser, live_server
):
    token = token_of(take_ticket(app.test_client()))
    phone = open_phone(browser, f"{live_server}/t/{token}?lang=en")
    wait_for_polls(phone, 1)  # the first poll has no ETag to send back: a 200
    phone.evaluate("document.getElementById('live').dataset.kept = 'yes'")
    wait_for_polls(phone, 3)
    heard = phone.evaluate("window.heard")
    assert heard[0] == 200 and set(heard[1:]) == {304}, heard
    expect(phone.locator("#live")).to_have_attribute("data-kept", "yes")  # never swapped
    expect(phone.locator(".ticket-card .ticket-number")).to_have_text("G001")
    expect(phone.locator(".wait-clock")).to_have_text(re.compile(r"^\d\d:\d\d$"))

    call_to_window(app, "G001", 3, clock)
    expect(phone.locator(".called .called-window")).to_have_text("3")
    assert phone.locator("#live").get_attribute("data-kept") is None  # the change was swapped


def test_a_finished_ticket_s_page_stops_asking(app, clock, browser, live_server):
    token = token_of(take_ticket(app.test_client()))
    phone = open_phone(browser, f"{live_server}/t/{token}?lang=en")
    wait_for_polls(phone, 1)
    change_ticket(app, "G001", status="served", serving_at=clock.now(),
                  finished_at=clock.now())
    expect(phone.locator(".ticket-summary")).to_be_visible()
    expect(phone.locator("#live")).not_to_have_attribute("hx-trigger", re.compile("every"))
    with pytest.raises(PlaywrightTimeout), phone.expect_request(STATUS, timeout=3_000):
        pass  # three polls' time without a request


def test_the_provider_s_list_is_never_stored_yet_an_unchanged_one_is_a_304(
    app, make_user, browser, live_server
):
    """The list names guardians and children, so no cache keeps it (no-store): the page's script
    sends the ETag back itself."""
    accepted_request(app)
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.add_init_script(HEARD)
    page.clock.install()
    sign_in(page, live_server, make_user("provider"))
    page.goto(f"{live_server}/staff/provider/?lang=en")
    every = app.config["STAFF_POLL_SECONDS"] * 10 * 1000  # the list asks every 30 s
    for _ in range(2):
        with page.expect_response("**/staff/provider/pending") as answer:
            page.clock.run_for(every)
        assert answer.value.headers["cache-control"] == "no-store"
    assert page.evaluate("window.heard") == [200, 304]
    expect(page.locator("#pending table")).to_contain_text("Ерлан")


def test_a_screen_reader_hears_the_call_once_and_never_the_clock(app, clock, browser,
                                                                 live_server):
    token = token_of(take_ticket(app.test_client()))
    phone = open_phone(browser, f"{live_server}/t/{token}?lang=ru")
    expect(phone.locator("h1")).to_have_count(1)
    expect(phone.locator("h1")).to_have_text("G001")
    expect(phone.locator(".wait-clock")).to_be_visible()
    expect(phone.locator("[aria-live] .wait-clock, [role=alert] .wait-clock")).to_have_count(0)
    expect(phone.locator("#announcer")).to_have_text("")  # the page itself is read as usual

    call_to_window(app, "G001", 2, clock)

    expect(phone.locator("#announcer")).to_have_text("Талон G001: пройдите к окну 2.")
    expect(phone.locator("[aria-live]")).to_have_count(1)
