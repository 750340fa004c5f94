"""Staff sign-in, roles on every staff route, sign-out after inactivity."""

import re
from pathlib import Path

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from kiosk.accounts.access import required_roles
from tests.conftest import STAFF_PASSWORD, csrf_of, sign_in
from tests.helpers import hidden_inputs, text_of

ROLES = ("operator", "provider", "supervisor", "admin")


def staff_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if rule.rule.startswith("/staff") and rule.endpoint != "staff.login"]


def sample_url(rule) -> str:
    """Fill a rule's variables with plausible values."""
    values = {name: 1 if "id" in name or name == "number" else "x" for name in rule.arguments}
    if "action" in rule.arguments:
        values["action"] = "call"
    return rule.build(values, append_unknown=False)[1]


def navigation_links(page: str) -> list[str]:
    """The links of the staff navigation (the header's nav) of a page."""
    nav = re.search(r'<nav class="staff-nav".*?</nav>', page, re.S).group(0)
    return [re.sub(r"<[^>]+>|\s+", " ", link).strip()
            for link in re.findall(r"<a [^>]*>.*?</a>", nav, re.S)]


def methods(rule):
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_staff_route_has_its_roles_in_the_access_table(app):
    for rule in staff_rules(app):
        assert required_roles(rule.endpoint), rule.rule


def test_no_template_names_a_role():
    templates = Path(__file__).parent.parent / "kiosk" / "templates"
    naming = [path.name for path in templates.rglob("*.html")
              if "current_user.role" in path.read_text()]
    assert naming == []


@pytest.mark.parametrize(("role", "shown", "hidden"), [
    ("operator", ["My window", "Hand over a result", "Bookings"],
     ["Hall overview", "Requests", "Administration"]),
    ("supervisor", ["My window", "Hall overview", "Reports", "Bookings"],
     ["Requests", "Guardianship registry", "Administration"]),
    ("provider", ["Requests", "Guardianship registry"], ["My window", "Bookings", "Reports"]),
    ("admin", ["Hall overview", "Reports", "Bookings", "Guardianship registry", "Administration"],
     ["My window", "Requests"]),
])
def test_the_staff_navigation_offers_each_role_its_screens_only(staff_client, role, shown, hidden):
    client = staff_client(role, window=1 if role == "operator" else None)
    links = navigation_links(client.get("/staff/?lang=en").get_data(as_text=True))
    assert all(name in links for name in shown), links
    assert not any(name in links for name in hidden), links


def test_every_staff_route_sends_an_anonymous_visitor_to_sign_in(app, client):
    for rule in staff_rules(app):
        for method in methods(rule):
            response = client.open(sample_url(rule), method=method)
            assert response.status_code in (302, 400), (rule.rule, method, response.status_code)
            if response.status_code == 302:
                assert "/staff/login" in response.headers["Location"], rule.rule


def test_every_staff_route_refuses_the_roles_it_does_not_admit(app, staff_client):
    clients = {role: staff_client(role, window=None if role != "operator" else 1)
               for role in ROLES}
    tokens = {role: csrf_of(client) for role, client in clients.items()}
    for rule in staff_rules(app):
        admitted = required_roles(rule.endpoint)
        for role in set(ROLES) - set(admitted):
            for method in methods(rule):
                data = {"csrf_token": tokens[role]} if method == "POST" else None
                response = clients[role].open(sample_url(rule), method=method, data=data)
                assert response.status_code == 403, (rule.rule, method, role)


def test_a_wrong_password_is_refused_with_a_message(app, client, make_user):
    client.set_cookie("lang", "en")
    response = sign_in(client, make_user("supervisor"), password="wrong password!")
    assert response.status_code == 401
    assert "The login or password is wrong." in text_of(response)


def test_an_operator_must_choose_a_window(client, make_user):
    client.set_cookie("lang", "en")
    response = sign_in(client, make_user("operator"))
    assert response.status_code == 400
    assert "Choose the window you work at." in text_of(response)


def test_a_window_held_by_another_operator_cannot_be_taken(app, client, make_user, staff_client):
    staff_client("operator", window=2)
    client.set_cookie("lang", "en")
    response = sign_in(client, make_user("operator"), window=2)
    assert response.status_code == 409
    assert "Another operator holds this window." in text_of(response)


def test_a_deactivated_account_cannot_sign_in(app, client, make_user):
    from kiosk.accounts.models import User
    from kiosk.web.extensions import db

    username = make_user("operator")
    with app.app_context():
        db.session.execute(db.select(User).filter_by(username=username)).scalar_one().active = False
        db.session.commit()
    assert sign_in(client, username, window=1).status_code == 401


