"""The portal's requests API: the e-government portal's gateway sends a request for the
certificate, received and accepted at once with the hall's terms (5 minutes when the registry
holds the guardianship, 3 working days otherwise), reads its status and result, and fetches the
certificate as the PDF the hall prints. Every answer of every call here is checked against the
OpenAPI description the app serves."""

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from functools import cache

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from kiosk.casework.models import Application, ApplicationEvent
from kiosk.casework.portal.views import STATUSES
from kiosk.web.extensions import db
from kiosk.web.portal import OPENAPI_FILE
from queue_mgr.casework.applications import OPEN, ApplicationStatus
from tests.casework_helpers import (
    CHILD_BIRTH,
    CHILD_IIN,
    GUARDIAN_IIN,
    OTHER_CHILD_IIN,
    REPRESENTATIVE_IIN,
    add_registry_record,
    make_iin,
)
from tests.conftest import ALMATY, OPEN_MOMENT, csrf_of
from tests.servers import gunicorn

TOKEN = {"Authorization": "Bearer test-portal-token"}  # TestingConfig.PORTAL_TOKENS
REQUESTS = "/api/v1/requests"
ONE = "/api/v1/requests/{request_id}"
PDF = "/api/v1/requests/{request_id}/certificate.pdf"
SPEC_ID = "urn:kiosk:portal-openapi"


# The description, and every answer checked against it

@cache
def spec() -> dict:
    return json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    return Registry().with_resource(SPEC_ID, Resource.from_contents(
        spec(), default_specification=DRAFT202012))


def pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def schema_errors(location: str, value) -> list[str]:
    """What in ``value`` breaks the schema at ``location`` (a JSON pointer into the document)."""
    validator = Draft202012Validator({"$ref": f"{SPEC_ID}#{location}"}, registry=registry(),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(value)]


def check_described(response, template: str, method: str) -> None:
    """The answer is one the description gives for this call: its status, its content type,
    its headers, and a body matching the schema."""
    status, operation = str(response.status_code), spec()["paths"][template][method.lower()]
    assert status in operation["responses"], f"{method} {template}: {status} is not described"
    described, location = operation["responses"][status], pointer(
        "paths", template, method.lower(), "responses", status)
    if "$ref" in described:
        location = described["$ref"].removeprefix("#")
        described = spec()["components"]["responses"][location.rsplit("/", 1)[1]]
    assert response.mimetype in described["content"], (template, status, response.mimetype)
    for header in described.get("headers", {}):
        assert header in response.headers, (template, status, header)
    if response.mimetype == "application/json":
        errors = schema_errors(location + pointer("content", "application/json", "schema"),
                               response.get_json())
        assert not errors, (template, status, errors)


def api(client, method: str, template: str, headers=TOKEN, **kwargs):
    """Call the API (the address's ``{request_id}`` filled from kwargs) and check the answer
    against the description."""
    request_id = kwargs.pop("request_id", None)
    response = client.open(template.format(request_id=request_id), method=method,
                           headers=headers, **kwargs)
    check_described(response, template, method)
    return response


def send(client, body, headers=TOKEN):
    return api(client, "POST", REQUESTS, headers=headers, json=body)


def request_body(**changes) -> dict:
    """A complete request of the guardian for the child, as the gateway sends it."""
    body = {
        "request_id": "egov-2026-000001",
        "applicant_surname": "Ахметова", "applicant_name": "Айгерим",
        "applicant_patronymic": "Болатқызы", "applicant_iin": GUARDIAN_IIN,
        "applicant_phone": "+7 701 234 56 78", "applicant_address": "Астана, Абай даңғылы, 10",
        "child_surname": "Ахметов", "child_name": "Ерлан",
        "child_birth_date": CHILD_BIRTH.isoformat(), "child_iin": CHILD_IIN,
        "child_born_abroad": False, "consent": True,
    }
    body.update(changes)
    return {name: value for name, value in body.items() if value is not ...}


def applications(app) -> list[Application]:
    with app.app_context():
        found = db.session.execute(db.select(Application).order_by(Application.id)).scalars()
        rows = list(found)
        for row in rows:
            db.session.expunge(row)
        return rows


def local(moment: datetime) -> str:
    return moment.astimezone(ALMATY).isoformat(timespec="seconds")


