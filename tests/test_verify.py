"""Public certificate verification: /v/<code>, its JSON, the holder's reveal, the published keys."""

import base64
import json
import logging
import secrets
import struct
import threading
import urllib.request
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import event
from werkzeug.serving import make_server

from kiosk.casework.certificates import issuing
from kiosk.casework.certificates.keys import add_key, keyring
from kiosk.casework.certificates.models import Certificate
from kiosk.casework.certificates.verify.masking import mask_name
from kiosk.casework.certificates.verify.views import keys_document
from kiosk.casework.models import Application
from kiosk.web.extensions import db
from queue_mgr.certificates.codes import CodeFields, DocumentType, sign_code
from queue_mgr.certificates.short_codes import short_code_of
from tests.casework_helpers import CHILD_IIN, GUARDIAN_IIN, OTHER_CHILD_IIN
from tests.helpers import hidden_inputs

ISSUED_ON = date(2026, 11, 25)
GUARDIAN = "Ахметова Айгерим Болатқызы"
CHILDREN = ("Ахметов Ерлан Серікұлы", "Сейтова Дана")
BODY_KK = "Астана қаласы әкімдігінің білім басқармасы"
BODY_RU = "Управление образования акимата города Астаны"
NOT_FOUND = "This code does not belong to a certificate issued by the hall"


def issue(number: str = "AST-2026-00017", status: str = "valid", **changes) -> tuple[int, str]:
    """Store an issued certificate with a code signed by the hall's active key (in an app
    context); return its serial and code."""
    ring = keyring()
    application = Application(token=secrets.token_hex(16), status="handed_over",
                              outcome="certificate", created_at=datetime.now(UTC))
    certificate = Certificate(
        number=number, application=application, doc_type=DocumentType.GUARDIANSHIP_CERTIFICATE,
        issued_on=ISSUED_ON, key_id=ring.active.key_id, code=f"unsigned {number}",
        body_code="AST", issuing_body_kk=BODY_KK, issuing_body_ru=BODY_RU,
        head_name="Сейтқали Н. А.", guardian_name=GUARDIAN, guardian_iin=GUARDIAN_IIN,
        children=[
            {"name": CHILDREN[0], "birth_date": "2015-06-01", "iin": CHILD_IIN,
             "trusteeship": False},
            {"name": CHILDREN[1], "birth_date": "2012-02-11", "iin": OTHER_CHILD_IIN,
             "trusteeship": True},
        ],
        basis_number="No 1234", basis_date=date(2024, 2, 1),
        basis_body_kk="Астана қаласының білім басқармасы",
        basis_body_ru="Управление образования города Астаны", status=status,
        created_at=datetime.now(UTC), **changes,
    )
    db.session.add(certificate)
    db.session.flush()
    fields = CodeFields(ring.active.key_id, certificate.id, certificate.issued_on,
                        certificate.doc_type)
    certificate.code = sign_code(fields, ring.active.private)
    db.session.commit()
    return certificate.id, certificate.code


@pytest.fixture
def issued(app) -> str:
    """The code of a valid certificate."""
    with app.app_context():
        return issue()[1]


def change_digit(code: str, position: int) -> str:
    digit = str((int(code[position]) + 1) % 10)
    return code[:position] + digit + code[position + 1:]


def page_text(response) -> str:
    return response.get_data(as_text=True)


def everything_in(response) -> str:
    """The answer's text as a reader sees it (JSON decoded, so no escapes hide anything)."""
    if response.is_json:
        return json.dumps(response.get_json(), ensure_ascii=False)
    return page_text(response)


def reveal(client, code: str, iin: str, **kwargs):
    fields = hidden_inputs(page_text(client.get(f"/v/{code}/reveal")))
    return client.post(f"/v/{code}/reveal", data={**fields, "iin": iin}, **kwargs)


# Masking

@pytest.mark.parametrize(("full_name", "masked"), [
    ("Ахметова Айгерим Болатқызы", "А****** А. Б."),
    ("Ахметова А. Б.", "А****** А. Б."),
    ("Ким Виктор", "К****** В."),
    ("Ли", "Л******"),
    ("Серікова-Ахметова Дана Болат қызы", "С****** Д. Б."),
    ("  ахметов   ерлан  ", "А****** Е."),
    ("", ""),
])
def test_a_masked_name_keeps_the_surnames_first_letter_and_the_initials(full_name, masked):
    assert mask_name(full_name) == masked


