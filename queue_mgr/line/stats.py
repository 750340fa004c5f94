"""The hall's figures for the supervisor: the state of windows, the lines and the day's numbers.

Percentiles are **linear** (the "inclusive" method: numpy's default, Excel's PERCENTILE.INC,
``statistics.quantiles(method="inclusive")``). The p-th percentile of n sorted values sits at rank
``(n - 1) · p / 100`` and is interpolated between the two values around that rank, so the 50th is
the usual median (the mean of the two middle values for an even count), the 0th the minimum and
the 100th the maximum.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from math import floor
from typing import TypeVar

from queue_mgr.line.clocks import Clocks
from queue_mgr.line.estimates import SlaLimits, elapsed
from queue_mgr.line.states import TicketStatus

T = TypeVar("T", timedelta, int, float)


def percentile(values: Iterable[T], p: float) -> T | None:
    """Return the linear ``p``-th percentile (0–100) of ``values``, or None when there are none."""
    if not 0 <= p <= 100:
        raise ValueError("a percentile lies between 0 and 100")
    ordered = sorted(values)
    if not ordered:
        return None
    rank = (len(ordered) - 1) * p / 100
    low = floor(rank)
    high = min(low + 1, len(ordered) - 1)
    fraction = rank - low
    if fraction == 0 or ordered[low] == ordered[high]:
        return ordered[low]
    # Never past the upper neighbour, whatever the rounding of the product.
    return min(ordered[low] + (ordered[high] - ordered[low]) * fraction, ordered[high])


def median(values: Iterable[T]) -> T | None:
    """Return the median (the 50th percentile), or None when there are no values."""
    return percentile(values, 50)


@dataclass(frozen=True)
class TicketTimes:
    """What the day's figures need to know of a ticket: its line, status and timestamps."""

    status: str
    issued_at: datetime
    called_at: datetime | None = None
    serving_at: datetime | None = None
    finished_at: datetime | None = None
    service: Hashable = None
    waiting_since: datetime | None = None  # the waiting clock's origin, if not the issue
    served_before: timedelta = timedelta(0)  # service segments before a return to the line

    @property
    def clocks(self) -> Clocks:
        return Clocks(self.status, self.waiting_since or self.issued_at, self.serving_at,
                      self.served_before, self.finished_at)


def waited(ticket: TicketTimes, now: datetime) -> timedelta:
    """Return the ticket's waiting clock: until the applicant was at the window, until the end
    of a ticket that ended without it (absent, or the hall closed), or until ``now``."""
    return ticket.clocks.waiting(now)


def service_time(ticket: TicketTimes, now: datetime) -> timedelta | None:
    """Return the ticket's service clock (every segment at a window, the current one until
    ``now``); None if the applicant never came to a window."""
    if ticket.serving_at is None and not ticket.served_before:
        return None
    return ticket.clocks.service(now)


@dataclass(frozen=True)
class DayFigures:
    """The numbers of a hall's day (all tickets issued on it)."""

    issued: int
    served: int
    no_shows: int
    closed_unserved: int  # still in line (or called, never came) when the hall closed
    waits_past_limit: int  # at the window after the limit, or waiting past it (now, or at the end)
    services_past_limit: int  # finished after the limit, or still being served past it
    median_wait: timedelta | None  # of the applicants who have come to a window so far
    p90_wait: timedelta | None


def day_figures(
    tickets: Iterable[TicketTimes], now: datetime, wait_limits: SlaLimits,
    service_limits: SlaLimits,
) -> DayFigures:
    """Count the day's served, no-shows and limits passed; take the median and p90 wait."""
    tickets = list(tickets)
    waits_to_window = [waited(t, now) for t in tickets if t.serving_at is not None]
    service_times = [s for t in tickets if (s := service_time(t, now)) is not None]
    return DayFigures(
        issued=len(tickets),
        served=sum(1 for t in tickets if t.status == TicketStatus.SERVED),
        no_shows=sum(1 for t in tickets if t.status == TicketStatus.NO_SHOW),
        closed_unserved=sum(1 for t in tickets if t.status == TicketStatus.CANCELLED),
        waits_past_limit=sum(1 for t in tickets if waited(t, now) >= wait_limits.limit),
        services_past_limit=sum(1 for s in service_times if s >= service_limits.limit),
        median_wait=median(waits_to_window),
        p90_wait=percentile(waits_to_window, 90),
    )


@dataclass(frozen=True)
class LineFigures:
    """A line of waiting tickets: how many, and since when the longest-waiting one waits."""

    waiting: int = 0
    longest_since: datetime | None = None  # the waiting clock's origin of the longest wait

    def longest(self, now: datetime) -> timedelta | None:
        """The longest current wait in the line, or None when nobody waits."""
        return None if self.longest_since is None else elapsed(self.longest_since, None, now)


def line_figures(tickets: Iterable[TicketTimes]) -> LineFigures:
    """Sum up the waiting tickets among ``tickets`` (the others are not in a line)."""
    origins = [t.clocks.waiting_since for t in tickets if t.status == TicketStatus.WAITING]
    return LineFigures(len(origins), min(origins, default=None))


def lines_by_service(tickets: Iterable[TicketTimes]) -> dict[Hashable, LineFigures]:
    """Sum up the waiting tickets per service (services nobody waits for are left out)."""
    by_service: dict[Hashable, list[TicketTimes]] = defaultdict(list)
    for ticket in tickets:
        if ticket.status == TicketStatus.WAITING:
            by_service[ticket.service].append(ticket)
    return {service: line_figures(line) for service, line in by_service.items()}


class WindowState(StrEnum):
    CLOSED = "closed"  # nobody holds the window
    PAUSED = "paused"
    FREE = "free"  # held, open, nobody at it
    CALLING = "calling"  # an applicant was called and has not come yet
    SERVING = "serving"


def window_state(held: bool, paused: bool, current_status: str | None) -> WindowState:
    """Return what a window is doing, from its holder, its pause and its current ticket."""
    if not held:
        return WindowState.CLOSED
    if current_status == TicketStatus.SERVING:
        return WindowState.SERVING
    if current_status == TicketStatus.CALLED:
        return WindowState.CALLING
    return WindowState.PAUSED if paused else WindowState.FREE

