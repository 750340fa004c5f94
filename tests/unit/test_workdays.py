"""The Kazakhstan working-day calendar (DOMAIN.md, Time): Monday to Friday minus public holidays,
a holiday on a weekend moving to the next working day (except Orthodox Christmas and Kurban Ait),
decrees kept in a local override table; "N working days" never counts the day of acceptance.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr.hall.workdays import WorkingCalendar

CALENDAR = WorkingCalendar()

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
counts = st.integers(min_value=1, max_value=40)
override_tables = st.dictionaries(days, st.booleans(), max_size=30)


def working_days_strictly_between(calendar: WorkingCalendar, start: date, end: date) -> int:
    return sum(
        calendar.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days)
    )


# The example of DOMAIN.md


def test_accepted_on_friday_20_march_2026_the_third_working_day_is_monday_30_march():
    # Sat 21, Sun 22: weekend; Mon 23 – Wed 25: Nauryz days off;
    # Thu 26 (1st), Fri 27 (2nd), Sat 28 and Sun 29: weekend, Mon 30 (3rd).
    assert CALENDAR.add_working_days(date(2026, 3, 20), 3) == date(2026, 3, 30)


@pytest.mark.parametrize("day", [21, 22, 23, 24, 25])
def test_the_nauryz_days_of_2026_are_not_working_days(day):
    assert not CALENDAR.is_working_day(date(2026, 3, day))


# Weekends


def test_from_thursday_three_working_days_run_across_the_weekend_to_tuesday():
    # Thu 26 Nov 2026 → Fri 27 (1st), Sat 28 and Sun 29 skipped, Mon 30 (2nd), Tue 1 Dec (3rd)
    assert CALENDAR.add_working_days(date(2026, 11, 26), 3) == date(2026, 12, 1)


def test_the_working_day_after_a_friday_is_the_monday():
    assert CALENDAR.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)


def test_counting_from_a_saturday_starts_on_the_monday():
    # Sat 28 Nov 2026 → Mon 30 (1st), Tue 1 Dec (2nd)
    assert CALENDAR.add_working_days(date(2026, 11, 28), 2) == date(2026, 12, 1)


@given(days)
def test_saturday_and_sunday_are_never_working_days_without_a_decree(day):
    if day.weekday() >= 5 and not CALENDAR.is_moved_working_day(day):  # e.g. Sat 4 May 2024
        assert not CALENDAR.is_working_day(day)


def test_a_weekend_day_a_decree_made_a_working_day_is_one():
    assert CALENDAR.is_moved_working_day(date(2024, 5, 4))
    assert CALENDAR.is_working_day(date(2024, 5, 4))


def test_an_ordinary_wednesday_is_a_working_day():
    assert CALENDAR.is_working_day(date(2026, 11, 25))
    assert CALENDAR.holiday_name(date(2026, 11, 25)) is None


# Year-end


def test_three_working_days_from_30_december_2026_end_on_6_january_2027():
    # Wed 30 Dec 2026 → Thu 31 Dec (1st); Fri 1 Jan 2027: New Year; Sat 2 Jan: New Year on a
    # Saturday, so its day off moves to the next working day, Mon 4 Jan (the holidays package's KZ
    # data agrees: "New Year's Day (observed)" on 2027-01-04); Sun 3 Jan: weekend;
    # Tue 5 Jan (2nd), Wed 6 Jan (3rd).
    assert CALENDAR.add_working_days(date(2026, 12, 30), 3) == date(2027, 1, 6)


def test_new_year_on_a_saturday_moves_its_day_off_to_monday_4_january_2027():
    assert not CALENDAR.is_working_day(date(2027, 1, 1))
    assert not CALENDAR.is_working_day(date(2027, 1, 2))
    assert not CALENDAR.is_working_day(date(2027, 1, 4))
    assert CALENDAR.is_working_day(date(2027, 1, 5))


def test_orthodox_christmas_on_7_january_is_skipped():
    # Wed 6 Jan 2027 → Thu 7 Jan is Orthodox Christmas → Fri 8 Jan
    assert not CALENDAR.is_working_day(date(2027, 1, 7))
    assert CALENDAR.add_working_days(date(2027, 1, 6), 1) == date(2027, 1, 8)


def test_orthodox_christmas_on_a_sunday_does_not_move_to_the_monday():
    # 7 Jan 2024 was a Sunday; the exception in DOMAIN.md keeps Monday 8 Jan a working day.
    assert date(2024, 1, 7).weekday() == 6
    assert CALENDAR.is_working_day(date(2024, 1, 8))


def test_kurban_ait_on_a_sunday_does_not_move_to_the_monday():
    # Kurban Ait 2024 fell on Sunday 16 June; Monday 17 June stayed a working day.
    assert date(2024, 6, 16).weekday() == 6
    assert CALENDAR.is_working_day(date(2024, 6, 17))


# Holidays moved from a weekend


def test_8_march_2026_on_a_sunday_makes_monday_9_march_a_day_off():
    assert date(2026, 3, 8).weekday() == 6
    assert not CALENDAR.is_working_day(date(2026, 3, 9))
    # Fri 6 March → Mon 9 off → Tue 10 March
    assert CALENDAR.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 10)


def test_victory_day_2026_on_a_saturday_makes_monday_11_may_a_day_off():
    assert date(2026, 5, 9).weekday() == 5
    assert not CALENDAR.is_working_day(date(2026, 5, 11))


# Independence Day and Constitution Day


def test_16_december_independence_day_is_not_a_working_day():
    assert date(2026, 12, 16).weekday() == 2
    assert not CALENDAR.is_working_day(date(2026, 12, 16))
    assert CALENDAR.holiday_name(date(2026, 12, 16)) is not None
    # Tue 15 Dec → Wed 16 skipped → Thu 17 Dec
    assert CALENDAR.add_working_days(date(2026, 12, 15), 1) == date(2026, 12, 17)


def test_constitution_day_is_15_march_from_2027():
    assert date(2027, 3, 15).weekday() == 0
    assert not CALENDAR.is_working_day(date(2027, 3, 15))
    assert CALENDAR.holiday_name(date(2027, 3, 15)) is not None


def test_30_august_is_no_longer_a_holiday_in_2026():
    # 30 Aug 2026 is a Sunday: were it still Constitution Day, Monday 31 Aug would be off.
    assert date(2026, 8, 30).weekday() == 6
    assert CALENDAR.holiday_name(date(2026, 8, 30)) is None
    assert CALENDAR.is_working_day(date(2026, 8, 31))


def test_15_march_is_not_yet_a_holiday_in_2026():
    # 15 Mar 2026 is a Sunday; Monday 16 March is an ordinary working day.
    assert CALENDAR.holiday_name(date(2026, 3, 15)) is None
    assert CALENDAR.is_working_day(date(2026, 3, 16))


# Decrees (the local override table)


def test_a_decree_making_a_saturday_a_working_day_counts_that_saturday():
    calendar = WorkingCalendar(overrides={date(2026, 3, 28): True})
    assert calendar.is_working_day(date(2026, 3, 28))
    # Fri 20 → Thu 26 (1st), Fri 27 (2nd), Sat 28 by decree (3rd)
    assert calendar.add_working_days(date(2026, 3, 20), 3) == date(2026, 3, 28)


def test_a_decree_making_a_weekday_a_day_off_skips_that_weekday():
    calendar = WorkingCalendar(overrides={date(2026, 3, 30): False})
    assert not calendar.is_working_day(date(2026, 3, 30))
    # Fri 20 → Thu 26 (1st), Fri 27 (2nd), Mon 30 off by decree, Tue 31 (3rd)
    assert calendar.add_working_days(date(2026, 3, 20), 3) == date(2026, 3, 31)


def test_a_decree_can_make_a_public_holiday_a_working_day():
    calendar = WorkingCalendar(overrides={date(2026, 3, 23): True})
    assert calendar.add_working_days(date(2026, 3, 20), 1) == date(2026, 3, 23)


def test_a_decree_for_one_calendar_does_not_change_another():
    WorkingCalendar(overrides={date(2026, 11, 25): False})
    assert CALENDAR.is_working_day(date(2026, 11, 25))


# The count


@pytest.mark.parametrize("count", [0, -1, -30])
def test_a_count_below_one_is_refused(count):
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(date(2026, 3, 20), count)


def test_the_day_of_acceptance_is_not_counted_even_when_it_is_a_working_day():
    assert CALENDAR.is_working_day(date(2026, 11, 25))
    assert CALENDAR.add_working_days(date(2026, 11, 25), 1) == date(2026, 11, 26)


@given(days, counts, override_tables)
def test_the_result_is_after_the_start_and_is_itself_a_working_day(start, count, overrides):
    calendar = WorkingCalendar(overrides=overrides)
    result = calendar.add_working_days(start, count)
    assert result > start
    assert calendar.is_working_day(result)


@given(days, counts, override_tables)
def test_exactly_count_minus_one_working_days_lie_strictly_between_start_and_result(
    start, count, overrides
):
    calendar = WorkingCalendar(overrides=overrides)
    result = calendar.add_working_days(start, count)
    assert working_days_strictly_between(calendar, start, result) == count - 1


@given(days, counts)
def test_one_more_working_day_is_the_next_working_day_after_the_result(start, count):
    after = CALENDAR.add_working_days(start, count)
    assert CALENDAR.add_working_days(start, count + 1) == CALENDAR.add_working_days(after, 1)


@given(days, counts)
def test_whether_the_start_is_a_working_day_does_not_change_the_result(start, count):
    # The day of acceptance is never counted, so a decree about it alone changes nothing.
    worked = WorkingCalendar(overrides={start: True})
    rested = WorkingCalendar(overrides={start: False})
    assert worked.add_working_days(start, count) == rested.add_working_days(start, count)


@given(st.integers(max_value=0), days)
def test_any_count_below_one_is_refused(count, start):
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(start, count)


# Weekend days a decree makes working days (the package's worked weekend days)


def test_a_sunday_a_decree_made_a_working_day_counts_and_the_friday_it_freed_does_not():
    # Decree for 2025: the day off of Sunday 5 January moved to Friday 3 January.
    assert CALENDAR.is_working_day(date(2025, 1, 5))
    assert CALENDAR.is_moved_working_day(date(2025, 1, 5))
    assert not CALENDAR.is_working_day(date(2025, 1, 3))
    # Thu 2 Jan is New Year: from Tue 31 Dec 2024, Fri 3 off, Sat 4 off, Sun 5 worked (1st)
    assert CALENDAR.add_working_days(date(2024, 12, 31), 1) == date(2025, 1, 5)


def test_a_saturday_a_decree_made_a_working_day_counts():
    # Decree for 2024: Saturday 4 May worked, Wednesday 8 May off.
    assert CALENDAR.is_working_day(date(2024, 5, 4))
    assert not CALENDAR.is_working_day(date(2024, 5, 8))


def test_an_ordinary_saturday_is_no_moved_working_day_and_a_decree_override_is():
    assert not CALENDAR.is_moved_working_day(date(2026, 11, 28))
    assert WorkingCalendar({date(2026, 11, 28): True}).is_moved_working_day(date(2026, 11, 28))
    assert not WorkingCalendar({date(2025, 1, 5): False}).is_working_day(date(2025, 1, 5))


# The published calendars of 2026 and 2027: every weekday off, and no worked weekend day

DAYS_OFF_2026 = {
    date(2026, 1, 1), date(2026, 1, 2),  # New Year
    date(2026, 1, 7),  # Orthodox Christmas
    date(2026, 3, 9),  # 8 March on a Sunday
    date(2026, 3, 23), date(2026, 3, 24), date(2026, 3, 25),  # Nauryz (21, 22 on the weekend)
    date(2026, 5, 1), date(2026, 5, 7),
    date(2026, 5, 11),  # Victory Day on a Saturday
    date(2026, 5, 27),  # Kurban Ait (estimated)
    date(2026, 7, 6),
    date(2026, 10, 26),  # Republic Day on a Sunday
    date(2026, 12, 16),
}
DAYS_OFF_2027 = {
    date(2027, 1, 1), date(2027, 1, 4),  # New Year (2 January on a Saturday)
    date(2027, 1, 7),
    date(2027, 3, 8), date(2027, 3, 15),  # Constitution Day from 2027
    date(2027, 3, 22), date(2027, 3, 23), date(2027, 3, 24),  # Nauryz (21 on a Sunday)
    date(2027, 5, 3),  # 1 May on a Saturday
    date(2027, 5, 7), date(2027, 5, 10),  # Victory Day on a Sunday
    date(2027, 7, 6), date(2027, 10, 25), date(2027, 12, 16),
}  # Kurban Ait 2027 (16 May, estimated) falls on a Sunday and does not move


@pytest.mark.parametrize(("year", "days_off"), [(2026, DAYS_OFF_2026), (2027, DAYS_OFF_2027)])
def test_the_years_weekdays_off_and_weekends_are_the_published_ones(year, days_off):
    every_day = [date(year, 1, 1) + timedelta(days=n) for n in range(365)]
    weekdays_off = {day for day in every_day
                    if day.weekday() < 5 and not CALENDAR.is_working_day(day)}
    worked_weekends = [day for day in every_day
                       if day.weekday() >= 5 and CALENDAR.is_working_day(day)]
    assert weekdays_off == days_off
    assert worked_weekends == []


def test_a_religious_holidays_computed_date_is_marked_estimated():
    assert CALENDAR.is_estimated(date(2026, 5, 27))
    assert not CALENDAR.is_estimated(date(2026, 12, 16))
    assert not CALENDAR.is_estimated(date(2026, 11, 25))