def test_the_description_is_valid_openapi_3_1_and_the_app_serves_it(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document == spec()
    assert document["openapi"].startswith("3.1")
    validate_openapi(document)
    for name in ("RequestBody", "Request", "Error", "Booking", "BookingRequest"):
        assert name in document["components"]["schemas"]


def test_the_description_has_every_portal_route_and_method_and_no_other(app):
    served = {(rule.rule.replace("<", "{").replace(">", "}"), method.lower())
              for rule in app.url_map.iter_rules()
              if rule.rule.startswith(("/api/v1/bookings", "/api/v1/requests", "/api/v1/openapi"))
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    described = {(path, method) for path, item in spec()["paths"].items()
                 for method in item if method != "parameters"}
    assert served == described


def test_the_descriptions_examples_are_valid_requests_the_api_accepts(app, client):
    examples = spec()["paths"][REQUESTS]["post"]["requestBody"]["content"]["application/json"][
        "examples"]
    for example in examples.values():
        assert schema_errors("/components/schemas/RequestBody", example["value"]) == []
        assert send(client, example["value"]).status_code == 201, example["summary"]
    assert [a.channel for a in applications(app)] == ["portal", "portal"]


def test_the_statuses_a_portal_request_can_reach_have_the_described_codes():
    assert set(STATUSES) == set(OPEN) | {ApplicationStatus.HANDED_OVER}
    described = spec()["components"]["schemas"]["Request"]["properties"]["status"]["enum"]
    assert sorted(STATUSES.values()) == sorted(described)


# Received at once, with the hall's terms

def test_with_a_registry_record_the_certificate_is_issued_on_receipt_within_5_minutes(
        app, client):
    with app.app_context():
        add_registry_record()
    response = send(client, request_body())
    assert response.status_code == 201
    answer = response.get_json()
    assert response.headers["Location"] == "/api/v1/requests/egov-2026-000001"
    assert response.headers["Cache-Control"] == "no-store"
    assert answer["status"] == "ready" and answer["outcome"] == "certificate"
    assert answer["received_at"] == "2026-11-25T11:00:00+05:00"
    assert answer["due_at"] == "2026-11-25T11:05:00+05:00"
    assert answer["ready_at"] == "2026-11-25T11:00:00+05:00"
    assert answer["number"] == "2026-00001"
    assert answer["certificate"]["status"] == "valid"
    assert answer["certificate"]["issued_on"] == "2026-11-25"
    assert answer["certificate"]["pdf"] == "/api/v1/requests/egov-2026-000001/certificate.pdf"
    assert answer["refusal_reason"] is None
    assert "Ахмет" not in response.get_data(as_text=True)  # no names, no IINs
    assert GUARDIAN_IIN not in response.get_data(as_text=True)
    [application] = applications(app)
    assert (application.channel, application.portal_request_id) == ("portal", "egov-2026-000001")
    assert application.accepted_by_id is None and application.ticket_id is None
    assert application.documents == ["application", "identity"]
    assert application.applicant_surname == "Ахметова" and application.consent is True


def test_without_a_record_the_provider_has_3_working_days_the_day_of_receipt_not_counted(
        app, client):
    answer = send(client, request_body()).get_json()
    # Received Wednesday 25 November: Thursday, Friday and Monday are the three working days.
    assert answer["status"] == "at_provider" and answer["outcome"] is None
    assert answer["due_at"] == "2026-11-30T23:59:59+05:00"
    assert answer["ready_at"] is None and answer["certificate"] is None
    with app.app_context():
        steps = db.session.execute(db.select(ApplicationEvent.action, ApplicationEvent.note,
                                             ApplicationEvent.user_id)).all()
    assert steps == [("received_from_portal", "egov-2026-000001", None),
                     ("accepted", "provider", None)]


def test_a_request_received_before_nauryz_is_due_after_the_days_off(app, client, clock):
    clock.set(datetime(2026, 3, 20, 16, 30, tzinfo=ALMATY))  # a Friday; 23-25 March are off
    answer = send(client, request_body()).get_json()
    assert answer["received_at"] == "2026-03-20T16:30:00+05:00"
    assert answer["due_at"] == "2026-03-30T23:59:59+05:00"


def test_a_request_received_at_night_or_on_a_sunday_is_received_then(app, client, clock):
    clock.set(datetime(2026, 11, 29, 23, 10, tzinfo=ALMATY))  # Sunday night: the hall is shut
    answer = send(client, request_body()).get_json()
    assert answer["received_at"] == "2026-11-29T23:10:00+05:00"
    assert answer["due_at"] == "2026-12-02T23:59:59+05:00"  # Monday, Tuesday, Wednesday


def test_a_portal_request_waits_among_the_providers_pending_requests(app, client, staff_client):
    number = send(client, request_body()).get_json()["number"]
    provider = staff_client("provider")
    provider.set_cookie("lang", "en")
    assert number in provider.get("/staff/provider/").get_data(as_text=True)


# After the provider decides

def at_provider(app, client) -> int:
    """Send a request the registry does not confirm: it waits for the provider."""
    assert send(client, request_body()).get_json()["status"] == "at_provider"
    [application] = applications(app)
    return application.id


def provider_decides(staff_client, application_id: int, verdict: str, **data) -> None:
    """A provider officer decides the request, as on their screen."""
    provider = staff_client("provider")
    page = f"/staff/provider/{application_id}"
    response = provider.post(f"{page}/{verdict}",
                             data={"csrf_token": csrf_of(provider, page), **data})
    assert response.status_code == 302


def test_confirmed_by_the_provider_the_request_is_ready_with_a_certificate(
        app, client, staff_client, clock):
    application_id = at_provider(app, client)
    with app.app_context():
        record_id = add_registry_record().id  # the guardianship, entered after the request came
    clock.advance(days=1)
    provider_decides(staff_client, application_id, "confirm", record_id=str(record_id))
    answer = api(client, "GET", ONE, request_id="egov-2026-000001").get_json()
    assert (answer["status"], answer["outcome"]) == ("ready", "certificate")
    assert answer["ready_at"] == local(OPEN_MOMENT + timedelta(days=1))
    assert answer["due_at"] == "2026-11-30T23:59:59+05:00"  # the term stays as it was set
    assert answer["certificate"]["issued_on"] == "2026-11-26"
    assert api(client, "GET", PDF, request_id="egov-2026-000001").status_code == 200


def test_refused_by_the_provider_the_request_gives_the_reason_and_no_certificate(
        app, client, staff_client):
    reason = "Қорғаншылық туралы шешім табылмады / Решение об опеке не найдено."
    provider_decides(staff_client, at_provider(app, client), "refuse", reason=reason)
    answer = api(client, "GET", ONE, request_id="egov-2026-000001").get_json()
    assert (answer["status"], answer["outcome"]) == ("ready", "refusal")
    assert answer["refusal_reason"] == reason
    assert answer["certificate"] is None
    missing = api(client, "GET", PDF, request_id="egov-2026-000001")
    assert missing.status_code == 404
    assert missing.get_json()["error"] == "no_certificate"


def test_before_the_decision_there_is_no_certificate_to_fetch(app, client):
    send(client, request_body())
    response = api(client, "GET", PDF, request_id="egov-2026-000001")
    assert (response.status_code, response.get_json()["error"]) == (404, "no_certificate")


# The certificate

def test_the_certificate_is_the_pdf_the_hall_prints_with_the_signed_qr(app, client, tmp_path):
    from tests.test_certificate_pdf import rasterise, require_tools, scanned

    with app.app_context():
        add_registry_record()
    answer = send(client, request_body()).get_json()
    response = api(client, "GET", PDF, request_id="egov-2026-000001")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"%PDF")
    assert f'filename="{answer["certificate"]["number"]}.pdf"' in \
        response.headers["Content-Disposition"]
    document = tmp_path / "portal-certificate.pdf"
    document.write_bytes(response.data)
    require_tools()
    pages = rasterise(document, "portal")
    assert len(pages) == 2  # the Kazakh page, then the Russian
    with app.app_context():
        from kiosk.casework.certificates.issuing import certificate_of
        from kiosk.casework.certificates.printing import verification_url

        application = db.session.execute(db.select(Application)).scalar_one()
        with app.test_request_context():
            expected = verification_url(certificate_of(application).code)
    assert [scanned(page) for page in pages] == [expected] * 2
    code = expected.rsplit("/v/", 1)[1]
    assert client.get(f"/api/v1/verify/{code}").get_json()["status"] == "valid"


# The idempotency key

def test_the_same_request_sent_again_is_the_same_request(app, client):
    first = send(client, request_body())
    reordered = dict(reversed(list(request_body().items())))
    again = send(client, reordered)
    spaced = api(client, "POST", REQUESTS, data=json.dumps(request_body(), indent=4),
                 content_type="application/json")
    assert (first.status_code, again.status_code, spaced.status_code) == (201, 200, 200)
    assert again.get_json() == spaced.get_json() == first.get_json()
    assert "Location" not in again.headers
    assert len(applications(app)) == 1


def test_the_same_id_asking_for_something_else_is_a_conflict(app, client):
    send(client, request_body())
    for changed in (request_body(applicant_phone="+7 777 000 00 00"),
                    request_body(child_patronymic="Серікұлы"), request_body(consent=False)):
        response = send(client, changed)
        assert response.status_code == 409
        assert response.get_json()["error"] == "request_id_reused"
    assert len(applications(app)) == 1


def test_a_sent_again_request_answers_as_it_now_stands(app, client, staff_client):
    provider_decides(staff_client, at_provider(app, client), "refuse", reason="No basis")
    again = send(client, request_body())
    assert again.status_code == 200
    assert (again.get_json()["status"], again.get_json()["outcome"]) == ("ready", "refusal")


def test_another_request_for_a_child_with_an_open_request_is_a_conflict(app, client):
    send(client, request_body())
    response = send(client, request_body(request_id="egov-2026-000002"))
    assert response.status_code == 409
    assert response.get_json()["error"] == "open_request"
    assert len(applications(app)) == 1
    assert send(client, request_body(request_id="egov-2026-000003",
                                     child_iin=OTHER_CHILD_IIN)).status_code == 201


def test_a_request_is_a_conflict_when_the_hall_accepted_one_for_the_child(app, client):
    from tests.test_provider import accepted_request

    accepted_request(app)
    response = send(client, request_body())
    assert (response.status_code, response.get_json()["error"]) == (409, "open_request")


def child_iins(count: int) -> list[str]:
    """Valid IINs of as many children born on the helpers' birth date."""
    found = []
    for serial in range(10 * count):
        try:
            found.append(make_iin(f"{CHILD_BIRTH:%y%m%d}6{serial:04d}"))
        except ValueError:
            continue
    return found[:count]


@pytest.mark.server
def test_the_same_request_sent_twice_at_once_to_gunicorn_makes_one_application(app):
    """Two threads post one request at the same moment (five requests, each twice) to four
    workers: each request is made once, and both answers are that request."""
    rounds, threads = 5, 2

    def post(base_url: str, body: bytes, start: threading.Barrier) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{base_url}{REQUESTS}", data=body, method="POST",
            headers={"Authorization": "Bearer demo-portal-token",  # DevelopmentConfig's
                     "Content-Type": "application/json"})
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as refused:
            return refused.code, json.loads(refused.read())

    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], workers=4) as base_url, \
            ThreadPoolExecutor(threads) as pool:
        for index, child in enumerate(child_iins(rounds)):
            body = json.dumps(request_body(request_id=f"race-{index}", child_iin=child)).encode()
            start = threading.Barrier(threads)
            answers = list(pool.map(post, [base_url] * threads, [body] * threads,
                                    [start] * threads))
            assert sorted(status for status, _ in answers) == [200, 201], answers
            assert answers[0][1] == answers[1][1]  # the same request, the same number
    made = sorted(a.portal_request_id for a in applications(app))
    assert made == [f"race-{index}" for index in range(rounds)]


