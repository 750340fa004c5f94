"""Logs carry no personal data. The whole journey with every logger at debug, behind the
development server and behind gunicorn, leaves no IIN, name, phone, address, certificate code or
ticket token in any log line; a database error names no one either."""

import json
import logging
import re
import traceback
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from sqlalchemy.exc import IntegrityError

from config import DevelopmentConfig, ProductionConfig, TestingConfig
from kiosk import create_app
from kiosk.accounts.models import User
from kiosk.admin.demo import load_demo_data
from kiosk.casework.cases import new_application
from kiosk.casework.certificates.models import Certificate
from kiosk.casework.models import Application
from kiosk.line.models import Ticket
from kiosk.web.clock import SettableClock, now
from kiosk.web.extensions import db, limiter
from kiosk.web.logs import redact
from tests.casework_helpers import CHILD_IIN, add_registry_record, application_fields
from tests.conftest import OPEN_MOMENT, STAFF_PASSWORD, csrf_of, empty_tables, sign_in
from tests.helpers import hidden_inputs
from tests.servers import gunicorn, threaded
from tests.test_handover import found, hand_over
from tests.test_intake import call_next, decide, press, save_application

APPLICANT = application_fields()
PERSONAL_FIELDS = ("applicant_surname", "applicant_name", "applicant_patronymic",
                   "applicant_iin", "applicant_phone", "applicant_address", "child_surname",
                   "child_name", "child_iin")
CODE_RUN = 30  # this many digits of a certificate code in a row give it away
STAFF = (("operator", "window-one"), ("provider", "officer"))


# The secrets, and the log lines that hold one

def personal_data(fields: dict[str, str]) -> set[str]:
    """The applicant's and the child's IINs, names, phone and address: as typed, as an address
    would encode them, and the phone's digits alone."""
    values = {re.sub(r"\D", "", fields["applicant_phone"])}
    for name in PERSONAL_FIELDS:
        value = fields[name]
        values |= {value, urllib.parse.quote(value), urllib.parse.quote_plus(value)}
    return values


def leaks(lines: list[str], secrets: set[str], code: str = "") -> list[str]:
    """The lines holding a secret, or a run of the certificate code's digits (spaced or not)."""
    runs = {code[start:start + CODE_RUN] for start in range(len(code) - CODE_RUN + 1)}
    return [line for line in lines
            if any(secret in line for secret in secrets)
            or any(run in re.sub(r"\D", "", line) for run in runs)]


# Browsers over HTTP: the kiosk's screen, the applicant's phone, a window's and the provider's

class Answer:
    """A response, read the way the tests read the test client's."""

    def __init__(self, status: int, headers, body: bytes):
        self.status_code, self.headers, self.body = status, headers, body

    def get_data(self, as_text: bool = False):
        return self.body.decode() if as_text else self.body


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads the redirect, as the test client shows it


class Browser:
    """Keeps its cookies, sends the page it is on as the referrer and htmx's header on a poll,
    and answers like the test client (redirects not followed)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), KeepRedirects())
        self.page = ""

    def open(self, method: str, path: str, data=None, query_string=None, headers=None) -> Answer:
        url = path if path.startswith("http") else self.base_url + path
        if query_string:
            url += "?" + urllib.parse.urlencode(query_string)
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {**({"Referer": self.page} if self.page else {}), **(headers or {})}
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                answer = Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as other:
            answer = Answer(other.code, other.headers, other.read())
        if "HX-Request" not in headers:  # htmx's requests leave the browser on its page
            self.page = url
        return answer

    def get(self, path: str, query_string=None, headers=None) -> Answer:
        return self.open("GET", path, query_string=query_string, headers=headers)

    def post(self, path: str, data=None, headers=None) -> Answer:
        return self.open("POST", path, data=data, headers=headers)

    def visit(self, path: str) -> str:
        """Open a page that must be there and follow its redirect; the page's text."""
        answer = self.get(path)
        if answer.status_code in (302, 303):
            answer = self.get(answer.headers["Location"])
        assert answer.status_code == 200, (path, answer.status_code)
        return answer.get_data(as_text=True)

    def poll(self, path: str) -> None:
        assert self.get(path, headers={"HX-Request": "true"}).status_code == 200, path


# The journey

def take_ticket(kiosk: Browser) -> str:
    """At the kiosk: a guardianship ticket; its token."""
    form = hidden_inputs(kiosk.visit("/kiosk/services/guardianship"))
    taken = kiosk.post("/kiosk/tickets", {**form, "category": ""})
    kiosk.visit(taken.headers["Location"])
    return taken.headers["Location"].rsplit("/", 1)[-1]


