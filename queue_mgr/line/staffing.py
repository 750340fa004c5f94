"""Staffing advice: who is about to pass the waiting limit, and how many more windows would keep
everyone within it.

The forecast replays the line as it stands through the windows' own calling order
(``queue_mgr.line.ordering.calling_order``): each open window,
once its applicant is expected to leave, calls the first ticket of its services; the applicant
walks to it and keeps it for the typical service time of their service (the median of recent
ones). Tickets still to come are expected at the recent rate of each service, spread evenly over
the horizon, so that a peak that has just begun is seen before its line has formed. A ticket is
forecast late when it would reach a window after the limit and the limit falls within the
horizon; one already past the limit is late already and counted apart.

The advice is the fewest extra windows (each serving every service, open from now) with which
the replay leaves nobody late, up to ``MOST_EXTRA``; more than that is said as such.
"""

import heapq
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from queue_mgr.line.ordering import CallingRules, WaitingTicket, calling_order

MOST_EXTRA = 4
DEFAULT_HORIZON = timedelta(minutes=30)
DEFAULT_WALK = timedelta(minutes=1)
EVERY_SERVICE = None  # a window's services: None stands for all of them


@dataclass(frozen=True)
class OpenWindow:
    """A window at work: the services it calls, and when it can call next (its applicant's
    expected end, or now when free)."""

    services: frozenset[Hashable] | None
    free_at: datetime

    def serves(self, service: Hashable) -> bool:
        return self.services is EVERY_SERVICE or service in self.services


@dataclass(frozen=True)
class InLine:
    """A waiting ticket, and the service it waits for."""

    ticket: WaitingTicket
    service: Hashable


@dataclass(frozen=True)
class HallNow:
    """What the forecast knows of the hall at ``now``."""

    now: datetime
    line: Sequence[InLine]
    windows: Sequence[OpenWindow]
    typical: Mapping[Hashable, timedelta]  # service time per service
    rules: CallingRules = field(default_factory=CallingRules)
    arrivals_per_hour: Mapping[Hashable, float] = field(default_factory=dict)  # per service
    walk: timedelta = DEFAULT_WALK
    horizon: timedelta = DEFAULT_HORIZON
    longest_wait: timedelta = timedelta(0)  # at a call, so far today (the order's ceiling)


@dataclass(frozen=True)
class Advice:
    """The forecast and the advice drawn from it."""

    late: tuple[Hashable, ...]  # tickets in line forecast to pass the limit within the horizon
    past_limit: int  # tickets in line already past it
    more_windows: int | None  # windows to open to keep everyone within it; None: over MOST_EXTRA

    @property
    def needed(self) -> bool:
        return bool(self.more_windows)


def expected_tickets(hall: HallNow) -> list[InLine]:
    """The tickets expected to be taken within the horizon, evenly spread (their keys are
    tuples, never a real ticket's)."""
    expected = []
    for service, per_hour in hall.arrivals_per_hour.items():
        count = int(per_hour * hall.horizon.total_seconds() / 3600)
        for index in range(count):
            at = hall.now + hall.horizon * (index + 1) / (count + 1)
            expected.append(InLine(WaitingTicket(("expected", service, index), at), service))
    return expected