# Who may call

@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong-token"}, {"Authorization": "Basic test-portal-token"},
    {"Authorization": "Bearer "}, {"Authorization": "test-portal-token"},
])
def test_every_call_answers_only_the_portals_token(app, client, headers):
    with app.app_context():
        add_registry_record()
    send(client, request_body())
    refused = [send(client, request_body(request_id="other"), headers=headers),
               api(client, "GET", ONE, headers=headers, request_id="egov-2026-000001"),
               api(client, "GET", PDF, headers=headers, request_id="egov-2026-000001")]
    for response in refused:
        assert response.status_code == 401
        assert response.get_json()["error"] == "unauthorized"
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="kiosk"'
        assert b"%PDF" not in response.data and b"2026-00001" not in response.data
    assert len(applications(app)) == 1


def test_a_staff_session_is_no_token(app, staff_client):
    supervisor = staff_client("supervisor")
    response = api(supervisor, "POST", REQUESTS, headers={}, json=request_body())
    assert response.status_code == 401


def test_the_address_budget_is_shared_by_both_portal_apis_and_says_when_to_retry(app, client):
    app.config["PORTAL_RATE_LIMIT"] = "3 per minute"
    assert send(client, request_body()).status_code == 201
    assert api(client, "GET", ONE, request_id="egov-2026-000001").status_code == 200
    assert api(client, "GET", "/api/v1/bookings/slots", query_string={
        "service": "guardianship", "day": "2026-11-25"}).status_code == 200
    spent = [api(client, "GET", ONE, request_id="egov-2026-000001"),
             api(client, "GET", ONE, headers={}, request_id="egov-2026-000001"),  # no token
             client.get("/api/v1/bookings/ABCDEF", headers=TOKEN)]
    check_described(spent[-1], "/api/v1/bookings/{code}", "GET")
    for response in spent:
        assert response.status_code == 429
        assert response.get_json()["error"] == "too_many_requests"
        assert int(response.headers["Retry-After"]) >= 1