def test_login_attempts_are_rate_limited(app, client, make_user):
    username = make_user("supervisor")
    statuses = [sign_in(client, username, password="wrong password!").status_code
                for _ in range(11)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    assert sign_in(client, username, password=STAFF_PASSWORD).status_code == 429


def test_a_staff_screen_left_idle_signs_out(staff_client, clock):
    client = staff_client("supervisor")
    assert client.get("/staff/").status_code == 200
    clock.advance(minutes=31)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_a_screen_polling_by_itself_still_signs_out_when_idle(staff_client, clock):
    client = staff_client("operator", window=1)
    for _ in range(7):
        clock.advance(minutes=5)
        assert client.get("/staff/window/line").status_code in (200, 302, 401)
    assert client.get("/staff/window/").status_code == 302


def test_a_live_fragment_without_a_session_redirects_the_whole_page(client):
    response = client.get("/staff/window/line", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/staff/login")


def test_sign_in_returns_to_the_page_asked_for_but_never_off_site(client, make_user):
    username = make_user("supervisor")
    client.get("/staff/login")
    from tests.helpers import hidden_inputs

    cases = (("/staff/", "/staff/"), ("https://evil.example/", "/staff/supervisor/"))
    for target, expected in cases:
        fields = hidden_inputs(client.get("/staff/login").get_data(as_text=True))
        fields.update(username=username, password=STAFF_PASSWORD, window="0")
        response = client.post(f"/staff/login?next={target}", data=fields)
        assert response.headers["Location"] == expected
        client.post("/staff/logout", data={"csrf_token": csrf_of(client)})


@pytest.mark.parametrize("field", ["username", "password"])
def test_an_over_long_login_field_is_refused_with_a_message(client, field):
    from tests.helpers import hidden_inputs

    fields = hidden_inputs(client.get("/staff/login?lang=en").get_data(as_text=True))
    fields.update(username="u", password="p", window="0")
    fields[field] = "x" * 500
    response = client.post("/staff/login", data=fields)
    assert response.status_code == 400
    assert "too long" in text_of(response)


def test_a_new_password_ends_the_sessions_signed_in_with_the_old_one(app, staff_client):
    from kiosk.accounts.models import User
    from kiosk.web.extensions import db

    client = staff_client("supervisor", username="sayle")
    assert client.get("/staff/").status_code == 200
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(username="sayle")).scalar_one()
        user.set_password("a brand new password")
        db.session.commit()
    assert client.get("/staff/").status_code == 302


def copy_of(app, client):
    """A second browser holding a copy of ``client``'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_signing_out_ends_the_session_on_the_server(app, staff_client):
    client = staff_client("supervisor")
    copied = copy_of(app, client)
    assert copied.get("/staff/").status_code == 200

    client.post("/staff/logout", data={"csrf_token": csrf_of(client)})

    response = copied.get("/staff/")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_a_deactivated_account_is_signed_out_of_its_open_sessions(app, staff_client):
    from kiosk.accounts.models import User
    from kiosk.web.extensions import db

    client = staff_client("supervisor", username="gone")
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(username="gone")).scalar_one()
        user.active = False
        db.session.commit()
    assert client.get("/staff/").status_code == 302


def wrong_sign_ins(client, username: str, forwarded_for: str, count: int) -> list[int]:
    headers = {"X-Forwarded-For": forwarded_for}
    fields = {"username": username, "password": "wrong password!", "window": "0"}
    statuses = []
    for _ in range(count):
        token = hidden_inputs(client.get("/staff/login").get_data(as_text=True))["csrf_token"]
        statuses.append(client.post("/staff/login", data={**fields, "csrf_token": token},
                                    headers=headers).status_code)
    return statuses


def test_behind_the_proxy_each_client_has_its_own_sign_in_budget(app, make_user):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)  # as KIOSK_PROXY_HOPS=1 does
    username = make_user("supervisor")

    stranger = wrong_sign_ins(app.test_client(), username, "203.0.113.9", 4)
    colleague = wrong_sign_ins(app.test_client(), username, "203.0.113.10", 1)
    # A client cannot escape its budget by writing the header itself: the proxy appends the
    # real address, and only the last one is trusted.
    forged = wrong_sign_ins(app.test_client(), username, "10.1.1.1, 203.0.113.9", 1)

    assert stranger == [401, 401, 401, 429]
    assert colleague == [401]
    assert forged == [429]


def test_without_a_proxy_a_forwarded_header_is_not_believed(app, make_user):
    app.config["LOGIN_RATE_LIMIT"] = "2 per minute"
    username = make_user("supervisor")
    client = app.test_client()
    statuses = [wrong_sign_ins(client, username, f"203.0.113.{n}", 1)[0] for n in range(3)]
    assert statuses == [401, 401, 429]


def test_the_proxy_hops_setting_puts_the_proxy_fix_in_front(migrated_url, signing_key_file):
    from config import TestingConfig
    from kiosk import create_app

    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=migrated_url, PROXY_HOPS=2,
                     SIGNING_KEY_FILE=signing_key_file)
    assert isinstance(app.wsgi_app, ProxyFix)
    assert (app.wsgi_app.x_for, app.wsgi_app.x_proto) == (2, 2)
