"""The calling order: the overdue first, then the at-risk, then priorities, then everyone else,
oldest first."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr import CallingRules, SlaLimits, WaitingTicket, calling_order

ALMATY = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=ALMATY)
LIMITS = SlaLimits()  # warning at 10 minutes, limit at 15
RULES = CallingRules(LIMITS, ceiling=timedelta(minutes=20))
MINUTE = timedelta(minutes=1)
MICROSECOND = timedelta(microseconds=1)


def waited(minutes: float, key: str, **kind) -> WaitingTicket:
    """A ticket issued ``minutes`` before NOW."""
    return WaitingTicket(key=key, waiting_since=NOW - timedelta(minutes=minutes), **kind)


def keys(tickets):
    return [ticket.key for ticket in tickets]


def is_at_risk(ticket, now, limits):
    return limits.warning <= now - ticket.waiting_since < limits.limit


def is_priority(ticket):
    return ticket.booked or ticket.priority_rank is not None


def is_sorted(values):
    return all(a <= b for a, b in pairwise(values))


def comes_first_then_never_again(flags):
    """True when every True in the sequence precedes every False."""
    return list(flags) == sorted(flags, reverse=True)


# Examples


def test_an_empty_hall_has_no_one_to_call():
    assert calling_order([], NOW, RULES) == []


def test_a_ticket_waiting_past_the_warning_is_called_before_a_booked_one():
    booked = waited(1, "booked", booked=True)
    at_risk = waited(11, "at-risk")
    assert keys(calling_order([booked, at_risk], NOW, RULES)) == ["at-risk", "booked"]


def test_a_ticket_waiting_exactly_the_warning_threshold_is_already_at_risk():
    priority = waited(1, "priority", priority_rank=1)
    at_warning = waited(10, "at-warning")
    assert keys(calling_order([priority, at_warning], NOW, RULES)) == ["at-warning", "priority"]


def test_a_ticket_just_under_the_warning_threshold_waits_behind_priorities():
    priority = waited(1, "priority", priority_rank=1)
    almost = WaitingTicket("almost", NOW - timedelta(minutes=10) + MICROSECOND)
    assert keys(calling_order([almost, priority], NOW, RULES)) == ["priority", "almost"]


def test_a_ticket_exactly_at_the_limit_is_no_longer_at_risk_and_follows_priorities():
    priority = waited(1, "priority", priority_rank=1)
    breached = waited(15, "breached")
    at_risk = waited(12, "at-risk")
    order = calling_order([breached, priority, at_risk], NOW, RULES)
    assert keys(order) == ["at-risk", "priority", "breached"]


def test_the_at_risk_ticket_closest_to_the_limit_is_called_first():
    tickets = [waited(10.5, "ten"), waited(14.9, "fourteen"), waited(12, "twelve")]
    assert keys(calling_order(tickets, NOW, RULES)) == ["fourteen", "twelve", "ten"]


def test_at_risk_tickets_are_called_oldest_first_even_over_a_higher_priority():
    tickets = [
        waited(11, "regular"),
        waited(13, "booked", booked=True),
        waited(12, "ranked", priority_rank=1),
    ]
    assert keys(calling_order(tickets, NOW, RULES)) == ["booked", "ranked", "regular"]


def test_booked_visitors_come_before_the_priority_categories():
    tickets = [waited(8, "disabled", priority_rank=1), waited(1, "booked", booked=True)]
    assert keys(calling_order(tickets, NOW, RULES)) == ["booked", "disabled"]


def test_priority_categories_are_called_by_rank_before_age():
    tickets = [waited(9, "pregnant", priority_rank=2), waited(1, "disabled", priority_rank=1)]
    assert keys(calling_order(tickets, NOW, RULES)) == ["disabled", "pregnant"]


def test_within_one_priority_category_the_oldest_is_called_first():
    tickets = [waited(2, "newer", priority_rank=1), waited(5, "older", priority_rank=1)]
    assert keys(calling_order(tickets, NOW, RULES)) == ["older", "newer"]


def test_every_priority_goes_before_a_regular_ticket_that_is_not_at_risk():
    tickets = [waited(9, "regular"), waited(1, "ranked", priority_rank=5)]
    assert keys(calling_order(tickets, NOW, RULES)) == ["ranked", "regular"]


def test_regular_tickets_are_called_oldest_first_with_breached_ones_leading():
    tickets = [waited(3, "three"), waited(18, "eighteen"), waited(1, "one"),
               waited(16, "sixteen")]
    assert keys(calling_order(tickets, NOW, RULES)) == ["eighteen", "sixteen", "three", "one"]


def test_a_priority_ticket_past_the_limit_stays_a_priority():
    tickets = [waited(2, "regular"), waited(17, "late-priority", priority_rank=3)]
    assert keys(calling_order(tickets, NOW, RULES)) == ["late-priority", "regular"]


def test_below_the_ceiling_a_breached_ticket_waits_behind_the_at_risk_and_the_priorities():
    tickets = [waited(19, "breached"), waited(12, "at-risk"), waited(1, "booked", booked=True)]
    assert keys(calling_order(tickets, NOW, RULES)) == ["at-risk", "booked", "breached"]


def test_past_the_ceiling_a_ticket_is_called_before_everyone():
    tickets = [waited(12, "at-risk"), waited(1, "booked", booked=True),
               waited(3, "disabled", priority_rank=1), waited(20, "overdue")]
    assert keys(calling_order(tickets, NOW, RULES))[0] == "overdue"


def test_overdue_tickets_are_called_oldest_first_whatever_their_group():
    tickets = [waited(25, "booked", booked=True), waited(40, "regular"),
               waited(30, "disabled", priority_rank=1)]
    assert keys(calling_order(tickets, NOW, RULES)) == ["regular", "disabled", "booked"]


def test_the_order_is_the_same_whatever_zone_the_issue_times_are_written_in():
    in_utc = WaitingTicket("utc", (NOW - timedelta(minutes=5)).astimezone(UTC))
    in_almaty = waited(4, "almaty")
    assert keys(calling_order([in_almaty, in_utc], NOW, RULES)) == ["utc", "almaty"]


def test_tickets_waiting_since_the_same_moment_are_still_ordered_the_same_way_every_time():
    first = [waited(3, "b"), waited(3, "a"), waited(3, "c")]
    second = list(reversed(first))
    assert calling_order(first, NOW, RULES) == calling_order(second, NOW, RULES)


# Properties


@st.composite
def rules(draw):
    limit = draw(st.integers(min_value=1, max_value=40)) * MINUTE
    warning = draw(st.integers(min_value=1, max_value=limit // MINUTE)) * MINUTE
    ceiling = limit + draw(st.integers(min_value=0, max_value=30)) * MINUTE
    return CallingRules(SlaLimits(warning=warning, limit=limit), ceiling=ceiling)


@st.composite
def halls(draw):
    """A set of waiting tickets with distinct keys, and the calling rules."""
    hall_rules = draw(rules())
    limits = hall_rules.limits
    # Booked visitors form one category, so they share one rank (or none).
    booked_rank = draw(st.none() | st.integers(min_value=0, max_value=5))
    count = draw(st.integers(min_value=0, max_value=25))
    boundaries = [limits.warning - MICROSECOND, limits.warning, limits.limit - MICROSECOND,
                  limits.limit, hall_rules.ceiling - MICROSECOND, hall_rules.ceiling]
    tickets = []
    for key in range(count):
        age = draw(
            st.sampled_from(boundaries)
            | st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=2))
            | st.integers(min_value=0, max_value=90).map(lambda m: m * MINUTE)
        )
        booked = draw(st.booleans())
        rank = booked_rank if booked else draw(st.none() | st.integers(min_value=0, max_value=5))
        tickets.append(WaitingTicket(key, NOW - age, priority_rank=rank, booked=booked))
    return tickets, hall_rules


def is_overdue(ticket, hall_rules):
    return NOW - ticket.waiting_since >= hall_rules.ceiling


def unhurried(order, hall_rules):
    """The tickets neither overdue nor at risk, in their order."""
    return [t for t in order if not is_overdue(t, hall_rules)
            and not is_at_risk(t, NOW, hall_rules.limits)]


@given(halls())
def test_the_order_calls_every_waiting_ticket_exactly_once(hall):
    tickets, hall_rules = hall
    order = calling_order(tickets, NOW, hall_rules)
    assert sorted(keys(order)) == sorted(keys(tickets))
    assert set(order) == set(tickets)


@given(halls())
def test_overdue_tickets_come_before_everyone_oldest_first(hall):
    tickets, hall_rules = hall
    order = calling_order(tickets, NOW, hall_rules)
    assert comes_first_then_never_again([is_overdue(t, hall_rules) for t in order])
    assert is_sorted([(t.waiting_since, t.key) for t in order if is_overdue(t, hall_rules)])


@given(halls())
def test_a_ticket_past_the_ceiling_is_passed_only_by_older_tickets(hall):
    """Never passed over indefinitely: once past the ceiling, only the finitely many tickets
    that came before it can still be called before it, whoever arrives later."""
    tickets, hall_rules = hall
    order = calling_order(tickets, NOW, hall_rules)
    for position, ticket in enumerate(order):
        if is_overdue(ticket, hall_rules):
            assert all(ahead.waiting_since <= ticket.waiting_since for ahead in order[:position])


@given(halls())
def test_after_the_overdue_the_at_risk_come_first_and_oldest_first(hall):
    tickets, hall_rules = hall
    rest = [t for t in calling_order(tickets, NOW, hall_rules) if not is_overdue(t, hall_rules)]
    assert comes_first_then_never_again([is_at_risk(t, NOW, hall_rules.limits) for t in rest])
    at_risk = [t for t in rest if is_at_risk(t, NOW, hall_rules.limits)]
    assert is_sorted([t.waiting_since for t in at_risk])


@given(halls())
def test_the_priority_groups_come_before_the_ordinary_line_whose_limit_is_not_at_stake(hall):
    tickets, hall_rules = hall
    rest = unhurried(calling_order(tickets, NOW, hall_rules), hall_rules)
    assert comes_first_then_never_again([is_priority(t) for t in rest])


@given(halls())
def test_booked_visitors_come_before_other_priorities_and_oldest_first(hall):
    tickets, hall_rules = hall
    priorities = [t for t in unhurried(calling_order(tickets, NOW, hall_rules), hall_rules)
                  if is_priority(t)]
    assert comes_first_then_never_again([t.booked for t in priorities])
    assert is_sorted([t.waiting_since for t in priorities if t.booked])


@given(halls())
def test_other_priorities_are_called_by_rank_then_oldest_first(hall):
    tickets, hall_rules = hall
    ranked = [t for t in unhurried(calling_order(tickets, NOW, hall_rules), hall_rules)
              if is_priority(t) and not t.booked]
    assert is_sorted([(t.priority_rank, t.waiting_since) for t in ranked])


@given(halls())
def test_the_ordinary_line_is_called_oldest_first(hall):
    tickets, hall_rules = hall
    regular = [t for t in unhurried(calling_order(tickets, NOW, hall_rules), hall_rules)
               if not is_priority(t)]
    assert is_sorted([t.waiting_since for t in regular])


@given(halls(), st.data())
def test_the_order_does_not_depend_on_the_order_tickets_are_given_in(hall, data):
    tickets, hall_rules = hall
    shuffled = data.draw(st.permutations(tickets))
    assert calling_order(shuffled, NOW, hall_rules) == calling_order(tickets, NOW, hall_rules)


@given(halls())
def test_the_order_accepts_any_iterable_of_tickets(hall):
    tickets, hall_rules = hall
    assert calling_order(iter(tickets), NOW, hall_rules) == calling_order(
        tickets, NOW, hall_rules
    )


def test_a_ceiling_before_the_limit_is_refused():
    with pytest.raises(ValueError):
        CallingRules(LIMITS, ceiling=timedelta(minutes=14))