# Bad input: a stable JSON refusal, never a 5xx, nothing written

def refused_fields(response) -> dict[str, str]:
    return {problem["field"]: problem["error"] for problem in response.get_json()["fields"]}


@pytest.mark.parametrize(("changes", "fields"), [
    ({"applicant_surname": ...}, {"applicant_surname": "required"}),
    ({"applicant_surname": "   "}, {"applicant_surname": "required"}),
    ({"applicant_surname": 42}, {"applicant_surname": "wrong_type"}),
    ({"applicant_name": ["Айгерим"]}, {"applicant_name": "wrong_type"}),
    ({"applicant_surname": "А" * 101}, {"applicant_surname": "too_long"}),
    ({"applicant_address": "x" * 301}, {"applicant_address": "too_long"}),
    ({"applicant_iin": "850305400121"}, {"applicant_iin": "bad_iin"}),
    ({"applicant_iin": 850305400120}, {"applicant_iin": "wrong_type"}),
    ({"child_iin": "15060160078"}, {"child_iin": "bad_iin"}),
    ({"child_iin": "１５０６０１６０００７８"}, {"child_iin": "bad_iin"}),
    ({"child_iin": GUARDIAN_IIN}, {"child_iin": "same_iin"}),
    ({"applicant_phone": "call me"}, {"applicant_phone": "bad_phone"}),
    ({"applicant_phone": "+" + "7" * 20}, {"applicant_phone": "too_long"}),
    ({"child_birth_date": "01.06.2015"}, {"child_birth_date": "bad_date"}),
    ({"child_birth_date": "2015-02-30"}, {"child_birth_date": "bad_date"}),
    ({"child_birth_date": "20150601"}, {"child_birth_date": "bad_date"}),
    ({"child_birth_date": "2015-06-01T00:00"}, {"child_birth_date": "bad_date"}),
    ({"child_birth_date": 2015}, {"child_birth_date": "wrong_type"}),
    ({"child_born_abroad": "no"}, {"child_born_abroad": "wrong_type"}),
    ({"request_id": "a b"}, {"request_id": "bad_request_id"}),
    ({"request_id": "x" * 65}, {"request_id": "bad_request_id"}),
    ({"request_id": "egov-1\n"}, {"request_id": "bad_request_id"}),
    ({"request_id": ...}, {"request_id": "required"}),
    ({"consent": "yes"}, {"consent": "wrong_type"}),
    ({"signature": "MIIB..."}, {"signature": "unknown_field"}),
    ({"child_born_abroad": True}, {"documents.birth_certificate": "document_missing"}),
    ({"child_birth_date": "2007-08-12"}, {"documents.birth_certificate": "document_missing"}),
    ({"documents": {"birth_certificate": {"number": "I-AB 1"}}},
     {"documents.birth_certificate.issued_on": "required"}),
    ({"documents": {"birth_certificate": {"number": "I-AB 1", "issued_on": "2015-06-10",
                                          "scan": "..."}}},
     {"documents.birth_certificate.scan": "unknown_field"}),
    ({"documents": {"passport": {"number": "N1", "issued_on": "2020-01-01"}}},
     {"documents.passport": "unknown_field"}),
    ({"documents": ["birth_certificate"]}, {"documents": "wrong_type"}),
    ({"by_proxy": True}, {"principal_name": "required", "principal_iin": "required",
                          "documents.power_of_attorney": "document_missing"}),
    ({"principal_name": "Ахметова Айгерим"}, {"principal_name": "unexpected"}),
    ({"documents": {"power_of_attorney": {"number": "N 1", "issued_on": "2026-11-20"}}},
     {"documents.power_of_attorney": "document_not_needed"}),
    ({"applicant_surname": 1, "child_iin": "1", "extra": True},
     {"applicant_surname": "wrong_type", "child_iin": "bad_iin", "extra": "unknown_field"}),
])
def test_a_wrong_field_is_refused_with_every_problem_named(app, client, changes, fields):
    response = send(client, request_body(**changes))
    assert response.status_code == 422
    assert response.get_json()["error"] == "invalid_fields"
    assert refused_fields(response) == fields
    assert applications(app) == []


