"""The hall's working-day calendar: Kazakhstan's (``queue_mgr.hall.workdays``) with this hall's
decree overrides, as the worker keeps them with the catalogue (``kiosk.hall.catalogue``). The
kiosk opens by it, bookings offer its days, and the provider's and the complaints' terms count
its working days."""

from flask import g

from kiosk.hall.catalogue import catalogue
from queue_mgr.hall.workdays import WorkingCalendar


def working_calendar() -> WorkingCalendar:
    """The Kazakhstan calendar with this hall's decree overrides (made once a request)."""
    if "working_calendar" not in g:
        g.working_calendar = WorkingCalendar(dict(catalogue().day_overrides))
    return g.working_calendar
