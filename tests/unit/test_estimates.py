"""Waited time, the SLA status against the limits, and the wait estimate."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr import SlaLimits, SlaStatus, estimate_wait, sla_status
from queue_mgr.line.estimates import elapsed

ALMATY = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=ALMATY)
MINUTE = timedelta(minutes=1)
MICROSECOND = timedelta(microseconds=1)
DEFAULT_SERVICE = timedelta(minutes=6)
SEVERITY = [SlaStatus.OK, SlaStatus.WARNING, SlaStatus.BREACH]

service_times = st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(hours=2))
recent_times = st.lists(service_times, max_size=30)
ahead_counts = st.integers(min_value=0, max_value=500)
window_counts = st.integers(min_value=0, max_value=40)


@st.composite
def sla_limits(draw):
    limit = draw(st.timedeltas(min_value=MICROSECOND, max_value=timedelta(hours=2)))
    warning = draw(st.timedeltas(min_value=MICROSECOND, max_value=limit))
    return SlaLimits(warning=warning, limit=limit)


def median_of(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


# SlaLimits


def test_the_default_limits_warn_at_ten_minutes_and_breach_at_fifteen():
    limits = SlaLimits()
    assert limits.warning == timedelta(minutes=10)
    assert limits.limit == timedelta(minutes=15)


def test_a_warning_after_the_limit_is_refused():
    with pytest.raises(ValueError):
        SlaLimits(warning=timedelta(minutes=16), limit=timedelta(minutes=15))


@pytest.mark.parametrize("warning", [timedelta(0), -MINUTE])
def test_a_warning_at_or_before_zero_is_refused(warning):
    with pytest.raises(ValueError):
        SlaLimits(warning=warning, limit=timedelta(minutes=15))


def test_a_warning_at_the_limit_itself_is_accepted_and_goes_straight_to_breach():
    limits = SlaLimits(warning=timedelta(minutes=15), limit=timedelta(minutes=15))
    assert sla_status(timedelta(minutes=15) - MICROSECOND, limits) == SlaStatus.OK
    assert sla_status(timedelta(minutes=15), limits) == SlaStatus.BREACH


@given(
    limit=st.timedeltas(min_value=MICROSECOND, max_value=timedelta(hours=2)),
    excess=st.timedeltas(min_value=MICROSECOND, max_value=timedelta(hours=2)),
)
def test_any_warning_later_than_the_limit_is_refused(limit, excess):
    with pytest.raises(ValueError):
        SlaLimits(warning=limit + excess, limit=limit)


# sla_status


@pytest.mark.parametrize(
    ("spent", "expected"),
    [
        (timedelta(0), SlaStatus.OK),
        (timedelta(minutes=10) - MICROSECOND, SlaStatus.OK),
        (timedelta(minutes=10), SlaStatus.WARNING),
        (timedelta(minutes=15) - MICROSECOND, SlaStatus.WARNING),
        (timedelta(minutes=15), SlaStatus.BREACH),
        (timedelta(hours=3), SlaStatus.BREACH),
    ],
)
def test_the_status_turns_warning_exactly_at_ten_minutes_and_breach_exactly_at_fifteen(
    spent, expected
):
    assert sla_status(spent, SlaLimits()) == expected


@given(limits=sla_limits())
def test_exactly_at_the_warning_is_a_warning_and_exactly_at_the_limit_is_a_breach(limits):
    if limits.warning < limits.limit:
        assert sla_status(limits.warning - MICROSECOND, limits) == SlaStatus.OK
        assert sla_status(limits.warning, limits) == SlaStatus.WARNING
        assert sla_status(limits.limit - MICROSECOND, limits) == SlaStatus.WARNING
    assert sla_status(limits.limit, limits) == SlaStatus.BREACH


@given(
    limits=sla_limits(),
    spent=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=5)),
)
def test_the_status_follows_the_thresholds_for_any_time_spent(limits, spent):
    status = sla_status(spent, limits)
    if spent >= limits.limit:
        assert status == SlaStatus.BREACH
    elif spent >= limits.warning:
        assert status == SlaStatus.WARNING
    else:
        assert status == SlaStatus.OK


@given(
    limits=sla_limits(),
    shorter=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=5)),
    extra=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=5)),
)
def test_waiting_longer_never_improves_the_status(limits, shorter, extra):
    before = SEVERITY.index(sla_status(shorter, limits))
    after = SEVERITY.index(sla_status(shorter + extra, limits))
    assert after >= before


# elapsed


def test_a_running_wait_is_counted_until_now():
    assert elapsed(NOW - timedelta(minutes=7), None, NOW) == timedelta(minutes=7)


def test_a_finished_wait_is_counted_until_it_ended_not_until_now():
    started = NOW - timedelta(minutes=30)
    assert elapsed(started, started + timedelta(minutes=4), NOW) == timedelta(minutes=4)


def test_moments_in_different_zones_are_compared_as_instants():
    started = datetime(2026, 11, 25, 5, 50, tzinfo=UTC)  # 10:50 in Almaty
    assert elapsed(started, None, NOW) == timedelta(minutes=10)


def test_a_start_after_now_counts_as_no_time_rather_than_negative_time():
    assert elapsed(NOW + timedelta(minutes=2), None, NOW) == timedelta(0)


# estimate_wait


def test_the_first_ticket_in_line_waits_nothing():
    assert estimate_wait(0, 3, [timedelta(minutes=5)], DEFAULT_SERVICE) == timedelta(0)


def test_with_no_recent_services_the_default_service_time_is_used():
    assert estimate_wait(4, 1, [], DEFAULT_SERVICE) == 4 * DEFAULT_SERVICE


def test_the_median_of_recent_times_is_used_so_one_slow_service_does_not_inflate_it():
    recent = [timedelta(minutes=3), timedelta(minutes=4), timedelta(minutes=60)]
    assert estimate_wait(1, 1, recent, DEFAULT_SERVICE) == timedelta(minutes=4)


def test_with_an_even_number_of_recent_times_the_two_middle_ones_are_averaged():
    recent = [timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=6), timedelta(hours=1)]
    assert estimate_wait(1, 1, recent, DEFAULT_SERVICE) == timedelta(minutes=5)


def test_windows_working_in_parallel_shorten_the_wait():
    recent = [timedelta(minutes=6)]
    assert estimate_wait(6, 3, recent, DEFAULT_SERVICE) == 2 * timedelta(minutes=6)


def test_with_no_window_open_yet_one_window_is_assumed():
    recent = [timedelta(minutes=5)]
    assert estimate_wait(3, 0, recent, DEFAULT_SERVICE) == estimate_wait(
        3, 1, recent, DEFAULT_SERVICE
    )
    assert estimate_wait(3, 0, recent, DEFAULT_SERVICE) == timedelta(minutes=15)


@pytest.mark.parametrize("ahead", [-1, -20])
def test_a_negative_number_of_tickets_ahead_is_refused(ahead):
    with pytest.raises(ValueError):
        estimate_wait(ahead, 1, [], DEFAULT_SERVICE)


@given(windows=window_counts, recent=recent_times, default=service_times)
def test_no_tickets_ahead_means_no_wait(windows, recent, default):
    assert estimate_wait(0, windows, recent, default) == timedelta(0)


@given(
    ahead=ahead_counts,
    more=st.integers(min_value=0, max_value=500),
    windows=window_counts,
    recent=recent_times,
    default=service_times,
)
def test_more_tickets_ahead_never_shorten_the_estimate(ahead, more, windows, recent, default):
    assert estimate_wait(ahead, windows, recent, default) <= estimate_wait(
        ahead + more, windows, recent, default
    )


@given(
    ahead=ahead_counts,
    windows=window_counts,
    more=st.integers(min_value=0, max_value=40),
    recent=recent_times,
    default=service_times,
)
def test_more_open_windows_never_lengthen_the_estimate(ahead, windows, more, recent, default):
    assert estimate_wait(ahead, windows + more, recent, default) <= estimate_wait(
        ahead, windows, recent, default
    )


@given(ahead=ahead_counts, recent=recent_times, default=service_times)
def test_one_window_serves_the_line_one_median_service_after_another(ahead, recent, default):
    typical = median_of(recent) if recent else default
    assert estimate_wait(ahead, 1, recent, default) == typical * ahead


@given(
    rounds=st.integers(min_value=0, max_value=50),
    windows=st.integers(min_value=1, max_value=20),
    recent=st.lists(service_times, min_size=1, max_size=30),
    default=service_times,
)
def test_a_full_round_of_every_window_takes_one_median_service_time(
    rounds, windows, recent, default
):
    assert estimate_wait(rounds * windows, windows, recent, default) == median_of(recent) * rounds


@given(ahead=ahead_counts, windows=window_counts, default=service_times)
def test_without_recent_services_the_estimate_uses_the_default(ahead, windows, default):
    with_default = estimate_wait(ahead, windows, [], default)
    assert with_default == estimate_wait(ahead, windows, [default], default * 7)


@given(
    ahead=ahead_counts,
    windows=window_counts,
    recent=recent_times,
    default=service_times,
    data=st.data(),
)
def test_the_order_of_recent_times_does_not_matter(ahead, windows, recent, default, data):
    shuffled = data.draw(st.permutations(recent))
    assert estimate_wait(ahead, windows, shuffled, default) == estimate_wait(
        ahead, windows, recent, default
    )
