"""Kiosks and windows as the load tests drive them: plain HTTP with cookies, from many threads."""

import http.client
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass

from kiosk.hall.models import Service
from kiosk.line.models import Ticket
from kiosk.web.extensions import db
from tests.conftest import STAFF_PASSWORD
from tests.helpers import hidden_inputs

TIMEOUT = 60  # seconds: a request queued behind thousands of others still gets its answer
TICKET_ADDRESS = "/kiosk/ticket/"
SERVICES = ("guardianship", "identity", "residence")
# What a screen says while the database is out of reach (kiosk/web/errors.py), in each language.
UNAVAILABLE = {
    "kk": "Жүйе уақытша қолжетімсіз. Сәл кейінірек қайталап көріңіз.",
    "ru": "Система временно недоступна. Пожалуйста, попробуйте ещё раз чуть позже.",
    "en": "The system is briefly unavailable. Please try again in a moment.",
}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


class Browser:
    """One screen's browser: its own cookies, a new connection per request (gunicorn's sync
    workers close each one anyway)."""

    def __init__(self, base_url: str, language: str | None = None):
        address = urllib.parse.urlsplit(base_url)
        self.host, self.port = address.hostname, address.port
        self.cookies = {"lang": language} if language else {}

    def get(self, path: str, headers: dict | None = None) -> Answer:
        return self.send("GET", path, None, headers or {})

    def post(self, path: str, fields: dict, headers: dict | None = None) -> Answer:
        form = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        return self.send("POST", path, urllib.parse.urlencode(fields), form)

    def send(self, method: str, path: str, body: str | None, headers: dict) -> Answer:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            cookies = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            connection.request(method, path, body, {"Cookie": cookies, **headers})
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode())
        finally:
            connection.close()
        self.keep_cookies(answer.headers)
        return answer

    def keep_cookies(self, headers: http.client.HTTPMessage) -> None:
        for cookie in headers.get_all("Set-Cookie") or ():
            name, _, rest = cookie.partition("=")
            value = rest.partition(";")[0]
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)  # an emptied session is deleted


def ticket_form(browser: Browser, service: str) -> dict[str, str]:
    """Open a service's ticket screen as a kiosk does: its CSRF token and its own kiosk key."""
    answer = browser.get(f"/kiosk/services/{service}")
    assert answer.status == 200, (answer.status, answer.text[:300])
    return {**hidden_inputs(answer.text), "category": ""}


def token_of(answer: Answer) -> str | None:
    """The ticket a successful take redirects to."""
    location = answer.headers.get("Location") or ""
    return location.partition(TICKET_ADDRESS)[2] or None


class Operator:
    """An operator's browser signed in at a window."""

    def __init__(self, base_url: str, username: str, number: int):
        self.browser = Browser(base_url, "en")
        login = hidden_inputs(self.browser.get("/staff/login").text)
        login.update(username=username, password=STAFF_PASSWORD, window=str(number))
        answer = self.browser.post("/staff/login", login)
        assert answer.status == 302, (answer.status, answer.text[:300])
        self.csrf = hidden_inputs(self.browser.get("/staff/window/").text)["csrf_token"]

    def act(self, action: str, ticket_id: str | None = None, htmx: bool = True) -> Answer:
        """Press a button on the window's desk: as htmx sends it (answered with the desk), or
        as a plain form (answered with a redirect, which is not followed)."""
        fields = {"csrf_token": self.csrf}
        if ticket_id is not None:
            fields["ticket_id"] = ticket_id
        headers = {"HX-Request": "true"} if htmx else {}
        return self.browser.post(f"/staff/window/act/{action}", fields, headers)


def numbers_per_line(app) -> dict[tuple[str, object], list[int]]:
    """Every ticket's number, per service and day, in the order the numbers go."""
    with app.app_context():
        rows = db.session.execute(
            db.select(Service.code, Ticket.day, Ticket.number).join(Ticket.service)
        ).all()
    numbers = defaultdict(list)
    for code, day, number in rows:
        numbers[(code, day)].append(number)
    return {line: sorted(taken) for line, taken in numbers.items()}
