"""The administrator sets up services, priority groups, windows and staff accounts."""

import html
import re

import pytest
from sqlalchemy import update

from kiosk.accounts.access import required_roles
from kiosk.accounts.models import User
from kiosk.admin import saving
from kiosk.hall.models import PriorityCategory, Service
from kiosk.line.models import Ticket, Window
from kiosk.line.tickets import add_event
from kiosk.web.extensions import db
from tests.conftest import csrf_of, sign_in
from tests.helpers import take_ticket, text_of

ADMIN = "/staff/admin"
NEW_PASSWORD = "a long new password"


@pytest.fixture
def admin(staff_client):
    """A signed-in administrator reading the screens in English."""
    client = staff_client("admin", username="head")
    client.set_cookie("lang", "en")
    return client


def send(client, url: str, form_url: str | None = None, **fields):
    """Open the form (at ``url`` unless named) and send it with ``fields`` and its CSRF token."""
    return client.post(url, data={"csrf_token": csrf_of(client, form_url or url), **fields})


def seen(response) -> str:
    """The page's visible text, as a person reads it."""
    return html.unescape(text_of(response))


def field_errors(response) -> list[str]:
    found = re.findall(r'class="field-error[^"]*"[^>]*>([^<]*)<', response.get_data(as_text=True))
    return [html.unescape(message) for message in found]


def scalar(app, statement):
    """One value from the database, read in a context of its own: requests must not share one
    (Flask-Login and Flask-WTF keep the signed-in user and the CSRF token in ``g``)."""
    with app.app_context():
        return db.session.execute(statement).scalar()


def scalars(app, statement) -> list:
    with app.app_context():
        return db.session.execute(statement).scalars().all()


def ticked_services(response) -> list[str]:
    return re.findall(r'<input checked[^>]*>\s*<span>([^<]*)<', response.get_data(as_text=True))


def row_id(app, model, **where) -> int:
    return scalar(app, db.select(model.id).filter_by(**where))


