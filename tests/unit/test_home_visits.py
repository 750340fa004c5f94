"""Home visits in the core: a visit is requested, scheduled (and moved while it is to come), then
done or cancelled for good; it is made within the hall's working hours on a working day, from now
on; its casework is done on its day."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from queue_mgr.casework.home_visits import (
    VisitStatus,
    check_visit_day,
    check_visit_time,
    visit_transition,
)
from queue_mgr.errors import DomainError, InvalidTransition
from queue_mgr.hall.hours import HallHours
from queue_mgr.hall.workdays import WorkingCalendar

ALMATY = ZoneInfo("Asia/Almaty")
HOURS = HallHours.parse("09:00-18:00", "mon-fri", "Asia/Almaty")
CALENDAR = WorkingCalendar()
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=ALMATY)  # a working Wednesday


def refusal(call) -> str | None:
    try:
        call()
    except DomainError as error:
        return error.key
    return None


# The moves a visit may make, as the passport's procedure reads: everything else is refused.
MOVES = {(VisitStatus.REQUESTED, VisitStatus.SCHEDULED), (VisitStatus.REQUESTED,
         VisitStatus.CANCELLED), (VisitStatus.SCHEDULED, VisitStatus.SCHEDULED),
         (VisitStatus.SCHEDULED, VisitStatus.DONE), (VisitStatus.SCHEDULED, VisitStatus.CANCELLED)}


@pytest.mark.parametrize("source", list(VisitStatus))
@pytest.mark.parametrize("target", list(VisitStatus))
def test_a_visit_moves_only_as_the_procedure_goes(source, target):
    if (source, target) in MOVES:
        assert visit_transition(source, target) is target
    else:
        with pytest.raises(InvalidTransition) as refused:
            visit_transition(source, target)
        assert refused.value.key == "visit_closed"


@pytest.mark.parametrize(("moment", "key"), [
    (NOW + timedelta(hours=4), None),  # 15:00 today
    (datetime(2026, 11, 25, 9, 0, tzinfo=ALMATY), "visit_in_past"),
    (datetime(2026, 11, 25, 18, 0, tzinfo=ALMATY), "visit_off_hours"),  # the hall closes
    (datetime(2026, 11, 28, 11, 0, tzinfo=ALMATY), "visit_off_hours"),  # a Saturday
    (datetime(2026, 12, 16, 11, 0, tzinfo=ALMATY), "visit_off_hours"),  # Independence Day
])
def test_a_visit_is_made_in_working_hours_from_now_on(moment, key):
    assert refusal(lambda: check_visit_time(moment, NOW, HOURS, CALENDAR)) == key


@pytest.mark.parametrize(("scheduled", "key"), [
    (datetime(2026, 11, 25, 17, 30, tzinfo=ALMATY), None),
    (datetime(2026, 11, 26, 9, 30, tzinfo=ALMATY), "visit_not_today"),
    (datetime(2026, 11, 24, 17, 30, tzinfo=ALMATY), "visit_not_today"),
    # 00:30 in Almaty is still the day before in UTC: the hall's day counts.
    (datetime(2026, 11, 24, 19, 30, tzinfo=ZoneInfo("UTC")), None),
])
def test_the_casework_is_done_on_the_visits_day_in_the_halls_time(scheduled, key):
    early = datetime(2026, 11, 25, 0, 45, tzinfo=ALMATY)
    assert refusal(lambda: check_visit_day(scheduled, early, HOURS)) == key
