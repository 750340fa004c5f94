"""The Kazakhstan working-day calendar: Monday to Friday, minus public holidays (with the days
off they move to), plus the decrees the holidays package does not know yet (overrides).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import holidays


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days: ``overrides`` maps a date to True (a working day) or False (a day off)."""

    overrides: Mapping[date, bool] = field(default_factory=dict)

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        return holidays.country_holidays("KZ")

    def is_working_day(self, day: date) -> bool:
        """Whether the hall and the provider work on ``day``."""
        if day in self.overrides:
            return self.overrides[day]
        return day.weekday() < 5 and day not in self._holidays

    def add_working_days(self, start: date, count: int) -> date:
        """Return the ``count``-th working day after ``start`` (``start`` itself not counted)."""
        if count < 1:
            raise ValueError("count working days from one")
        day = start
        while count:
            day += timedelta(days=1)
            count -= self.is_working_day(day)
        return day

    def holiday_name(self, day: date) -> str | None:
        """The public holiday on ``day`` in English, if any (for the calendar screen)."""
        return self._holidays.get(day)
