"""The hall board: what a person in the hall reads on it, and how cheaply it stays up to date."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from sqlalchemy import event

from kiosk.line.models import Ticket
from kiosk.web.extensions import db
from tests.conftest import csrf_of
from tests.helpers import take_ticket, text_of, token_of

DESK = "/staff/window/"


@dataclass
class Row:
    number: str = ""
    window: str = ""
    classes: tuple = ()
    call_id: str = ""


@dataclass
class Board:
    """The board as a viewer reads it: calls now, last calls, and waiting counts per service."""

    calls: list[Row] = field(default_factory=list)
    history: list[Row] = field(default_factory=list)
    waiting: dict[str, int] = field(default_factory=dict)
    newest_call: str = ""

    @property
    def called(self) -> list[tuple[str, str]]:
        return [(row.number, row.window) for row in self.calls]

    @property
    def last_called(self) -> list[tuple[str, str]]:
        return [(row.number, row.window) for row in self.history]


class BoardParser(HTMLParser):
    """Read the board's rows and counts from its markup."""

    FIELDS = {"call-number": "number", "past-number": "number", "call-window": "window",
              "past-window": "window", "line-letter": "letter", "line-waiting": "count"}

    def __init__(self):
        super().__init__()
        self.board = Board()
        self.row = Row()
        self.letter = ""
        self.reading = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = tuple((attributes.get("class") or "").split())
        if "data-newest-call" in attributes:
            self.board.newest_call = attributes["data-newest-call"]
        if "call" in classes or "past-call" in classes:
            self.row = Row(classes=classes, call_id=attributes["data-call"])
            rows = self.board.calls if "call" in classes else self.board.history
            rows.append(self.row)
        self.reading = next((self.FIELDS[name] for name in classes if name in self.FIELDS),
                            self.reading)

    def handle_data(self, data):
        text = data.strip()
        if not text or self.reading is None:
            return
        if self.reading == "letter":
            self.letter = text
        elif self.reading == "count":
            self.board.waiting[self.letter] = int(text)
        else:
            setattr(self.row, self.reading, text)
        self.reading = None


def board_of(response) -> Board:
    parser = BoardParser()
    parser.feed(response.get_data(as_text=True))
    return parser.board


def act(client, action: str, **fields):
    """Press a window's button as htmx does; return the response."""
    data = {"csrf_token": csrf_of(client, DESK), **{k: str(v) for k, v in fields.items()}}
    response = client.post(f"/staff/window/act/{action}", data=data,
                           headers={"HX-Request": "true"})
    assert response.status_code == 200, text_of(response)
    return response


def ticket_id(app, response) -> int:
    with app.app_context():
        token = token_of(response)
        return db.session.execute(db.select(Ticket.id).filter_by(token=token)).scalar_one()


@pytest.fixture
def window1(staff_client):
    return staff_client("operator", window=1)


@pytest.fixture
def window2(staff_client):
    return staff_client("operator", window=2)


def test_the_board_is_public_and_shows_an_empty_hall_as_waiting_for_calls(client):
    response = client.get("/board")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Шақыруды күтіңіз Ожидайте вызова" in text_of(response)
    assert board_of(response).calls == []


def test_a_called_ticket_appears_on_the_board_with_its_window(client, window1):
    take_ticket(client)
    act(window1, "call")
    board = board_of(client.get("/board"))
    assert board.called == [("G001", "1")]
    assert board.last_called == [("G001", "1")]


def test_the_newest_call_comes_first_and_is_the_one_highlighted(client, window1, window2, clock):
    take_ticket(client)
    take_ticket(client)
    act(window1, "call")
    clock.advance(seconds=20)
    act(window2, "call")
    board = board_of(client.get("/board"))
    assert board.called == [("G002", "2"), ("G001", "1")]
    assert "newest" in board.calls[0].classes
    assert "newest" not in board.calls[1].classes


def test_a_recall_brings_the_ticket_back_to_the_top_highlighted_as_a_new_call(
    app, client, window1, window2, clock
):
    first = ticket_id(app, take_ticket(client))
    take_ticket(client)
    act(window1, "call")
    act(window2, "call")
    before = board_of(client.get("/board/live"))
    clock.advance(seconds=30)
    act(window1, "recall", ticket_id=first)
    board = board_of(client.get("/board/live"))
    assert board.called == [("G001", "1"), ("G002", "2")]
    assert "newest" in board.calls[0].classes
    assert board.newest_call != before.newest_call
    assert board.calls[0].call_id == board.newest_call
    assert "Қайта / Повторно" in text_of(client.get("/board/live"))
    assert board.last_called == [("G001", "1"), ("G002", "2"), ("G001", "1")]


