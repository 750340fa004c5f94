"""The hall's working-day calendar: Kazakhstan's (``queue_mgr.hall.workdays``) with this hall's
decree overrides, read once a request. The kiosk opens by it, bookings offer its days, and the
provider's and the complaints' terms count its working days."""

from flask import g
from sqlalchemy import select

from kiosk.hall.models import CalendarOverride
from kiosk.web.extensions import db
from queue_mgr.hall.workdays import WorkingCalendar


def working_calendar() -> WorkingCalendar:
    """The Kazakhstan calendar with this hall's decree overrides (read once a request)."""
    if "working_calendar" not in g:
        rows = db.session.execute(select(CalendarOverride.day, CalendarOverride.working)).all()
        g.working_calendar = WorkingCalendar({row.day: row.working for row in rows})
    return g.working_calendar