def admin_urls(app) -> list[tuple[str, str]]:
    """Every admin address with each method it answers, ids filled in with 1."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("staff.admin."):
                path = rule.build({name: 1 for name in rule.arguments})[1]
                urls += [(method, path) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return urls


PASSPORT = {"code": "passport", "letter": "P", "name_kk": "Паспорт", "name_ru": "Паспорт",
            "name_en": "Passport", "minutes": "15", "sort_order": "5", "active": "y"}
VETERANS = {"code": "veterans", "name_kk": "Ардагерлер", "name_ru": "Ветераны",
            "name_en": "Veterans", "rank": "5", "active": "y"}
ACCOUNT = {"username": "aigul.s", "full_name": "Айгүл Сейітова", "role": "operator",
           "password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "active": "y"}


# Services

def test_an_admin_adds_a_service_and_sees_it_in_the_list(admin, app):
    response = send(admin, f"{ADMIN}/services/new", **PASSPORT)

    assert response.status_code == 302
    page = seen(admin.get(f"{ADMIN}/services"))
    assert "Service P saved." in page
    assert "Passport" in page and "passport" in page and "15 min" in page
    saved = db.select(Service.default_service_seconds, Service.name_kk).filter_by(code="passport")
    with app.app_context():
        assert db.session.execute(saved).one() == (15 * 60, "Паспорт")


def test_a_new_service_is_offered_at_the_kiosk(admin, client):
    send(admin, f"{ADMIN}/services/new", **PASSPORT)

    assert client.get("/kiosk/services/passport").status_code == 200


def test_an_admin_renames_a_service_and_its_code_stays_as_printed(admin, app):
    service_id = row_id(app, Service, code="residence")
    url = f"{ADMIN}/services/{service_id}"
    edit = {**PASSPORT, "code": "changed", "letter": "q", "name_en": "Residence registration"}

    response = send(admin, url, **edit)

    assert response.status_code == 302
    assert "Residence registration" in seen(admin.get(f"{ADMIN}/services"))
    assert scalar(app, db.select(Service.code).filter_by(letter="Q")) == "residence"


def test_the_edit_form_shows_the_code_without_a_field_to_change_it(admin, app):
    response = admin.get(f"{ADMIN}/services/{row_id(app, Service, code='residence')}")

    assert "Printed links use it, so it cannot change." in seen(response)
    assert 'name="code"' not in response.get_data(as_text=True)


def test_a_hidden_service_is_no_longer_offered_at_the_kiosk(admin, client, app):
    fields = {**PASSPORT, "letter": "R", "name_en": "Residence"}
    del fields["active"]

    send(admin, f"{ADMIN}/services/{row_id(app, Service, code='residence')}", **fields)

    assert "Hidden" in seen(admin.get(f"{ADMIN}/services"))
    assert client.get("/kiosk/services/residence").status_code == 404


def test_a_letter_another_service_uses_is_refused_at_the_letter(admin, app):
    response = send(admin, f"{ADMIN}/services/new", **{**PASSPORT, "letter": "G"})

    assert response.status_code == 409
    assert field_errors(response) == ["Another service already uses this letter."]
    assert row_id(app, Service, code="passport") is None


def test_a_letter_taken_at_the_same_moment_ends_as_a_message_not_an_error(admin, monkeypatch):
    real_check = saving.taken
    checks = []

    def too_early(form, *args, **kwargs):
        checks.append(form)  # the other request had not committed when this one first looked
        return False if len(checks) == 1 else real_check(form, *args, **kwargs)

    monkeypatch.setattr(saving, "taken", too_early)
    response = send(admin, f"{ADMIN}/services/new", **{**PASSPORT, "letter": "G"})

    assert response.status_code == 409
    assert field_errors(response) == ["Another service already uses this letter."]


def test_a_code_another_service_has_is_refused(admin):
    response = send(admin, f"{ADMIN}/services/new", **{**PASSPORT, "code": "identity"})

    assert response.status_code == 409
    assert field_errors(response) == ["Another service already has this code."]


def test_changing_a_letter_to_one_in_use_is_refused(admin, app):
    url = f"{ADMIN}/services/{row_id(app, Service, code='residence')}"

    response = send(admin, url, **{**PASSPORT, "letter": "D"})

    assert response.status_code == 409
    assert "Another service already uses this letter." in field_errors(response)
    assert scalar(app, db.select(Service.letter).filter_by(code="residence")) == "R"


def test_a_service_needs_a_latin_letter_three_names_and_a_sensible_time(admin):
    bad = {**PASSPORT, "code": "Passport!", "letter": "Ж", "name_kk": " ", "name_ru": "",
           "minutes": "121", "sort_order": "many"}

    response = send(admin, f"{ADMIN}/services/new", **bad)

    assert response.status_code == 400
    assert field_errors(response) == [
        "Use 2 to 40 lowercase Latin letters, digits, dashes or underscores, starting with a "
        "letter.",
        "Use one capital Latin letter, A to Z.",
        "Enter the name in Kazakh.",
        "Enter the name in Russian.",
        "Enter 1 to 120 minutes.",
        "Enter a whole number.",
    ]
    assert 'value="Passport!"' in response.get_data(as_text=True)  # what was typed stays


# Priority groups

def test_an_admin_adds_a_priority_group_and_sees_it_in_the_list(admin):
    response = send(admin, f"{ADMIN}/priorities/new", **VETERANS)

    assert response.status_code == 302
    page = seen(admin.get(f"{ADMIN}/priorities"))
    assert "Veterans" in page and "veterans" in page


def test_an_admin_reranks_a_priority_group_and_marks_it_booked(admin, app):
    group_id = row_id(app, PriorityCategory, code="elderly")
    fields = {**VETERANS, "code": "elderly", "name_en": "Older people", "rank": "0",
              "booked": "y"}

    response = send(admin, f"{ADMIN}/priorities/{group_id}", **fields)

    assert response.status_code == 302
    assert "Older people" in seen(admin.get(f"{ADMIN}/priorities"))
    with app.app_context():
        group = db.session.get(PriorityCategory, group_id)
        assert (group.rank, group.booked, group.active) == (0, True, True)


def test_a_priority_code_in_use_is_refused(admin):
    response = send(admin, f"{ADMIN}/priorities/new", **{**VETERANS, "code": "pregnant"})

    assert response.status_code == 409
    assert field_errors(response) == ["Another priority group already has this code."]


def test_a_priority_rank_outside_0_to_99_is_refused(admin):
    response = send(admin, f"{ADMIN}/priorities/new", **{**VETERANS, "rank": "100",
                                                          "name_en": ""})

    assert response.status_code == 400
    assert field_errors(response) == ["Enter a rank from 0 to 99.", "Enter the name in English."]


# Windows

def test_an_admin_adds_a_window_with_its_services(admin, app):
    services = [str(row_id(app, Service, code=code)) for code in ("identity", "residence")]

    response = send(admin, f"{ADMIN}/windows/new", number="7", services=services)

    assert response.status_code == 302
    page = seen(admin.get(f"{ADMIN}/windows"))
    assert "Window 7 saved." in page
    assert re.search(r"7 D Identity documents R Registration of residence Free", page)


def test_a_window_number_in_use_is_refused(admin):
    response = send(admin, f"{ADMIN}/windows/new", number="3")

    assert response.status_code == 409
    assert field_errors(response) == ["This window number is already in use."]


@pytest.mark.parametrize("number", ["0", "1000", "three", ""])
def test_a_window_number_must_be_1_to_999(admin, number):
    response = send(admin, f"{ADMIN}/windows/new", number=number)

    assert response.status_code == 400
    assert field_errors(response) in (["Enter a number from 1 to 999."], ["Enter a whole number."],
                                      ["Enter the window number."])


def test_an_admin_changes_the_services_of_a_window(admin, app):
    window_id = row_id(app, Window, number=4)
    residence = row_id(app, Service, code="residence")

    response = send(admin, f"{ADMIN}/windows/{window_id}", services=[str(residence)])

    assert response.status_code == 302
    with app.app_context():
        window = db.session.get(Window, window_id)
        assert [service.code for service in window.services] == ["residence"]


def test_the_window_form_shows_its_services_ticked(admin, app):
    page = admin.get(f"{ADMIN}/windows/{row_id(app, Window, number=1)}")

    assert ticked_services(page) == ["G — Certificate on guardianship and trusteeship"]


def test_the_window_list_shows_who_holds_each_window(admin, app, make_user):
    make_user("operator", "marina", full_name="Марина Ким")
    assert sign_in(app.test_client(), "marina", window=2).status_code == 302

    page = seen(admin.get(f"{ADMIN}/windows"))

    assert re.search(r"2 G Certificate .* Identity documents Марина Ким", page)


def test_a_deleted_window_disappears(admin, app):
    window_id = row_id(app, Window, number=1)

    response = send(admin, f"{ADMIN}/windows/{window_id}/delete", f"{ADMIN}/windows/{window_id}")

    assert response.status_code == 302
    page = seen(admin.get(f"{ADMIN}/windows"))
    assert "Window 1 deleted." in page
    assert row_id(app, Window, number=1) is None


def test_a_window_that_served_applicants_cannot_be_deleted(admin, client, app):
    window_id = row_id(app, Window, number=1)
    take_ticket(client)
    with app.app_context():
        db.session.execute(update(Ticket).values(window_id=window_id))
        db.session.commit()

    response = send(admin, f"{ADMIN}/windows/{window_id}/delete", f"{ADMIN}/windows/{window_id}")

    assert response.status_code == 409
    assert ("Window 1 has served applicants, so it stays for the records. "
            "Take its services away instead.") in seen(response)
    assert row_id(app, Window, number=1) == window_id


def test_a_window_a_transfer_sent_an_applicant_to_cannot_be_deleted(admin, client, app):
    window_id = row_id(app, Window, number=1)
    take_ticket(client)
    with app.app_context():  # the ticket itself names window 1 no more: only the step does
        ticket = db.session.execute(db.select(Ticket)).scalar_one()
        add_event(ticket.id, ticket.issued_at, "transfer", "called", "waiting",
                  to_window=db.session.get(Window, window_id))
        db.session.commit()

    response = send(admin, f"{ADMIN}/windows/{window_id}/delete", f"{ADMIN}/windows/{window_id}")

    assert response.status_code == 409
    assert ("Window 1 has served applicants, so it stays for the records. "
            "Take its services away instead.") in seen(response)
    assert row_id(app, Window, number=1) == window_id


def test_a_window_an_operator_holds_cannot_be_deleted(admin, staff_client, app):
    staff_client("operator", window=3)

    window_id = row_id(app, Window, number=3)
    response = send(admin, f"{ADMIN}/windows/{window_id}/delete", f"{ADMIN}/windows/{window_id}")

    assert response.status_code == 409
    assert "An operator holds window 3. It can be deleted once they sign out." in seen(response)
    assert ticked_services(response) == ["D — Identity documents", "R — Registration of residence"]


# Staff accounts

def test_an_admin_opens_an_account_and_its_owner_signs_in(admin, app):
    response = send(admin, f"{ADMIN}/users/new", **ACCOUNT)

    assert response.status_code == 302
    page = seen(admin.get(f"{ADMIN}/users"))
    assert "Account aigul.s created." in page
    assert "aigul.s Айгүл Сейітова Operator May sign in" in page
    signed_in = sign_in(app.test_client(), "aigul.s", window=1, password=NEW_PASSWORD)
    assert signed_in.status_code == 302


def test_a_login_already_taken_is_refused_at_the_login(admin):
    response = send(admin, f"{ADMIN}/users/new", **{**ACCOUNT, "username": "operator1"})

    assert response.status_code == 409
    assert field_errors(response) == ["This login is already taken."]


def test_an_account_needs_a_clean_login_a_known_role_and_a_long_confirmed_password(admin):
    bad = {**ACCOUNT, "username": "Aigul S", "full_name": "", "role": "root",
           "password": "short", "confirm": "other"}

    response = send(admin, f"{ADMIN}/users/new", **bad)

    assert response.status_code == 400
    assert field_errors(response) == [
        "Use 3 to 64 lowercase Latin letters, digits, dots, dashes or underscores.",
        "Enter the full name.",
        "Choose a role from the list.",
        "The password takes 10 to 200 characters.",
        "The two passwords differ.",
    ]


def test_an_admin_changes_a_role_and_deactivates_an_account(admin, app):
    user_id = row_id(app, User, username="operator1")

    response = send(admin, f"{ADMIN}/users/{user_id}", full_name="Айгүл С.", role="supervisor")

    assert response.status_code == 302
    assert "operator1 Айгүл С. Supervisor Deactivated" in seen(admin.get(f"{ADMIN}/users"))
    assert sign_in(app.test_client(), "operator1", password="kiosk-demo").status_code == 401


def test_a_deactivated_account_loses_the_screens_it_had_open(admin, app, make_user):
    make_user("supervisor", "saule")
    screen = app.test_client()
    sign_in(screen, "saule")

    send(admin, f"{ADMIN}/users/{row_id(app, User, username='saule')}", full_name="S",
         role="supervisor")

    assert screen.get("/staff/").headers["Location"].startswith("/staff/login")


def test_deactivating_an_operator_frees_their_window(admin, app, make_user):
    make_user("operator", "erlan")
    sign_in(app.test_client(), "erlan", window=2)

    url = f"{ADMIN}/users/{row_id(app, User, username='erlan')}"
    send(admin, url, full_name="Ерлан Жұмабаев", role="operator")

    assert scalar(app, db.select(Window.operator_id).filter_by(number=2)) is None


def test_an_admin_cannot_demote_or_deactivate_themselves(admin, app):
    url = f"{ADMIN}/users/{row_id(app, User, username='head')}"

    response = send(admin, url, full_name="Head", role="operator")

    assert response.status_code == 400
    assert field_errors(response) == [
        "You cannot take the administrator role from yourself. Ask another administrator.",
        "You cannot deactivate your own account.",
    ]
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(username="head")).scalar_one()
        assert (user.role, user.active, user.full_name) == ("admin", True, "Test Staff")
    assert admin.get(f"{ADMIN}/").status_code == 200


def test_an_admin_sets_a_new_password_and_the_old_one_stops_working(admin, app):
    url = f"{ADMIN}/users/{row_id(app, User, username='operator2')}/password"

    response = send(admin, url, password=NEW_PASSWORD, confirm=NEW_PASSWORD)

    assert response.status_code == 302
    assert "A new password is set for operator2." in seen(admin.get(f"{ADMIN}/users"))
    assert sign_in(app.test_client(), "operator2", 1, password="kiosk-demo").status_code == 401
    assert sign_in(app.test_client(), "operator2", 1, password=NEW_PASSWORD).status_code == 302


def test_a_new_password_must_be_long_and_typed_twice_alike(admin, app):
    url = f"{ADMIN}/users/{row_id(app, User, username='operator2')}/password"

    response = send(admin, url, password="tiny", confirm="")

    assert response.status_code == 400
    assert field_errors(response) == ["The password takes 10 to 200 characters.",
                                      "Enter the password again."]


def test_no_page_shows_a_password_or_its_hash(admin, app):
    send(admin, f"{ADMIN}/users/new", **{**ACCOUNT, "confirm": "a different one"})
    hashes = scalars(app, db.select(User.password_hash))
    pages = [admin.get(path) for method, path in admin_urls(app) if method == "GET"]
    pages += [admin.get(f"{ADMIN}/users/{row_id(app, User, username='operator1')}")]
    pages += [send(admin, f"{ADMIN}/users/new", **{**ACCOUNT, "confirm": "a different one"})]

    for page in pages:
        body = page.get_data(as_text=True)
        assert not any(hashed in body for hashed in hashes)
        assert "scrypt:" not in body and "pbkdf2:" not in body
        assert NEW_PASSWORD not in body


# Who may come in

@pytest.mark.parametrize(("role", "window"), [("operator", 1), ("supervisor", None),
                                              ("provider", None)])
def test_staff_other_than_admins_are_refused_every_admin_address(app, staff_client, role, window):
    client = staff_client(role, window=window)
    token = csrf_of(client, "/staff/")

    for method, path in admin_urls(app):
        response = client.open(path, method=method, data={"csrf_token": token})
        assert response.status_code == 403, (method, path)


def test_someone_not_signed_in_is_sent_to_sign_in_from_every_admin_address(app, client):
    token = csrf_of(client, "/staff/login")

    for method, path in admin_urls(app):
        response = client.open(path, method=method, data={"csrf_token": token})
        assert response.status_code == 302, (method, path)
        assert response.headers["Location"].startswith("/staff/login"), (method, path)


def test_every_admin_view_lets_in_administrators_only(app):
    admin_views = [endpoint for endpoint in app.view_functions
                   if endpoint.startswith("staff.admin.")]

    assert len(admin_views) >= 15
    assert all(required_roles(endpoint) == ("admin",) for endpoint in admin_views)


def test_a_post_without_its_csrf_token_is_refused(admin, app):
    response = admin.post(f"{ADMIN}/windows/{row_id(app, Window, number=1)}/delete")

    assert response.status_code == 400
    assert row_id(app, Window, number=1) is not None
