"""The hall board: who is called to which window, the last calls, and how many wait per service."""

import hashlib

from flask import Blueprint, make_response, render_template, request

from kiosk.hall.settings import hall_zone, to_local
from kiosk.line.board.queries import board_version, calls_now, last_calls, waiting_per_service
from kiosk.web.clock import now
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
    """Render the board's live part alone, for polling; 304 after one tiny query if unchanged."""
    day = local_day(now(), hall_zone())
    # The version is read before the rows, so a fragment is never older than its ETag.
    etag = hashlib.sha1(repr(board_version(day)).encode()).hexdigest()
    if request.if_none_match.contains(etag):
        response = make_response("", 304)
    else:
        response = make_response(render_template("board/_live.html", **board_context(day)))
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response
