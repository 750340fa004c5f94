"""The hall board: who is called to which window, the last calls, and how many wait per service."""

import time
from datetime import date

from flask import abort, current_app, make_response, render_template

from kiosk.hall.settings import hall_zone, to_local
from kiosk.line.board import bp
from kiosk.line.board import voice as voice_of
from kiosk.line.board.queries import calls_now, last_calls, waiting_per_service
from kiosk.web.clock import now
from kiosk.web.live import live_answer
from queue_mgr import local_day

KEPT = "board_live"  # this worker's last rendering of the live part: when, for which day, its text


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
    response = make_response(render_template(
        "board/board.html", local_now=to_local(moment), speaks=voice_of.available(), **context))
    response.headers["Cache-Control"] = "no-cache"
    return response


def live_text(day: date) -> str:
    """The board's live part for the day, as this worker last rendered it if within
    ``KIOSK_BOARD_KEPT_MS``: every screen in the hall asks each second, and all see the same."""
    kept = current_app.extensions.get(KEPT)
    if (kept is not None and kept[1] == day
            and time.monotonic() - kept[0] < current_app.config["BOARD_KEPT_MS"] / 1000):
        return kept[2]
    started = time.monotonic()
    text = render_template("board/_live.html", **board_context(day))
    current_app.extensions[KEPT] = (started, day, text)
    return text


@bp.get("/live")
def live():
    """Render the board's live part alone, for polling (304 when unchanged). Nothing on it is
    personal: any cache may keep it, revalidating."""
    return live_answer(live_text(local_day(now(), hall_zone())), "no-cache")


@bp.get("/voice/<lang>/<code>/<int:window>.wav")
def voice(lang: str, code: str, window: int):
    """A call said in Kazakh or Russian, for the board to play (nothing personal: a ticket's
    number and a window's). 404 for anything else, or when the board is set to keep silent."""
    if not (voice_of.available() and lang in voice_of.LANGUAGES
            and voice_of.CALL_CODE.fullmatch(code) and 0 < window < 1000):
        abort(404)
    response = make_response(voice_of.announcement(code.upper(), window, lang))
    response.headers["Content-Type"] = "audio/wav"
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
