"""Fill in the application at the kiosk after a guardianship ticket, typing on the on-screen
keyboard, in Kazakh and in Russian; and see a mistake shown at its field."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kiosk.casework.models import Application
from kiosk.web.extensions import db
from tests.browser.conftest import SCREENSHOTS
from tests.casework_helpers import CHILD_IIN, GUARDIAN_IIN, REPRESENTATIVE_IIN

pytestmark = pytest.mark.browser

TOUCH_MIN_PX = 48
KIOSK_SCREEN = {"width": 1080, "height": 1920}
VISIBLE_KEYS = "#keyboard .keyboard-layout:not([hidden]) .key"


def take_guardianship_ticket(page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}/kiosk")
    page.locator(f'.languages-big a[hreflang="{lang}"]').tap()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.locator('a.choice.service[href$="/guardianship"]').tap()
    page.locator("form.take-ticket button.primary").tap()
    expect(page.locator(".ticket-screen .ticket-number")).to_be_visible()


def as_seen(page, name: str) -> None:
    """Save what the kiosk's screen shows now (the keyboard stays at the bottom)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def open_application(page) -> None:
    page.locator(".application-offer a.choice").tap()
    expect(page.locator("form.application-form")).to_be_visible()
    expect(page.locator("body")).to_have_attribute("data-idle-seconds", "60")


def tap_keys(page, text: str) -> None:
    """Type on the on-screen keyboard: lower-case keys; the keyboard capitalises names."""
    for character in text.lower():
        page.locator(f'{VISIBLE_KEYS}[data-key="{character}"]').tap()


def assert_touch_targets_are_large(page) -> None:
    for target in page.locator(f"{VISIBLE_KEYS}, .field-input:visible, .check-tile, .segment, "
                               "main button.choice, main a.choice").all():
        box = target.bounding_box()
        assert box["height"] >= TOUCH_MIN_PX and box["width"] >= TOUCH_MIN_PX, target


def fill_the_rest(page) -> None:
    page.locator("#applicant_name").fill("Айгерим")
    page.locator("#applicant_phone").fill("+7 701 234 56 78")
    page.locator("#applicant_address").fill("Астана, Абай даңғылы, 10")
    page.locator("#child_surname").fill("Ахметов")
    page.locator("#child_name").fill("Ерлан")
    page.locator("#child_iin").fill(CHILD_IIN)


@pytest.mark.parametrize(("lang", "surname", "heading"), [
    ("kk", "Әбілқасымова", "Баланың тегі"),
    ("ru", "Королёва", "Фамилия ребёнка"),
])
def test_an_applicant_fills_in_the_application_with_the_on_screen_keyboard(
    app, browser, live_server, screenshot, lang, surname, heading
):
    page = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    problems = []  # script errors and CSP refusals: the page must have none
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and problems.append(message.text))
    page.on("response", lambda response: response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and problems.append(f"{response.status} {response.url}"))
    take_guardianship_ticket(page, live_server, lang)
    screenshot(page, f"kiosk-application-{lang}-ticket")
    open_application(page)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("form.application-form")).to_contain_text(heading)
    keyboard = page.locator("#keyboard")
    expect(keyboard).to_be_hidden()

    page.locator("#applicant_surname").tap()
    expect(keyboard).to_be_visible()
    expect(keyboard.locator('[data-layout="cyrillic"]')).to_be_visible()
    tap_keys(page, surname)
    expect(page.locator("#applicant_surname")).to_have_value(surname)
    assert_touch_targets_are_large(page)
    as_seen(page, f"kiosk-application-{lang}")

    # "Next" moves on to the name; the physical keyboard still types.
    keyboard.locator('.keyboard-layout:not([hidden]) [data-action="next"]').tap()
    expect(page.locator("#applicant_name")).to_be_focused()
    page.keyboard.type("Айгерим")
    expect(page.locator("#applicant_name")).to_have_value("Айгерим")

    page.locator("#applicant_iin").tap()
    expect(keyboard.locator('[data-layout="digits"]')).to_be_visible()
    tap_keys(page, GUARDIAN_IIN)
    expect(page.locator("#applicant_iin")).to_have_value(GUARDIAN_IIN)
    page.locator("#child_birth_date").tap()
    tap_keys(page, "01062015")
    expect(page.locator("#child_birth_date")).to_have_value("01.06.2015")
    assert_touch_targets_are_large(page)
    fill_the_rest(page)
    page.locator("#child_birth_date").tap()
    as_seen(page, f"kiosk-application-{lang}-keypad")

    keyboard.locator('[data-action="hide"]').tap()
    expect(keyboard).to_be_hidden()
    page.locator(".check-consent").tap()
    expect(page.locator("#consent")).to_be_checked()
    screenshot(page, f"kiosk-application-{lang}-form")
    page.locator("button.send").tap()

    expect(page.locator(".application-done .done-mark")).to_be_visible()
    expect(page).to_have_url(f"{page.url.split('/application')[0]}/application/sent")
    content = page.content()
    assert surname not in content and GUARDIAN_IIN not in content and CHILD_IIN not in content
    screenshot(page, f"kiosk-application-{lang}-done")
    assert problems == []
    with app.app_context():
        draft = db.session.execute(db.select(Application)).scalar_one()
        assert (draft.status, draft.applicant_surname) == ("draft", surname)
        assert draft.child_birth_date.isoformat() == "2015-06-01"


