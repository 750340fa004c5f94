"""The app's one clock: views ask it for ``now``; tests replace it with a settable one."""

from datetime import UTC, datetime, timedelta

from flask import current_app


class Clock:
    """The real clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class SettableClock(Clock):
    """A clock that stands still until a test sets or advances it."""

    def __init__(self, moment: datetime):
        self.set(moment)

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("the clock takes aware moments")
        self.moment = moment.astimezone(UTC)

    def advance(self, **kwargs) -> None:
        self.moment += timedelta(**kwargs)

    def now(self) -> datetime:
        return self.moment


def now() -> datetime:
    """Return the current app's ``now``."""
    return current_app.extensions["clock"].now()
