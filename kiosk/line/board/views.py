"""The hall board: who is called to which window, the last calls, and how many wait per service."""

from flask import Blueprint, make_response, render_template

from kiosk.hall.settings import hall_zone, to_local
from kiosk.line.board.queries import calls_now, last_calls, waiting_per_service
from kiosk.web.clock import now
from kiosk.web.live import live_fragment
from queue_mgr import local_day

bp = Blueprint("board", __name__, url_prefix="/board")


def board_context(day) -> dict:
    """Everything the board's live part shows, for one local day."""
    history = last_calls(day)
    return {
        "calls": calls_now(day),
        "history": history,
        "lines": waiting_per_service(day),
        "newest_call": history[0].event_id if history else 0,
    }


@bp.get("")
def board():
    """Show the hall display: the page around its live part."""
    moment = now()
    context = board_context(local_day(moment, hall_zone()))
    response = make_response(
        render_template("board/board.html", local_now=to_local(moment), **context)
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/live")
def live():
    """Render the board's live part alone, for polling (304 when unchanged). Nothing on it is
    personal: any cache may revalidate it."""
    context = board_context(local_day(now(), hall_zone()))
    return live_fragment("board/_live.html", "no-cache", **context)