class Pending:
    """The tickets no window has reached yet, kept so that a window finds the next one it calls
    among a few candidates instead of the whole line.

    The tickets of one group (a service's, of one priority kind) stand in the calling order as
    their waits put them: within a group the oldest lead every part of the order (past saving,
    in time, the rest). So the first ticket a window calls is, in one of its groups, among the
    oldest not reached yet, or the first not reached that can still be saved; and whether those
    past saving are due is decided by the oldest ``CallingRules.places_deciding`` of them. A
    group offers those few candidates, however long its line.
    """

    def __init__(self, entries: Iterable[InLine]):
        groups: dict[tuple, list[InLine]] = defaultdict(list)
        for entry in entries:
            ticket = entry.ticket
            groups[entry.service, ticket.priority_rank, ticket.booked].append(entry)
        self.groups = {kind: sorted(group, key=lambda e: (e.ticket.waiting_since, e.ticket.key))
                       for kind, group in groups.items()}
        self.since = {kind: [e.ticket.waiting_since for e in group]
                      for kind, group in self.groups.items()}
        self.reached: set = set()

    def firsts(self, kind: tuple, since: datetime | None, count: int) -> list[InLine]:
        """The group's first ``count`` tickets not reached yet that have waited since after
        ``since``."""
        group = self.groups[kind]
        index = 0 if since is None else bisect_right(self.since[kind], since)
        found = []
        while index < len(group) and len(found) < count:
            if group[index].ticket.key not in self.reached:
                found.append(group[index])
            index += 1
        return found

    def served_by(self, window: "OpenWindow") -> list[tuple]:
        return [kind for kind in self.groups if window.serves(kind[0])]

    def next_for(self, window: "OpenWindow", moment: datetime, rules: CallingRules,
                 longest_wait: timedelta):
        """The ticket the window calls at ``moment`` (None if nobody it serves is there yet),
        and when the next of its tickets arrives (None if none is left)."""
        places = rules.places_deciding(longest_wait)
        saving_since = moment - rules.saving_point
        candidates, arrivals = {}, []
        for kind in self.served_by(window):
            oldest = self.firsts(kind, None, places)
            for entry in [*oldest, *self.firsts(kind, saving_since, 1)]:
                if entry.ticket.waiting_since <= moment:
                    candidates[entry.ticket.key] = entry
            if oldest:
                arrivals.append(oldest[0].ticket.waiting_since)
        if not candidates:
            return None, min(arrivals, default=None)
        order = calling_order([e.ticket for e in candidates.values()], moment, rules,
                              longest_wait)
        return candidates[order[0].key], None

    def reach(self, entry: InLine) -> None:
        self.reached.add(entry.ticket.key)

    def __bool__(self) -> bool:
        return len(self.reached) < sum(len(group) for group in self.groups.values())


def reach_times(hall: HallNow, windows: Sequence[OpenWindow],
                until: datetime | None = None) -> dict[Hashable, datetime]:
    """When each ticket (of the line and expected) would be at a window, by the calling order;
    a ticket no window reaches (by ``until``, if given) is left out.

    ``until`` bounds the replay's work by the forecast's horizon instead of the line's length:
    a hall with thousands waiting replays only the calls that fall within it."""
    pending = Pending([*hall.line, *expected_tickets(hall)])
    free = [(max(window.free_at, hall.now), index) for index, window in enumerate(windows)]
    heapq.heapify(free)
    reached, longest_wait = {}, hall.longest_wait
    while pending and free:
        moment, index = heapq.heappop(free)
        if until is not None and moment > until:
            break
        entry, arrival = pending.next_for(windows[index], moment, hall.rules, longest_wait)
        if entry is None:
            if arrival is not None:  # nobody yet: look again when the next expected is taken
                heapq.heappush(free, (arrival, index))
            continue
        pending.reach(entry)
        longest_wait = max(longest_wait, moment - entry.ticket.waiting_since)
        reached[entry.ticket.key] = moment + hall.walk
        heapq.heappush(free, (moment + hall.walk + hall.typical[entry.service], index))
    return reached


def late_tickets(hall: HallNow, windows: Sequence[OpenWindow]) -> list[Hashable]:
    """The tickets (expected ones included) that would reach a window after the waiting limit,
    the limit falling within the horizon; tickets already past it are not among them. (A ticket
    reached after the horizon's end is late whenever its limit falls within the horizon: the
    replay stops there.)"""
    limit, end = hall.rules.limits.limit, hall.now + hall.horizon
    reached = reach_times(hall, windows, until=end)
    late = []
    for entry in [*hall.line, *expected_tickets(hall)]:
        due = entry.ticket.waiting_since + limit
        if hall.now < due <= end and reached.get(entry.ticket.key, end + limit) > due:
            late.append(entry.ticket.key)
    return late


def advise(hall: HallNow) -> Advice:
    """Forecast who will pass the limit with the windows as they are, and how many more would
    keep everyone within it."""
    late = late_tickets(hall, hall.windows)
    in_line = {entry.ticket.key for entry in hall.line}
    past = sum(hall.now - e.ticket.waiting_since >= hall.rules.limits.limit for e in hall.line)
    return Advice(tuple(key for key in late if key in in_line), past,
                  windows_needed(hall) if late else 0)


def windows_needed(hall: HallNow) -> int | None:
    """The fewest extra windows with which nobody is forecast late (None: over MOST_EXTRA,
    found first, so an overwhelmed hall costs two replays, not five)."""
    def enough(more: int) -> bool:
        extra = [OpenWindow(EVERY_SERVICE, hall.now) for _ in range(more)]
        return not late_tickets(hall, [*hall.windows, *extra])

    if not enough(MOST_EXTRA):
        return None
    return next(more for more in range(1, MOST_EXTRA + 1) if more == MOST_EXTRA or enough(more))