def test_the_mask_does_not_tell_the_surnames_length():
    assert len(mask_name("Ли Ан")) == len(mask_name("Абдрахмановская Ан"))


# The page and the JSON of a certificate

def test_the_page_of_a_valid_certificate_says_so_with_its_number_date_and_issuer(client, issued):
    client.delete_cookie("lang")
    response = client.get(f"/v/{issued}")

    html = page_text(response)
    assert response.status_code == 200
    assert '<html lang="kk">' in html  # Kazakh by default
    assert "AST-2026-00017" in html
    assert "2026" in html and "25" in html
    assert BODY_KK in html
    assert 'class="verify-card verify-valid"' in html
    assert "А****** А. Б." in html
    assert "А****** Е. С." in html and "С****** Д." in html


def test_the_page_speaks_russian_and_english_and_shows_the_russian_issuer_in_both(
        client, issued):
    russian = page_text(client.get(f"/v/{issued}?lang=ru"))
    english = page_text(client.get(f"/v/{issued}?lang=en"))

    assert '<html lang="ru">' in russian and BODY_RU in russian and BODY_KK not in russian
    assert '<html lang="en">' in english and BODY_RU in english
    assert "Authentic and valid" in english
    assert "25 November 2026" in english


def test_the_language_switch_keeps_the_verifier_on_the_same_page(client, issued):
    html = page_text(client.get(f"/v/{issued}"))

    for lang in ("kk", "ru", "en"):
        assert f'href="?lang={lang}"' in html


def test_the_json_answer_gives_the_status_type_number_date_and_issuers(client, issued):
    response = client.get(f"/api/v1/verify/{issued}")

    assert response.status_code == 200
    assert response.get_json() == {
        "status": "valid", "type": "guardianship_certificate", "number": "AST-2026-00017",
        "issued_on": "2026-11-25", "issuing_body": {"kk": BODY_KK, "ru": BODY_RU},
        "guardian": "А****** А. Б.", "children": ["А****** Е. С.", "С****** Д."],
        "annulled_on": None, "superseded_by": None,
    }


@pytest.mark.parametrize("address", ["/api/v1/verify/{}/", "/api/v1/nothing/{}",
                                     "/api/v1/verify"])
def test_a_wrong_api_address_is_answered_in_json_too(client, issued, address):
    answer = client.get(address.format(issued))
    assert answer.status_code == 404
    assert answer.get_json()["error"] == "not_found"


@pytest.mark.parametrize("address", ["/v/{}", "/v/{}?lang=ru", "/api/v1/verify/{}"])
def test_no_full_name_and_no_iin_appear_on_the_page_or_in_the_json(client, issued, address):
    shown = everything_in(client.get(address.format(issued)))

    for secret in (GUARDIAN, *CHILDREN, "Ахметова", "Ахметов", "Айгерим", "Ерлан", "Сейтова",
                   GUARDIAN_IIN, CHILD_IIN, OTHER_CHILD_IIN, "2015-06-01", "2012-02-11"):
        assert secret not in shown


def test_an_annulled_certificate_shows_annulled_with_the_date(client, app):
    with app.app_context():
        _, code = issue(status="annulled", annulled_on=date(2026, 12, 3))

    page = page_text(client.get(f"/v/{code}?lang=en"))
    answer = client.get(f"/api/v1/verify/{code}").get_json()

    assert "Annulled" in page and "3 December 2026" in page
    assert "verify-valid" not in page
    assert answer["status"] == "annulled" and answer["annulled_on"] == "2026-12-03"


def test_a_superseded_certificate_shows_the_number_of_the_new_one(client, app):
    with app.app_context():
        new_serial, _ = issue(number="AST-2026-00018")
        _, old_code = issue(number="AST-2026-00017", status="superseded",
                            superseded_by_id=new_serial, annulled_on=ISSUED_ON)

    page = page_text(client.get(f"/v/{old_code}?lang=en"))
    answer = client.get(f"/api/v1/verify/{old_code}").get_json()

    assert "replaced by certificate № AST-2026-00018" in page
    assert answer["status"] == "superseded" and answer["superseded_by"] == "AST-2026-00018"


# Bad and unknown codes: one answer for all

