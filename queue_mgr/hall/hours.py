"""The hall's opening hours: whether a ticket may be issued now, and when the hall opens next.

The hall opens on its days of the week, except on public holidays and the days off moved to
them, and also on a Saturday or Sunday a decree makes a working day (the working-day calendar,
``queue_mgr.hall.workdays``, when one is given).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from queue_mgr.hall.workdays import WorkingCalendar

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
LOOK_AHEAD_DAYS = 40  # the longest run of days off (holidays, decrees, weekends) is far shorter


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

    def opens_on(self, day: date, calendar: WorkingCalendar | None = None) -> bool:
        """Whether the hall opens on ``day`` at all (by its days alone without a calendar)."""
        if calendar is None:
            return day.weekday() in self.days
        if calendar.is_moved_working_day(day):
            return True
        return day.weekday() in self.days and not calendar.is_holiday(day)

    def is_open(self, now: datetime, calendar: WorkingCalendar | None = None) -> bool:
        """Whether the hall issues tickets at ``now``."""
        local = now.astimezone(self.zone)
        minute = local.hour * 60 + local.minute
        return self.opens_on(local.date(), calendar) and self.opens <= minute < self.closes

    def closing(self, day: date) -> datetime:
        """Return the local moment the hall closes on ``day`` (its closing time that day)."""
        return datetime.combine(day, time(0), tzinfo=self.zone) + timedelta(minutes=self.closes)

    def next_opening(self, now: datetime, calendar: WorkingCalendar | None = None) -> datetime:
        """Return the next local moment the hall opens (``now`` itself when it is open)."""
        if self.is_open(now, calendar):
            return now.astimezone(self.zone)
        local = now.astimezone(self.zone)
        for offset in range(LOOK_AHEAD_DAYS):
            day = (local + timedelta(days=offset)).date()
            opening = datetime(day.year, day.month, day.day, tzinfo=self.zone) + timedelta(
                minutes=self.opens
            )
            if self.opens_on(day, calendar) and opening > local:
                return opening
        raise ValueError(f"the hall does not open within {LOOK_AHEAD_DAYS} days")
