"""WCAG 2.2 AA, checked by axe-core (tests/vendor/axe-core) in Chromium, on every public screen and
the main staff screens, in Kazakh and in Russian: no violation anywhere. The kiosk's screens are
also measured for their smallest touch target."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from kiosk.casework.models import Application
from kiosk.web.extensions import db
from tests.browser.test_kiosk_application_browser import KIOSK_SCREEN, take_guardianship_ticket
from tests.browser.test_kiosk_browser import PHONE_SCREEN, call_to_window, change_ticket
from tests.browser.test_provider_browser import DESKTOP
from tests.casework_helpers import add_registry_record
from tests.conftest import STAFF_PASSWORD
from tests.test_certificates import certificates_of
from tests.test_provider import accepted_request

pytestmark = pytest.mark.browser
AXE = (Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js").read_text()
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = ("kk", "ru")
KIOSK_TARGETS = "main a.choice, main button.choice, .kiosk-controls a, .kiosk-controls button"


def violations(page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now: rule, and where. (Its
    context bypasses the pages' Content-Security-Policy, which rightly refuses such a script.)"""
    page.add_script_tag(content=AXE)
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                          ".then(result => result.violations.map(v => v.id + ': ' + "
                          "v.nodes.map(n => n.target.join(' ')).join(', ')))", RULES)
    return found


def smallest_target(page) -> float:
    """The smallest side of the kiosk screen's touch targets, in CSS pixels."""
    sides = [min(box["width"], box["height"]) for target in page.locator(KIOSK_TARGETS).all()
             if (box := target.bounding_box())]
    return min(sides)


class Screens:
    """Screens checked, with what was found on each (printed at the end for the record)."""

    def __init__(self, screenshot):
        self.screenshot, self.found, self.report = screenshot, {}, []

    def check(self, page, name: str, kiosk: bool = False) -> None:
        expect(page.locator("h1")).to_have_count(1)
        self.found[name] = violations(page)
        target = f", smallest touch target {smallest_target(page):.0f} px" if kiosk else ""
        self.report.append(f"{name}: {len(self.found[name])} axe violations{target}")
        if self.found[name]:
            self.screenshot(page, f"axe-{name}")

    def assert_clean(self) -> None:
        print("\n".join(self.report))
        assert not {name: found for name, found in self.found.items() if found}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_screen_has_no_wcag_violation(app, clock, browser, live_server, screenshot,
                                                  lang):
    screens = Screens(screenshot)
    kiosk = browser.new_context(viewport=KIOSK_SCREEN, has_touch=True, bypass_csp=True).new_page()
    for path, name in (("/kiosk", "start"), ("/kiosk/services", "services"),
                       ("/kiosk/services/guardianship", "priority"),
                       ("/kiosk/services/guardianship/booking", "booking"),
                       ("/kiosk/services/no-such-service", "not-found")):
        kiosk.goto(f"{live_server}{path}?lang={lang}")
        screens.check(kiosk, f"kiosk-{name}-{lang}", kiosk=True)
    take_guardianship_ticket(kiosk, live_server, lang)
    screens.check(kiosk, f"kiosk-ticket-{lang}", kiosk=True)
    kiosk.locator(".application-offer a.choice").tap()
    expect(kiosk.locator("form.application-form")).to_be_visible()
    screens.check(kiosk, f"kiosk-application-{lang}", kiosk=True)

    phone = browser.new_context(viewport=PHONE_SCREEN, has_touch=True, bypass_csp=True).new_page()
    token = kiosk_ticket_token(app)
    for state in ("waiting", "called", "served"):
        if state == "called":
            call_to_window(app, "G001", 2, clock)
        if state == "served":
            change_ticket(app, "G001", status="served", serving_at=clock.now(),
                          finished_at=clock.now())
        phone.goto(f"{live_server}/t/{token}?lang={lang}")
        screens.check(phone, f"phone-ticket-{state}-{lang}")

    with app.app_context():
        add_registry_record()
    [certificate] = certificates_of(app, accepted_request(app))
    with app.app_context():
        request = db.session.get(Application, certificate.application_id).token
    for path, name in ((f"/r/{request}", "request"), (f"/v/{certificate.code}", "verify"),
                       (f"/v/{certificate.code}/reveal", "reveal"), ("/v/123", "verify-bad"),
                       ("/v/", "verify-by-typed-code"),
                       ("/board", "board")):
        phone.goto(f"{live_server}{path}?lang={lang}")
        screens.check(phone, f"{name}-{lang}")
    screens.assert_clean()


def kiosk_ticket_token(app) -> str:
    from kiosk.line.models import Ticket

    with app.app_context():
        return db.session.execute(db.select(Ticket.token)).scalar_one()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_main_staff_screens_have_no_wcag_violation(app, browser, live_server, make_user,
                                                      screenshot, lang):
    screens = Screens(screenshot)
    accepted_request(app)
    page = browser.new_context(viewport=DESKTOP, bypass_csp=True).new_page()
    page.goto(f"{live_server}/staff/login?lang={lang}")
    screens.check(page, f"staff-login-{lang}")
    for role, paths in (("operator", ("/staff/window/",)),
                        ("supervisor", ("/staff/supervisor/", "/staff/visits/")),
                        ("provider", ("/staff/provider/", "/staff/complaints/"))):
        page.context.clear_cookies()
        page.goto(f"{live_server}/staff/login?lang={lang}")
        page.fill("#username", make_user(role))
        page.fill("#password", STAFF_PASSWORD)
        if role == "operator":
            page.select_option("select[name=window]", "1")
        page.locator("form button[type=submit]").last.click()
        expect(page.locator(".staff-user")).to_be_visible()
        for path in paths:
            page.goto(f"{live_server}{path}?lang={lang}")
            screens.check(page, f"staff-{path.strip('/').replace('/', '-')}-{lang}")
    screens.assert_clean()
