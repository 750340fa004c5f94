"""The whole intake in Chromium, in Kazakh and in Russian: a ticket from the kiosk, called to a
window, the application filled in there, the documents ticked, and the receipt printed; an
incomplete package gets the refusal receipt."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_hall_browser import DESK_SCREEN, sign_in_at_window
from tests.browser.test_kiosk_browser import KIOSK_SCREEN
from tests.casework_helpers import CHILD_IIN, GUARDIAN_IIN, OTHER_CHILD_IIN, add_registry_record

pytestmark = pytest.mark.browser


def fill_application(page, child_iin: str, born_abroad: bool) -> None:
    """Type the applicant's and the child's details as the operator reads them off the papers."""
    for name, value in {
        "applicant_surname": "Ахметова", "applicant_name": "Айгерим",
        "applicant_patronymic": "Болатқызы", "applicant_iin": GUARDIAN_IIN,
        "applicant_phone": "+7 701 234 56 78", "applicant_address": "Астана, Абай даңғылы, 10",
        "child_surname": "Ахметов", "child_name": "Ерлан", "child_birth_date": "01.06.2015",
        "child_iin": child_iin,
    }.items():
        page.fill(f"input[name={name}]", value)
    page.check(f"input[name=child_born_abroad][value={'abroad' if born_abroad else 'kz'}]")
    page.check("input[name=consent]")
    page.locator(".application-form button[type=submit]").click()
    expect(page.locator("#checklist input[name=received]").first).to_be_visible()


def print_preview(page, screenshot, name: str) -> None:
    """Look at the receipt as the printer gets it: no staff screen around the sheet."""
    page.emulate_media(media="print")
    expect(page.locator(".staff-header")).to_be_hidden()
    expect(page.locator(".receipt-toolbar")).to_be_hidden()
    screenshot(page, name)
    page.emulate_media(media="screen")


# In Kazakh the registry holds the guardianship (ready in 5 minutes); in Russian it does not
# (the provider decides within 3 working days): the two receipts show both terms.
@pytest.mark.parametrize(("lang", "take_label", "in_registry"),
                         [("kk", "Талон алу", True), ("ru", "Получить талон", False)])
def test_an_application_is_accepted_and_an_incomplete_one_refused_with_printed_receipts(
    app, browser, live_server, make_user, screenshot, lang, take_label, in_registry
):
    if in_registry:
        with app.app_context():
            add_registry_record()
    kiosk = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    kiosk.goto(f"{live_server}/kiosk/services/guardianship?lang={lang}")
    kiosk.get_by_role("button", name=take_label).tap()
    number = kiosk.locator(".ticket-screen .ticket-number").inner_text()

    desk = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in_at_window(desk, live_server, make_user("operator", full_name="Айгүл Сейітова"), 1,
                      lang)
    desk.locator("form[action$='/act/call'] button").click()
    expect(desk.locator(".current-number")).to_have_text(number)
    desk.locator(".application-link a").click()
    expect(desk.locator(".intake-ticket strong")).to_have_text(number)
    screenshot(desk, f"intake-{lang}-empty")

    fill_application(desk, CHILD_IIN, born_abroad=False)
    checks = desk.locator("#checklist input[name=received]")
    expect(checks).to_have_count(2)  # the application and the identity document
    for index in range(checks.count()):
        checks.nth(index).check()
    screenshot(desk, f"intake-{lang}-checklist")
    desk.locator(".decide button").first.click()

    expect(desk.locator(".sheet-acceptance")).to_be_visible()
    expect(desk.locator(".receipt-half")).to_have_count(2)
    expect(desk.locator(".receipt-half[lang=kk] .form-number")).to_contain_text("2026-00001")
    expect(desk.locator(".receipt-half[lang=ru] .form-number")).to_contain_text("2026-00001")
    expect(desk.locator(".receipt-half svg.qr")).to_have_count(2)
    expect(desk.locator(".receipt-half .applicant-name").first).to_have_text(
        "Ахметова Айгерим Болатқызы")
    expect(desk.locator(".sheet")).not_to_contain_text(CHILD_IIN)
    # The Kazakh half puts the case ending on the time or the day, the Russian half does not.
    expect(desk.locator(".receipt-half[lang=kk] .due")).to_contain_text(
        "11:05-тен" if in_registry else "2026 жылғы 30 қарашадан")
    expect(desk.locator(".receipt-half[lang=ru] .due")).to_contain_text(
        "11:05" if in_registry else "30.11.2026")
    print_preview(desk, screenshot, f"receipt-acceptance-{lang}")

    # The same applicant brings a second child's papers, born abroad, without the birth
    # certificate: the package is refused.
    desk.locator(".receipt-actions a").first.click()
    fill_application(desk, OTHER_CHILD_IIN, born_abroad=True)
    checks = desk.locator("#checklist input[name=received]")
    expect(checks).to_have_count(3)
    checks.nth(0).check()
    checks.nth(1).check()
    desk.locator(".decide button.danger").click()

    expect(desk.locator(".sheet-refusal")).to_be_visible()
    expect(desk.locator(".receipt-half .missing li")).to_have_count(2)  # one a language
    expect(desk.locator(".receipt-half .applicant-name").first).to_have_text(
        "Ахметова Айгерим Болатқызы")
    print_preview(desk, screenshot, f"receipt-refusal-{lang}")

    if in_registry:  # the certificate is ready: the window hands it over against the receipt
        desk.goto(f"{live_server}/staff/applications/handover")
        desk.fill("input[name=number]", "2026-00001")
        desk.locator("form.lookup button").click()
        expect(desk.locator(".hand-over-form")).to_be_visible()
        desk.fill(".hand-over-form input[name=iin]", GUARDIAN_IIN)
        screenshot(desk, f"handover-{lang}")
        desk.locator(".hand-over-form button[type=submit]").click()
        expect(desk.locator(".badge.status-handed_over")).to_be_visible()
        screenshot(desk, f"handover-{lang}-done")
