"""The calling order: at-risk tickets first, then priorities, then everyone else, oldest first."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from queue_mgr import SlaLimits, WaitingTicket, calling_order

ALMATY = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=ALMATY)
LIMITS = SlaLimits()  # warning at 10 minutes, limit at 15
MINUTE = timedelta(minutes=1)
MICROSECOND = timedelta(microseconds=1)


def waited(minutes: float, key: str, **kind) -> WaitingTicket:
    """A ticket issued ``minutes`` before NOW."""
    return WaitingTicket(key=key, issued_at=NOW - timedelta(minutes=minutes), **kind)


def keys(tickets):
    return [ticket.key for ticket in tickets]


def is_at_risk(ticket, now, limits):
    return limits.warning <= now - ticket.issued_at < limits.limit


def is_priority(ticket):
    return ticket.booked or ticket.priority_rank is not None


def is_sorted(values):
    return all(a <= b for a, b in pairwise(values))


def comes_first_then_never_again(flags):
    """True when every True in the sequence precedes every False."""
    return list(flags) == sorted(flags, reverse=True)


# Examples


def test_an_empty_hall_has_no_one_to_call():
    assert calling_order([], NOW, LIMITS) == []


def test_a_ticket_waiting_past_the_warning_is_called_before_a_booked_one():
    booked = waited(1, "booked", booked=True)
    at_risk = waited(11, "at-risk")
    assert keys(calling_order([booked, at_risk], NOW, LIMITS)) == ["at-risk", "booked"]


def test_a_ticket_waiting_exactly_the_warning_threshold_is_already_at_risk():
    priority = waited(1, "priority", priority_rank=1)
    at_warning = waited(10, "at-warning")
    assert keys(calling_order([priority, at_warning], NOW, LIMITS)) == ["at-warning", "priority"]


def test_a_ticket_just_under_the_warning_threshold_waits_behind_priorities():
    priority = waited(1, "priority", priority_rank=1)
    almost = WaitingTicket("almost", NOW - timedelta(minutes=10) + MICROSECOND)
    assert keys(calling_order([almost, priority], NOW, LIMITS)) == ["priority", "almost"]


def test_a_ticket_exactly_at_the_limit_is_no_longer_at_risk_and_follows_priorities():
    priority = waited(1, "priority", priority_rank=1)
    breached = waited(15, "breached")
    at_risk = waited(12, "at-risk")
    order = calling_order([breached, priority, at_risk], NOW, LIMITS)
    assert keys(order) == ["at-risk", "priority", "breached"]


def test_the_at_risk_ticket_closest_to_the_limit_is_called_first():
    tickets = [waited(10.5, "ten"), waited(14.9, "fourteen"), waited(12, "twelve")]
    assert keys(calling_order(tickets, NOW, LIMITS)) == ["fourteen", "twelve", "ten"]


def test_at_risk_tickets_are_called_oldest_first_even_over_a_higher_priority():
    tickets = [
        waited(11, "regular"),
        waited(13, "booked", booked=True),
        waited(12, "ranked", priority_rank=1),
    ]
    assert keys(calling_order(tickets, NOW, LIMITS)) == ["booked", "ranked", "regular"]


def test_booked_visitors_come_before_the_priority_categories():
    tickets = [waited(8, "disabled", priority_rank=1), waited(1, "booked", booked=True)]
    assert keys(calling_order(tickets, NOW, LIMITS)) == ["booked", "disabled"]


def test_priority_categories_are_called_by_rank_before_age():
    tickets = [waited(9, "pregnant", priority_rank=2), waited(1, "disabled", priority_rank=1)]
    assert keys(calling_order(tickets, NOW, LIMITS)) == ["disabled", "pregnant"]


def test_within_one_priority_category_the_oldest_is_called_first():
    tickets = [waited(2, "newer", priority_rank=1), waited(5, "older", priority_rank=1)]
    assert keys(calling_order(tickets, NOW, LIMITS)) == ["older", "newer"]


def test_every_priority_goes_before_a_regular_ticket_that_is_not_at_risk():
    tickets = [waited(9, "regular"), waited(1, "ranked", priority_rank=5)]
    assert keys(calling_order(tickets, NOW, LIMITS)) == ["ranked", "regular"]


def test_regular_tickets_are_called_oldest_first_with_breached_ones_leading():
    tickets = [waited(3, "three"), waited(40, "forty"), waited(1, "one"), waited(20, "twenty")]
    assert keys(calling_order(tickets, NOW, LIMITS)) == ["forty", "twenty", "three", "one"]


def test_a_priority_ticket_past_the_limit_stays_a_priority():
    tickets = [waited(2, "regular"), waited(30, "late-priority", priority_rank=3)]
    assert keys(calling_order(tickets, NOW, LIMITS)) == ["late-priority", "regular"]


def test_the_order_is_the_same_whatever_zone_the_issue_times_are_written_in():
    in_utc = WaitingTicket("utc", (NOW - timedelta(minutes=5)).astimezone(UTC))
    in_almaty = waited(4, "almaty")
    assert keys(calling_order([in_almaty, in_utc], NOW, LIMITS)) == ["utc", "almaty"]


def test_tickets_issued_at_the_same_moment_are_still_ordered_the_same_way_every_time():
    first = [waited(3, "b"), waited(3, "a"), waited(3, "c")]
    second = list(reversed(first))
    assert calling_order(first, NOW, LIMITS) == calling_order(second, NOW, LIMITS)


# Properties


@st.composite
def limits(draw):
    limit = draw(st.integers(min_value=1, max_value=40)) * MINUTE
    warning = draw(st.integers(min_value=1, max_value=limit // MINUTE)) * MINUTE
    return SlaLimits(warning=warning, limit=limit)


@st.composite
def halls(draw):
    """A set of waiting tickets with distinct keys, the moment and the limits."""
    hall_limits = draw(limits())
    # Booked visitors form one category, so they share one rank (or none).
    booked_rank = draw(st.none() | st.integers(min_value=0, max_value=5))
    count = draw(st.integers(min_value=0, max_value=25))
    boundaries = [
        hall_limits.warning - MICROSECOND,
        hall_limits.warning,
        hall_limits.limit - MICROSECOND,
        hall_limits.limit,
    ]
    tickets = []
    for key in range(count):
        age = draw(
            st.sampled_from(boundaries)
            | st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=1))
            | st.integers(min_value=0, max_value=60).map(lambda m: m * MINUTE)
        )
        booked = draw(st.booleans())
        rank = booked_rank if booked else draw(st.none() | st.integers(min_value=0, max_value=5))
        tickets.append(WaitingTicket(key, NOW - age, priority_rank=rank, booked=booked))
    return tickets, hall_limits


@given(halls())
def test_the_order_calls_every_waiting_ticket_exactly_once(hall):
    tickets, hall_limits = hall
    order = calling_order(tickets, NOW, hall_limits)
    assert sorted(keys(order)) == sorted(keys(tickets))
    assert set(order) == set(tickets)


@given(halls())
def test_all_at_risk_tickets_come_before_all_others_and_oldest_first(hall):
    tickets, hall_limits = hall
    order = calling_order(tickets, NOW, hall_limits)
    assert comes_first_then_never_again([is_at_risk(t, NOW, hall_limits) for t in order])
    at_risk = [t for t in order if is_at_risk(t, NOW, hall_limits)]
    assert is_sorted([t.issued_at for t in at_risk])


@given(halls())
def test_after_the_at_risk_tickets_priorities_come_before_regular_tickets(hall):
    tickets, hall_limits = hall
    rest = [
        t for t in calling_order(tickets, NOW, hall_limits) if not is_at_risk(t, NOW, hall_limits)
    ]
    assert comes_first_then_never_again([is_priority(t) for t in rest])


@given(halls())
def test_booked_visitors_come_before_other_priorities_and_oldest_first(hall):
    tickets, hall_limits = hall
    order = calling_order(tickets, NOW, hall_limits)
    priorities = [t for t in order if not is_at_risk(t, NOW, hall_limits) and is_priority(t)]
    assert comes_first_then_never_again([t.booked for t in priorities])
    assert is_sorted([t.issued_at for t in priorities if t.booked])


@given(halls())
def test_other_priorities_are_called_by_rank_then_oldest_first(hall):
    tickets, hall_limits = hall
    order = calling_order(tickets, NOW, hall_limits)
    ranked = [
        t for t in order if not is_at_risk(t, NOW, hall_limits) and is_priority(t) and not t.booked
    ]
    assert is_sorted([(t.priority_rank, t.issued_at) for t in ranked])


@given(halls())
def test_regular_tickets_that_are_not_at_risk_are_called_oldest_first(hall):
    tickets, hall_limits = hall
    order = calling_order(tickets, NOW, hall_limits)
    regular = [t for t in order if not is_at_risk(t, NOW, hall_limits) and not is_priority(t)]
    assert is_sorted([t.issued_at for t in regular])


@given(halls(), st.data())
def test_the_order_does_not_depend_on_the_order_tickets_are_given_in(hall, data):
    tickets, hall_limits = hall
    shuffled = data.draw(st.permutations(tickets))
    assert calling_order(shuffled, NOW, hall_limits) == calling_order(tickets, NOW, hall_limits)


@given(halls())
def test_the_order_accepts_any_iterable_of_tickets(hall):
    tickets, hall_limits = hall
    assert calling_order(iter(tickets), NOW, hall_limits) == calling_order(
        tickets, NOW, hall_limits
    )
