"""The reports' figures: a ticket counted once in every family, spreads that merge over days,
and percentiles to the half minute."""

import math
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from queue_mgr.line.clocks import Clocks
from queue_mgr.line.reports import (
    FAMILIES,
    STEP,
    STEPS,
    Figures,
    Limits,
    Spread,
    TicketFacts,
    day_rows,
    report,
)
from queue_mgr.line.states import TicketStatus

DAY = date(2026, 11, 24)
OPEN = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)
LIMITS = Limits(timedelta(minutes=15), timedelta(minutes=15))
END = OPEN + timedelta(hours=12)


def served(waited: float, service: float, day=DAY, hour=9, window=1, group=0, **more):
    issued = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=4)
    at_window = issued + timedelta(minutes=waited)
    clocks = Clocks(TicketStatus.SERVED, issued, at_window, timedelta(0),
                    at_window + timedelta(minutes=service))
    return TicketFacts(day, hour, window, 1, group, clocks, **more)


def absent(waited: float, day=DAY):
    issued = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=4)
    clocks = Clocks(TicketStatus.NO_SHOW, issued, None, timedelta(0),
                    issued + timedelta(minutes=waited))
    return TicketFacts(day, 9, 2, 1, 0, clocks)


def test_a_served_ticket_counts_its_wait_and_service_against_the_limits():
    row = report(day_rows([served(4, 20), served(16, 5)], END, LIMITS).items()).whole
    assert (row.tickets, row.served, row.reached, row.reached_within, row.waits_past) == \
        (2, 2, 2, 1, 1)
    assert (row.serviced, row.serviced_within) == (2, 1)
    assert row.wait_share == 0.5 and row.service_share == 0.5


def test_an_applicant_who_never_came_breaches_by_waiting_but_has_no_wait_to_a_window():
    row = report(day_rows([absent(20)], END, LIMITS).items()).whole
    assert (row.no_shows, row.reached, row.waits_past) == (1, 0, 1)
    assert row.wait_share is None and row.waits.percentile(50) is None


def test_every_family_adds_up_to_the_whole():
    tickets = [served(3, 7, hour=9, window=1), served(20, 9, hour=10, window=2, group=4),
               absent(5)]
    merged = report(day_rows(tickets, END, LIMITS).items())
    for family in FAMILIES:
        assert sum(f.tickets for f in merged.families[family].values()) == 3
    assert merged.families["group"][4].tickets == 1
    assert set(merged.families["window"]) == {1, 2}


def test_the_forecast_is_set_beside_what_happened():
    tickets = [served(16, 5, forecast=True), served(12, 5, forecast=True), served(17, 5)]
    row = report(day_rows(tickets, END, LIMITS).items()).whole
    assert (row.forecast, row.forecast_happened, row.waits_past) == (2, 1, 2)


def test_a_spread_reads_its_percentiles_to_the_half_minute_above_never_past_the_longest():
    spread = Spread()
    for seconds in (10, 20, 65, 200, 201):
        spread.add(seconds)
    assert spread.percentile(50) == timedelta(seconds=90)  # the 3rd of 5: 65 s, in 60..90
    assert spread.percentile(100) == timedelta(seconds=201)
    assert spread.percentile(0) == timedelta(seconds=30)  # the 1st: 10 s, in 0..30
    whole = Spread()
    whole.add(120)
    whole.add(150)
    assert whole.percentile(50) == timedelta(seconds=120)  # a whole step is itself


def test_a_time_past_the_last_step_is_read_as_the_longest():
    spread = Spread()
    spread.add(5 * 3600)
    assert spread.percentile(50) == timedelta(hours=5)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(0, 3 * 3600), min_size=1, max_size=60), st.floats(1, 100))
def test_a_spread_gives_the_nearest_rank_percentile_rounded_up_to_its_step(values, p):
    spread = Spread()
    for value in values:
        spread.add(value)
    exact = sorted(values)[max(1, math.ceil(p / 100 * len(values))) - 1]
    expected = max(values) if exact > STEPS * STEP else min(math.ceil(exact / STEP) * STEP,
                                                                 max(values))
    assert spread.percentile(p) == timedelta(seconds=expected)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.floats(0, 40), st.floats(0.5, 30)),
                max_size=30))
def test_days_merged_from_their_rows_equal_the_range_read_at_once(entries):
    tickets = [served(w, s, day=DAY + timedelta(days=d), hour=9 + d) for d, w, s in entries]
    at_once = report(day_rows(tickets, END, LIMITS).items())
    by_day = {}
    for ticket in tickets:
        by_day.setdefault(ticket.day, []).append(ticket)
    rows = [row for day in by_day.values() for row in day_rows(day, END, LIMITS).items()]
    kept = [(key, Figures().merge(f)) for key, f in rows]  # as kept and read back
    assert report(kept) == at_once


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 5 * 3600), max_size=40))
def test_a_spread_kept_as_text_reads_back_the_same(values):
    spread = Spread()
    for value in values:
        spread.add(value)
    assert Spread.decode(spread.encode(), spread.longest) == spread