def test_a_ticket_at_the_window_leaves_the_calls_but_stays_in_the_last_calls(
    app, client, window1
):
    served = ticket_id(app, take_ticket(client))
    act(window1, "call")
    act(window1, "start", ticket_id=served)
    board = board_of(client.get("/board"))
    assert board.called == []
    assert board.last_called == [("G001", "1")]


def test_the_board_counts_the_applicants_waiting_for_each_service(client, window1):
    for service in ("guardianship", "guardianship", "guardianship", "identity"):
        take_ticket(client, service)
    act(window1, "call")
    response = client.get("/board")
    assert board_of(response).waiting == {"G": 2, "D": 1, "R": 0}
    text = text_of(response)
    assert "Қорғаншылық және қамқоршылық жөнінде анықтама" in text
    assert "Справка об опеке и попечительстве" in text


def test_the_board_is_in_kazakh_and_russian_whatever_language_was_chosen(client):
    client.set_cookie("lang", "en")
    text = text_of(client.get("/board?lang=ru"))
    for label in ("Талон", "Терезе / Окно", "Кезекте / В очереди",
                  "Соңғы шақырулар / Последние вызовы", "Электрондық кезек",
                  "Электронная очередь"):
        assert label in text
    assert "Талон / Талон" not in text  # the same word in both languages, said once
    assert "Certificate on guardianship" not in text


def test_the_board_shows_numbers_windows_and_counts_but_nothing_personal(
    app, client, staff_client, make_user
):
    response = take_ticket(client, category="disability")
    token = token_of(response)
    operator = staff_client("operator", window=1, username="aigerim")
    act(operator, "call")
    html = client.get("/board").get_data(as_text=True)
    assert "G001" in html
    for private in (token, "Test Staff", "aigerim", "Лица с инвалидностью",
                    "Мүгедектігі бар адамдар", "Persons with disabilities"):
        assert private not in html


def test_an_unchanged_board_answers_304_and_a_call_answers_200_with_a_new_etag(
    client, window1
):
    take_ticket(client)
    first = client.get("/board/live")
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "no-cache"
    etag = first.headers["ETag"]
    unchanged = client.get("/board/live", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.get_data() == b""
    act(window1, "call")
    changed = client.get("/board/live", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert board_of(changed).called == [("G001", "1")]


def test_each_worker_renders_the_board_at_most_every_half_second_and_all_screens_share_it(
        app, client):
    app.config["BOARD_KEPT_MS"] = 60_000  # as if the next polls came within the span
    statements = []

    def count(*_):
        statements.append(1)

    first = client.get("/board/live")
    take_ticket(client)
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        kept = client.get("/board/live", headers={"If-None-Match": first.headers["ETag"]})
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert kept.status_code == 304 and statements == []
    app.config["BOARD_KEPT_MS"] = 0  # the span over: the next poll reads the hall again
    fresh = client.get("/board/live", headers={"If-None-Match": first.headers["ETag"]})
    assert fresh.status_code == 200 and board_of(fresh).waiting["G"] == 1


def test_a_new_ticket_changes_the_etag_since_the_waiting_count_changes(client):
    etag = client.get("/board/live").headers["ETag"]
    take_ticket(client)
    changed = client.get("/board/live", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert board_of(changed).waiting["G"] == 1


def test_a_new_day_starts_with_an_empty_board(client, window1, clock):
    take_ticket(client)
    take_ticket(client)
    act(window1, "call")
    etag = client.get("/board/live").headers["ETag"]
    clock.advance(days=1)
    response = client.get("/board/live", headers={"If-None-Match": etag})
    assert response.status_code == 200
    board = board_of(response)
    assert (board.called, board.last_called, board.waiting["G"]) == ([], [], 0)


def test_the_board_polls_its_live_part_and_keeps_the_last_screen_on_errors(app, client):
    app.config["BOARD_POLL_SECONDS"] = 2
    html = client.get("/board").get_data(as_text=True)
    assert 'hx-get="/board/live"' in html
    assert 'hx-trigger="every 2s"' in html
    assert 'hx-status:4xx="swap:none"' in html
    assert 'hx-status:5xx="swap:none"' in html
    assert 'src="/static/js/board.js"' in html
    assert "<script>" not in html and "style=" not in html


@pytest.mark.parametrize("path", ["/board/nowhere", "/board/live/extra", "/boards"])
def test_unknown_board_addresses_are_404(client, path):
    assert client.get(path).status_code == 404
