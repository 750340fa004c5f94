"""What no request brings to the database: NUL characters, text that is not Unicode, numbers past
the database's integer; and WTForms' own messages, in our words, in Kazakh and Russian."""

from pathlib import Path

import pytest
import wtforms
from babel.messages.pofile import read_po
from flask_babel import force_locale
from werkzeug.routing import IntegerConverter

from kiosk.accounts.access import required_roles
from kiosk.forms.fields import WTFORMS_MESSAGES, KioskForm, KioskSubform, OurMessages
from tests.conftest import csrf_of, sign_in
from tests.helpers import hidden_inputs, take_ticket, text_of

NOT_UNDERSTOOD = {"kk": "Сұранысты өңдеу мүмкін болмады", "ru": "Не удалось обработать запрос"}
CHOOSE = {"kk": "Тізімнен таңдаңыз.", "ru": "Выберите из списка."}
WHOLE_NUMBER = {"kk": "Бүтін сан енгізіңіз.", "ru": "Введите целое число."}
PAST_POSTGRES = 2**31  # one past PostgreSQL's integer
PAST_SQLITE = 2**64  # past the SQLite driver's 64 bits
# Raised for a programmer's mistake (a wrong field name, no choices), never for a visitor's input.
PROGRAMMING_ERRORS = {"Invalid field name '%s'.", "Choices cannot be None."}


@pytest.mark.parametrize("address", [
    "/t/a%00b", "/t/a%00b/status", "/r/a%00b", "/kiosk/ticket/a%00b/application",
    "/v/a%00b", "/kiosk/services/a%00b", "/kiosk?x=%00", "/board?a%00=1",
])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_nul_in_an_address_is_refused_with_a_translated_400(client, address, lang):
    client.set_cookie("lang", lang)
    response = client.get(address)
    assert response.status_code == 400
    assert NOT_UNDERSTOOD[lang] in text_of(response)


def test_a_nul_in_a_form_is_refused_before_any_account_is_looked_up(client):
    fields = hidden_inputs(client.get("/staff/login").get_data(as_text=True))
    fields.update(username="admin\x00", password="something", window="0")
    assert client.post("/staff/login", data=fields).status_code == 400


def test_a_nul_in_a_staff_search_is_refused(staff_client):
    client = staff_client("provider")
    response = client.post("/staff/registry/", data={"csrf_token": csrf_of(client),
                                                     "q": "Ахмет\x00"})
    assert response.status_code == 400


def test_a_nul_or_a_lone_surrogate_in_json_is_refused(client):
    for body in ('{"request_id": "a\\u0000b"}', '{"service": "\\ud800"}'):
        response = client.post("/api/v1/bookings", data=body, content_type="application/json",
                               headers={"Authorization": "Bearer test-portal-token"})
        assert response.status_code == 400, body
        assert response.get_json()["error"] == "bad_request"


def id_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(converter, IntegerConverter)
                   for converter in rule._converters.values())]


def test_every_id_in_an_address_is_bounded_by_the_database_integer(app):
    rules = id_rules(app)
    assert rules
    for rule in rules:
        for converter in rule._converters.values():
            if isinstance(converter, IntegerConverter):
                assert converter.max == PAST_POSTGRES - 1, rule.rule


@pytest.mark.parametrize("number", [PAST_POSTGRES, 2**63, PAST_SQLITE])
def test_an_id_past_the_database_integer_is_no_page(app, staff_client, number):
    clients = {}
    for rule in id_rules(app):
        role = (required_roles(rule.endpoint) or ("anonymous",))[0]  # a public page: anyone
        if role not in clients:
            clients[role] = (app.test_client() if role == "anonymous" else
                             staff_client(role, window=1 if role == "operator" else None))
        client = clients[role]
        address = rule.build({name: number for name in rule.arguments}, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            data = {"csrf_token": csrf_of(client)} if method == "POST" else None
            response = client.open(address, method=method, data=data)
            # 405 where the same address takes another method: werkzeug's answer, still no view
            assert response.status_code in (404, 405), (method, address, response.status_code)


@pytest.mark.parametrize("window", [str(PAST_POSTGRES), str(PAST_SQLITE), "-" + str(PAST_SQLITE)])
def test_a_window_number_past_the_database_integer_is_refused_at_sign_in(client, make_user,
                                                                          window):
    response = sign_in(client, make_user("operator"), window=window)
    assert response.status_code == 400


@pytest.mark.parametrize("number", [PAST_POSTGRES, PAST_SQLITE])
def test_a_ticket_past_the_database_integer_is_refused_at_the_window(staff_client, number):
    client = staff_client("operator", window=1)
    client.set_cookie("lang", "en")
    response = client.post("/staff/window/act/start", headers={"HX-Request": "true"},
                           data={"csrf_token": csrf_of(client), "ticket_id": str(number)})
    assert response.status_code == 400
    assert "Enter a whole number." in text_of(response)


def test_every_wtforms_message_is_one_of_ours():
    catalogue = Path(wtforms.__file__).parent / "locale" / "wtforms.pot"
    with catalogue.open("rb") as pot:
        messages = {message.id if isinstance(message.id, str) else message.id[0]
                    for message in read_po(pot) if message.id}
    assert messages - PROGRAMMING_ERRORS <= set(WTFORMS_MESSAGES)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_wtforms_messages_come_in_kazakh_and_russian(app, lang):
    with app.test_request_context():
        for english, ours in WTFORMS_MESSAGES.items():
            with force_locale(lang):
                said = OurMessages().gettext(english)
            with force_locale("en"):
                assert said != str(ours), english


def form_classes(base) -> set[type]:
    found, todo = set(), [base]
    while todo:
        for subclass in todo.pop().__subclasses__():
            found.add(subclass)
            todo.append(subclass)
    return found


def test_every_form_of_ours_speaks_our_messages(app):
    from flask_wtf import FlaskForm
    from wtforms import Form

    ours = {cls for cls in form_classes(Form) if cls.__module__.startswith("kiosk.")}
    assert ours
    for cls in ours - {KioskForm, KioskSubform}:
        assert issubclass(cls, KioskForm | KioskSubform), cls
    assert not {cls for cls in form_classes(FlaskForm) if cls.__module__.startswith("kiosk.")
                and not issubclass(cls, KioskForm)}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_window_that_is_not_a_number_is_refused_in_the_page_language(client, lang):
    fields = hidden_inputs(client.get(f"/staff/login?lang={lang}").get_data(as_text=True))
    fields.update(username="someone", password="something", window="abc")
    page = text_of(client.post("/staff/login", data=fields))
    assert CHOOSE[lang] in page
    assert "could not coerce" not in page


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_ticket_that_is_not_a_number_is_refused_in_the_page_language(staff_client, lang):
    client = staff_client("operator", window=1)
    client.set_cookie("lang", lang)
    response = client.post("/staff/window/act/start", headers={"HX-Request": "true"},
                           data={"csrf_token": csrf_of(client), "ticket_id": "abc"})
    assert response.status_code == 400
    assert WHOLE_NUMBER[lang] in text_of(response)
    assert "Not a valid integer value" not in text_of(response)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_place_of_birth_not_offered_is_refused_in_the_page_language(client, lang):
    from tests.casework_helpers import application_fields
    from tests.helpers import token_of

    client.set_cookie("lang", lang)
    address = f"/kiosk/ticket/{token_of(take_ticket(client))}/application"
    fields = hidden_inputs(client.get(address).get_data(as_text=True))
    page = text_of(client.post(address, data={**fields,
                                              **application_fields(child_born_abroad="mars")}))
    assert CHOOSE[lang] in page
    assert "Not a valid choice" not in page