@pytest.mark.parametrize(("changes", "fields"), [
    ({"child_birth_date": "2026-11-26"}, {"child_birth_date": "child_future"}),
    ({"child_birth_date": "2008-11-25"}, {"child_birth_date": "child_adult"}),
    ({"child_born_abroad": True,
      "documents": {"birth_certificate": {"number": "I-AB 1", "issued_on": "2026-12-01"}}},
     {"documents.birth_certificate.issued_on": "date_ahead"}),
])
def test_the_childs_age_and_the_documents_dates_are_checked_on_the_day_of_receipt(
        app, client, changes, fields):
    response = send(client, request_body(**changes))
    assert (response.status_code, response.get_json()["error"]) == (422, "invalid_fields")
    assert refused_fields(response) == fields
    assert applications(app) == []


def test_a_request_without_consent_is_refused_with_a_clear_error(app, client):
    for body in (request_body(consent=...), request_body(consent=False),
                 request_body(consent=None)):
        response = send(client, body)
        assert response.status_code == 422
        refusal = response.get_json()
        assert refusal["error"] == "consent_required"
        assert "consent" in refusal["message"] and '"consent": true' in refusal["message"]
    assert applications(app) == []


def test_a_representative_applies_with_the_power_of_attorney_and_the_birth_certificate(
        app, client):
    body = request_body(applicant_surname="Сейітов", applicant_name="Нұрлан",
                        applicant_iin=REPRESENTATIVE_IIN, child_born_abroad=True,
                        by_proxy=True, principal_name="Ахметова Айгерим Болатқызы",
                        principal_iin=GUARDIAN_IIN, applicant_patronymic=None, documents={
                            "power_of_attorney": {"number": " N 77-1234 ",
                                                  "issued_on": "2026-11-20"},
                            "birth_certificate": {"number": "I-AB 123456",
                                                  "issued_on": "2015-06-10"}})
    assert send(client, body).status_code == 201
    [application] = applications(app)
    assert application.by_proxy and application.principal_iin == GUARDIAN_IIN
    assert (application.proxy_number, application.proxy_date.isoformat()) == ("N 77-1234",
                                                                              "2026-11-20")
    assert application.document_details == {
        "birth_certificate": {"number": "I-AB 123456", "issued_on": "2015-06-10"},
        "power_of_attorney": {"number": "N 77-1234", "issued_on": "2026-11-20"}}
    assert application.documents == ["application", "birth_certificate", "identity",
                                     "power_of_attorney"]
    assert application.applicant_patronymic == ""