def unknown_codes(app, code: str) -> dict[str, str]:
    """Codes that name no certificate, each wrong in its own way."""
    with app.app_context():
        ring = keyring()
        serial = db.session.execute(db.select(Certificate.id)).scalar_one()
        signed = ring.active.private
        stored = db.session.get(Certificate, serial)
        other_day = sign_code(CodeFields(ring.active.key_id, serial, date(2026, 11, 24), 1), signed)
        no_record = sign_code(CodeFields(ring.active.key_id, serial + 1000, ISSUED_ON, 1), signed)
        forged = sign_code(CodeFields(ring.active.key_id, serial, ISSUED_ON, 1),
                           Ed25519PrivateKey.generate())
        unknown_key = sign_code(CodeFields(99, serial, ISSUED_ON, 1), signed)
        assert stored.code == code
    return {
        "garbage": "hello", "too short": code[:-1], "too long": code + "1",
        "one digit changed at the start": change_digit(code, 0),
        "one digit changed in the middle": change_digit(code, 90),
        "one digit changed at the end": change_digit(code, len(code) - 1),
        "forged signature": forged, "unknown key": unknown_key,
        "authentic but no record": no_record, "authentic but another day": other_day,
    }


def test_bad_and_unknown_codes_all_get_the_same_404_page(client, app, issued):
    answers = {why: client.get(f"/v/{code}") for why, code in unknown_codes(app, issued).items()}

    bodies = {response.get_data() for response in answers.values()}
    assert {response.status_code for response in answers.values()} == {404}
    assert len(bodies) == 1
    assert NOT_FOUND in page_text(next(iter(answers.values())))


def test_bad_and_unknown_codes_all_get_the_same_404_json(client, app, issued):
    answers = [client.get(f"/api/v1/verify/{code}")
               for code in unknown_codes(app, issued).values()]

    assert {response.status_code for response in answers} == {404}
    assert {response.get_data() for response in answers} == {b'{"status":"not_found"}\n'}


def test_a_record_whose_stored_code_differs_is_not_found(client, app, issued):
    with app.app_context():
        certificate = db.session.execute(db.select(Certificate)).scalar_one()
        certificate.code = "0" * len(issued)
        db.session.commit()

    assert client.get(f"/v/{issued}").status_code == 404
    assert client.get(f"/api/v1/verify/{issued}").get_json() == {"status": "not_found"}


def test_a_forged_code_is_refused_before_any_database_query(client, app, issued):
    statements = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        client.get(f"/v/{change_digit(issued, 100)}")
        client.get(f"/api/v1/verify/{change_digit(issued, 100)}")
    finally:
        event.remove(engine, "before_cursor_execute", listener)

    assert statements == []


# The holder's reveal

def test_a_verifier_who_only_checks_gets_no_cookie_and_a_link_to_the_reveal_form(client, issued):
    response = client.get(f"/v/{issued}")

    html = page_text(response)
    assert "Set-Cookie" not in response.headers
    assert "<form" not in html
    assert f'href="/v/{issued}/reveal"' in html


def test_the_reveal_page_shows_the_masked_certificate_and_the_iin_form(client, issued):
    response = client.get(f"/v/{issued}/reveal")

    html = page_text(response)
    assert response.status_code == 200
    assert "А****** А. Б." in html and GUARDIAN not in html
    assert f'action="/v/{issued}/reveal"' in html and 'name="iin"' in html


def test_the_reveal_page_of_an_unknown_code_is_the_same_404(client, issued):
    response = client.get(f"/v/{change_digit(issued, 7)}/reveal")

    assert response.status_code == 404
    assert response.get_data() == client.get(f"/v/{change_digit(issued, 8)}").get_data()


def test_the_right_child_iin_shows_the_names_as_printed(client, issued):
    response = reveal(client, issued, OTHER_CHILD_IIN)

    html = page_text(response)
    assert response.status_code == 200
    assert GUARDIAN in html and CHILDREN[0] in html and CHILDREN[1] in html
    assert OTHER_CHILD_IIN not in html and CHILD_IIN not in html
    assert response.headers["Cache-Control"] == "no-store"


def test_an_iin_typed_with_spaces_counts_as_the_same_iin(client, issued):
    spaced = f"{CHILD_IIN[:6]} {CHILD_IIN[6:]}"

    assert GUARDIAN in page_text(reveal(client, issued, spaced))


