"""What a kiosk user does, as functions the tests share."""

import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

ROOT = Path(__file__).resolve().parent.parent


class HiddenInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.values[attributes["name"]] = attributes.get("value") or ""


def hidden_inputs(html: str) -> dict[str, str]:
    """Return the hidden fields of a page's forms, as a browser would send them."""
    parser = HiddenInputs()
    parser.feed(html)
    return parser.values


def ticket_form(client, service: str = "guardianship") -> dict[str, str]:
    """Open a service's ticket screen and return its form fields."""
    page = client.get(f"/kiosk/services/{service}")
    assert page.status_code == 200, page.status_code
    return hidden_inputs(page.get_data(as_text=True))


def take_ticket(client, service: str = "guardianship", category: str = "", **changes):
    """Tap through the kiosk to a ticket; return the POST's response (a redirect on success)."""
    fields = ticket_form(client, service)
    fields["category"] = category
    fields.update(changes)
    return client.post("/kiosk/tickets", data=fields)


def token_of(response) -> str:
    """Return the ticket token a successful take redirects to."""
    match = re.search(r"/kiosk/ticket/([A-Za-z0-9_-]+)$", response.headers["Location"])
    assert match, response.headers.get("Location")
    return match.group(1)


def text_of(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def booked_ticket(app, client, service: str = "guardianship"):
    """A booking whose slot begins at the clock's time, checked in at the kiosk with its code:
    the POST's response (a redirect to the booked ticket)."""
    from kiosk.hall.models import Service
    from kiosk.hall.settings import hall_zone
    from kiosk.line.models import Booking
    from kiosk.web.clock import now
    from kiosk.web.extensions import db
    from queue_mgr.line.bookings import new_code

    with app.app_context():
        moment, code = now(), new_code()
        service_id = db.session.execute(db.select(Service.id).filter_by(code=service)).scalar()
        db.session.add(Booking(code=code, service_id=service_id, slot_at=moment,
                               day=moment.astimezone(hall_zone()).date(), status="booked",
                               source="staff", created_at=moment))
        db.session.commit()
    page = client.get(f"/kiosk/services/{service}/booking")
    return client.post("/kiosk/bookings", data={**hidden_inputs(page.get_data(as_text=True)),
                                                "code": code})


def source_messages() -> set[str]:
    """Every message the code and templates mark for translation, read from the source as
    `make extract` reads it (not from a catalogue that may be stale)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(str(ROOT / "kiosk"), [(pattern.removeprefix("kiosk/"), method)
                                                   for pattern, method in method_map],
                             {pattern.removeprefix("kiosk/"): options
                              for pattern, options in options_map.items()},
                             keywords={**DEFAULT_KEYWORDS, "_l": None})
    return {message if isinstance(message, str) else message[0]
            for _file, _line, message, _comments, _context in found}
