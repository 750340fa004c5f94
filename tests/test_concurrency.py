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
