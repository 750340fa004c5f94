"""A provider officer works through the pending requests and the registry; an administrator sets
the working calendar."""

from datetime import datetime

import pytest
from playwright.sync_api import expect

from kiosk.casework import cases as casework
from kiosk.casework.models import Application
from kiosk.web.extensions import db
from tests.casework_helpers import add_registry_record, make_iin
from tests.conftest import ALMATY, STAFF_PASSWORD
from tests.test_provider import accepted_request, window_operator

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
CHILDREN = (  # accepted at, child's IIN, child's name, applicant's surname and name
    (datetime(2026, 11, 18, 16, 40, tzinfo=ALMATY), "13040450021", "Дана", ("Сейітова", "Айгүл")),
    (datetime(2026, 11, 24, 10, 5, tzinfo=ALMATY), "16070170012", "Нұрлан", ("Ким", "Марина")),
    (datetime(2026, 11, 25, 9, 30, tzinfo=ALMATY), "15060160078", "Ерлан", ("Ахметова", "Айгерим")),
)


def pending_requests(app) -> list[int]:
    """Three requests at the provider (one overdue) and a result the hall asked back."""
    ids = []
    for moment, iin_start, child, (surname, name) in CHILDREN:
        ids.append(accepted_request(app, moment, child_iin=make_iin(iin_start[:11]),
                                    child_surname=surname.removesuffix("а"), child_name=child,
                                    applicant_surname=surname, applicant_name=name,
                                    applicant_patronymic=""))
    asked_back = accepted_request(app, datetime(2026, 9, 1, 10, 0, tzinfo=ALMATY),
                                  child_iin=make_iin("12121250017"), child_name="Әлихан",
                                  child_surname="Жұмабаев", applicant_surname="Жұмабаева",
                                  applicant_name="Гүлнар", applicant_patronymic="")
    with app.app_context():
        application = db.session.get(Application, asked_back)
        casework.refuse(application, "Қорғаншылық туралы бұйрық табылмады.",
                        window_operator(), datetime(2026, 9, 3, 12, 0, tzinfo=ALMATY))
        casework.transfer_unclaimed(datetime(2026, 10, 5, 0, 15, tzinfo=ALMATY))
        casework.request_back(application, window_operator(),
                              datetime(2026, 11, 25, 10, 0, tzinfo=ALMATY))
        for child_iin in ("17080860034", "14030350011"):
            add_registry_record(guardian_iin=make_iin("80010140055"),
                                child_iin=make_iin(child_iin))
        ended = add_registry_record(guardian_iin=make_iin("79060640044"),
                                    child_iin=make_iin("11111150062"), active=False)
        ended.ended_on = datetime(2026, 10, 1).date()
        db.session.commit()
    return ids


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/staff/login?lang=en")
    page.fill("#username", username)
    page.fill("#password", STAFF_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator(".staff-user")).to_be_visible()


def test_a_provider_officer_decides_pending_requests(app, make_user, browser, live_server,
                                                      screenshot):
    ids = pending_requests(app)
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server, make_user("provider", full_name="Гүлмира Оспанова"))

    for lang in ("kk", "ru"):
        page.goto(f"{live_server}/staff/provider/?lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("table.pending tbody tr")).to_have_count(4)
        expect(page.locator("tr.row-breach")).to_have_count(1)
        screenshot(page, f"provider-pending-{lang}")

    page.goto(f"{live_server}/staff/provider/{ids[0]}?lang=en")
    page.get_by_role("button", name="Refuse with this reason").click()
    expect(page.locator(".danger-zone .field-error")).to_have_text(
        "Give the reason for the refusal.")
    page.get_by_label("A resolution").check()
    page.get_by_label("Number of the order or resolution").fill("No 412")
    page.get_by_label("Date of the order or resolution").fill("14.02.2023")
    page.get_by_label("Body that issued it, in Kazakh").fill(
        "Астана қаласы Сарыарқа ауданының әкімдігі")
    page.get_by_role("button", name="Add a child").click()
    expect(page.get_by_text("Child 2", exact=True)).to_be_visible()
    expect(page.get_by_label("Number of the order or resolution")).to_have_value("No 412")
    expect(page.get_by_label("A resolution")).to_be_checked()
    screenshot(page, "provider-request")
    page.get_by_role("button", name="Remove child 2").click()
    page.get_by_role("button", name="Save the record and confirm").click()
    expect(page.get_by_text("Enter the name of the body in Russian.")).to_be_visible()
    page.get_by_label("Body that issued it, in Russian").fill(
        "Акимат района Сарыарка города Астаны")
    page.get_by_role("button", name="Save the record and confirm").click()
    expect(page.locator(".flash")).to_contain_text("confirmed: the certificate is ready")
    expect(page.locator("table.pending tbody tr")).to_have_count(3)

    page.goto(f"{live_server}/staff/provider/{ids[1]}?lang=en")
    page.get_by_label("Reason for the refusal").fill(
        "Қорғаншылық туралы шешім табылмады / Решение об опеке не найдено.")
    page.get_by_role("button", name="Refuse with this reason").click()
    expect(page.locator(".flash")).to_contain_text("refused")
    page.goto(f"{live_server}/staff/provider/{ids[1]}?lang=en")
    page.get_by_role("link", name="Open the reasoned refusal to print").click()
    expect(page.locator("article.refusal-sheet")).to_have_count(2)
    expect(page.locator("article.refusal-sheet[lang=ru]")).to_contain_text("Услугополучатель")
    screenshot(page, "provider-refusal")

    page.goto(f"{live_server}/staff/registry/?lang=kk")
    expect(page.locator("table.registry tbody tr")).to_have_count(4)
    screenshot(page, "registry")
    page.goto(f"{live_server}/staff/registry/new?lang=en")
    page.get_by_label("The guardian's IIN").fill("123456789012")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".has-error")).not_to_have_count(0)
    screenshot(page, "registry-form-errors")


def test_an_administrator_adds_a_decree_to_the_working_calendar(app, make_user, browser,
                                                                 live_server, screenshot):
    page = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(page, live_server, make_user("admin", full_name="Head of the hall"))
    page.goto(f"{live_server}/staff/admin/calendar?lang=en")
    decree = "Government decree No 900 of 15.12.2026: 8 January moved to 16 January"
    for day, kind in (("08.01.2027", "A day off"), ("16.01.2027", "A working day")):
        page.get_by_label("Date").fill(day)
        page.get_by_label("The day becomes").select_option(label=kind)
        page.get_by_label("Note").fill(decree)
        page.get_by_role("button", name="Add the override").click()
        expect(page.locator(".flash")).to_have_text(f"{day} is now {kind.lower()}.")
    expect(page.locator("table.overrides tbody tr")).to_have_count(2)
    page.get_by_label("Date").fill("03.01.2027")
    page.get_by_label("The day becomes").select_option(label="A day off")
    page.get_by_label("Note").fill(decree)
    page.get_by_role("button", name="Add the override").click()
    expect(page.locator(".field-error")).to_have_text(
        "The calendar already has this day as a day off.")
    screenshot(page, "calendar-admin-errors")
    page.goto(f"{live_server}/staff/admin/calendar?lang=kk")
    screenshot(page, "calendar-admin")
