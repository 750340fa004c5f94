"""Faults during a ticket load against gunicorn: a worker killed outright, the database server
restarted. Every ticket a kiosk was answered with exists afterwards and none twice; a request the
database could not serve gets the app's own 503 page in the kiosk's language; the hall recovers
by itself."""

import http.client
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from kiosk.line.models import Ticket
from kiosk.web.extensions import db
from tests.helpers import hidden_inputs
from tests.load import SERVICES, UNAVAILABLE, Answer, Browser, numbers_per_line, token_of
from tests.servers import database_stopped, gunicorn_server

pytestmark = pytest.mark.server

LANGUAGES = ("kk", "ru", "en")
KIOSKS = 12
FAULT_AT = 100  # tickets taken before each fault, and after the last one
KILLS = 3  # workers killed one after another: each one busy with a request, most likely
GIVE_UP_SECONDS = 60
RETRY_PAUSE = 0.05  # an applicant taps again: paces the retries, nothing waits on it
NO_ANSWER = None  # the connection closed with no answer (its worker was killed)


@dataclass(frozen=True)
class Heard:
    """One answer a kiosk got (or none), and when."""

    language: str
    status: int | None
    page: str
    at: float


class Load:
    """Kiosks taking tickets through faults, as the threads share it: whether to go on, each
    kiosk screen's ticket, and every answer any request got."""

    def __init__(self):
        self.going = True
        self.changed = threading.Condition()
        self.tickets: dict[str, str] = {}  # a kiosk screen's key -> the ticket it was answered
        self.answers: list[Heard] = []
        self.failure: BaseException | None = None  # a kiosk's, so the test stops waiting

    def another(self) -> bool:
        """Whether a kiosk should take another ticket (one it has begun, it finishes)."""
        with self.changed:
            return self.going

    def stop(self) -> None:
        with self.changed:
            self.going = False

    def heard(self, language: str, status: int | None, page: str) -> None:
        with self.changed:
            self.answers.append(Heard(language, status, page, time.monotonic()))
            self.changed.notify_all()

    def took(self, key: str, token: str) -> None:
        with self.changed:
            assert key not in self.tickets, "a kiosk screen was answered with a ticket twice"
            self.tickets[key] = token
            self.changed.notify_all()

    def failed(self, error: BaseException) -> None:
        with self.changed:
            self.failure = self.failure or error
            self.changed.notify_all()

    def wait_until(self, condition, seconds: float = GIVE_UP_SECONDS) -> None:
        """Wait until the load's state meets the condition (woken by every answer)."""
        with self.changed:
            met = self.changed.wait_for(lambda: self.failure or condition(self), seconds)
            if self.failure is not None:
                raise AssertionError("a kiosk failed") from self.failure
            answers = Counter(heard.status for heard in self.answers[-100:])
            assert met, f"the load stalled at {len(self.tickets)} tickets; last answers {answers}"

    def statuses(self) -> Counter:
        with self.changed:
            return Counter(heard.status for heard in self.answers)


def until_served(load: Load, language: str, send, *request) -> Answer:
    """Send a request again (as the applicant taps again) while the answer is 'unavailable' or
    none at all; return the first other answer."""
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while time.monotonic() < deadline:
        try:
            answer = send(*request)
        except (OSError, http.client.HTTPException):
            load.heard(language, NO_ANSWER, "")
        else:
            load.heard(language, answer.status, answer.text)
            if answer.status != 503:
                return answer
        time.sleep(RETRY_PAUSE)
    raise AssertionError(f"no answer but 'unavailable' for {GIVE_UP_SECONDS} s")


def kiosk_through_faults(base_url: str, service: str, language: str, load: Load) -> None:
    """A kiosk taking tickets while the load goes on, each from its own screen, sending the
    screen again until it is answered."""
    browser = Browser(base_url, language)
    try:
        while load.another():
            page = until_served(load, language, browser.get, f"/kiosk/services/{service}")
            assert page.status == 200, page.text[:300]
            form = {**hidden_inputs(page.text), "category": ""}
            answer = until_served(load, language, browser.post, "/kiosk/tickets", form)
            assert answer.status == 303, answer.text[:300]
            load.took(form["idempotency_key"], token_of(answer))
    except BaseException as error:
        load.failed(error)
        raise