def test_a_wrong_iin_shows_no_names_and_says_so(client, issued):
    response = reveal(client, issued, GUARDIAN_IIN)  # printed on the paper, but not a child's

    html = page_text(response)
    assert response.status_code == 403
    assert "This IIN is not on this certificate" in html
    assert GUARDIAN not in html and CHILDREN[0] not in html
    assert GUARDIAN_IIN not in html  # not even written back into the form
    assert "А****** А. Б." in html


def test_an_iin_of_the_wrong_shape_asks_for_twelve_digits(client, issued):
    response = reveal(client, issued, "12345")

    assert response.status_code == 400
    assert "12 digits" in page_text(response)


def test_the_reveal_form_needs_its_csrf_token(client, issued):
    response = client.post(f"/v/{issued}/reveal", data={"iin": CHILD_IIN})

    assert response.status_code == 400
    assert GUARDIAN not in page_text(response)


def test_the_sixth_try_in_an_hour_is_refused_even_with_the_right_iin(client, app, issued):
    tries = [reveal(client, issued, GUARDIAN_IIN).status_code for _ in range(5)]

    sixth = reveal(client, issued, CHILD_IIN)

    assert tries == [403] * 5
    assert sixth.status_code == 429
    assert "Too many tries for this certificate" in page_text(sixth)
    assert GUARDIAN not in page_text(sixth)


def test_a_stranger_cannot_spend_the_holders_reveal_tries(app, issued):
    """Tries count per certificate and address: a stranger holding the code locks out only
    themselves, and guessing stays slow from every address."""
    with app.app_context():
        _, other = issue(number="AST-2026-00099")
    stranger = {"environ_base": {"REMOTE_ADDR": "10.0.0.1"}}
    for _ in range(5):
        reveal(app.test_client(), issued, GUARDIAN_IIN, **stranger)

    strangers_sixth = reveal(app.test_client(), issued, CHILD_IIN, **stranger)
    holder = reveal(app.test_client(), issued, CHILD_IIN,
                    environ_base={"REMOTE_ADDR": "10.0.1.1"})
    another_certificate = reveal(app.test_client(), other, CHILD_IIN, **stranger)

    assert strangers_sixth.status_code == 429
    assert holder.status_code == 200 and GUARDIAN in page_text(holder)
    assert another_certificate.status_code == 200


def test_a_reveal_for_an_unknown_code_gets_the_same_404(client, issued):
    fields = hidden_inputs(page_text(client.get(f"/v/{issued}/reveal")))

    response = client.post(f"/v/{change_digit(issued, 5)}/reveal",
                           data={**fields, "iin": CHILD_IIN})

    assert response.status_code == 404
    assert response.get_data() == client.get(f"/v/{change_digit(issued, 6)}").get_data()


# Limits and headers

def test_an_address_asking_too_often_gets_a_429_page_and_json(client, app, issued):
    app.config["VERIFY_RATE_LIMIT"] = "3 per minute"
    answers = [client.get(f"/v/{issued}").status_code for _ in range(2)]
    answers.append(client.get(f"/api/v1/verify/{change_digit(issued, 3)}").status_code)

    page = client.get(f"/v/{issued}?lang=en")
    api = client.get(f"/api/v1/verify/{issued}")

    assert answers == [200, 200, 404]  # bad codes count too: guessing costs the same
    assert page.status_code == 429 and "Too many requests" in page_text(page)
    assert api.status_code == 429 and api.get_json() == {"status": "rate_limited"}
    assert api.headers["Cache-Control"] == "no-store"
    assert 1 <= int(page.headers["Retry-After"]) <= 60
    assert 1 <= int(api.headers["Retry-After"]) <= 60


def test_the_published_keys_are_not_counted_against_an_address(client, app, issued):
    app.config["VERIFY_RATE_LIMIT"] = "2 per minute"
    keys = [client.get("/.well-known/kiosk-keys.json").status_code for _ in range(3)]

    assert keys == [200, 200, 200]
    assert client.get(f"/v/{issued}").status_code == 200


