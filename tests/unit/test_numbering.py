"""Ticket numbers: a capital service letter and at least three digits, restarting each local day."""

import string
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from queue_mgr import format_ticket_number, local_day

ALMATY = ZoneInfo("Asia/Almaty")
# Kazakhstan has one time zone, UTC+5, since 1 March 2024.
ALMATY_OFFSET = timedelta(hours=5)
SINCE_SINGLE_ZONE = datetime(2024, 3, 2)
UNTIL = datetime(2040, 1, 1)

capital_letters = st.sampled_from(string.ascii_uppercase)


def test_a_small_number_is_padded_to_three_digits():
    assert format_ticket_number("G", 7) == "G007"


def test_the_first_ticket_of_the_day_is_number_one():
    assert format_ticket_number("A", 1) == "A001"


def test_the_last_three_digit_number_keeps_three_digits():
    assert format_ticket_number("K", 999) == "K999"


def test_past_999_the_number_grows_a_fourth_digit():
    assert format_ticket_number("G", 1000) == "G1000"


@pytest.mark.parametrize("number", [0, -1, -999])
def test_a_number_below_one_is_refused(number):
    with pytest.raises(ValueError):
        format_ticket_number("G", number)


@pytest.mark.parametrize("letter", ["g", "", "GG", "1", "-", " "])
def test_a_service_letter_that_is_not_one_capital_letter_is_refused(letter):
    with pytest.raises(ValueError):
        format_ticket_number(letter, 1)


@settings(max_examples=30)
@given(letter=capital_letters)
def test_numbers_one_to_five_thousand_of_a_letter_are_all_printed_differently(letter):
    printed = {format_ticket_number(letter, number) for number in range(1, 5001)}
    assert len(printed) == 5000


@given(letter=capital_letters, number=st.integers(min_value=1, max_value=5000))
def test_a_printed_number_is_the_letter_and_at_least_three_digits_that_read_back(letter, number):
    printed = format_ticket_number(letter, number)
    digits = printed[1:]
    assert printed[0] == letter
    assert len(digits) >= 3
    assert digits.isdigit()
    assert int(digits) == number


@given(
    letter=capital_letters,
    first=st.integers(min_value=1, max_value=5000),
    second=st.integers(min_value=1, max_value=5000),
)
def test_two_different_numbers_of_a_letter_never_print_the_same(letter, first, second):
    if first != second:
        assert format_ticket_number(letter, first) != format_ticket_number(letter, second)


@given(
    first=capital_letters,
    second=capital_letters,
    number=st.integers(min_value=1, max_value=5000),
)
def test_the_same_number_of_two_services_prints_differently(first, second, number):
    if first != second:
        assert format_ticket_number(first, number) != format_ticket_number(second, number)


def test_seven_in_the_evening_utc_is_already_the_next_day_in_almaty():
    assert local_day(datetime(2026, 6, 10, 18, 59, 59, tzinfo=UTC), ALMATY) == date(2026, 6, 10)
    assert local_day(datetime(2026, 6, 10, 19, 0, tzinfo=UTC), ALMATY) == date(2026, 6, 11)


def test_the_day_is_the_halls_day_whatever_zone_the_moment_is_written_in():
    moment = datetime(2026, 6, 10, 23, 30, tzinfo=ZoneInfo("Europe/Moscow"))  # 01:30 in Almaty
    assert local_day(moment, ALMATY) == date(2026, 6, 11)


def test_a_moment_without_a_time_zone_is_refused():
    with pytest.raises(ValueError):
        local_day(datetime(2026, 6, 10, 12, 0), ALMATY)


@given(st.datetimes(min_value=SINCE_SINGLE_ZONE, max_value=UNTIL, timezones=st.just(UTC)))
def test_the_local_day_is_the_date_five_hours_ahead_of_utc(moment):
    assert local_day(moment, ALMATY) == (moment + ALMATY_OFFSET).date()


@given(st.dates(min_value=SINCE_SINGLE_ZONE.date(), max_value=UNTIL.date()))
def test_the_local_day_changes_exactly_at_local_midnight(day):
    midnight = datetime.combine(day, time(0), tzinfo=ALMATY)
    assert midnight.utcoffset() == ALMATY_OFFSET
    assert local_day(midnight, ALMATY) == day
    assert local_day(midnight - timedelta(microseconds=1), ALMATY) == day - timedelta(days=1)
    assert local_day(midnight.astimezone(UTC), ALMATY) == day


@given(
    st.datetimes(min_value=SINCE_SINGLE_ZONE, max_value=UNTIL, timezones=st.just(UTC)),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=1)),
)
def test_two_moments_share_a_local_day_only_when_no_local_midnight_lies_between(moment, gap):
    later = moment + gap
    midnight_after = datetime.combine(
        local_day(moment, ALMATY) + timedelta(days=1), time(0), tzinfo=ALMATY
    )
    same_day = local_day(moment, ALMATY) == local_day(later, ALMATY)
    assert same_day == (later < midnight_after)

