"""Template filters for times and durations, and the server's clock for the pages' script."""


from datetime import datetime, timedelta

from flask import Flask

from kiosk.web.clock import now
from queue_mgr.line.estimates import minutes_up


def mmss(duration: timedelta) -> str:
    """Format a duration as minutes and seconds, e.g. ``07:05`` (minutes may pass 59)."""
    seconds = max(int(duration.total_seconds()), 0)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def server_now_ms() -> int:
    """The server's clock as the page renders, for timer.js to set the device's clock by."""
    return epoch_ms(now())


def init_templating(app: Flask) -> None:
    app.jinja_env.filters.update(mmss=mmss, minutes_up=minutes_up, epoch_ms=epoch_ms)
    app.jinja_env.globals.update(server_now_ms=server_now_ms)