def test_another_address_is_not_limited_by_the_first(client, app, issued):
    app.config["VERIFY_RATE_LIMIT"] = "1 per minute"
    client.get(f"/v/{issued}")

    assert client.get(f"/v/{issued}").status_code == 429
    other = app.test_client().get(f"/v/{issued}", environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert other.status_code == 200


@pytest.mark.parametrize("address", ["/v/{}", "/api/v1/verify/{}", "/v/{}0", "/api/v1/verify/x"])
def test_verification_answers_are_neither_cached_nor_indexed(client, issued, address):
    response = client.get(address.format(issued))

    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    if not response.is_json:
        assert '<meta name="robots" content="noindex">' in page_text(response)


# The published keys

def test_the_well_known_keys_list_every_key_and_the_annulled_serials(app, client, tmp_path):
    app.config["SIGNING_KEY_FILE"] = str(tmp_path / "keys.json")
    app.extensions.pop("keyring", None)
    first = add_key(tmp_path / "keys.json", date(2025, 1, 10))
    with app.app_context():
        old_serial, _ = issue(number="AST-2025-00001", status="annulled",
                              annulled_on=date(2026, 3, 2))
    second = add_key(tmp_path / "keys.json", date(2026, 1, 10))
    app.extensions.pop("keyring")  # the keyring is read once per process: a restart
    with app.app_context():
        issue(number="AST-2026-00001")

    response = client.get("/.well-known/kiosk-keys.json")

    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.get_json() == {
        "algorithm": "Ed25519", "code_digits": 179,
        "keys": [
            {"id": 1, "created": "2025-01-10", "public_key": first.public_base64(),
             "active": False},
            {"id": 2, "created": "2026-01-10", "public_key": second.public_base64(),
             "active": True},
        ],
        "annulled": [{"serial": old_serial, "status": "annulled", "annulled_on": "2026-03-02"}],
    }
    assert "private" not in page_text(response)


def test_a_code_signed_before_a_rotation_still_checks_out(app, client, tmp_path):
    app.config["SIGNING_KEY_FILE"] = str(tmp_path / "keys.json")
    app.extensions.pop("keyring", None)
    add_key(tmp_path / "keys.json", date(2025, 1, 10))
    with app.app_context():
        _, old_code = issue()
    add_key(tmp_path / "keys.json", date(2026, 1, 10))
    app.extensions.pop("keyring")

    assert client.get(f"/api/v1/verify/{old_code}").get_json()["status"] == "valid"


# Codes stay out of the logs

def test_the_log_filter_replaces_codes_in_request_lines(app, issued, caplog):
    caplog.set_level(logging.INFO)

    logging.getLogger("werkzeug").info('%s - - [%s] "%s" %s %s', "127.0.0.1", "now",
                                       f"GET /v/{issued}?lang=ru HTTP/1.1", 200, 1234)
    logging.getLogger("gunicorn.access").info("%(r)s %(s)s",
                                              {"r": f"GET /api/v1/verify/{issued} HTTP/1.1",
                                               "s": "200"})
    app.logger.error("Exception on /v/%s [POST]", issued)

    assert issued not in caplog.text
    assert "GET /v/[code]?lang=ru HTTP/1.1" in caplog.text
    assert "GET /api/v1/verify/[code] HTTP/1.1" in caplog.text
    assert "Exception on /v/[code] [POST]" in caplog.text


def test_the_development_servers_access_log_carries_no_code_and_no_iin(app, issued, caplog):
    caplog.set_level(logging.INFO, logger="werkzeug")
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        with urllib.request.urlopen(f"{base}/v/{issued}") as response:
            assert response.status == 200
        data = f"iin={CHILD_IIN}".encode()
        try:
            urllib.request.urlopen(f"{base}/v/{issued}/reveal", data=data)
        except urllib.error.HTTPError as refused:  # no CSRF token: 400, logged all the same
            assert refused.code == 400
    finally:
        server.shutdown()
        thread.join()

    assert "GET /v/[code] HTTP/1.1" in caplog.text
    assert "POST /v/[code]/reveal HTTP/1.1" in caplog.text
    assert issued not in caplog.text and CHILD_IIN not in caplog.text



# Offline, with the published key only (the recipe in the README)

def offline_check(code: str, published: dict) -> tuple[int, date, int, int] | None:
    """Check a code as a verifier would with only /.well-known/kiosk-keys.json and
    ``cryptography``: no import of the hall's code."""
    keys = {key["id"]: Ed25519PublicKey.from_public_bytes(base64.b64decode(key["public_key"]))
            for key in published["keys"]}
    if len(code) != published["code_digits"] or not (code.isascii() and code.isdigit()):
        return None
    if int(code) >= 1 << (8 * 74):
        return None
    raw = int(code).to_bytes(74, "big")
    body, signature = raw[:10], raw[10:]
    version, key_id, serial, day, doc_type = struct.unpack(">BHIHB", body)
    if version != 1 or key_id not in keys:
        return None
    try:
        keys[key_id].verify(signature, b"hall-kiosk certificate code v1\x00" + body)
    except InvalidSignature:
        return None
    return serial, date(2000, 1, 1) + timedelta(days=day), key_id, doc_type


def test_a_verifier_with_only_the_published_keys_can_check_a_code(app, client):
    with app.app_context():
        serial, code = issue()
        key_id = keyring().active.key_id
    published = client.get("/.well-known/kiosk-keys.json").get_json()

    assert offline_check(code, published) == (serial, ISSUED_ON, key_id, 1)
    assert offline_check(change_digit(code, 77), published) is None


@pytest.fixture(autouse=True)
def in_english(client):
    """Assertions read the English wording; a test of another language asks for it."""
    client.set_cookie("lang", "en")


def test_the_published_list_follows_every_annulment_and_reissue_at_once(app, client):
    def published() -> dict:
        return client.get("/.well-known/kiosk-keys.json").get_json()

    with app.app_context():
        first, _ = issue(number="AST-2026-00001")
        second, _ = issue(number="AST-2026-00002")
    assert published()["annulled"] == []  # the document is now kept by the worker
    with app.app_context():
        issuing.annul(db.session.get(Certificate, first), "Қате жазылған", None,
                      datetime(2026, 11, 25, 10, 0, tzinfo=UTC))
        db.session.commit()
    assert [row["serial"] for row in published()["annulled"]] == [first]
    with app.app_context():
        issuing.leave_valid(db.session.get(Certificate, second), status="superseded",
                            superseded_by_id=first)
        db.session.commit()
        fresh = keys_document()
    assert [row["serial"] for row in published()["annulled"]] == [first, second]
    assert published() == fresh


# The short code under the QR, typed on /v/

SHORT_CODE_MESSAGE = "Type the code printed under the QR code"


def typed(client, text: str, **kwargs):
    return client.get("/v/", query_string={"code": text}, **kwargs)


def test_the_verify_address_offers_a_form_for_the_code_under_the_qr(client):
    response = client.get("/v/")

    html = page_text(response)
    assert response.status_code == 200
    assert '<form class="verify-code-form" method="get" action="/v/"' in html
    assert 'name="code"' in html and "csrf_token" not in html
    assert "Set-Cookie" not in response.headers  # a verifier who only checks gets no cookie
    assert response.headers["Cache-Control"] == "no-store"


def test_a_typed_short_code_leads_to_the_certificates_own_page(client, issued):
    response = typed(client, short_code_of(issued))

    assert response.status_code == 303
    assert response.headers["Location"] == f"/v/{issued}"
    page = client.get(response.headers["Location"])
    assert "Authentic and valid" in page_text(page) and "AST-2026-00017" in page_text(page)


def test_a_short_code_typed_in_lowercase_with_spaces_and_o_for_zero_still_finds_it(
        client, issued):
    short = short_code_of(issued)
    sloppy = f"  {short.replace('-', ' ').lower().replace('0', 'O').replace('1', 'i')} "

    response = typed(client, sloppy)

    assert response.status_code == 303 and response.headers["Location"] == f"/v/{issued}"


@pytest.mark.parametrize("text", ["", "   ", "7K3M-Q9XD-2HB", "7K3M-Q9XD-2HBFF", "7K3M-Q9XD-2HBU",
                                  "7K3M Q9XD 2HB!", "hello", "x" * 10_000])
def test_a_malformed_short_code_is_refused_with_what_to_type(client, text):
    response = typed(client, text)

    html = page_text(response)
    assert response.status_code == 400
    assert SHORT_CODE_MESSAGE in html and 'aria-invalid="true"' in html
    assert NOT_FOUND not in html


def test_a_malformed_short_code_is_written_back_to_be_corrected(client):
    html = page_text(typed(client, "7K3M-Q9XD-2HBU"))

    assert 'value="7K3M-Q9XD-2HBU"' in html


def test_the_long_code_typed_as_a_short_code_is_malformed(client, issued):
    assert typed(client, issued).status_code == 400


def test_unknown_and_unverifiable_short_codes_get_the_long_codes_not_found_page(
        client, app, issued):
    not_found = client.get(f"/v/{change_digit(issued, 8)}")
    with app.app_context():
        tampered_serial, _ = issue(number="AST-2026-00031")
        tampered = db.session.get(Certificate, tampered_serial)
        forged = change_digit(tampered.code, 120)  # its signature no longer checks out
        tampered.code = forged  # the short code follows the stored code
        db.session.commit()
        assert tampered.short_code == short_code_of(forged)
        moved_serial, moved_code = issue(number="AST-2026-00032")
        stolen = short_code_of(change_digit(moved_code, 3))
        db.session.execute(  # the index names it, but it is not its code's short code
            db.update(Certificate).where(Certificate.id == moved_serial)
            .values(short_code=stolen))
        db.session.commit()
    answers = {
        "well-formed, unknown": typed(client, short_code_of(change_digit(issued, 5))),
        "a stored code whose signature fails": typed(client, short_code_of(forged)),
        "not the stored code's own": typed(client, stolen),
    }

    assert {why: response.status_code for why, response in answers.items()} == dict.fromkeys(
        answers, 404)
    assert {response.get_data() for response in answers.values()} == {not_found.get_data()}
    assert NOT_FOUND in page_text(not_found) and 'name="code"' in page_text(not_found)


def test_an_annulled_certificates_short_code_shows_it_not_valid_as_its_long_code_does(
        client, app):
    with app.app_context():
        _, code = issue(status="annulled", annulled_on=date(2026, 12, 3))

    page = typed(client, short_code_of(code), follow_redirects=True)

    assert page.status_code == 200 and page.request.path == f"/v/{code}"
    assert "Annulled" in page_text(page) and "3 December 2026" in page_text(page)
    assert page_text(page) == page_text(client.get(f"/v/{code}"))


def test_typed_short_codes_spend_the_same_budget_as_the_verify_pages(client, app, issued):
    app.config["VERIFY_RATE_LIMIT"] = "3 per minute"
    answers = [typed(client, "7K3M-Q9XD-2HBF").status_code, typed(client, "bad").status_code,
               client.get(f"/v/{issued}").status_code]

    refused = typed(client, short_code_of(issued))

    assert answers == [404, 400, 200]
    assert refused.status_code == 429 and "Too many requests" in page_text(refused)


@pytest.mark.parametrize("value", ["\x00", "7K3M\x00Q9XD2HBF", "١٢٣", "\u202e7K3M-Q9XD-2HBF"])
def test_hostile_short_codes_are_refused_never_an_error(client, value):
    assert typed(client, value).status_code == 400


# The pages follow the browser's language until the verifier chooses one

@pytest.mark.parametrize(("accepted", "lang"), [
    ("ru-RU,ru;q=0.9,en;q=0.8", "ru"), ("kk-KZ,ru;q=0.8", "kk"), ("en-GB,en;q=0.9", "en"),
    ("de-DE,de;q=0.9", "kk"), ("", "kk")])
def test_with_no_choice_remembered_the_page_speaks_the_browsers_language(
        client, issued, accepted, lang):
    client.delete_cookie("lang")
    headers = {"Accept-Language": accepted}

    pages = [client.get(address, headers=headers)
             for address in (f"/v/{issued}", "/v/", f"/v/{change_digit(issued, 4)}")]

    assert [f'<html lang="{lang}">' in page_text(page) for page in pages] == [True] * 3
    assert all("Accept-Language" in page.headers["Vary"] for page in pages)


def test_a_remembered_or_asked_language_wins_over_the_browsers(client, issued):
    russian_phone = {"Accept-Language": "ru-RU,ru;q=0.9"}
    client.set_cookie("lang", "kk")
    remembered = page_text(client.get(f"/v/{issued}", headers=russian_phone))
    asked = page_text(client.get(f"/v/{issued}?lang=en", headers=russian_phone))

    assert '<html lang="kk">' in remembered
    assert '<html lang="en">' in asked


def test_the_kiosk_keeps_kazakh_whatever_the_browser_asks(client):
    client.delete_cookie("lang")

    html = page_text(client.get("/kiosk", headers={"Accept-Language": "ru-RU,ru;q=0.9"}))

    assert '<html lang="kk">' in html