@pytest.mark.parametrize(("body", "content_type"), [
    ('{"request_id": "egov-1", ', "application/json"),
    ("[1, 2, 3]", "application/json"),
    ('"a string"', "application/json"),
    ("null", "application/json"),
    ("", "application/json"),
    ("request_id=egov-1", "application/x-www-form-urlencoded"),
    (json.dumps(request_body()), "text/plain"),
    ("[" * 30_000 + "]" * 30_000, "application/json"),
    ('{"a": ' + "[" * 30_000 + "]" * 30_000 + "}", "application/json"),
    (b'{"applicant_surname": "\xff\xfe"}', "application/json"),
])
def test_a_body_that_is_no_json_object_is_a_400(app, client, body, content_type):
    response = api(client, "POST", REQUESTS, data=body, content_type=content_type)
    assert (response.status_code, response.get_json()["error"]) == (400, "bad_request")
    assert applications(app) == []


def test_numbers_json_allows_but_no_field_takes_are_wrong_types(app, client):
    body = json.dumps(request_body()).replace('"consent": true', '"consent": NaN')
    body = body.replace('"child_born_abroad": false', '"child_born_abroad": 1e999')
    response = api(client, "POST", REQUESTS, data=body, content_type="application/json")
    assert response.status_code == 422
    assert refused_fields(response) == {"consent": "wrong_type", "child_born_abroad": "wrong_type"}