def take_ticket_with_application(kiosk: Browser, applicant: dict[str, str]) -> str:
    """At the kiosk: a guardianship ticket, then the application typed in; the ticket's token."""
    token = take_ticket(kiosk)
    form = hidden_inputs(kiosk.visit(f"/kiosk/ticket/{token}/application"))
    sent = kiosk.post(f"/kiosk/ticket/{token}/application", {**form, **applicant})
    assert sent.status_code == 303, sent.get_data(as_text=True)
    kiosk.visit(sent.headers["Location"])
    return token


def follow(phone: Browser, ticket: str, request: str | None = None) -> None:
    """The applicant's phone on the ticket's page (and the request's), each polled once."""
    phone.visit(f"/t/{ticket}")
    phone.poll(f"/t/{ticket}/status")
    if request:
        phone.visit(f"/r/{request}")
        phone.poll(f"/r/{request}/status")


def signed_in(base_url: str, username: str, window: int | None = None) -> Browser:
    staff = Browser(base_url)
    assert sign_in(staff, username, window).status_code == 302
    return staff


def one(app, statement):
    with app.app_context():
        return db.session.execute(statement).one()


def at_window(app, window: Browser, token: str) -> int:
    """Call the next applicant, the holder of ``token``, who comes; the ticket's id."""
    call_next(window)
    (ticket,) = one(app, db.select(Ticket.id).filter_by(token=token))
    assert press(window, "/staff/window/act/start", ticket_id=str(ticket)).status_code == 302
    return ticket


def goodbye(window: Browser, ticket: int) -> None:
    assert press(window, "/staff/window/act/finish", ticket_id=str(ticket)).status_code == 302


def serve_at_window(app, window: Browser, token: str) -> int:
    """The application checked and accepted at the window; the receipt. The request's id."""
    ticket = at_window(app, window, token)
    assert save_application(window, ticket).status_code == 303
    (request,) = one(app, db.select(Application.id).filter_by(ticket_id=ticket))
    accepted = decide(window, ticket, request, "accept")
    assert accepted.status_code == 303, accepted.get_data(as_text=True)
    window.visit(accepted.headers["Location"])  # the receipt
    goodbye(window, ticket)
    return request


def confirm_at_provider(app, provider: Browser, request: int) -> None:
    """The registry gets the order; the provider confirms the request with it."""
    with app.app_context():
        record = add_registry_record().id
    page = f"/staff/provider/{request}"
    provider.visit(page)
    data = {"csrf_token": csrf_of(provider, page), "record_id": record}
    assert provider.post(f"{page}/confirm", data=data).status_code == 302


def hand_over_certificate(app, window: Browser, token: str, request: int,
                          request_token: str) -> str:
    """The applicant back with a new ticket at the window: their request found by the receipt's
    QR, then by its number; the certificate printed and handed over against their IIN. The
    certificate's code."""
    ticket = at_window(app, window, token)
    scanned = app.config["PUBLIC_URL"] + f"/r/{request_token}"
    assert found(window, number=scanned).status_code == 200
    (number,) = one(app, db.select(Application.number).filter_by(id=request))
    assert found(window, number=number).status_code == 200
    certificate, code = one(app, db.select(Certificate.id, Certificate.code)
                            .filter_by(application_id=request))
    page = f"/staff/certificates/{certificate}"
    window.visit(page)
    printed = window.post(f"{page}.pdf", data={"csrf_token": csrf_of(window, page)})
    assert printed.status_code == 200, printed.status_code
    handed = hand_over(window, request, iin=APPLICANT["applicant_iin"])
    assert handed.status_code == 303, handed.get_data(as_text=True)
    goodbye(window, ticket)
    return code


def verify(phone: Browser, code: str, child_iin: str) -> None:
    """Scan the certificate's QR, reveal the names with the child's IIN, ask the JSON too."""
    phone.visit(f"/v/{code}")
    form = hidden_inputs(phone.visit(f"/v/{code}/reveal"))
    revealed = phone.post(f"/v/{code}/reveal", {**form, "iin": child_iin})
    assert APPLICANT["child_name"] in revealed.get_data(as_text=True)
    phone.visit(f"/api/v1/verify/{code}")


