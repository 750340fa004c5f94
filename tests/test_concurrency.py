"""Many kiosks at once against gunicorn's several workers: numbers never repeat, never skip."""

import http.cookiejar
import threading
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest

from kiosk.extensions import db
from kiosk.models import Service, Ticket
from tests.helpers import hidden_inputs
from tests.servers import gunicorn

KIOSKS = 20
TICKETS_EACH = 10
SERVICES = ("guardianship", "identity", "residence")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def kiosk_session(base_url: str, service: str, start: threading.Barrier) -> list[int]:
    """One kiosk taking tickets one after another, as applicants tap through it."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
    )
    statuses = []
    start.wait()
    for _ in range(TICKETS_EACH):
        with opener.open(f"{base_url}/kiosk/services/{service}", timeout=30) as page:
            fields = hidden_inputs(page.read().decode())
        body = urllib.parse.urlencode({**fields, "category": ""}).encode()
        try:
            opener.open(f"{base_url}/kiosk/tickets", data=body, timeout=30)
        except urllib.error.HTTPError as answer:  # the 303 is not followed
            statuses.append(answer.code)
    return statuses


@pytest.mark.server
def test_200_tickets_taken_at_once_by_20_kiosks_get_200_distinct_gapless_numbers(app):
    start = threading.Barrier(KIOSKS)
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], workers=4) as base_url, \
            ThreadPoolExecutor(KIOSKS) as pool:
        futures = [
            pool.submit(kiosk_session, base_url, SERVICES[i % len(SERVICES)], start)
            for i in range(KIOSKS)
        ]
        statuses = [status for future in futures for status in future.result()]
    assert statuses == [303] * KIOSKS * TICKETS_EACH
    with app.app_context():
        rows = db.session.execute(
            db.select(Service.code, Ticket.day, Ticket.number).join(Ticket.service)
        ).all()
    assert len(rows) == KIOSKS * TICKETS_EACH
    numbers = defaultdict(list)
    for code, day, number in rows:
        numbers[(code, day)].append(number)
    for key, taken in numbers.items():
        assert sorted(taken) == list(range(1, len(taken) + 1)), key
    expected = {code: sum(1 for i in range(KIOSKS) if SERVICES[i % 3] == code) * TICKETS_EACH
                for code in SERVICES}
    assert {code: len(taken) for (code, _), taken in numbers.items()} == expected


WINDOWS = 20
WAITING = 120


def prepare_hall(app) -> list[tuple[str, int]]:
    """Twenty windows with an operator each, and a line of applicants taken just now."""
    import secrets
    from datetime import UTC, datetime

    from kiosk.models import Role, User, Window
    from kiosk.tickets import take_ticket as issue
    from tests.conftest import STAFF_PASSWORD

    accounts = []
    with app.app_context():
        service = db.session.execute(db.select(Service).filter_by(code="guardianship")).scalar_one()
        for number in range(101, 101 + WINDOWS):
            user = User(username=f"op{number}", role=Role.OPERATOR, full_name=f"Operator {number}")
            user.set_password(STAFF_PASSWORD)
            db.session.add_all([user, Window(number=number, services=[service])])
            accounts.append((user.username, number))
        db.session.commit()
        for _ in range(WAITING):
            issue(service, None, secrets.token_urlsafe(16), "kk", datetime.now(UTC))
    return accounts


def window_session(base_url: str, username: str, number: int, start: threading.Barrier):
    """One window calling, serving and finishing applicants until nobody is left."""
    from tests.conftest import STAFF_PASSWORD

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
    )

    def post(path: str, fields: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(base_url + path, data=body,
                                         headers={"HX-Request": "true"})
        try:
            with opener.open(request, timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode()

    with opener.open(f"{base_url}/staff/login?lang=en", timeout=30) as page:
        fields = hidden_inputs(page.read().decode())
    fields.update(username=username, password=STAFF_PASSWORD, window=str(number))
    assert post("/staff/login", fields)[0] == 302
    with opener.open(f"{base_url}/staff/window/", timeout=30) as page:
        token = hidden_inputs(page.read().decode())["csrf_token"]
    start.wait()
    served = 0
    status, desk = post("/staff/window/act/call", {"csrf_token": token})
    while status == 200:
        ticket = {"csrf_token": token, "ticket_id": hidden_inputs(desk)["ticket_id"]}
        assert post("/staff/window/act/start", ticket)[0] == 200
        assert post("/staff/window/act/finish", ticket)[0] == 200
        served += 1
        status, desk = post("/staff/window/act/call", {"csrf_token": token})
    # A window stops only when nobody is left: never because another window took a ticket.
    assert status == 409 and "Nobody is waiting for this window." in desk, desk
    assert all(post("/staff/window/act/call", {"csrf_token": token})[0] == 409 for _ in range(2))
    return served


@pytest.mark.server
def test_twenty_windows_calling_at_once_never_call_the_same_applicant(app):
    accounts = prepare_hall(app)
    start = threading.Barrier(WINDOWS)
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], workers=4,
                  KIOSK_LOGIN_RATE_LIMIT="1000 per minute") as base_url, \
            ThreadPoolExecutor(WINDOWS) as pool:
        futures = [pool.submit(window_session, base_url, user, number, start)
                   for user, number in accounts]
        calls_per_window = [future.result() for future in futures]
    from kiosk.models import TicketEvent

    with app.app_context():
        called = db.session.execute(
            db.select(TicketEvent.ticket_id).filter_by(action="call")
        ).scalars().all()
        statuses = db.session.execute(db.select(Ticket.status)).scalars().all()
    assert sum(calls_per_window) == WAITING
    assert len(called) == len(set(called)) == WAITING
    assert statuses == ["served"] * WAITING
