"""An administrator signs in, adds a window and a staff account, and sees the lists."""

import pytest
from playwright.sync_api import expect

from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser

DESK_SCREEN = {"width": 1366, "height": 900}
NEW_PASSWORD = "a long new password"


def sign_in(page, base_url: str, username: str, window: str | None = None) -> None:
    page.goto(f"{base_url}/staff/login?lang=en")
    page.get_by_label("Login").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    if window:
        page.get_by_label("Window").select_option(label=f"Window {window}")
    page.get_by_role("button", name="Sign in").click()


def test_an_admin_adds_a_window_and_an_account(browser, live_server, make_user, screenshot):
    operator = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in(operator, live_server, make_user("operator", "marina", full_name="Марина Ким"), "2")

    page = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in(page, live_server, make_user("admin", "head", full_name="Head of the hall"))
    page.get_by_role("link", name="Administration").first.click()
    page.get_by_role("link", name="Windows").first.click()
    page.get_by_role("link", name="Add a window").click()
    page.get_by_label("Window number").fill("3")
    page.get_by_label("D — Identity documents").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".field-error")).to_have_text("This window number is already in use.")
    screenshot(page, "admin-window-form-error")

    page.get_by_label("Window number").fill("5")
    page.get_by_label("R — Registration of residence").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash")).to_have_text("Window 5 saved.")
    expect(page.locator("table.windows tbody tr")).to_have_count(5)
    expect(page.locator("table.windows")).to_contain_text("Марина Ким")
    screenshot(page, "admin-windows")

    page.get_by_role("link", name="Staff accounts").first.click()
    page.get_by_role("link", name="Add an account").click()
    page.get_by_label("Login").fill("aigul.s")
    page.get_by_label("Full name").fill("Айгүл Сейітова")
    page.get_by_label("Role").select_option("operator")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password again").fill("not the same one")
    page.get_by_role("button", name="Create the account").click()
    expect(page.locator(".field-error")).to_have_text("The two passwords differ.")
    screenshot(page, "admin-user-form-error")

    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page.locator(".flash")).to_have_text("Account aigul.s created.")
    expect(page.locator("table.users")).to_contain_text("Айгүл Сейітова")
    screenshot(page, "admin-users")