@contextmanager
def ticket_load(base_url: str):
    """Kiosks taking tickets until the block ends (each finishes the ticket it has begun)."""
    load = Load()
    with ThreadPoolExecutor(KIOSKS) as pool:
        kiosks = [pool.submit(kiosk_through_faults, base_url, SERVICES[i % len(SERVICES)],
                              LANGUAGES[i % len(LANGUAGES)], load) for i in range(KIOSKS)]
        try:
            yield load
        finally:
            load.stop()
        for kiosk in kiosks:
            kiosk.result()


def taken_at_least(count: int):
    return lambda load: len(load.tickets) >= count


def assert_every_answered_ticket_kept_once(app, load: Load) -> None:
    with app.app_context():
        kept = db.session.execute(db.select(Ticket.idempotency_key, Ticket.token)).all()
    assert dict(kept) == load.tickets  # each answered ticket is there, and nothing else
    assert len(set(load.tickets.values())) == len(load.tickets)
    for line, numbers in numbers_per_line(app).items():
        assert numbers == list(range(1, len(numbers) + 1)), line


def test_workers_killed_during_a_ticket_load_lose_no_ticket_and_issue_none_twice(app):
    killed = []
    with gunicorn_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=4) as server, \
            ticket_load(server.url) as load:
        for kill in range(1, KILLS + 1):
            load.wait_until(taken_at_least(kill * FAULT_AT))
            killed.append(server.kill_worker())  # and gunicorn replaced it
        load.wait_until(taken_at_least((KILLS + 1) * FAULT_AT))
    statuses = load.statuses()
    assert set(statuses) <= {200, 303, NO_ANSWER}, statuses
    assert_every_answered_ticket_kept_once(app, load)
    print(f"\n{len(killed)} workers killed: {len(load.tickets)} tickets, {statuses[NO_ANSWER]} "
          f"requests cut off with no answer and sent again, none lost or doubled")


def test_a_database_restart_during_a_ticket_load_is_answered_503_and_loses_no_ticket(
    app, database_server
):
    with gunicorn_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=4) as server, \
            ticket_load(server.url) as load:
        load.wait_until(taken_at_least(FAULT_AT))
        with database_stopped(database_server):
            load.wait_until(unavailable_in_every_language)
        load.wait_until(taken_at_least(len(load.tickets) + FAULT_AT))
    statuses = load.statuses()
    assert set(statuses) <= {200, 303, 503, NO_ANSWER}, statuses
    assert_unavailable_pages_in_their_languages(load)
    assert_every_answered_ticket_kept_once(app, load)
    print(f"\n{outage_figures(load)}; {statuses[NO_ANSWER]} unanswered, {statuses[500]} "
          f"answered 500; {len(load.tickets)} tickets, none lost or doubled")


def unavailable_in_every_language(load: Load) -> bool:
    return {heard.language for heard in load.answers if heard.status == 503} == set(LANGUAGES)


def assert_unavailable_pages_in_their_languages(load: Load) -> None:
    for heard in load.answers:
        if heard.status == 503:
            assert UNAVAILABLE[heard.language] in heard.page, heard.page[:500]
            assert 'class="error-page' in heard.page and "Traceback" not in heard.page


def outage_figures(load: Load) -> str:
    """How long the kiosks were answered 503, how often in each language, and how soon after
    the last 503 a ticket was taken again."""
    unavailable = [heard for heard in load.answers if heard.status == 503]
    first, last = unavailable[0].at, unavailable[-1].at
    back = next(heard.at for heard in load.answers if heard.status == 303 and heard.at > last)
    languages = Counter(heard.language for heard in unavailable)
    return (f"503 for {last - first:.1f} s: {len(unavailable)} requests ({dict(languages)}); "
            f"the next ticket {back - last:.2f} s after the last 503")
