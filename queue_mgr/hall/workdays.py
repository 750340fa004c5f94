"""The Kazakhstan working-day calendar: Monday to Friday, minus public holidays (with the days
off they move to), plus the weekend days decrees make working days (the ``holidays`` package's
``weekend_workdays``), plus the decrees the package does not know yet (overrides).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import holidays


@cache
def kazakhstan_holidays() -> holidays.HolidayBase:
    """The public holidays, one table for the process: it works each year out once, when a day
    of it is first asked about (a calendar is made for every request, with its overrides).
    English names, whatever the machine's locale: the screens translate them."""
    return holidays.country_holidays("KZ", language="en_US")


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days: ``overrides`` maps a date to True (a working day) or False (a day off)."""

    overrides: Mapping[date, bool] = field(default_factory=dict)

    @property
    def _holidays(self) -> holidays.HolidayBase:
        return kazakhstan_holidays()

    def is_working_day(self, day: date) -> bool:
        """Whether the hall and the provider work on ``day``."""
        if day in self.overrides:
            return self.overrides[day]
        if self.is_holiday(day):
            return False
        return day.weekday() < 5 or day in self._holidays.weekend_workdays

    def is_holiday(self, day: date) -> bool:
        """Whether ``day`` is a public holiday or a day off a holiday or a decree moved to it
        (a local override saying it is worked is not; one saying it is off is)."""
        if day in self.overrides:
            return not self.overrides[day]
        return day in self._holidays  # loads the day's year, and its worked weekend days

    def is_moved_working_day(self, day: date) -> bool:
        """Whether a decree makes this Saturday or Sunday a working day."""
        if day in self.overrides:
            return self.overrides[day] and day.weekday() >= 5
        return not self.is_holiday(day) and day in self._holidays.weekend_workdays

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

    def is_estimated(self, day: date) -> bool:
        """Whether the holiday on ``day`` is only estimated (a religious holiday whose date the
        package computes ahead of its announcement): the admin should confirm it."""
        name = self._holidays.get(day)
        return name is not None and "(estimated" in name
