"""Template filters for times and durations."""


from datetime import datetime, timedelta

from flask import Flask

from queue_mgr.estimates import minutes_up


def mmss(duration: timedelta) -> str:
    """Format a duration as minutes and seconds, e.g. ``07:05`` (minutes may pass 59)."""
    seconds = max(int(duration.total_seconds()), 0)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def init_templating(app: Flask) -> None:
    app.jinja_env.filters.update(mmss=mmss, minutes_up=minutes_up, epoch_ms=epoch_ms)
