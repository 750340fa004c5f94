"""The staffing advice: who will pass the waiting limit with the windows as they are, and how
many more windows would keep everyone within it."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from queue_mgr import WaitingTicket
from queue_mgr.line.ordering import CallingRules, calling_order
from queue_mgr.line.staffing import (
    MOST_EXTRA,
    HallNow,
    InLine,
    OpenWindow,
    advise,
    expected_tickets,
    late_tickets,
    reach_times,
)

NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
TEN = {"G": 10 * MINUTE, "D": 10 * MINUTE}


def in_line(key, waited_minutes, service="G", **kind) -> InLine:
    return InLine(WaitingTicket(key, NOW - waited_minutes * MINUTE, **kind), service)


def window(services="GD", free_in=0) -> OpenWindow:
    return OpenWindow(frozenset(services), NOW + free_in * MINUTE)


def hall(line, windows, typical=None, **more) -> HallNow:
    return HallNow(NOW, line, windows, typical or TEN, walk=MINUTE, **more)


def test_an_empty_line_needs_no_more_windows():
    advice = advise(hall([], [window()]))
    assert advice.late == () and advice.more_windows == 0 and not advice.needed


def test_one_window_reaches_its_line_one_service_after_another_in_calling_order():
    line = [in_line("a", 2), in_line("b", 1), in_line("c", 0)]
    reached = reach_times(hall(line, [window()]), [window()])
    assert reached == {"a": NOW + MINUTE, "b": NOW + 12 * MINUTE, "c": NOW + 23 * MINUTE}


def test_the_applicant_who_would_reach_the_window_after_the_limit_is_named():
    line = [in_line("a", 2), in_line("b", 1), in_line("c", 0)]
    advice = advise(hall(line, [window()]))
    # b reaches the window at 13 minutes of waiting, c at 23: only c passes 15
    assert advice.late == ("c",)
    assert advice.more_windows == 1


def test_more_windows_are_advised_until_nobody_is_late():
    line = [in_line(n, 0) for n in range(6)]
    advice = advise(hall(line, [window()]))
    # with n windows the sixth applicant is reached after (6/n - 1) services of 10 minutes
    assert advice.more_windows == 2
    assert not late_tickets(hall(line, [window()] * 3), [window()] * 3)
    assert late_tickets(hall(line, [window()] * 2), [window()] * 2)


def test_a_window_busy_for_a_while_is_counted_from_when_it_is_free():
    line = [in_line("a", 5)]
    assert advise(hall(line, [window(free_in=12)])).late == ("a",)
    assert advise(hall(line, [window(free_in=8)])).late == ()


def test_a_line_no_open_window_serves_is_late_whatever_its_length():
    advice = advise(hall([in_line("r", 1, service="R")], [window("GD")], {"R": 5 * MINUTE}))
    assert advice.late == ("r",)
    assert advice.more_windows == 1  # a window of every service reaches it


def test_who_has_passed_the_limit_already_is_counted_apart_not_forecast():
    advice = advise(hall([in_line("old", 20), in_line("new", 0)], [window()]))
    assert advice.past_limit == 1
    assert "old" not in advice.late


def test_tickets_expected_at_the_recent_rate_ask_for_windows_before_the_line_forms():
    quiet = hall([], [window()])
    busy = hall([], [window()], arrivals_per_hour={"G": 20})  # 10 more within the half hour
    assert advise(quiet).more_windows == 0
    assert advise(busy).more_windows >= 1
    assert advise(busy).late == ()  # only real tickets are named


def test_past_what_any_hall_opens_the_advice_says_so():
    line = [in_line(n, 10) for n in range(40)]
    assert advise(hall(line, [window()])).more_windows is None
    assert MOST_EXTRA < 40


lines = st.lists(st.tuples(st.floats(0, 14.5), st.sampled_from("GD"),
                           st.none() | st.integers(1, 3)), max_size=25)


@settings(max_examples=60, deadline=None)
@given(lines, st.integers(1, 4))
def test_the_advised_windows_leave_nobody_late_and_one_fewer_would(entries, count):
    line = [in_line(n, minutes, service, priority_rank=rank)
            for n, (minutes, service, rank) in enumerate(entries)]
    windows = [window() for _ in range(count)]
    advice = advise(hall(line, windows))
    if advice.more_windows is None:
        return
    extra = [OpenWindow(None, NOW)] * advice.more_windows
    assert not late_tickets(hall(line, windows), windows + extra)
    if advice.more_windows:
        fewer = windows + extra[:-1]
        assert late_tickets(hall(line, windows), fewer)


@settings(max_examples=60, deadline=None)
@given(lines, st.integers(1, 4))
def test_every_ticket_a_window_serves_is_reached_once_not_before_now(entries, count):
    line = [in_line(n, minutes, service) for n, (minutes, service, _) in enumerate(entries)]
    reached = reach_times(hall(line, [window()] * count), [window()] * count)
    assert set(reached) == {entry.ticket.key for entry in line}
    assert all(moment >= NOW + MINUTE for moment in reached.values())


def plain_late_tickets(hall_now: HallNow, windows) -> list:
    """The late tickets by a replay of the whole line, however long (the plain version)."""
    reached = reach_times(hall_now, windows)
    limit, end = hall_now.rules.limits.limit, hall_now.now + hall_now.horizon
    return [entry.ticket.key for entry in [*hall_now.line, *expected_tickets(hall_now)]
            if hall_now.now < entry.ticket.waiting_since + limit <= end
            and reached.get(entry.ticket.key, end + limit) > entry.ticket.waiting_since + limit]


waiting = st.lists(st.tuples(st.integers(0, 40), st.sampled_from("GD"), st.booleans()),
                   max_size=80)


@settings(max_examples=200, deadline=None)
@given(line=waiting, count=st.integers(1, 4), minutes=st.integers(3, 15),
       per_hour=st.integers(0, 40))
def test_the_replay_bounded_by_the_horizon_names_exactly_the_whole_replays_late(
        line, count, minutes, per_hour):
    tickets = [in_line(n, waited, service, **({"priority_rank": 1} if ranked else {}))
               for n, (waited, service, ranked) in enumerate(line)]
    windows = [window(free_in=n) for n in range(count)]
    now = hall(tickets, windows, typical={"G": minutes * MINUTE, "D": MINUTE * (minutes + 2)},
               arrivals_per_hour={"G": per_hour, "D": per_hour // 2})

    assert late_tickets(now, windows) == plain_late_tickets(now, windows)


def plain_reach_times(hall_now: HallNow, windows) -> dict:
    """The replay as the rule says it, scanning every pending ticket at every call (the plain
    version of ``reach_times``, kept here to prove the indexed one equal to it)."""
    pending = [*hall_now.line, *expected_tickets(hall_now)]
    free = sorted((max(w.free_at, hall_now.now), i) for i, w in enumerate(windows))
    reached, longest_wait = {}, hall_now.longest_wait
    while pending and free:
        moment, index = free.pop(0)
        mine = [e for e in pending
                if windows[index].serves(e.service) and e.ticket.waiting_since <= moment]
        if not mine:
            later = [e.ticket.waiting_since for e in pending if windows[index].serves(e.service)]
            if later:
                free = sorted([*free, (min(later), index)])
            continue
        first = calling_order([e.ticket for e in mine], moment, hall_now.rules, longest_wait)[0]
        entry = next(e for e in mine if e.ticket.key == first.key)
        pending.remove(entry)
        longest_wait = max(longest_wait, moment - entry.ticket.waiting_since)
        reached[entry.ticket.key] = moment + hall_now.walk
        free = sorted([*free, (moment + hall_now.walk + hall_now.typical[entry.service], index)])
    return reached


kinds = st.sampled_from([{}, {"priority_rank": 1}, {"priority_rank": 3}, {"booked": True}])
mixed_lines = st.lists(st.tuples(st.integers(0, 45 * 60), st.sampled_from("GDR"), kinds),
                       max_size=60)
window_sets = st.lists(st.tuples(st.sampled_from(["G", "GD", "DR", "GDR", None]),
                                 st.integers(0, 20)), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(line=mixed_lines, windows=window_sets, per_hour=st.integers(0, 30),
       ceiling=st.integers(15, 40), longest=st.integers(0, 90))
def test_the_indexed_replay_reaches_every_ticket_when_the_plain_scan_does(
        line, windows, per_hour, ceiling, longest):
    tickets = [InLine(WaitingTicket(n, NOW - timedelta(seconds=waited), **kind), service)
               for n, (waited, service, kind) in enumerate(line)]
    open_windows = [OpenWindow(frozenset(services) if services else None, NOW + free * MINUTE)
                    for services, free in windows]
    now = HallNow(NOW, tickets, open_windows, {"G": 9 * MINUTE, "D": 7 * MINUTE, "R": 5 * MINUTE},
                  CallingRules(ceiling=timedelta(minutes=ceiling)),
                  arrivals_per_hour={"G": per_hour, "R": per_hour // 3}, walk=MINUTE,
                  longest_wait=longest * MINUTE)

    assert reach_times(now, open_windows) == plain_reach_times(now, open_windows)
