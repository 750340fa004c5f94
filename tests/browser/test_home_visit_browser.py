"""A home visit in Chromium: the head of the hall registers a request from the contact centre and
schedules it; the employee signs in on a tablet (portrait, touch) without a window, fills in the
application at the applicant's home, ticks the documents and prints the acceptance receipt,
marked as a home intake."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_hall_browser import DESK_SCREEN
from tests.browser.test_intake_browser import fill_application
from tests.casework_helpers import CHILD_IIN
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser
TABLET = {"width": 800, "height": 1280}  # a 10-inch tablet held upright


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/staff/login?lang=ru")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.locator("form button[type=submit]").last.click()


def test_the_application_is_taken_at_home_on_a_tablet(browser, live_server, make_user,
                                                      screenshot):
    head = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in(head, live_server, make_user("supervisor"))
    head.goto(f"{live_server}/staff/visits/new")
    head.fill("input[name=applicant_name]", "Жұмабаева Сәуле Ерланқызы")
    head.fill("input[name=address]", "Астана қ., Тұран даңғылы, 24-7")
    head.fill("input[name=phone]", "+7 701 222 33 44")
    head.fill("textarea[name=reason]", "Бірінші топтағы мүгедектігі бар.")
    head.locator(".visit-form button[type=submit]").click()
    expect(head.locator(".visit-number").first).to_have_text("Ү-2026-00001")
    head.fill("input[name=day]", "25.11.2026")
    head.fill("input[name=time]", "15:30")
    head.select_option("select[name=employee]", label="Нұрланова Әсел")
    head.locator(".visit-schedule form").first.locator("button[type=submit]").click()
    expect(head.locator(".visit-when")).to_contain_text("25.11.2026 15:30")
    screenshot(head, "home-visit-scheduled-ru")

    tablet = browser.new_context(viewport=TABLET, has_touch=True).new_page()
    sign_in(tablet, live_server, "visiting-employee")
    expect(tablet).to_have_url(f"{live_server}/staff/visits/")
    tablet.get_by_role("link", name="Открыть").first.tap()
    expect(tablet.locator(".at-home .application-form")).to_be_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    screenshot(tablet, "home-visit-tablet-ru")

    fill_application(tablet, CHILD_IIN, born_abroad=False)
    checks = tablet.locator("#checklist input[name=received]")
    for index in range(checks.count()):
        checks.nth(index).check()
    tablet.locator(".decide button").first.tap()

    expect(tablet.locator(".sheet-acceptance")).to_be_visible()
    expect(tablet.locator(".receipt-half[lang=ru] .home-intake")).to_have_text(
        "на дому у услугополучателя (выезд на дом)")
    expect(tablet.locator(".receipt-half[lang=kk] .form-number")).to_contain_text("2026-00001")
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    screenshot(tablet, "home-visit-receipt-ru")
    tablet.get_by_role("link", name="Назад к выезду").tap()
    expect(tablet.locator(".badge.visit-status")).to_have_text("Выезд выполнен")


@pytest.fixture(autouse=True)
def visiting_employee(make_user):
    make_user("operator", "visiting-employee", full_name="Нұрланова Әсел")