def whole_journey(app, base_url: str) -> tuple[set[str], str]:
    """From the kiosk to the handover and a check of the certificate, all over HTTP at
    ``base_url``: the tickets' and the request's tokens, and the certificate's code."""
    kiosk, phone = Browser(base_url), Browser(base_url)
    ticket = take_ticket_with_application(kiosk, APPLICANT)
    follow(phone, ticket)
    window = signed_in(base_url, "window-one", window=1)
    request = serve_at_window(app, window, ticket)
    (request_token,) = one(app, db.select(Application.token).filter_by(id=request))
    follow(phone, ticket, request_token)
    confirm_at_provider(app, signed_in(base_url, "officer"), request)
    back = take_ticket(kiosk)  # the applicant comes back for the certificate
    follow(phone, back, request_token)
    code = hand_over_certificate(app, window, back, request, request_token)
    verify(phone, code, CHILD_IIN)
    follow(phone, ticket, request_token)
    return {ticket, back, request_token}, code


# The hall as it runs outside tests

def hall_app(config, database_url: str, key_file: str):
    """The app with ``config`` on the test database, with the demo hall and its staff."""
    app = create_app(config, SQLALCHEMY_DATABASE_URI=database_url, SIGNING_KEY_FILE=key_file,
                     RATELIMIT_STORAGE_URI="memory://")  # this process alone: none reached
    app.extensions["clock"] = SettableClock(OPEN_MOMENT)
    limiter.reset()
    with app.app_context():
        empty_tables()
        load_demo_data()
        for role, username in STAFF:
            user = User(username=username, role=role, full_name="Test Staff")
            user.set_password(STAFF_PASSWORD)
            db.session.add(user)
        db.session.commit()
    return app


@pytest.fixture
def halls(migrated_url, signing_key_file):
    """Make the app with a config class, as a hall runs it; each disposed of afterwards."""
    made = []

    def hall(config=DevelopmentConfig, key_file: str = signing_key_file):
        made.append(hall_app(config, migrated_url, key_file))
        return made[-1]

    yield hall
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def every_logger_at_debug(caplog) -> None:
    """The root and every logger with a level of its own (the migrations' logging config sets
    SQLAlchemy's engine to warnings) at debug."""
    caplog.set_level(logging.DEBUG)
    named = [name for name, logger in logging.root.manager.loggerDict.items()
             if isinstance(logger, logging.Logger) and logger.level != logging.NOTSET]
    for name in (*named, "sqlalchemy.engine", "werkzeug"):
        caplog.set_level(logging.DEBUG, logger=name)


def test_the_journey_behind_the_development_server_leaves_no_personal_data_in_any_log(
        halls, caplog):
    hall = halls()  # the development config: what `make run` and KIOSK_ENV's default serve
    every_logger_at_debug(caplog)
    with threaded(hall) as base_url:
        tokens, code = whole_journey(hall, base_url)

    lines = caplog.text.splitlines()
    assert any("SELECT" in line for line in lines), "the statements were logged"
    assert any('"GET /v/' in line for line in lines), "the server's requests were logged"
    assert leaks(lines, personal_data(APPLICANT) | tokens, code) == []


@pytest.mark.server
def test_the_journey_behind_gunicorn_leaves_no_personal_data_in_its_logs(
        halls, tmp_path, signing_key_file):
    hall = halls()
    logging_config = tmp_path / "logging.json"  # every logger at debug, on gunicorn's stderr
    logging_config.write_text(json.dumps({
        "root": {"level": "DEBUG", "handlers": ["error_console"]},
        "loggers": {"sqlalchemy": {"level": "DEBUG"}},
    }))
    options = ("--log-level", "debug", "--access-logfile", "-",
               "--log-config-json", str(logging_config))
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output, gunicorn(
            hall.config["SQLALCHEMY_DATABASE_URI"], workers=2, options=options, output=output,
            KIOSK_SIGNING_KEY_FILE=signing_key_file) as base_url:
        tokens, code = whole_journey(hall, base_url)

    lines = log.read_text().splitlines()
    assert any("SELECT" in line for line in lines), "the statements were logged"
    assert any('"GET /v/' in line for line in lines), "the access log was written"
    assert leaks(lines, personal_data(APPLICANT) | tokens, code) == []


