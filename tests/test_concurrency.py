"""A hall at scale against gunicorn's several workers: four thousand tickets taken at once get
distinct, gapless numbers, and twenty windows calling at once never call one applicant twice."""

import secrets
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from kiosk.accounts.models import Role, User
from kiosk.hall.models import Service
from kiosk.line.models import Ticket, TicketEvent, Window
from kiosk.line.tickets import ordered_token
from kiosk.line.tickets import take_ticket as issue
from kiosk.web.extensions import db
from tests.conftest import STAFF_PASSWORD
from tests.helpers import hidden_inputs
from tests.load import SERVICES, Browser, Operator, numbers_per_line, ticket_form, token_of
from tests.servers import gunicorn

pytestmark = pytest.mark.server

TICKETS = 4_000
KIOSKS = 40  # touchscreens tapping at once: ten times a big hall's
WINDOWS = 20
CALLS = 500
READY_SECONDS = 120  # for every kiosk or window to open its screen before they all start


class Start:
    """The moment every kiosk (or window) starts at once, and the time since."""

    def __init__(self, parties: int):
        self.at = None
        self.barrier = threading.Barrier(parties, action=self.mark, timeout=READY_SECONDS)

    def mark(self) -> None:
        self.at = time.monotonic()

    def wait(self) -> None:
        self.barrier.wait()

    def seconds(self) -> float:
        return time.monotonic() - self.at


def kiosk_at_work(base_url: str, service: str, tickets: int, start: Start):
    """One kiosk taking tickets one after another, as fast as applicants could never tap.

    It opens its ticket screen once, for its session's CSRF token, as a real kiosk does; then
    each ticket carries a kiosk key of its own, as each new screen's would (opening the screen
    again for every ticket would double the load without touching what is raced: the number).
    """
    browser = Browser(base_url)
    form = ticket_form(browser, service)
    start.wait()
    taken = []
    for _ in range(tickets):
        form["idempotency_key"] = ordered_token(datetime.now(UTC))
        answer = browser.post("/kiosk/tickets", form)
        taken.append((service, answer.status, token_of(answer)))
    return taken


def tokens_kept(app) -> list[str]:
    with app.app_context():
        return db.session.execute(db.select(Ticket.token)).scalars().all()


def test_four_thousand_tickets_taken_at_once_get_four_thousand_distinct_gapless_numbers(app):
    start = Start(KIOSKS)
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], workers=4) as base_url, \
            ThreadPoolExecutor(KIOSKS) as pool:
        kiosks = [pool.submit(kiosk_at_work, base_url, SERVICES[i % len(SERVICES)],
                              TICKETS // KIOSKS, start) for i in range(KIOSKS)]
        taken = [ticket for kiosk in kiosks for ticket in kiosk.result()]
        seconds = start.seconds()
    assert Counter(status for _, status, _ in taken) == {303: TICKETS}
    tokens = [token for _, _, token in taken]
    assert len(set(tokens)) == TICKETS
    assert sorted(tokens_kept(app)) == sorted(tokens)  # each answer is a ticket, and no other
    numbers = numbers_per_line(app)
    for line, taken_numbers in numbers.items():
        assert taken_numbers == list(range(1, len(taken_numbers) + 1)), line
    per_service = Counter()
    for (code, _day), taken_numbers in numbers.items():
        per_service[code] += len(taken_numbers)
    assert per_service == Counter(service for service, _, _ in taken)
    print(f"\n{TICKETS} tickets from {KIOSKS} kiosks in {seconds:.0f} s: "
          f"{sum(len(n) for n in numbers.values())} distinct numbers, gapless per service")


def prepare_hall(app) -> list[tuple[str, int]]:
    """Twenty windows serving every service, each with its operator, and a line of five hundred
    applicants taken just now."""
    accounts = []
    with app.app_context():
        services = db.session.execute(
            db.select(Service).where(Service.code.in_(SERVICES))).scalars().all()
        for number in range(101, 101 + WINDOWS):
            user = User(username=f"op{number}", role=Role.OPERATOR, full_name=f"Operator {number}")
            user.set_password(STAFF_PASSWORD)
            db.session.add_all([user, Window(number=number, services=services)])
            accounts.append((user.username, number))
        db.session.commit()
        for index in range(CALLS):
            issue(services[index % len(services)], None, secrets.token_urlsafe(16), "kk",
                  datetime.now(UTC))
    return accounts


def window_at_work(base_url: str, username: str, number: int, start: Start):
    """One window calling, serving and finishing applicants until nobody is left."""
    window = Operator(base_url, username, number)
    start.wait()
    called = []
    desk = window.act("call")
    while desk.status == 200:
        ticket_id = hidden_inputs(desk.text)["ticket_id"]
        called.append(ticket_id)
        # Serving is not what is raced here: the plain form spares rendering the desk twice.
        assert window.act("start", ticket_id, htmx=False).status == 302
        assert window.act("finish", ticket_id, htmx=False).status == 302
        desk = window.act("call")
    # A window stops only when nobody is left: never because another window took a ticket.
    assert desk.status == 409 and "Nobody is waiting for this window." in desk.text, desk.text
    assert all(window.act("call").status == 409 for _ in range(2))
    return called


def test_twenty_windows_calling_five_hundred_at_once_never_call_the_same_applicant(app):
    accounts = prepare_hall(app)
    start = Start(WINDOWS)
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], workers=4,
                  KIOSK_LOGIN_RATE_LIMIT="1000 per minute") as base_url, \
            ThreadPoolExecutor(WINDOWS) as pool:
        windows = [pool.submit(window_at_work, base_url, user, number, start)
                   for user, number in accounts]
        called_per_window = [window.result() for window in windows]
        seconds = start.seconds()
    answered = [ticket for called in called_per_window for ticket in called]
    with app.app_context():
        calls = db.session.execute(
            db.select(TicketEvent.ticket_id).filter_by(action="call")).scalars().all()
        statuses = db.session.execute(db.select(Ticket.status)).scalars().all()
    assert len(answered) == len(set(answered)) == CALLS
    assert len(calls) == len(set(calls)) == CALLS
    assert statuses == ["served"] * CALLS
    shares = sorted(len(called) for called in called_per_window)
    print(f"\n{len(calls)} calls from {WINDOWS} windows in {seconds:.0f} s: {len(set(calls))} "
          f"applicants called, {len(calls) - len(set(calls))} twice; each window called "
          f"{shares[0]} to {shares[-1]}")
