"""The hall board on a 1920x1080 screen: a call appears by itself, flashes and chimes."""

import shutil
import time

import pytest
from playwright.sync_api import expect

from kiosk.accounts.models import User
from kiosk.line.models import Ticket, Window
from kiosk.line.windows import call_next, finish, recall, start_service, take_window
from kiosk.web.extensions import db
from tests.conftest import require
from tests.helpers import take_ticket
from tests.servers import database_stopped

pytestmark = pytest.mark.browser

HALL_SCREEN = {"width": 1920, "height": 1080}
CALL_SECONDS = 3_000  # a called ticket must be on the board within 3 s


class Hall:
    """The hall's operators at their windows, acting straight on the database."""

    def __init__(self, app, clock, make_user):
        self.app, self.clock, self.make_user = app, clock, make_user
        self.operators: dict[int, str] = {}

    def _window(self, number: int) -> tuple[Window, User]:
        username = self.operators.setdefault(number, self.make_user("operator"))
        user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one()
        window = db.session.execute(db.select(Window).filter_by(number=number)).scalar_one()
        take_window(window, user, self.clock.now())
        return window, user

    def call(self, number: int) -> str:
        """Call the next applicant to a window; return the ticket's number."""
        self.clock.advance(seconds=30)
        with self.app.app_context():
            window, user = self._window(number)
            code = db.session.get(Ticket, call_next(window, user, self.clock.now())).code
            db.session.commit()
            return code

    def serve(self, number: int) -> None:
        """Serve the applicant called to a window, from start to finish."""
        self.clock.advance(seconds=30)
        with self.app.app_context():
            window, user = self._window(number)
            ticket = db.session.execute(
                db.select(Ticket).filter_by(window_id=window.id, status="called")
            ).scalar_one()
            start_service(window, ticket, user, self.clock.now())
            finish(window, ticket, user, self.clock.now())
            db.session.commit()


# The board's clips played sixteen times faster: the same clips in the same order, without
# the seconds each takes to say.
QUICK_VOICE = """(() => {
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () { this.playbackRate = 16; return play.call(this); };
})();"""


def open_board(browser, base_url: str, script: str | None = None):
    page = browser.new_context(viewport=HALL_SCREEN).new_page()
    if script:
        page.add_init_script(script)
    page.goto(f"{base_url}/board")
    return page


def wait_for_polls(page, count: int = 2) -> None:
    """Let the board ask for its live part a few times (each wait ends at a request)."""
    for _ in range(count):
        with page.expect_request("**/board/live"):
            pass


def test_a_called_ticket_appears_on_the_hall_board_by_itself_highlighted_with_a_chime(
    app, clock, browser, live_server, screenshot, make_user
):
    kiosk = app.test_client()
    for service in ("guardianship", "guardianship", "identity", "guardianship", "residence",
                    "guardianship", "identity"):
        take_ticket(kiosk, service)
    hall = Hall(app, clock, make_user)
    first = hall.call(1)
    hall.serve(1)
    second, third = hall.call(1), hall.call(3)
    app.config["BOARD_KEPT_MS"] = 500  # as in production: each worker renders twice a second

    board = open_board(browser, live_server)
    expect(board.locator(".call.newest .call-number")).to_have_text(third)
    expect(board.locator(".call .call-number")).to_have_text([third, second])
    expect(board.locator(".past-call .past-number")).to_have_text([third, second, first])
    expect(board.locator(".line-waiting")).to_have_text(["2", "1", "1"])
    screenshot(board, "board")
    wait_for_polls(board)
    assert board.locator("body").get_attribute("data-chimes") is None  # no chime on opening

    called = hall.call(2)
    newest = board.locator(".call.newest")
    expect(newest.locator(".call-number")).to_have_text(called, timeout=CALL_SECONDS)
    expect(newest.locator(".call-window")).to_have_text("2")
    expect(newest).to_have_class("call newest announce")
    expect(board.locator("body")).to_have_attribute("data-chimes", "1")
    screenshot(board, "board-called")


def test_the_board_keeps_its_screen_through_errors_and_recovers_by_itself(
    app, clock, browser, live_server, make_user
):
    kiosk = app.test_client()
    for _ in range(3):
        take_ticket(kiosk)
    hall = Hall(app, clock, make_user)
    shown = hall.call(1)
    board = open_board(browser, live_server)
    expect(board.locator(".call.newest .call-number")).to_have_text(shown)

    board.route("**/board/live", lambda route: route.fulfill(status=500, body="<p>oops</p>"))
    hidden = hall.call(2)
    wait_for_polls(board)
    expect(board.locator(".call.newest .call-number")).to_have_text(shown)
    expect(board.get_by_text("oops")).to_have_count(0)

    board.unroute("**/board/live")
    board.route("**/board/live", lambda route: route.abort("internetdisconnected"))
    wait_for_polls(board)
    expect(board.locator(".call.newest .call-number")).to_have_text(shown)

    board.unroute("**/board/live")
    expect(board.locator(".call.newest .call-number")).to_have_text(hidden, timeout=CALL_SECONDS)
    expect(board.locator("body")).to_have_attribute("data-chimes", "1")


def test_the_board_keeps_its_screen_through_a_database_restart_and_shows_the_next_call_by_itself(
    app, clock, browser, live_server, make_user, database_server
):
    kiosk = app.test_client()
    for _ in range(3):
        take_ticket(kiosk)
    hall = Hall(app, clock, make_user)
    shown = hall.call(1)
    board = open_board(browser, live_server)
    expect(board.locator(".call.newest .call-number")).to_have_text(shown)

    polls = []
    board.on("response", lambda answer: "/board/live" in answer.url and polls.append(answer.status))
    with database_stopped(database_server):
        with board.expect_response(lambda answer: "/board/live" in answer.url
                                   and answer.status == 503, timeout=10_000):
            pass
        wait_for_polls(board)  # it keeps asking while the database is down
        expect(board.locator(".call.newest .call-number")).to_have_text(shown)
        expect(board.locator(".error-message")).to_have_count(0)
    back = time.monotonic()

    called = hall.call(2)
    expect(board.locator(".call.newest .call-number")).to_have_text(called, timeout=CALL_SECONDS)
    print(f"\nboard: {polls.count(503)} polls answered 503 while the database was down; the "
          f"next call shown {time.monotonic() - back:.1f} s after the restart, without a reload")


def test_the_board_says_each_call_in_kazakh_then_russian_and_again_when_called_again(
    app, clock, browser, live_server, make_user
):
    require(shutil.which("espeak-ng") is not None, "the board's voice needs Debian's espeak-ng")
    kiosk = app.test_client()
    take_ticket(kiosk)
    take_ticket(kiosk)
    hall = Hall(app, clock, make_user)
    board = open_board(browser, live_server, QUICK_VOICE)
    wait_for_polls(board, 1)

    heard = []
    board.on("request", lambda request: heard.append(request.url.split("/board/voice/")[1])
             if "/board/voice/" in request.url else None)
    first = hall.call(1)
    expect(board.locator(".call.newest .call-number")).to_have_text(first)
    with board.expect_request("**/board/voice/ru/**"):
        pass
    with app.app_context():
        window = db.session.execute(db.select(Window).filter_by(number=1)).scalar_one()
        ticket = db.session.execute(db.select(Ticket).filter_by(status="called")).scalar_one()
        recall(window, ticket, db.session.get(User, window.operator_id), clock.now())
        db.session.commit()
    with board.expect_request("**/board/voice/ru/**"):
        pass

    assert heard == [f"kk/{first}/1.wav", f"ru/{first}/1.wav"] * 2
