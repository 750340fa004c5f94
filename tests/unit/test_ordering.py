"""The calling order (queue_mgr.line.ordering): who can still be saved first, the legal priority
groups ahead of the ordinary line, and nobody past the limit passed over past a ceiling that
follows the day."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr import CallingRules, SlaLimits, WaitingTicket, calling_order
from queue_mgr.line.ordering import counted_since, due

NOW = datetime(2026, 11, 25, 11, 0, tzinfo=ZoneInfo("Asia/Almaty"))
RULES = CallingRules()  # warning at 10 minutes, limit at 15, saving point at 14, ceiling 20
MINUTE = timedelta(minutes=1)


def waited(minutes: float, key: str, **kind) -> WaitingTicket:
    return WaitingTicket(key=key, waiting_since=NOW - minutes * MINUTE, **kind)


def keys(tickets) -> list:
    return [ticket.key for ticket in tickets]


def age(ticket: WaitingTicket) -> timedelta:
    return NOW - ticket.waiting_since


# Examples

def test_an_ordinary_ticket_about_to_pass_the_limit_goes_before_a_priority_ticket_just_come():
    line = [waited(0, "pregnant", priority_rank=2), waited(12, "about to pass")]
    assert keys(calling_order(line, NOW, RULES)) == ["about to pass", "pregnant"]


def test_a_priority_ticket_goes_before_the_ordinary_line_whose_limit_is_not_at_stake():
    line = [waited(9, "ordinary"), waited(14.5, "past saving"), waited(1, "booked", booked=True)]
    assert keys(calling_order(line, NOW, RULES)) == ["booked", "past saving", "ordinary"]


def test_a_priority_ticket_counts_four_minutes_older_among_those_who_can_be_saved():
    line = [waited(11, "ordinary"), waited(8, "disability", priority_rank=1)]
    assert keys(calling_order(line, NOW, RULES)) == ["disability", "ordinary"]


def test_a_ticket_that_would_reach_the_window_after_the_limit_waits_behind_those_in_time():
    line = [waited(14.2, "past saving"), waited(10, "in time")]
    assert keys(calling_order(line, NOW, RULES)) == ["in time", "past saving"]


def test_past_the_ceiling_a_ticket_is_called_before_everyone_younger():
    line = [waited(13, "in time"), waited(0, "booked", booked=True), waited(21, "past ceiling")]
    assert keys(calling_order(line, NOW, RULES))[0] == "past ceiling"


def test_a_ticket_is_called_in_time_to_meet_the_ceiling_not_when_it_passes_it():
    # At 18:30, called after the one older than it, it would reach the window after 20:00.
    line = [waited(13, "in time"), waited(19, "older"), waited(18.5, "next")]
    assert keys(calling_order(line, NOW, RULES)) == ["older", "next", "in time"]


def test_a_busy_day_raises_the_ceiling_and_a_quiet_one_keeps_it():
    line = [waited(13, "in time"), waited(25, "past saving")]
    assert keys(calling_order(line, NOW, RULES))[0] == "past saving"
    assert keys(calling_order(line, NOW, RULES, longest_wait=40 * MINUTE))[0] == "in time"
    assert RULES.ceiling_at(40 * MINUTE) == 36 * MINUTE
    assert RULES.ceiling_at(10 * MINUTE) == RULES.ceiling


def test_an_empty_hall_has_no_one_to_call():
    assert calling_order([], NOW, RULES) == []


# Properties, on random lines

tickets = st.lists(st.builds(
    lambda minutes, rank, booked: (minutes, rank, booked),
    st.floats(0, 90), st.one_of(st.none(), st.integers(1, 4)), st.booleans(),
), max_size=40).map(lambda specs: [
    waited(minutes, index, priority_rank=None if booked else rank, booked=booked)
    for index, (minutes, rank, booked) in enumerate(specs)])
longest = st.floats(0, 180).map(lambda minutes: minutes * MINUTE)


@given(tickets, longest)
def test_every_waiting_ticket_is_called_exactly_once(line, longest_wait):
    assert sorted(keys(calling_order(line, NOW, RULES, longest_wait))) == sorted(keys(line))


@given(tickets, longest, st.randoms())
def test_the_order_does_not_depend_on_the_order_tickets_are_given_in(line, longest_wait, rng):
    shuffled = list(line)
    rng.shuffle(shuffled)
    assert calling_order(shuffled, NOW, RULES, longest_wait) == \
        calling_order(line, NOW, RULES, longest_wait)


@given(tickets, longest)
def test_a_ticket_past_the_ceiling_is_passed_only_by_older_tickets(line, longest_wait):
    order = calling_order(line, NOW, RULES, longest_wait)
    ceiling = RULES.ceiling_at(longest_wait)
    for place, ticket in enumerate(order):
        if age(ticket) >= ceiling:
            assert all(age(before) >= age(ticket) for before in order[:place])


@given(tickets, longest)
def test_those_who_can_be_saved_come_first_unless_someone_is_due(line, longest_wait):
    order = calling_order(line, NOW, RULES, longest_wait)
    past = sorted((t for t in line if age(t) >= RULES.saving_point),
                  key=lambda t: (t.waiting_since, t.key))
    in_time = [t for t in order if age(t) < RULES.saving_point
               and (t.has_priority or age(t) >= RULES.limits.warning)]
    if due(past, NOW, RULES, RULES.ceiling_at(longest_wait)):
        assert order[:len(past)] == past
    else:
        assert order[:len(in_time)] == in_time
    assert [counted_since(t, RULES) for t in in_time] == \
        sorted(counted_since(t, RULES) for t in in_time)


@given(tickets, longest)
def test_the_ordinary_line_under_the_warning_comes_last_oldest_first(line, longest_wait):
    order = calling_order(line, NOW, RULES, longest_wait)
    young = [t for t in line if not t.has_priority and age(t) < RULES.limits.warning]
    assert order[len(order) - len(young):] == sorted(young, key=lambda t: t.waiting_since)


@given(tickets, longest)
def test_a_priority_ticket_is_never_behind_an_ordinary_one_whose_limit_is_not_at_stake(
        line, longest_wait):
    order = calling_order(line, NOW, RULES, longest_wait)
    for place, ticket in enumerate(order):
        if not ticket.has_priority and age(ticket) < RULES.limits.warning:
            assert not any(t.has_priority for t in order[place:])


@given(tickets, longest)
def test_the_oldest_places_past_saving_decide_whether_they_are_due(line, longest_wait):
    past = sorted((t for t in line if age(t) >= RULES.saving_point),
                  key=lambda t: (t.waiting_since, t.key))
    places = RULES.places_deciding(longest_wait)
    ceiling = RULES.ceiling_at(longest_wait)
    assert due(past, NOW, RULES, ceiling) == due(past[:places], NOW, RULES, ceiling)


def test_a_ceiling_before_the_limit_is_refused():
    with pytest.raises(ValueError, match="ceiling"):
        CallingRules(SlaLimits(), ceiling=timedelta(minutes=14))
