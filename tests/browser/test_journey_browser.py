"""The whole journey in Chromium, in Kazakh and in Russian, with a screenshot of every step: a
ticket at the kiosk; the phone follows it; the window calls it (the board shows it and asks for
its spoken call); the application taken at the window and its acceptance receipt; the provider's
decision; the certificate's PDF, whose QR a scanner (zbarimg) reads; the verify page it opens;
and the short code under the QR typed in instead."""

import re
import shutil

import pytest
from playwright.sync_api import expect

from kiosk.casework.certificates.models import Certificate
from kiosk.casework.models import Application
from kiosk.web.extensions import db
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_board_browser import HALL_SCREEN
from tests.browser.test_hall_browser import DESK_SCREEN, sign_in_at_window
from tests.browser.test_intake_browser import fill_application
from tests.browser.test_kiosk_application_browser import KIOSK_SCREEN, take_guardianship_ticket
from tests.browser.test_kiosk_browser import PHONE_SCREEN
from tests.casework_helpers import BASIS_BODY_KK, BASIS_BODY_RU, CHILD_IIN
from tests.conftest import STAFF_PASSWORD, require
from tests.test_certificate_pdf import rasterise, require_tools, scanned

pytestmark = pytest.mark.browser
VALID = {"kk": "Түпнұсқа және жарамды", "ru": "Подлинная и действительная"}


def signed_in(browser, base_url: str, username: str, lang: str):
    page = browser.new_context(viewport=DESK_SCREEN).new_page()
    page.goto(f"{base_url}/staff/login?lang={lang}")
    page.fill("#username", username)
    page.fill("#password", STAFF_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator(".staff-user")).to_be_visible()
    return page


def the(app, model, **found):
    with app.app_context():
        row = db.session.execute(db.select(model).filter_by(**found)).scalar_one()
        db.session.expunge(row)
        return row


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_whole_journey_from_the_kiosk_to_a_checked_certificate(
    app, browser, live_server, make_user, screenshot, tmp_path, lang
):
    require(shutil.which("espeak-ng") is not None, "the board's voice needs Debian's espeak-ng")
    require_tools()
    step = iter(range(1, 20))

    def shot(page, name):
        screenshot(page, f"journey-{lang}-{next(step):02d}-{name}")

    kiosk = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    take_guardianship_ticket(kiosk, live_server, lang)
    number = kiosk.locator(".ticket-screen .ticket-number").inner_text()
    phone_url = kiosk.locator(".receipt-url").inner_text()
    shot(kiosk, "kiosk-ticket")

    phone = browser.new_context(viewport=PHONE_SCREEN, has_touch=True,  # the phone's language
                                locale={"kk": "kk-KZ", "ru": "ru-RU"}[lang]).new_page()
    phone.goto(phone_url)
    expect(phone.locator("h1.ticket-number")).to_have_text(number)
    shot(phone, "phone-waiting")

    board = browser.new_context(viewport=HALL_SCREEN).new_page()
    board.goto(f"{live_server}/board")
    desk = browser.new_context(viewport=DESK_SCREEN).new_page()
    sign_in_at_window(desk, live_server, make_user("operator", full_name="Айгүл Сейітова"), 1,
                      lang)
    with board.expect_request(f"**/board/voice/kk/{number}/1.wav"):
        desk.locator("form[action$='/act/call'] button").click()
        expect(board.locator(".call.newest .call-number")).to_have_text(number)
    shot(board, "board-call")
    expect(phone.locator(".called-window")).to_have_text("1")
    shot(phone, "phone-called")

    desk.locator(".application-link a").click()
    fill_application(desk, CHILD_IIN, born_abroad=False)
    checks = desk.locator("#checklist input[name=received]")
    for index in range(checks.count()):
        checks.nth(index).check()
    shot(desk, "window-application")
    desk.locator(".decide button").first.click()
    expect(desk.locator(".sheet-acceptance")).to_be_visible()
    shot(desk, "acceptance-receipt")
    request = the(app, Application, child_iin=CHILD_IIN)

    officer = signed_in(browser, live_server, make_user("provider"), lang)
    officer.goto(f"{live_server}/staff/provider/{request.id}?lang={lang}")
    officer.check("input[name=basis_kind][value=order]")
    officer.fill("input[name=basis_number]", "No 412")
    officer.fill("input[name=basis_date]", "14.02.2023")
    officer.fill("input[name=basis_body_kk]", BASIS_BODY_KK)
    officer.fill("input[name=basis_body_ru]", BASIS_BODY_RU)
    shot(officer, "provider-decision")
    officer.locator("form:has(input[name=basis_number]) button.primary").click()
    expect(officer.locator(".flash")).to_be_visible()
    certificate = the(app, Certificate, application_id=request.id)

    head = signed_in(browser, live_server, make_user("supervisor"), lang)
    head.goto(f"{live_server}/staff/certificates/{certificate.id}?lang={lang}")
    shot(head, "certificate")
    token = head.locator("input[name=csrf_token]").first.get_attribute("value")
    pdf = head.request.post(f"{live_server}/staff/certificates/{certificate.id}.pdf"
                            f"?lang_version={lang}", form={"csrf_token": token})
    assert pdf.headers["content-type"] == "application/pdf"
    saved = tmp_path / "certificate.pdf"
    saved.write_bytes(pdf.body())
    [picture] = rasterise(saved, "certificate")
    shutil.copy(picture, SCREENSHOTS / f"journey-{lang}-{next(step):02d}-certificate-pdf.png")
    decoded = scanned(picture)
    assert decoded == f"{live_server}/v/{certificate.code}".lower()

    phone.goto(decoded)
    expect(phone.locator(".verify-verdict")).to_have_text(VALID[lang])
    shot(phone, "verified-by-qr")
    phone.goto(f"{live_server}/v/?lang={lang}")
    phone.fill("input[name=code]", certificate.short_code.lower().replace("-", " "))
    phone.locator(".verify-code-form button").click()
    expect(phone).to_have_url(re.compile(rf"/v/{certificate.code}$"))
    expect(phone.locator(".verify-verdict")).to_have_text(VALID[lang])
    shot(phone, "verified-by-typed-code")
