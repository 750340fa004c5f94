"""The hall's figures over days: per day, hour, window, service and priority group.

Each ticket is counted once in every family (its hour of issue, the window it was last at, its
service, its group), so a family's rows add up to the whole. A day's figures are kept once the
day is over (and a month's, merged from its days, once the month is), and a report over any
range merges the kept rows: counts add up, and the waits and services are kept as a **spread**,
counts of half-minute steps, so that percentiles can be taken over any range without reading a
ticket again. Percentiles are nearest-rank, to the half minute
above (never past the longest, which is kept exactly): "p90 ≤ 12:30" means nine in ten waited
12:30 or less.

The clocks are those of ``queue_mgr.line.clocks``. A ticket **reached** a window when its applicant
came to one; its wait is counted within the limit when they came before the limit. A **breach**
of the waiting limit is any ticket whose waiting clock passed it, whether or not they came.
"""

import math
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import add

from queue_mgr.line.clocks import Clocks
from queue_mgr.line.states import TicketStatus

STEP = 30  # seconds of a spread's step
STEPS = 120  # steps up to an hour (a step holds the times up to its end)
OVER = STEPS + 1  # the step of every longer time
FAMILIES = ("hour", "window", "service", "group")
DAY = "day"  # the family of a day's whole (its one key: NONE)
NONE = 0  # the key of "no window" and of "no priority group"


@dataclass
class Spread:
    """How many times fell in each half-minute step, and the longest."""

    counts: list[int] = field(default_factory=lambda: [0] * (OVER + 1))
    longest: float = 0.0  # seconds

    def add(self, seconds: float) -> None:
        self.counts[min(math.ceil(seconds / STEP), OVER)] += 1
        self.longest = max(self.longest, seconds)

    def merge(self, other: "Spread") -> None:
        self.counts = list(map(add, self.counts, other.counts))
        self.longest = max(self.longest, other.longest)

    @property
    def total(self) -> int:
        return sum(self.counts)

    def percentile(self, p: float) -> timedelta | None:
        """The nearest-rank ``p``-th percentile, to the step above (None when empty)."""
        total = self.total
        if not total:
            return None
        rank, seen = max(1, math.ceil(p / 100 * total)), 0
        for step, count in enumerate(self.counts):
            seen += count
            if seen >= rank:
                upper = self.longest if step == OVER else min(step * STEP, self.longest)
                return timedelta(seconds=upper)
        raise AssertionError("the counts add up to the total")

    def encode(self) -> str:
        """The counts as a short text (trailing empty steps left out)."""
        counts = list(self.counts)
        while counts and counts[-1] == 0:
            counts.pop()
        return ",".join(map(str, counts))

    @classmethod
    def decode(cls, text: str, longest: float) -> "Spread":
        counts = list(map(int, text.split(","))) if text else []
        return cls(counts + [0] * (OVER + 1 - len(counts)), longest)


COUNTS = ("tickets", "served", "no_shows", "closed_unserved", "transfers", "reached",
          "reached_within", "waits_past", "serviced", "serviced_within", "forecast",
          "forecast_happened")


@dataclass
class Figures:
    """The figures of a set of tickets (a row of a report)."""

    tickets: int = 0
    served: int = 0
    no_shows: int = 0
    closed_unserved: int = 0  # still in line, or called and never came, at the close
    transfers: int = 0
    reached: int = 0  # came to a window
    reached_within: int = 0  # ... before the waiting limit
    waits_past: int = 0  # waiting clock past the limit (came or not)
    serviced: int = 0  # had a service at a window
    serviced_within: int = 0  # ... shorter than the service limit
    forecast: int = 0  # named by the staffing advice as about to pass the waiting limit
    forecast_happened: int = 0  # ... and did
    waits: Spread = field(default_factory=Spread)  # of those who reached a window
    services: Spread = field(default_factory=Spread)

    def merge(self, other: "Figures") -> "Figures":
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.waits.merge(other.waits)
        self.services.merge(other.services)
        return self

    @property
    def wait_share(self) -> float | None:
        """The share who came to a window within the waiting limit."""
        return self.reached_within / self.reached if self.reached else None

    @property
    def service_share(self) -> float | None:
        """The share served within the service limit."""
        return self.serviced_within / self.serviced if self.serviced else None


