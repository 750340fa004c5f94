"""The supervisor's figures: percentiles, the day's numbers, the lines and the windows' states."""

import statistics
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr import SlaLimits, TicketStatus
from queue_mgr.line.stats import (
    DayFigures,
    LineFigures,
    TicketTimes,
    WindowState,
    day_figures,
    line_figures,
    lines_by_service,
    median,
    percentile,
    service_time,
    waited,
    window_state,
)

ALMATY = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=ALMATY)
LIMITS = SlaLimits(warning=timedelta(minutes=10), limit=timedelta(minutes=15))
MICROSECOND = timedelta(microseconds=1)


def minutes(value: float) -> timedelta:
    return timedelta(minutes=value)


def ago(value: float) -> datetime:
    return NOW - minutes(value)


durations = st.lists(st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=8)),
                     min_size=1, max_size=60)


# Percentiles


def test_percentiles_of_nothing_are_none():
    assert percentile([], 90) is None
    assert median([]) is None


def test_a_single_value_is_every_percentile_of_itself():
    assert percentile([minutes(7)], 0) == percentile([minutes(7)], 90) == minutes(7)


def test_percentiles_interpolate_linearly_between_neighbouring_values():
    values = [minutes(m) for m in (1, 2, 3, 4, 10)]
    assert percentile(values, 0) == minutes(1)
    assert percentile(values, 50) == minutes(3)
    # rank (5 - 1) · 0.9 = 3.6: 60 % of the way from 4 to 10 minutes
    assert percentile(values, 90) == minutes(7.6)
    assert percentile(values, 100) == minutes(10)


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values():
    assert median([minutes(2), minutes(9), minutes(4), minutes(6)]) == minutes(5)


def test_percentiles_work_on_plain_numbers_too():
    assert percentile([10, 20, 30, 40], 25) == 17.5


@pytest.mark.parametrize("p", [-1, 100.5])
def test_a_percentile_outside_0_to_100_is_refused(p):
    with pytest.raises(ValueError):
        percentile([minutes(1)], p)


@given(durations)
def test_the_median_is_at_most_the_90th_percentile_and_that_at_most_the_longest(values):
    assert min(values) <= median(values) <= percentile(values, 90) <= max(values)


@given(durations, st.floats(min_value=0, max_value=100), st.floats(min_value=0, max_value=100))
def test_a_higher_percentile_is_never_lower(values, p, q):
    low, high = sorted((p, q))
    assert percentile(values, low) <= percentile(values, high)


@given(durations)
def test_the_median_agrees_with_the_statistics_module(values):
    assert abs(median(values) - statistics.median(values)) <= MICROSECOND


@given(durations)
def test_the_order_of_the_values_does_not_matter(values):
    assert percentile(values, 90) == percentile(list(reversed(values)), 90)


# A ticket's wait and service time


def test_a_wait_runs_from_issue_until_the_applicant_is_at_the_window_or_until_now():
    at_window = TicketTimes("serving", ago(20), called_at=ago(8), serving_at=ago(6))
    assert waited(at_window, NOW) == minutes(14)  # the walk from the call counts
    assert waited(TicketTimes("called", ago(20), called_at=ago(8)), NOW) == minutes(20)
    assert waited(TicketTimes("waiting", ago(20)), NOW) == minutes(20)


def test_a_service_segment_before_a_return_to_the_line_is_kept_in_both_clocks():
    # Issued 30 minutes ago, served 3 minutes, transferred: the wait's origin moved on by 3.
    back = TicketTimes("waiting", ago(30), waiting_since=ago(27), served_before=minutes(3))
    assert waited(back, NOW) == minutes(27)
    assert service_time(back, NOW) == minutes(3)


def test_a_service_time_runs_from_the_start_to_the_end_of_service_or_until_now():
    served = TicketTimes("served", ago(40), ago(30), ago(29), ago(10))
    serving = TicketTimes("serving", ago(20), ago(19), ago(18))
    assert service_time(served, NOW) == minutes(19)
    assert service_time(serving, NOW) == minutes(18)
    assert service_time(TicketTimes("called", ago(5), ago(1)), NOW) is None


# The day's figures


def test_an_empty_day_has_zero_counts_and_no_wait_figures():
    assert day_figures([], NOW, LIMITS, LIMITS) == DayFigures(0, 0, 0, 0, 0, 0, None, None)


