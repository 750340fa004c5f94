"""Home visits (the passport's other requirements): an applicant whose health persistently
limits their life asks through the contact centre (1414, or 8 800 080 7777 free of charge) for
the service at home. The hall registers the request, schedules a visit with an employee, and the
employee takes the application at home (or hands over the result there) the same way as at a
window: the same form, checklist, receipts and terms, marked as a home intake.

A visit is requested, then scheduled (and may be moved to another time or employee while it is
still to come), then done or cancelled; a done or cancelled visit never changes again. A visit is
scheduled within the hall's working hours on a working day, and not in the past; the employee
does the visit's casework on its day only.
"""

from datetime import datetime
from enum import StrEnum

from queue_mgr.errors import DomainError, InvalidTransition
from queue_mgr.hall.hours import HallHours
from queue_mgr.hall.workdays import WorkingCalendar

CONTACT_LINES = ("1414", "8 800 080 7777")  # the contact centre's numbers, as printed


class VisitPurpose(StrEnum):
    """What the employee goes to the applicant's home for."""

    INTAKE = "intake"  # to take the application
    HANDOVER = "handover"  # to hand over the result of an accepted request


class VisitStatus(StrEnum):
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    DONE = "done"
    CANCELLED = "cancelled"


VISIT_TRANSITIONS = {
    VisitStatus.REQUESTED: {VisitStatus.SCHEDULED, VisitStatus.CANCELLED},
    VisitStatus.SCHEDULED: {VisitStatus.SCHEDULED, VisitStatus.DONE, VisitStatus.CANCELLED},
    VisitStatus.DONE: set(),
    VisitStatus.CANCELLED: set(),
}


def visit_transition(current: str, target: str) -> VisitStatus:
    """The status a visit moves to, if it may (``visit_closed`` if it may not)."""
    source, goal = VisitStatus(current), VisitStatus(target)
    if goal not in VISIT_TRANSITIONS[source]:
        raise InvalidTransition(source, goal, "visit_closed")
    return goal


def check_visit_time(at: datetime, now: datetime, hours: HallHours,
                     calendar: WorkingCalendar) -> None:
    """A visit is made within the hall's working hours on a working day, from now on."""
    if at < now:
        raise DomainError("visit_in_past")
    if not hours.is_open(at, calendar):
        raise DomainError("visit_off_hours")


def check_visit_day(scheduled_at: datetime, now: datetime, hours: HallHours) -> None:
    """The employee does a visit's casework on the day it is scheduled for."""
    if scheduled_at.astimezone(hours.zone).date() != now.astimezone(hours.zone).date():
        raise DomainError("visit_not_today")