@dataclass(frozen=True)
class TicketFacts:
    """What the report needs to know of a ticket."""

    day: date
    hour: int  # of issue, in the hall's time
    window: int  # the number of the window it was last at (NONE: never at one)
    service: int
    group: int  # the priority group's id (NONE: none)
    clocks: Clocks
    transfers: int = 0
    forecast: bool = False

    def key(self, family: str) -> int:
        return NONE if family == DAY else getattr(self, family)


@dataclass(frozen=True)
class Limits:
    wait: timedelta
    service: timedelta


def ticket_figures(ticket: TicketFacts, now: datetime, limits: Limits) -> Figures:
    """One ticket's contribution to every row it is counted in."""
    clocks, status = ticket.clocks, ticket.clocks.status
    waited, reached = clocks.waiting(now), clocks.serving_at is not None or clocks.served_before
    service = clocks.service(now) if reached else None
    past = waited >= limits.wait
    figures = Figures(
        tickets=1, served=status == TicketStatus.SERVED, no_shows=status == TicketStatus.NO_SHOW,
        closed_unserved=status == TicketStatus.CANCELLED, transfers=ticket.transfers,
        reached=bool(reached), reached_within=bool(reached) and not past, waits_past=past,
        serviced=service is not None, serviced_within=service is not None
        and service < limits.service, forecast=ticket.forecast,
        forecast_happened=ticket.forecast and past)
    if reached:
        figures.waits.add(waited.total_seconds())
        figures.services.add(service.total_seconds())
    return figures


RowKey = tuple[date, str, int]  # a day, a family and a key in it


def day_rows(tickets: Iterable[TicketFacts], now: datetime, limits: Limits,
             ) -> dict[RowKey, Figures]:
    """Every (day, family, key) row of the tickets' figures, the day's whole among them."""
    rows: dict[RowKey, Figures] = {}
    for ticket in tickets:
        one = ticket_figures(ticket, now, limits)
        for family in (DAY, *FAMILIES):
            key = (ticket.day, family, ticket.key(family))
            rows.setdefault(key, Figures()).merge(one)
    return rows


@dataclass
class Report:
    """A range's figures: the whole, per day, and per key of each family."""

    whole: Figures = field(default_factory=Figures)
    days: dict[date, Figures] = field(default_factory=dict)
    families: dict[str, dict[Hashable, Figures]] = field(
        default_factory=lambda: {family: {} for family in FAMILIES})


def report(rows: Iterable[tuple[RowKey, Figures]]) -> Report:
    """Merge rows into a range's report: the days and the whole from the days' own rows, each
    family from its rows (of days, or of whole months: the family rows of a month are its
    days' merged)."""
    merged = Report()
    for (day, family, key), figures in rows:
        if family == DAY:
            merged.days.setdefault(day, Figures()).merge(figures)
            merged.whole.merge(figures)
        else:
            merged.families[family].setdefault(key, Figures()).merge(figures)
    merged.days = dict(sorted(merged.days.items()))
    for family in FAMILIES:
        merged.families[family] = dict(sorted(merged.families[family].items()))
    return merged


def counts_of(figures: Figures) -> dict[str, int]:
    return {name: getattr(figures, name) for name in COUNTS}


def each_row(report_: Report) -> Iterator[tuple[str, Hashable, Figures]]:
    """Every row of a report: the whole, the days, then each family's keys."""
    yield "whole", "", report_.whole
    for day, figures in report_.days.items():
        yield "day", day, figures
    for family in FAMILIES:
        for key, figures in report_.families[family].items():
            yield family, key, figures

