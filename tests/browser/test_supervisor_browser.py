"""The supervisor signs in and watches the hall, in Kazakh and in Russian, then opens a ticket."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import STAFF_PASSWORD
from tests.helpers import booked_ticket, take_ticket
from tests.test_supervisor import play_small_day

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/staff/login")
    page.fill("#username", username)
    page.fill("#password", STAFF_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{base_url}/staff/supervisor/")


@pytest.mark.parametrize(
    ("lang", "serving_window"),
    [("kk", "2"), ("ru", "2")],
)
def test_the_supervisor_watches_the_hall_and_opens_a_ticket(
    app, clock, client, make_user, browser, live_server, screenshot, lang, serving_window
):
    play_small_day(app, clock, client)
    take_ticket(client, "identity")  # D002 and a booked G004 join the lines at 11:30
    booked_ticket(app, client)
    clock.advance(minutes=1)
    username = make_user("supervisor", full_name="Сәуле Тоқтарова")

    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server, username)
    page.goto(f"{live_server}/staff/supervisor/?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator(f'tr[data-window="{serving_window}"] .ticket-code')).to_have_text("D001")
    expect(page.locator(".figure-issued")).to_have_text("7")
    screenshot(page, f"supervisor-{lang}")

    # The live part refreshes itself without disturbing the search form.
    with page.expect_response(lambda r: "/staff/supervisor/hall" in r.url, timeout=10_000):
        page.fill("#ticket-number", "g2")
    expect(page.locator("#ticket-number")).to_have_value("g2")
    page.locator("form.ticket-search button").click()
    expect(page.locator("table.history tr.step")).to_have_count(4)
    screenshot(page, f"supervisor-{lang}-history")

    page.goto(f"{live_server}/staff/supervisor/tickets?number=Q12")
    expect(page.locator(".ticket-search .field-error")).to_be_visible()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_supervisor_reads_the_figures_of_yesterday_after_the_close(
    app, clock, client, runner, make_user, browser, live_server, screenshot, lang
):
    play_small_day(app, clock, client)
    clock.advance(days=1)
    assert runner.invoke(args=["housekeeping"]).exit_code == 0
    username = make_user("supervisor", full_name="Сәуле Тоқтарова")

    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server, username)
    page.goto(f"{live_server}/staff/supervisor/?lang={lang}")
    page.locator("p.other-days a").click()
    expect(page.locator("#day")).to_have_value("25.11.2026")
    expect(page.locator(".figure-closed-unserved")).to_have_text("2")
    expect(page.locator(".figure-served")).to_have_text("2")
    screenshot(page, f"supervisor-{lang}-yesterday")

    page.fill("#day", "32.11.2026")
    page.locator("form.ticket-search button").click()
    expect(page.locator("#day-error")).to_be_visible()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_advice_appears_when_the_line_outgrows_the_windows_and_goes_when_one_opens(
    app, clock, client, make_user, staff_client, browser, live_server, screenshot, lang
):
    staff_client("operator", window=1)  # window 1 alone, guardianship only
    for _ in range(3):
        take_ticket(client)
    username = make_user("supervisor", full_name="Сәуле Тоқтарова")

    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server, username)
    page.goto(f"{live_server}/staff/supervisor/?lang={lang}")
    advice = page.locator("section.advice")
    expect(advice).to_have_class(re.compile(r"\badvice-needed\b"))
    expect(advice.locator(".advice-late .ticket-code")).to_have_text(["G003"])
    screenshot(page, f"supervisor-{lang}-advice")

    staff_client("operator", window=2)  # another window opens: the live part says so
    expect(advice).not_to_have_class(re.compile(r"\badvice-needed\b"), timeout=15_000)
    expect(advice.locator(".advice-late")).to_have_count(0)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_supervisor_reads_a_report_with_its_charts_and_downloads_it(
    app, clock, client, runner, make_user, browser, live_server, screenshot, lang
):
    play_small_day(app, clock, client)
    clock.advance(days=1)
    assert runner.invoke(args=["housekeeping"]).exit_code == 0
    username = make_user("supervisor", full_name="Сәуле Тоқтарова")

    page = browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    sign_in(page, live_server, username)
    page.goto(f"{live_server}/staff/supervisor/?lang={lang}")
    page.locator("nav.staff-nav a[href='/staff/reports/']").click()
    expect(page.locator("#start")).to_have_value("20.11.2026")
    page.fill("#start", "25.11.2026")
    page.fill("#end", "25.11.2026")
    page.locator("form.range-form button").click()
    expect(page.locator(".figure-issued")).to_have_text("5")
    expect(page.locator("figure.chart svg")).to_have_count(3)
    expect(page.locator('table[data-family="service"] tbody tr')).to_have_count(3)
    screenshot(page, f"reports-{lang}")
    with page.expect_download() as download:
        page.locator("a[download]").click()
    assert download.value.suggested_filename == "hall-figures-2026-11-25-2026-11-25.csv"

    page.fill("#start", "26.11.2026")
    page.fill("#end", "25.11.2026")
    page.locator("form.range-form button").click()
    expect(page.locator("#end-error")).to_be_visible()
