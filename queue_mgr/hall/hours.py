"""The hall's opening hours: whether a ticket may be issued now, and when the hall opens next."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60


def _parse_clock(text: str) -> int:
    hours, minutes = text.strip().split(":")
    value = int(hours) * 60 + int(minutes)
    if not 0 <= value <= MINUTES_PER_DAY or not 0 <= int(minutes) < 60:
        raise ValueError(f"not a time of day: {text!r}")
    return value


def _parse_days(text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in text.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        start = DAY_NAMES.index(first)
        end = DAY_NAMES.index(last) if last else start
        if end < start:
            raise ValueError(f"a range of days runs forward: {part!r}")
        days.update(range(start, end + 1))
    return frozenset(days)


@dataclass(frozen=True)
class HallHours:
    """Opening and closing minutes of the day, the open weekdays (0 = Monday) and the zone."""

    opens: int
    closes: int
    days: frozenset[int]
    zone: ZoneInfo

    @classmethod
    def parse(cls, hours: str, days: str, zone: str) -> "HallHours":
        """Build from settings such as ``"09:00-18:00"`` and ``"mon-fri"`` or ``"mon-fri,sat"``."""
        opens, closes = (_parse_clock(part) for part in hours.split("-"))
        if opens >= closes:
            raise ValueError(f"the hall must open before it closes: {hours!r}")
        parsed = _parse_days(days)
        if not parsed:
            raise ValueError("the hall must be open on at least one day")
        return cls(opens, closes, parsed, ZoneInfo(zone))

    def is_open(self, now: datetime) -> bool:
        """Whether the hall issues tickets at ``now``."""
        local = now.astimezone(self.zone)
        minute = local.hour * 60 + local.minute
        return local.weekday() in self.days and self.opens <= minute < self.closes

    def closing(self, day: date) -> datetime:
        """Return the local moment the hall closes on ``day`` (its closing time that day)."""
        return datetime.combine(day, time(0), tzinfo=self.zone) + timedelta(minutes=self.closes)

    def next_opening(self, now: datetime) -> datetime:
        """Return the next local moment the hall opens (``now`` itself when it is open)."""
        if self.is_open(now):
            return now.astimezone(self.zone)
        local = now.astimezone(self.zone)
        for offset in range(8):
            day = (local + timedelta(days=offset)).date()
            opening = datetime(day.year, day.month, day.day, tzinfo=self.zone) + timedelta(
                minutes=self.opens
            )
            if day.weekday() in self.days and opening > local:
                return opening
        raise AssertionError("an open day always comes within a week")