def test_the_day_counts_served_no_shows_and_limits_passed():
    tickets = [
        # served: waited 5 (the walk included), served 20 (past the service limit)
        TicketTimes("served", ago(60), ago(56), ago(55), ago(35)),
        # served: waited exactly 15 (the limit counts as past), served 5
        TicketTimes("served", ago(50), ago(36), ago(35), ago(30)),
        # did not come: waited 10 until marked absent
        TicketTimes("no_show", ago(40), ago(33), finished_at=ago(30)),
        # waited 10, at the window for 16 minutes now: past the service limit while running
        TicketTimes("serving", ago(26), ago(17), ago(16)),
        # still waiting, 16 minutes: past the wait limit already
        TicketTimes("waiting", ago(16)),
        # still waiting, 3 minutes
        TicketTimes("waiting", ago(3)),
        # still in line when the hall closed: waited 19 minutes, until the close
        TicketTimes("cancelled", ago(59), finished_at=ago(40)),
    ]
    figures = day_figures(tickets, NOW, LIMITS, LIMITS)
    assert figures.issued == 7
    assert figures.served == 2
    assert figures.no_shows == 1
    assert figures.closed_unserved == 1
    assert figures.waits_past_limit == 3
    assert figures.services_past_limit == 2
    # waits of those who came to a window: 5, 15, 10
    assert figures.median_wait == minutes(10)
    assert figures.p90_wait == minutes(14)


def test_a_wait_ended_by_the_close_counts_until_the_close_not_until_now():
    closed = TicketTimes("cancelled", ago(600), finished_at=ago(600) + minutes(14))
    figures = day_figures([closed], NOW, LIMITS, LIMITS)
    assert figures.closed_unserved == 1
    assert figures.waits_past_limit == 0


def test_a_wait_just_under_the_limit_is_not_past_it():
    came = ago(20) + minutes(15) - MICROSECOND
    tickets = [TicketTimes("serving", ago(20), came - minutes(1), came),
               TicketTimes("waiting", ago(15) + MICROSECOND)]
    assert day_figures(tickets, NOW, LIMITS, LIMITS).waits_past_limit == 0


@given(st.lists(st.tuples(st.sampled_from(list(TicketStatus)), st.integers(0, 600),
                          st.integers(0, 600)), max_size=40))
def test_the_counts_never_exceed_the_tickets_of_the_day(rows):
    tickets = [
        TicketTimes(status, ago(issued), None if status == "waiting" else ago(issued) + minutes(w))
        for status, issued, w in rows
    ]
    figures = day_figures(tickets, NOW, LIMITS, LIMITS)
    assert figures.served + figures.no_shows + figures.closed_unserved <= figures.issued \
        == len(tickets)
    assert figures.waits_past_limit <= figures.issued
    if figures.median_wait is not None:
        assert figures.median_wait <= figures.p90_wait


# The lines


def test_a_line_counts_its_waiting_tickets_and_knows_the_longest_wait():
    tickets = [TicketTimes("waiting", ago(4), service="G"), TicketTimes("waiting", ago(9),
               service="G"), TicketTimes("called", ago(30), ago(1), service="G"),
               TicketTimes("waiting", ago(2), service="D")]
    lines = lines_by_service(tickets)
    assert lines["G"] == LineFigures(2, ago(9))
    assert lines["G"].longest(NOW) == minutes(9)
    assert lines["D"].waiting == 1
    assert line_figures(tickets).longest(NOW) == minutes(9)


def test_an_empty_line_has_no_longest_wait():
    assert line_figures([TicketTimes("served", ago(9), ago(8))]) == LineFigures(0, None)
    assert LineFigures().longest(NOW) is None
    assert lines_by_service([]) == {}


# The windows


@pytest.mark.parametrize(
    ("held", "paused", "current", "state"),
    [
        (False, False, None, WindowState.CLOSED),
        (False, True, None, WindowState.CLOSED),
        (True, False, None, WindowState.FREE),
        (True, True, None, WindowState.PAUSED),
        (True, False, "called", WindowState.CALLING),
        (True, False, "serving", WindowState.SERVING),
    ],
)
def test_a_window_is_closed_free_paused_calling_or_serving(held, paused, current, state):
    assert window_state(held, paused, current) == state
