"""The whole hall in Chromium: a ticket from the kiosk, called by a window, shown on the board
and on the applicant's phone at the same moment."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_kiosk_browser import KIOSK_SCREEN, PHONE_SCREEN
from tests.conftest import STAFF_PASSWORD
from tests.helpers import take_ticket
from tests.load import UNAVAILABLE

pytestmark = pytest.mark.browser
DESK_SCREEN = {"width": 1366, "height": 900}
BOARD_SCREEN = {"width": 1920, "height": 1080}


def sign_in_at_window(page, base_url: str, username: str, window: int, lang: str) -> None:
    page.goto(f"{base_url}/staff/login?lang={lang}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.select_option("select[name=window]", str(window))
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base_url}/staff/window/")


@pytest.mark.parametrize(("lang", "take_label", "call_label"),
                         [("kk", "Талон алу", None), ("ru", "Получить талон", None)])
def test_a_called_ticket_reaches_the_window_the_board_and_the_phone(
    browser, live_server, make_user, screenshot, lang, take_label, call_label
):
    kiosk = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    kiosk.goto(f"{live_server}/kiosk/services/guardianship?lang={lang}")
    kiosk.get_by_role("button", name=take_label).tap()
    ticket_url = kiosk.locator(".receipt-url").inner_text()
    number = kiosk.locator(".ticket-screen .ticket-number").inner_text()

    board = browser.new_context(viewport=BOARD_SCREEN).new_page()
    board.goto(f"{live_server}/board")
    phone = browser.new_context(viewport=PHONE_SCREEN, is_mobile=True, has_touch=True).new_page()
    phone.goto(ticket_url)

    desk = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in_at_window(desk, live_server, make_user("operator", full_name="Айгүл Сейітова"), 2,
                      lang)
    expect(desk.locator("#line")).to_contain_text(number)
    screenshot(desk, f"operator-{lang}-line")
    desk.locator("form[action$='/act/call'] button").click()
    expect(desk.locator(".current-number")).to_have_text(number)
    expect(desk.locator("#line")).not_to_contain_text(number)  # the line refreshed: called
    screenshot(desk, f"operator-{lang}-called")

    expect(board.locator(".calls-list .newest .call-number")).to_have_text(number)
    expect(board.locator(".calls-list .newest .call-window")).to_have_text("2")
    screenshot(board, f"board-{lang}-called")
    expect(phone.locator(".called .called-window")).to_have_text("2")

    desk.locator("form[action$='/act/start'] button").click()
    expect(desk.locator(".current-status")).to_be_visible()
    screenshot(desk, f"operator-{lang}-serving")
    desk.locator("form[action$='/act/finish'] button").click()
    expect(desk.locator("form[action$='/act/call'] button")).to_be_visible()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_past_the_ceiling_a_ticket_is_called_before_a_newer_priority_ticket(
    clock, client, browser, live_server, make_user, screenshot, lang
):
    take_ticket(client)  # G001, 11:00, no priority
    clock.advance(minutes=26)  # past the 20-minute ceiling of a day with no long wait yet
    take_ticket(client, category="pregnant")  # G002, 11:26, a priority group
    desk = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in_at_window(desk, live_server, make_user("operator", full_name="Айгүл Сейітова"), 1,
                      lang)
    expect(desk.locator("#line tbody tr").first).to_contain_text("G001")
    expect(desk.locator("#line tbody tr").nth(1)).to_contain_text("G002")
    screenshot(desk, f"operator-{lang}-overdue-first")
    desk.locator("form[action$='/act/call'] button").click()
    expect(desk.locator(".current-number")).to_have_text("G001")


def test_a_window_pressing_call_while_the_database_is_out_keeps_its_desk_and_calls_after(
    client, browser, live_server, make_user, screenshot
):
    take_ticket(client)
    desk = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in_at_window(desk, live_server, make_user("operator"), 1, "ru")
    outage = f'<p class="error-message" role="alert">{UNAVAILABLE["ru"]}</p>'
    desk.route("**/staff/window/act/call",
               lambda route: route.fulfill(status=503, body=outage, content_type="text/html"))
    call = desk.locator("form[action$='/act/call'] button")
    call.click()
    expect(desk.get_by_role("alert")).to_have_text(UNAVAILABLE["ru"])
    expect(call).to_be_enabled()  # the desk is still there, to press again
    screenshot(desk, "operator-ru-database-unavailable")

    desk.unroute("**/staff/window/act/call")
    call.click()
    expect(desk.locator(".current-number")).to_have_text("G001")
    expect(desk.locator("#desk-alert")).to_be_empty()
