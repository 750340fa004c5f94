"""The certificate in Chromium: the operator opens it from the handover screen and prints it
(two A4 pages, Kazakh then Russian, with a QR code a scanner reads); the supervisor finds it in
the list and annuls it, and the paper then says it is not valid."""

import shutil

import pytest
from playwright.sync_api import expect

from tests.browser.test_hall_browser import DESK_SCREEN, sign_in_at_window
from tests.browser.test_kiosk_browser import PHONE_SCREEN
from tests.browser.test_supervisor_browser import sign_in
from tests.casework_helpers import CHILD_IIN
from tests.helpers import take_ticket
from tests.test_certificate_pdf import SCREENSHOTS, rasterise, require_tools, scanned
from tests.test_certificates import GUARDIAN, quick_certificate

pytestmark = pytest.mark.browser


def test_the_operator_prints_the_certificate_from_the_handover_screen(
        app, browser, live_server, make_user, screenshot, tmp_path):
    certificate = quick_certificate(app)
    take_ticket(app.test_client())
    desk = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in_at_window(desk, live_server, make_user("operator", full_name="Айгүл Сейітова"), 1,
                      "kk")
    desk.locator("form[action$='/act/call'] button").click()  # the applicant come for it
    expect(desk.locator(".current-number")).to_be_visible()
    desk.goto(f"{live_server}/staff/applications/handover?number=2026-00001")
    desk.locator("a.print-certificate").click()
    expect(desk).to_have_url(f"{live_server}/staff/certificates/{certificate.id}")
    sheets = desk.locator("article.certificate-sheet")
    expect(sheets).to_have_count(2)
    expect(desk.locator("article[lang=kk] .cert-number")).to_have_text("AST-2026-00001")
    expect(desk.locator("article[lang=ru] .cert-number")).to_have_text("AST-2026-00001")
    expect(desk.locator("article[lang=kk] .guardian-name")).to_have_text(
        "Ахметова Айгерим Болатқызы")
    expect(desk.locator("svg.certificate-qr")).to_have_count(2)
    expect(desk.locator(".certificate-admin")).to_have_count(0)  # an operator only prints
    screenshot(desk, "certificate-screen-kk")

    desk.emulate_media(media="print")
    expect(desk.locator(".staff-header")).to_be_hidden()
    expect(desk.locator(".certificate-toolbar")).to_be_hidden()
    screenshot(desk, "certificate-print-preview")
    printed = tmp_path / "printed.pdf"
    desk.pdf(path=str(printed), prefer_css_page_size=True, print_background=True)
    require_tools()
    pages = rasterise(printed, "printed")
    assert len(pages) == 2  # each language on exactly one A4 page
    shutil.copy(pages[0], SCREENSHOTS / "certificate-chromium-print-kk.png")
    with app.test_request_context():
        from kiosk.casework.certificates.printing import verification_url

        assert [scanned(page) for page in pages] == [verification_url(certificate.code)] * 2


def test_the_supervisor_annuls_a_certificate_and_its_pages_say_not_valid(
        app, browser, live_server, make_user, screenshot):
    certificate = quick_certificate(app)
    page = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in(page, live_server, make_user("supervisor", full_name="Сәуле Тоқтарова"))
    page.goto(f"{live_server}/staff/supervisor/?lang=ru")
    page.locator("a[href='/staff/certificates/']").click()
    row = page.locator("table.data tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("AST-2026-00001")
    expect(row).to_contain_text("Ахметова Айгерим Болатқызы")
    screenshot(page, "certificate-list")
    row.locator("a").click()
    expect(page).to_have_url(f"{live_server}/staff/certificates/{certificate.id}")

    page.locator("form[action$='/annul'] button").click()  # no reason: asked for one
    expect(page.locator(".field-error")).to_be_visible()
    page.fill("textarea[name=reason]", "Опека прекращена приказом № 99")
    page.locator("form[action$='/annul'] button").click()
    expect(page.locator(".badge.cert-annulled")).to_be_visible()
    expect(page.locator(".cert-void")).to_have_count(2)
    expect(page.locator("article[lang=ru] .cert-void")).to_contain_text("Недействительна")
    expect(page.locator("form[action$='/annul']")).to_have_count(0)
    expect(page.locator("table.history")).to_contain_text("Опека прекращена приказом № 99")
    screenshot(page, "certificate-annulled")


def test_a_verifier_checks_the_certificate_on_a_phone_and_the_holder_reveals_the_names(
        app, browser, live_server, screenshot):
    certificate = quick_certificate(app)
    context = browser.new_context(viewport=PHONE_SCREEN)
    phone = context.new_page()
    phone.goto(f"{live_server}/v/{certificate.code}?lang=ru")
    expect(phone.locator(".verify-verdict")).to_have_text("Подлинная и действительная")
    expect(phone.locator(".verify-guardian")).to_have_text("А****** А. Б.")
    expect(phone.locator("form")).to_have_count(0)
    assert [cookie["name"] for cookie in context.cookies()] == ["lang"]  # no session
    screenshot(phone, "verify-ru-valid")

    phone.locator(".verify-reveal a").click()
    expect(phone).to_have_url(f"{live_server}/v/{certificate.code}/reveal")
    phone.fill("input[name=iin]", CHILD_IIN)
    phone.locator(".verify-reveal button").click()
    expect(phone.locator(".verify-guardian")).to_have_text(GUARDIAN)
    screenshot(phone, "verify-ru-revealed")


def test_a_verifier_with_no_scanner_types_the_code_under_the_qr_on_a_russian_phone(
        app, browser, live_server, screenshot):
    certificate = quick_certificate(app)
    phone = browser.new_context(viewport=PHONE_SCREEN, locale="ru-RU").new_page()
    phone.goto(f"{live_server}/v/")
    expect(phone.locator("html")).to_have_attribute("lang", "ru")  # the phone's language
    expect(phone.locator("h1")).to_have_text("Проверка справки по коду")

    phone.fill("input[name=code]", "abcd efgh")  # too short: said so, on the same page
    phone.locator(".verify-code-form button").click()
    expect(phone.locator("#code-errors")).to_contain_text("12 букв и цифр")
    screenshot(phone, "verify-ru-short-code-refused")

    phone.fill("input[name=code]", certificate.short_code.lower().replace("-", " "))
    phone.locator(".verify-code-form button").click()
    expect(phone).to_have_url(f"{live_server}/v/{certificate.code}")
    expect(phone.locator(".verify-verdict")).to_have_text("Подлинная и действительная")
    screenshot(phone, "verify-ru-by-short-code")
