"""The hall's opening hours: when tickets may be issued and when the hall opens next."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr import HallHours
from queue_mgr.hall.workdays import WorkingCalendar

ALMATY = ZoneInfo("Asia/Almaty")
WEEKDAYS = HallHours.parse("09:00-18:00", "mon-fri", "Asia/Almaty")
ALWAYS = HallHours.parse("00:00-24:00", "mon-sun", "Asia/Almaty")
# A week of November 2026 in the hall: Monday the 23rd to Sunday the 29th.
MONDAY, WEDNESDAY, FRIDAY, SATURDAY, SUNDAY = 23, 25, 27, 28, 29
MICROSECOND = timedelta(microseconds=1)
SATURDAY_AND_SUNDAY = {5, 6}

moments = st.datetimes(
    min_value=datetime(2024, 3, 2), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)


def local(day: int, hour: int, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, micro, tzinfo=ALMATY)


# Parsing


def test_the_usual_settings_mean_nine_to_six_monday_to_friday():
    assert WEEKDAYS.opens == 9 * 60
    assert WEEKDAYS.closes == 18 * 60
    assert WEEKDAYS.days == frozenset({0, 1, 2, 3, 4})
    assert WEEKDAYS.zone == ALMATY


def test_a_range_of_days_can_be_followed_by_single_days():
    hours = HallHours.parse("09:00-13:00", "mon-fri,sat", "Asia/Almaty")
    assert hours.days == frozenset({0, 1, 2, 3, 4, 5})


def test_single_days_can_be_listed_with_spaces_and_capitals():
    hours = HallHours.parse("09:00-18:00", "Mon, Wed, FRI", "Asia/Almaty")
    assert hours.days == frozenset({0, 2, 4})


def test_a_hall_can_close_at_midnight_written_as_twenty_four_hundred():
    hours = HallHours.parse("00:00-24:00", "mon-sun", "Asia/Almaty")
    assert (hours.opens, hours.closes) == (0, 24 * 60)
    assert hours.days == frozenset(range(7))


@pytest.mark.parametrize(
    "hours",
    [
        "18:00-09:00",  # closes before it opens
        "09:00-09:00",  # never open
        "09:00",  # no closing time
        "09:00-18:00-20:00",
        "9-18",
        "nine-six",
        "09:60-18:00",
        "09:00-24:01",
        "25:00-26:00",
        "",
    ],
)
def test_bad_opening_hours_are_refused(hours):
    with pytest.raises(ValueError):
        HallHours.parse(hours, "mon-fri", "Asia/Almaty")


@pytest.mark.parametrize(
    "days", ["fri-mon", "sun-mon", "mon,sat-tue", "", "mon-fry", "monday", "mon,,fri"]
)
def test_bad_opening_days_are_refused(days):
    with pytest.raises(ValueError):
        HallHours.parse("09:00-18:00", days, "Asia/Almaty")


# is_open


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(WEDNESDAY, 8, 59, 59, 999999), False),
        (local(WEDNESDAY, 9, 0), True),
        (local(WEDNESDAY, 12, 30), True),
        (local(WEDNESDAY, 17, 59, 59, 999999), True),
        (local(WEDNESDAY, 18, 0), False),
        (local(WEDNESDAY, 23, 0), False),
    ],
)
def test_the_hall_opens_at_nine_sharp_and_closes_at_six_sharp(moment, expected):
    assert WEEKDAYS.is_open(moment) is expected


def test_opening_and_closing_are_in_local_time_not_utc():
    nine_local = datetime(2026, 11, WEDNESDAY, 4, 0, tzinfo=UTC)
    six_local = datetime(2026, 11, WEDNESDAY, 13, 0, tzinfo=UTC)
    assert not WEEKDAYS.is_open(nine_local - MICROSECOND)
    assert WEEKDAYS.is_open(nine_local)
    assert WEEKDAYS.is_open(six_local - MICROSECOND)
    assert not WEEKDAYS.is_open(six_local)


def test_the_weekday_is_the_halls_weekday_not_utcs():
    friday_evening_utc = datetime(2026, 11, FRIDAY, 20, 0, tzinfo=UTC)  # Saturday 01:00 in Almaty
    sunday_night_utc = datetime(2026, 11, SUNDAY, 23, 0, tzinfo=UTC)  # Monday 04:00 in Almaty
    monday_morning_utc = datetime(2026, 11, MONDAY + 7, 4, 30, tzinfo=UTC)  # Monday 09:30
    assert not WEEKDAYS.is_open(friday_evening_utc)
    assert not WEEKDAYS.is_open(sunday_night_utc)
    assert WEEKDAYS.is_open(monday_morning_utc)


@pytest.mark.parametrize("day", [SATURDAY, SUNDAY])
def test_the_weekday_hall_is_closed_all_weekend(day):
    for hour in range(24):
        assert not WEEKDAYS.is_open(local(day, hour, 30))


@given(moments)
def test_the_weekday_hall_is_never_open_on_a_saturday_or_sunday(moment):
    if moment.astimezone(ALMATY).weekday() in SATURDAY_AND_SUNDAY:
        assert not WEEKDAYS.is_open(moment)


@given(moments)
def test_the_weekday_hall_is_open_exactly_during_working_hours_of_a_working_day(moment):
    here = moment.astimezone(ALMATY)
    working_day = here.weekday() not in SATURDAY_AND_SUNDAY
    working_hours = time(9, 0) <= here.time() < time(18, 0)
    assert WEEKDAYS.is_open(moment) == (working_day and working_hours)


@given(moments)
def test_a_hall_open_all_day_every_day_is_always_open(moment):
    assert ALWAYS.is_open(moment)
    assert ALWAYS.next_opening(moment) == moment


def test_a_hall_open_all_day_is_open_in_the_last_microsecond_before_midnight():
    assert ALWAYS.is_open(local(SATURDAY, 23, 59, 59, 999999))
    assert ALWAYS.is_open(local(SUNDAY, 0, 0))


# next_opening


@pytest.mark.parametrize(
    "moment",
    [local(FRIDAY, 18, 0), local(FRIDAY, 21, 15), local(SATURDAY, 10, 0), local(SUNDAY, 23, 59)],
)
def test_after_closing_on_friday_the_hall_next_opens_on_monday_at_nine(moment):
    opening = WEEKDAYS.next_opening(moment)
    assert opening == local(MONDAY + 7, 9, 0)
    assert opening.astimezone(ALMATY).weekday() == 0
    assert opening.astimezone(ALMATY).time() == time(9, 0)


def test_friday_evening_written_in_utc_still_leads_to_monday_nine_local():
    friday_evening = datetime(2026, 11, FRIDAY, 14, 0, tzinfo=UTC)  # 19:00 in Almaty
    assert WEEKDAYS.next_opening(friday_evening) == datetime(2026, 11, MONDAY + 7, 4, 0, tzinfo=UTC)


def test_before_nine_on_a_weekday_the_hall_opens_the_same_day_at_nine():
    assert WEEKDAYS.next_opening(local(WEDNESDAY, 7, 45)) == local(WEDNESDAY, 9, 0)
    assert WEEKDAYS.next_opening(local(MONDAY, 0, 0)) == local(MONDAY, 9, 0)


def test_after_six_on_a_weekday_the_hall_opens_the_next_day_at_nine():
    assert WEEKDAYS.next_opening(local(WEDNESDAY, 18, 0)) == local(WEDNESDAY + 1, 9, 0)


def test_while_the_hall_is_open_its_next_opening_is_now():
    moment = local(WEDNESDAY, 11, 20)
    assert WEEKDAYS.next_opening(moment) == moment


def test_the_next_opening_is_given_in_the_halls_time_zone():
    opening = WEEKDAYS.next_opening(datetime(2026, 11, WEDNESDAY, 1, 0, tzinfo=UTC))
    assert opening.utcoffset() == timedelta(hours=5)
    assert opening.time() == time(9, 0)


def test_a_hall_open_one_day_a_week_reopens_a_week_later_after_closing():
    saturdays = HallHours.parse("10:00-14:00", "sat", "Asia/Almaty")
    assert saturdays.next_opening(local(SATURDAY, 14, 0)) == local(SATURDAY, 10, 0) + timedelta(
        days=7
    )
    assert saturdays.next_opening(local(SUNDAY, 9, 0)) == local(SATURDAY, 10, 0) + timedelta(days=7)


@given(moments)
def test_the_next_opening_is_an_open_moment_no_earlier_than_now(moment):
    opening = WEEKDAYS.next_opening(moment)
    assert opening >= moment
    assert WEEKDAYS.is_open(opening)
    if opening != moment:
        assert opening.astimezone(ALMATY).time() == time(9, 0)


@given(moments)
def test_the_hall_stays_closed_from_now_until_its_next_opening(moment):
    opening = WEEKDAYS.next_opening(moment)
    # The longest closure is from Friday 18:00 to Monday 09:00.
    assert opening - moment <= timedelta(days=2, hours=15)
    probe = moment
    while probe < opening:
        assert not WEEKDAYS.is_open(probe)
        probe += timedelta(minutes=20)
    assert not WEEKDAYS.is_open(opening - MICROSECOND) or opening == moment


@st.composite
def hall_hours(draw):
    """Any opening hours: at least one minute a day, on a non-empty set of weekdays."""
    opens = draw(st.integers(min_value=0, max_value=24 * 60 - 1))
    closes = draw(st.integers(min_value=opens + 1, max_value=24 * 60))
    days = draw(st.sets(st.integers(min_value=0, max_value=6), min_size=1))
    return HallHours(opens, closes, frozenset(days), ALMATY)


@given(hall_hours(), moments)
def test_any_hall_next_opens_at_an_open_moment_with_no_earlier_opening_skipped(hours, moment):
    opening = hours.next_opening(moment)
    assert opening >= moment
    assert hours.is_open(opening)
    if opening == moment:
        return
    assert not hours.is_open(moment)
    assert not hours.is_open(opening - MICROSECOND)
    assert opening - moment <= timedelta(days=7)
    # A closed hall can only open at its opening minute of some day: none of those in between.
    first_day = moment.astimezone(ALMATY).date()
    for offset in range(8):
        midnight = datetime.combine(first_day + timedelta(days=offset), time(0), tzinfo=ALMATY)
        candidate = midnight + timedelta(minutes=hours.opens)
        if moment < candidate < opening:
            assert not hours.is_open(candidate)


def test_the_hall_closes_at_its_closing_time_on_any_day():
    assert WEEKDAYS.closing(local(WEDNESDAY, 0).date()) == local(WEDNESDAY, 18)
    assert ALWAYS.closing(local(SATURDAY, 0).date()) == local(SUNDAY, 0)


@given(moments)
def test_a_day_closes_after_every_moment_of_its_opening_hours(moment):
    day = moment.astimezone(ALMATY).date()
    if WEEKDAYS.is_open(moment):
        assert moment < WEEKDAYS.closing(day)


# The working-day calendar

CALENDAR = WorkingCalendar()


def test_with_the_calendar_the_hall_is_closed_on_a_public_holiday():
    independence_day = datetime(2026, 12, 16, 11, 0, tzinfo=ALMATY)  # a Wednesday
    assert WEEKDAYS.is_open(independence_day)
    assert not WEEKDAYS.is_open(independence_day, CALENDAR)
    assert WEEKDAYS.next_opening(independence_day, CALENDAR) == datetime(
        2026, 12, 17, 9, 0, tzinfo=ALMATY)


def test_after_nauryz_the_hall_opens_on_the_first_working_day():
    # Fri 20 March 2026 evening; Sat 21 to Wed 25 are days off; Thursday 26 at 9:00.
    evening = datetime(2026, 3, 20, 19, 0, tzinfo=ALMATY)
    assert WEEKDAYS.next_opening(evening, CALENDAR) == datetime(2026, 3, 26, 9, 0, tzinfo=ALMATY)


def test_the_hall_opens_on_a_weekend_day_a_decree_made_a_working_day():
    worked_sunday = datetime(2025, 1, 5, 10, 0, tzinfo=ALMATY)
    assert not WEEKDAYS.is_open(worked_sunday)
    assert WEEKDAYS.is_open(worked_sunday, CALENDAR)
    assert not WEEKDAYS.is_open(datetime(2025, 1, 3, 10, 0, tzinfo=ALMATY), CALENDAR)


def test_a_hall_open_every_day_still_closes_on_a_holiday_and_a_decree_can_open_it():
    new_year = datetime(2027, 1, 1, 12, 0, tzinfo=ALMATY)
    assert not ALWAYS.is_open(new_year, CALENDAR)
    assert ALWAYS.is_open(new_year, WorkingCalendar({new_year.date(): True}))


@given(moments)
def test_the_next_opening_with_the_calendar_is_open_and_no_earlier_than_without(moment):
    opening = WEEKDAYS.next_opening(moment, CALENDAR)
    assert WEEKDAYS.is_open(opening, CALENDAR)
    assert opening >= WEEKDAYS.next_opening(moment)