def test_a_wrong_iin_and_a_missing_power_of_attorney_are_shown_at_their_fields(
    app, browser, live_server, screenshot
):
    page = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    take_guardianship_ticket(page, live_server, "ru")
    open_application(page)
    expect(page.locator("#principal_name")).to_be_hidden()
    page.locator(".check-proxy").tap()
    expect(page.locator("#principal_name")).to_be_visible()

    page.locator("#applicant_surname").fill("Ахметова")
    page.locator("#applicant_iin").fill("150101500002")
    fill_the_rest(page)
    page.locator("#child_birth_date").fill("01.06.2015")
    page.locator(".check-consent").tap()
    page.locator("button.send").tap()

    expect(page.locator("#applicant_iin-error-1")).to_be_visible()
    expect(page.locator("#applicant_iin")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#principal_iin-error-1")).to_be_visible()
    expect(page.locator(".application-errors")).to_be_visible()
    expect(page.locator("#applicant_surname")).to_have_value("Ахметова")
    screenshot(page, "kiosk-application-errors")
    with app.app_context():
        assert db.session.execute(db.select(Application)).first() is None


PHONE_SCREEN = {"width": 390, "height": 844}


def test_the_applicant_follows_the_accepted_request_on_a_phone(
    app, clock, browser, live_server, screenshot, make_user
):
    from kiosk.accounts.models import User
    from kiosk.casework.cases import accept, new_application
    from tests.casework_helpers import application_fields

    username = make_user("operator")
    with app.app_context():
        draft = new_application(clock.now())
        fields = application_fields()
        for name in ("applicant_surname", "applicant_iin", "child_iin", "child_surname"):
            setattr(draft, name, fields[name])
        draft.child_birth_date, draft.consent = date(2015, 6, 1), True
        user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one()
        db.session.flush()
        accept(draft, {"application", "identity"}, user, clock.now())
        db.session.commit()
        token, number = draft.token, draft.number

    phone = browser.new_context(viewport=PHONE_SCREEN, has_touch=True, is_mobile=True).new_page()
    phone.goto(f"{live_server}/r/{token}?lang=kk")
    expect(phone.locator(".request-number")).to_have_text(f"№ {number}")
    expect(phone.locator(".request-status")).to_contain_text("30 қараша 2026")
    assert "Ахметова" not in phone.content() and GUARDIAN_IIN not in phone.content()
    screenshot(phone, "request-status-kk")


def test_the_application_just_sent_prints_on_one_sheet_and_never_shows_on_the_screen(
    app, browser, live_server, screenshot
):
    """A representative's application, the longest there is: on paper both halves fit their
    A5 page; on the kiosk's screen only the words "being printed" show."""
    page = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    take_guardianship_ticket(page, live_server, "kk")
    open_application(page)
    page.locator(".check-proxy").tap()
    page.locator("#applicant_surname").fill("Сейітов")
    page.locator("#applicant_iin").fill(REPRESENTATIVE_IIN)
    fill_the_rest(page)
    page.locator("#child_birth_date").fill("01.06.2015")
    page.locator("#principal_name").fill("Ахметова Айгерим Болатқызы")
    page.locator("#principal_iin").fill(GUARDIAN_IIN)
    page.locator("#proxy_number").fill("2026-117")
    page.locator("#proxy_date").fill("02.11.2026")
    page.locator(".check-consent").tap()
    page.locator("button.send").tap()
    expect(page.locator(".application-done .done-mark")).to_be_visible()

    page.get_by_role("button", name="Өтінішті басып шығару").tap()
    expect(page.locator("h1")).to_have_text("Өтінішіңіз басып шығарылуда")
    sheet = page.locator(".sheet-application")
    expect(sheet).to_be_hidden()  # the kiosk's screen is public
    screenshot(page, "kiosk-application-printing")

    page.emulate_media(media="print")
    expect(sheet).to_be_visible()
    expect(page.locator(".kiosk-main")).to_be_hidden()
    expect(page.locator(".receipt-half[lang=kk]")).to_contain_text(
        "қорғаншылық (қамқоршылық) жөнінде анықтама беруіңізді сұраймын")
    expect(page.locator(".receipt-half[lang=ru]")).to_contain_text(
        "Прошу выдать справку об опеке (попечительстве) над несовершеннолетним(ей)")
    # Each half ends inside the sheet's printed area (what goes past it is cut off on paper).
    overflowing = page.evaluate("""() => {
        const sheet = document.querySelector('.sheet-application');
        const bottom = sheet.getBoundingClientRect().bottom
            - parseFloat(getComputedStyle(sheet).paddingBottom);
        return [...sheet.querySelectorAll('.receipt-half')]
            .filter(half => [...half.children].some(
                part => part.getBoundingClientRect().bottom > bottom + 0.5))
            .map(half => half.lang);
    }""")
    assert overflowing == []
    screenshot(page, "kiosk-application-printed-sheet")


def test_the_first_tap_on_send_sends_while_the_keyboard_is_open(app, browser, live_server):
    page = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    take_guardianship_ticket(page, live_server, "ru")
    open_application(page)
    page.locator("#applicant_surname").fill("Ахметова")
    page.locator("#applicant_iin").fill(GUARDIAN_IIN)
    page.locator("#child_birth_date").fill("01.06.2015")
    fill_the_rest(page)
    page.locator(".check-consent").tap()
    page.locator("#child_iin").tap()  # the keyboard is open, the send button below the form
    expect(page.locator("#keyboard")).to_be_visible()
    send = page.locator("button.send")
    send.scroll_into_view_if_needed()
    before = send.bounding_box()

    page.touchscreen.tap(before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)

    expect(page.locator(".application-done .done-mark")).to_be_visible()


def test_after_a_scroll_the_keyboard_types_into_a_field_in_sight(app, browser, live_server):
    page = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True).new_page()
    take_guardianship_ticket(page, live_server, "ru")
    open_application(page)
    field = page.locator("#applicant_surname")
    field.tap()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # a finger swept the page
    assert page.evaluate("document.getElementById('applicant_surname')"
                         ".getBoundingClientRect().bottom") < 0

    tap_keys(page, "а")

    expect(field).to_have_value("А")
    box = page.evaluate("(() => { const r = document.getElementById('applicant_surname')"
                        ".getBoundingClientRect(); return [r.top, r.bottom]; })()")
    keyboard_top = page.locator("#keyboard").bounding_box()["y"]
    assert box[0] >= 0 and box[1] <= keyboard_top, (box, keyboard_top)
