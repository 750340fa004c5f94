"""How much time a request has left before its due moment, in hours and working days.

No Flask here: it takes values and ``now`` like the queue's core.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from queue_mgr.hall.workdays import WorkingCalendar


@dataclass(frozen=True)
class TimeLeft:
    """Hours to (or past) the due moment, and the working days between today and the due day."""

    overdue: bool
    hours: int
    working_days: int

    @property
    def due_today(self) -> bool:
        return not self.overdue and self.working_days == 0


def working_days_between(start: date, end: date, calendar: WorkingCalendar) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += calendar.is_working_day(day)
    return days


def time_left(due_at: datetime, now: datetime, calendar: WorkingCalendar,
              zone: ZoneInfo) -> TimeLeft:
    """The time left until ``due_at``; past it, how far past."""
    seconds = (due_at - now).total_seconds()
    today, due_day = now.astimezone(zone).date(), due_at.astimezone(zone).date()
    if seconds < 0:
        return TimeLeft(True, int(-seconds // 3600), working_days_between(due_day, today,
                                                                           calendar))
    return TimeLeft(False, int(seconds // 3600), working_days_between(today, due_day, calendar))