def test_a_nul_or_a_lone_surrogate_is_a_400(app, client):
    for body in ('{"request_id": "egov-1", "applicant_surname": "a\\u0000b"}',
                 '{"applicant_surname": "\\ud800"}'):
        response = api(client, "POST", REQUESTS, data=body, content_type="application/json")
        assert (response.status_code, response.get_json()["error"]) == (400, "bad_request")


def test_a_body_over_64_kib_is_a_413(app, client):
    response = send(client, request_body(applicant_address="x" * 70_000))
    assert (response.status_code, response.get_json()["error"]) == (413, "too_large")


def test_an_unknown_or_malformed_request_id_in_the_address_is_a_404(app, client):
    for request_id in ("egov-unknown", "a b", "x" * 65, "..", "~", "%D0%B0"):
        for template in (ONE, PDF):
            response = api(client, "GET", template, request_id=request_id)
            assert response.status_code == 404, (template, request_id)
            assert response.get_json()["error"] == "not_found"
    for template in (ONE, PDF):
        response = api(client, "GET", template, request_id="egov%00")
        assert (response.status_code, response.get_json()["error"]) == (400, "bad_request")


def test_a_method_the_api_does_not_have_is_refused_as_json(client):
    response = client.delete("/api/v1/requests/egov-1", headers=TOKEN)
    assert response.status_code == 405
    assert response.get_json()["error"] == "method_not_allowed"


# The bookings API answers as described too

def test_the_bookings_apis_answers_match_the_description(app, client):
    slots = api(client, "GET", "/api/v1/bookings/slots",
                query_string={"service": "guardianship", "day": "2026-11-25"})
    assert slots.status_code == 200
    time = slots.get_json()["slots"][-1]["time"]
    body = {"request_id": "portal-1", "service": "guardianship", "day": "2026-11-25",
            "time": time}
    made = api(client, "POST", "/api/v1/bookings", json=body)
    assert made.status_code == 201
    assert api(client, "POST", "/api/v1/bookings", json=body).status_code == 200
    assert api(client, "POST", "/api/v1/bookings", json={**body, "time": "07:00"}) \
        .status_code == 409
    code = made.get_json()["code"]
    for template, method, status in (
            ("/api/v1/bookings/{code}", "GET", 200), ("/api/v1/bookings/{code}", "DELETE", 200),
            ("/api/v1/bookings/{code}", "DELETE", 409)):
        response = client.open(template.replace("{code}", code), method=method, headers=TOKEN)
        check_described(response, template, method)
        assert response.status_code == status
    for response, template, method in (
            (client.get("/api/v1/bookings/ZZZZZZ", headers=TOKEN), "/api/v1/bookings/{code}",
             "GET"),
            (client.post("/api/v1/bookings", data="[", content_type="application/json",
                         headers=TOKEN), "/api/v1/bookings", "POST"),
            (client.post("/api/v1/bookings", data="[" * 30_000 + "]" * 30_000,
                         content_type="application/json", headers=TOKEN),
             "/api/v1/bookings", "POST"),
            (client.post("/api/v1/bookings", json={**body, "day": "25.11.2026"}, headers=TOKEN),
             "/api/v1/bookings", "POST"),
            (client.get("/api/v1/bookings/slots?service=guardianship&day=x", headers=TOKEN),
             "/api/v1/bookings/slots", "GET"),
            (client.get("/api/v1/bookings/slots"), "/api/v1/bookings/slots", "GET")):
        check_described(response, template, method)
        assert response.status_code in (400, 401, 404, 422)
