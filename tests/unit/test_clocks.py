"""The two legal clocks: waiting until the applicant is at the window, service from then until
they leave it; every segment kept across returns and transfers."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from queue_mgr.line.clocks import Clocks, at_the_window, back_from_absence, back_in_line

ISSUED = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
ZERO = timedelta(0)


def minutes(value: float) -> datetime:
    return ISSUED + value * MINUTE


def new_ticket() -> Clocks:
    return Clocks("waiting", waiting_since=ISSUED)


def step(clocks: Clocks, action: str, now: datetime) -> Clocks:
    """What the shell does to a ticket's clocks on each action (tickets.move_ticket)."""
    if action == "call":
        return replace(clocks, status="called")
    if action == "present":
        return replace(clocks, status="serving", **at_the_window(clocks, now))
    if action == "back":
        return replace(clocks, status="waiting", **back_in_line(clocks, now))
    if action == "finish":
        return replace(clocks, status="served", finished_at=now)
    if action == "absent":
        return replace(clocks, status="no_show", finished_at=now)
    if action == "returned":
        return replace(clocks, status="waiting", **back_from_absence(clocks, now))
    raise AssertionError(action)


def live(*steps: tuple[str, float]) -> Clocks:
    clocks = new_ticket()
    for action, at in steps:
        clocks = step(clocks, action, minutes(at))
    return clocks


def test_the_walk_from_the_call_to_the_window_counts_as_waiting():
    clocks = live(("call", 12), ("present", 14))
    assert clocks.waiting(minutes(20)) == 14 * MINUTE
    assert clocks.service(minutes(20)) == 6 * MINUTE


def test_while_called_the_wait_goes_on():
    clocks = live(("call", 12))
    assert clocks.waiting(minutes(16)) == 16 * MINUTE
    assert clocks.service(minutes(16)) == ZERO


def test_a_transfer_keeps_the_service_served_and_starts_a_new_wait():
    clocks = live(("call", 2), ("present", 3), ("back", 6))  # 3 minutes served, then back
    assert clocks.waiting(minutes(9)) == 6 * MINUTE  # 3 before, 3 since the transfer
    assert clocks.service(minutes(9)) == 3 * MINUTE
    clocks = live(("call", 2), ("present", 3), ("back", 6), ("call", 9), ("present", 10),
                  ("finish", 14))
    assert clocks.waiting(minutes(60)) == 7 * MINUTE
    assert clocks.service(minutes(60)) == 7 * MINUTE


def test_called_and_returned_without_coming_the_same_wait_goes_on():
    clocks = live(("call", 5), ("back", 8))
    assert clocks.waiting(minutes(10)) == 10 * MINUTE
    assert clocks.service(minutes(10)) == ZERO


def test_an_absent_applicant_waited_until_marked_absent_and_was_never_served():
    clocks = live(("call", 5), ("absent", 9))
    assert clocks.waiting(minutes(60)) == 9 * MINUTE
    assert clocks.service(minutes(60)) == ZERO


def test_the_time_away_after_being_marked_absent_is_a_gap_not_a_wait():
    clocks = live(("call", 5), ("absent", 9), ("returned", 13))  # away from 9 to 13
    assert clocks.waiting(minutes(15)) == 11 * MINUTE
    clocks = step(step(clocks, "call", minutes(16)), "present", minutes(17))
    assert clocks.waiting(minutes(30)) == 13 * MINUTE
    assert clocks.service(minutes(30)) == 13 * MINUTE


def test_the_service_clock_ticks_from_the_service_origin():
    clocks = live(("call", 2), ("present", 3), ("back", 6), ("call", 9), ("present", 10))
    assert minutes(20) - clocks.service_origin() == clocks.service(minutes(20))
    assert minutes(20) - clocks.waiting_since > clocks.waiting(minutes(20))  # frozen: present


@st.composite
def lives(draw):
    """A ticket's life: waits and services in turn, each a few minutes, ending served or
    absent; the steps with their moments, and the true segments."""
    now, clocks, waits, services = 0.0, new_ticket(), [], []
    wait_start = 0.0
    for _ in range(draw(st.integers(0, 3))):  # returns to the line, or transfers
        now += draw(st.floats(0, 30))
        clocks = step(clocks, "call", minutes(now))
        now += draw(st.floats(0, 3))
        clocks = step(clocks, "present", minutes(now))
        waits.append(now - wait_start)
        served = draw(st.floats(0, 20))
        now += served
        services.append(served)
        clocks = step(clocks, "back", minutes(now))
        wait_start = now
    now += draw(st.floats(0, 30))
    clocks = step(clocks, "call", minutes(now))
    now += draw(st.floats(0, 3))
    if draw(st.booleans()):
        clocks = step(clocks, "present", minutes(now))
        waits.append(now - wait_start)
        served = draw(st.floats(0, 20))
        now += served
        services.append(served)
        clocks = step(clocks, "finish", minutes(now))
    else:
        clocks = step(clocks, "absent", minutes(now))
        waits.append(now - wait_start)
    return clocks, now, waits, services


def close(a: timedelta, b: float) -> bool:
    return abs(a.total_seconds() - b * 60) < 1e-3


@given(lives(), st.floats(0, 600))
def test_no_segment_is_lost_and_none_counted_twice(life, later):
    clocks, end, waits, services = life
    now = minutes(end + later)  # whenever it is read after the end
    assert close(clocks.waiting(now), sum(waits))
    assert close(clocks.service(now), sum(services))


@given(lives())
def test_waiting_and_service_make_up_the_whole_life_of_the_ticket(life):
    clocks, end, _, _ = life
    whole = minutes(end) - ISSUED
    assert close(clocks.waiting(minutes(end)) + clocks.service(minutes(end)),
                 whole.total_seconds() / 60)


@given(lives())
def test_the_clocks_are_never_negative(life):
    clocks, end, _, _ = life
    assert clocks.waiting(minutes(end)) >= ZERO
    assert clocks.service(minutes(end)) >= ZERO