@pytest.mark.parametrize(("line", "logged"), [
    ("GET /t/6b0bf3d6-x_Q HTTP/1.1", "GET /t/[token] HTTP/1.1"),
    ("GET /t/6b0bf3d6-x_Q/status HTTP/1.1", "GET /t/[token]/status HTTP/1.1"),
    ("POST /kiosk/ticket/6b0bf3d6/application HTTP/1.1",
     "POST /kiosk/ticket/[token]/application HTTP/1.1"),
    ("GET /r/UsCgP3Xz?lang=ru HTTP/1.1", "GET /r/[token]?lang=ru HTTP/1.1"),
    ("GET /staff/applications/handover?number=https%3A%2F%2Fhall.kz%2Fr%2FUsCgP3Xz HTTP/1.1",
     "GET /staff/applications/handover?number=https%3A%2F%2Fhall.kz%2Fr%2F[token] HTTP/1.1"),
    ("GET /staff/applications/handover?token=UsCgP3Xz HTTP/1.1",
     "GET /staff/applications/handover?token=[token] HTTP/1.1"),
    ("POST /v/0123456789/reveal HTTP/1.1", "POST /v/[code]/reveal HTTP/1.1"),
    ("GET /api/v1/verify/0123456789 HTTP/1.1", "GET /api/v1/verify/[code] HTTP/1.1"),
    ("GET /v/?code=7K3M-Q9XD-2HBF HTTP/1.1", "GET /v/?code=[code] HTTP/1.1"),
    ("GET /v/?lang=ru&code=7k3m+q9xd%202hbf HTTP/1.1", "GET /v/?lang=ru&code=[code] HTTP/1.1"),
    ("GET /v/?lang=ru HTTP/1.1", "GET /v/?lang=ru HTTP/1.1"),
    ('"GET /t/abc/status HTTP/1.1" 200 442 "https://hall.kz/t/abc"',
     '"GET /t/[token]/status HTTP/1.1" 200 442 "https://hall.kz/t/[token]"'),
    ("DELETE /api/v1/bookings/K7Q2MX HTTP/1.1", "DELETE /api/v1/bookings/[code] HTTP/1.1"),
    ("GET /api/v1/bookings/slots?day=2026-12-01 HTTP/1.1",
     "GET /api/v1/bookings/slots?day=2026-12-01 HTTP/1.1"),
    ("GET /api/v1/requests/egov-2026-000123 HTTP/1.1", "GET /api/v1/requests/[code] HTTP/1.1"),
    ("GET /api/v1/requests/egov-2026-000123/certificate.pdf HTTP/1.1",
     "GET /api/v1/requests/[code]/certificate.pdf HTTP/1.1"),
    ("POST /api/v1/requests HTTP/1.1", "POST /api/v1/requests HTTP/1.1"),
    ("GET /api/v1/openapi.json HTTP/1.1", "GET /api/v1/openapi.json HTTP/1.1"),
    ("POST /kiosk/tickets HTTP/1.1", "POST /kiosk/tickets HTTP/1.1"),
    ("GET /staff/supervisor/tickets/12 HTTP/1.1", "GET /staff/supervisor/tickets/12 HTTP/1.1"),
])
def test_a_request_line_shows_the_page_but_not_whose_ticket_request_or_certificate(line, logged):
    assert redact(line) == logged


# A database error names no one

def production(key_file: str) -> type[ProductionConfig]:
    """Production with the settings a hall gives it in its environment."""
    return type("HallProduction", (ProductionConfig,), {
        "SECRET_KEY": "a-production-secret-of-at-least-32-characters",
        "SIGNING_KEY_FILE": key_file, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"})


def second_open_request_for_the_child(app) -> IntegrityError:
    """Two requests for one child: the database refuses the second open one."""
    with app.app_context():
        for _ in range(2):
            request = new_application(now())
            for name in PERSONAL_FIELDS:
                setattr(request, name, APPLICANT[name])
            request.open_child_iin = CHILD_IIN
            try:
                db.session.commit()
            except IntegrityError as refused:
                db.session.rollback()
                return refused
    raise AssertionError("the second open request was accepted")


def logged(error: Exception) -> list[str]:
    """What a log records of an error: its traceback, with the driver's error it wraps."""
    return "".join(traceback.format_exception(error)).splitlines()


@pytest.mark.parametrize("env", ["development", "production"])
def test_a_database_error_outside_tests_names_no_iin_and_no_name(halls, env, tmp_path):
    key_file = str(tmp_path / "keys.json")
    config = production(key_file) if env == "production" else DevelopmentConfig
    lines = logged(second_open_request_for_the_child(halls(config, key_file)))
    assert any("unique" in line.lower() for line in lines), lines
    assert leaks(lines, personal_data(APPLICANT)) == []


def test_tests_still_see_the_values_of_a_failed_statement(halls):
    lines = logged(second_open_request_for_the_child(halls(TestingConfig)))
    assert leaks(lines, {CHILD_IIN})
