"""The hall simulator: seeded hall days replayed through a calling policy, beside others.

``python -m queue_mgr.simulate`` (``make simulate``) plays standard hall days: arrivals by hour
with a morning and an afternoon peak, lognormal service times per service, windows that serve
different sets of services, priority and booked shares, a walk from the call to the window and
some applicants who never come. Each day is replayed, on the very same arrivals and service
times, through the calling order the windows use (``queue_mgr.line.ordering.calling_order``) and
through plain arrival order (FIFO) and strict priority; it prints, per load and policy, the
share of waits past the limit, the mean, 95th percentile and longest wait, the priority groups'
95th percentile and the services past the service limit, then checks the windows' order against
FIFO (the command fails when it misses a target).

Waiting runs from the ticket until the applicant is at the window (the walk counts), as the
passport has it. Load is the offered work over the windows' working time: 1.0 means the windows
would just keep up if arrivals were spread evenly, which they are not.
"""

import argparse
import heapq
import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from queue_mgr.line.estimates import SlaLimits
from queue_mgr.line.ordering import DEFAULT_CEILING, CallingRules, WaitingTicket, calling_order
from queue_mgr.line.staffing import HallNow, InLine, OpenWindow, advise
from queue_mgr.line.stats import percentile

START = datetime(2026, 3, 2, 9, 0)  # a Monday at opening time; only differences matter
# A policy orders the line a window serves at a moment, knowing the longest wait at a call so
# far that day.
Policy = Callable[[Sequence[WaitingTicket], datetime, timedelta], list[WaitingTicket]]


@dataclass(frozen=True)
class Service:
    """A service: its share of arrivals and its lognormal service time."""

    code: str
    share: float
    median_minutes: float
    sigma: float = 0.45


@dataclass(frozen=True)
class HallProfile:
    """A standard hall day: what arrives when, and who serves what."""

    services: tuple[Service, ...] = (
        Service("G", 0.45, 9.0), Service("D", 0.35, 7.0), Service("R", 0.20, 5.0))
    windows: tuple[frozenset[str], ...] = (
        frozenset("GD"), frozenset("GD"), frozenset("GDR"), frozenset("DR"), frozenset("GR"))
    # Arrivals per opening hour from 9:00 (relative): a morning and an afternoon peak, lunch.
    hourly: tuple[float, ...] = (0.9, 1.15, 1.2, 1.0, 0.8, 0.95, 1.1, 1.05, 0.85)
    priority_share: float = 0.07  # the priority categories, ranks 1 to 4
    booked_share: float = 0.04
    walk_minutes: tuple[float, float] = (0.3, 1.5)
    no_show_share: float = 0.03
    no_show_minutes: float = 3.0  # a call, a recall, then marked absent

    @property
    def mean_busy_minutes(self) -> float:
        """How long an applicant keeps a window on average: the walk and the service, or the
        wait for one who never comes."""
        service = sum(s.share * s.median_minutes * math.exp(s.sigma ** 2 / 2)
                      for s in self.services)
        walk = sum(self.walk_minutes) / 2
        return (1 - self.no_show_share) * (walk + service) \
            + self.no_show_share * self.no_show_minutes

    def arrivals_for(self, load: float) -> float:
        """How many arrive in a day at ``load``: the work they bring over the windows' day."""
        minutes = 60 * len(self.hourly)
        return load * len(self.windows) * minutes / self.mean_busy_minutes


@dataclass(frozen=True)
class Arrival:
    """An applicant: when they take the ticket, for what, their group and their service time."""

    key: int
    at: datetime
    service: str
    priority_rank: int | None
    booked: bool
    service_minutes: float
    walk_minutes: float
    no_show: bool

    def waiting(self) -> WaitingTicket:
        return WaitingTicket(self.key, self.at, self.priority_rank, self.booked)

    @property
    def has_priority(self) -> bool:
        return self.booked or self.priority_rank is not None


def hall_day(profile: HallProfile, load: float, seed: int) -> list[Arrival]:
    """One standard day's arrivals at ``load``, the same for every policy given the seed."""
    rng = random.Random(seed)
    total = profile.arrivals_for(load)
    weights = sum(profile.hourly)
    arrivals = []
    for hour, weight in enumerate(profile.hourly):
        count = poisson(rng, total * weight / weights)
        for minute in sorted(rng.uniform(0, 60) for _ in range(count)):
            arrivals.append(applicant(profile, rng, len(arrivals),
                                      START + timedelta(minutes=60 * hour + minute)))
    return arrivals


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson count (by its normal approximation for the large means of a hall's hour)."""
    return max(0, round(rng.gauss(mean, math.sqrt(mean))))


def applicant(profile: HallProfile, rng: random.Random, key: int, at: datetime) -> Arrival:
    service = rng.choices(profile.services, [s.share for s in profile.services])[0]
    group = rng.random()
    booked = group < profile.booked_share
    rank = rng.randint(1, 4) if not booked and group < profile.booked_share + \
        profile.priority_share else None
    return Arrival(key, at, service.code, rank, booked,
                   service.median_minutes * math.exp(rng.gauss(0, service.sigma)),
                   rng.uniform(*profile.walk_minutes), rng.random() < profile.no_show_share)


@dataclass
class Outcome:
    """What a day (or days) came to under one policy."""

    waits: list[float] = field(default_factory=list)  # minutes, of those who came
    priority_waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    longest: list[float] = field(default_factory=list)  # each day's longest wait
    reserve_minutes: float = 0.0  # the reserve window's opening time

    def add(self, other: "Outcome") -> None:
        self.waits += other.waits
        self.priority_waits += other.priority_waits
        self.services += other.services
        self.longest.append(max(other.waits, default=0.0))
        self.reserve_minutes += other.reserve_minutes


@dataclass(frozen=True)
class Reserve:
    """A reserve window, opened when the staffing advice asks for more windows and closed
    (after its applicant) once the line is short again; the advice is looked at every
    ``look_every``."""

    services: frozenset[str] = frozenset("GDR")
    look_every: timedelta = timedelta(minutes=5)
    short_line: int = 2  # at most this many waiting: the reserve may close
    rules: CallingRules = field(default_factory=CallingRules)


@dataclass
class Floor:
    """The windows of a played day: what each serves, when each calls next, what each is busy
    with (as the hall sees it: the moment it called, and for which service)."""

    windows: list[frozenset[str]]
    free: list[tuple[datetime, int]]
    busy_with: dict[int, tuple[datetime, str]] = field(default_factory=dict)
    reserve_open: bool = False
    reserve_queued: bool = False
    reserve_minutes: float = 0.0
    opened_at: datetime | None = None
    looked_at: datetime = START


def play(profile: HallProfile, arrivals: list[Arrival], policy: Policy,
         reserve: Reserve | None = None) -> Outcome:
    """Replay a day: each window, once free, calls the first of the line it serves in the
    policy's order; the applicant walks to it and is served (or never comes). With a reserve,
    a window more opens and closes as the staffing advice says."""
    outcome = Outcome()
    by_key = {arrival.key: arrival for arrival in arrivals}
    line: dict[int, Arrival] = {}
    windows = [*profile.windows, *([reserve.services] if reserve else [])]
    floor = Floor(windows, [(START, window) for window in range(len(profile.windows))])
    upcoming = list(arrivals)
    longest_wait = timedelta(0)  # at a call, so far today
    while upcoming or line:
        moment, window = heapq.heappop(floor.free)  # windows act in time order, earliest first
        admit(line, upcoming, moment)
        if reserve:
            staff(floor, reserve, profile, line, arrivals, moment)
        if window == len(profile.windows) and not floor.reserve_open:
            floor.reserve_queued = False  # the reserve has closed: its staff leave
            continue
        served = [a.waiting() for a in line.values() if a.service in windows[window]]
        if not served:
            heapq.heappush(floor.free, (next_change(upcoming, floor.free, moment), window))
            continue
        chosen = by_key[policy(served, moment, longest_wait)[0].key]
        del line[chosen.key]
        longest_wait = max(longest_wait, moment - chosen.at)
        floor.busy_with[window] = (moment, chosen.service)
        heapq.heappush(floor.free, (moment + busy(profile, chosen, moment, outcome), window))
    outcome.reserve_minutes = floor.reserve_minutes + reserve_time(floor, moment)
    return outcome


def staff(floor: Floor, reserve: Reserve, profile: HallProfile, line: dict[int, Arrival],
          arrivals: list[Arrival], moment: datetime) -> None:
    """Every ``reserve.look_every``: open the reserve when advised, close it on a short line."""
    if moment - floor.looked_at < reserve.look_every:
        return
    floor.looked_at = moment
    if not floor.reserve_open and advise(hall_now(floor, profile, line, arrivals, moment,
                                                  reserve.rules)).needed:
        floor.reserve_open, floor.opened_at = True, moment
        if not floor.reserve_queued:
            floor.reserve_queued = True
            heapq.heappush(floor.free, (moment, len(profile.windows)))
    elif floor.reserve_open and len(line) <= reserve.short_line:
        floor.reserve_minutes += reserve_time(floor, moment)
        floor.reserve_open = False


def reserve_time(floor: Floor, moment: datetime) -> float:
    if not floor.reserve_open:
        return 0.0
    return (moment - floor.opened_at).total_seconds() / 60


def hall_now(floor: Floor, profile: HallProfile, line: dict[int, Arrival],
             arrivals: list[Arrival], moment: datetime, rules: CallingRules) -> HallNow:
    """The hall as its staffing advice sees it: the line, the windows working now (each
    expected free after the typical walk and service), the last half hour's arrivals."""
    typical = {s.code: timedelta(minutes=s.median_minutes) for s in profile.services}
    walk = timedelta(minutes=sum(profile.walk_minutes) / 2)
    working = [index for index in range(len(profile.windows))] + \
        ([len(profile.windows)] if floor.reserve_open else [])
    windows = []
    for index in working:
        called, service = floor.busy_with.get(index, (moment, None))
        expected = called + walk + typical[service] if service else moment
        windows.append(OpenWindow(floor.windows[index], max(expected, moment)))
    recent = [a for a in arrivals if moment - timedelta(minutes=30) < a.at <= moment]
    rates = {s.code: 2.0 * sum(a.service == s.code for a in recent) for s in profile.services}
    return HallNow(moment, [InLine(a.waiting(), a.service) for a in line.values()], windows,
                   typical, rules, rates, walk)


def admit(line: dict, upcoming: list[Arrival], moment: datetime) -> None:
    while upcoming and upcoming[0].at <= moment:
        arrival = upcoming.pop(0)
        line[arrival.key] = arrival


def next_change(upcoming: list[Arrival], free: list, moment: datetime) -> datetime:
    """When an idle window should look again: at the next arrival, or when another window is
    free (its next applicant may be one this window serves)."""
    times = [upcoming[0].at] if upcoming else []
    times += [at for at, _ in free if at > moment]
    return min(times, default=moment + timedelta(minutes=1))


def busy(profile: HallProfile, chosen: Arrival, called: datetime, outcome: Outcome) -> timedelta:
    """How long the window is taken by the applicant it called; their clocks into ``outcome``."""
    if chosen.no_show:
        return timedelta(minutes=profile.no_show_minutes)
    present = called + timedelta(minutes=chosen.walk_minutes)
    wait = (present - chosen.at).total_seconds() / 60
    outcome.waits.append(wait)
    if chosen.has_priority:
        outcome.priority_waits.append(wait)
    outcome.services.append(chosen.service_minutes)
    return timedelta(minutes=chosen.walk_minutes + chosen.service_minutes)


def hall_policy(rules: CallingRules) -> Policy:
    """The windows' own calling order."""
    return lambda tickets, now, longest_wait: calling_order(tickets, now, rules, longest_wait)


def fifo(tickets: Sequence[WaitingTicket], now: datetime,
         longest_wait: timedelta = timedelta(0)) -> list[WaitingTicket]:
    return sorted(tickets, key=lambda t: (t.waiting_since, t.key))


def strict_priority(tickets: Sequence[WaitingTicket], now: datetime,
                    longest_wait: timedelta = timedelta(0)) -> list[WaitingTicket]:
    """Booked, then the categories by rank, then everyone else; each in order of arrival."""
    return sorted(tickets, key=lambda t: (
        0 if t.booked else 1 if t.priority_rank is not None else 2,
        t.priority_rank or 0, t.waiting_since, t.key))


@dataclass(frozen=True)
class Figures:
    """One policy's figures over the days of one load."""

    breach_share: float
    mean: float
    p95: float
    longest: float  # a day's longest wait, on average over the days
    priority_p95: float
    service_breach_share: float
    reserve_hours: float = 0.0  # a day's opening of the reserve window, on average

    @classmethod
    def of(cls, outcome: Outcome, limits: SlaLimits, service_limit: float) -> "Figures":
        limit = limits.limit.total_seconds() / 60
        waits = outcome.waits
        return cls(
            sum(w >= limit for w in waits) / len(waits), sum(waits) / len(waits),
            percentile(waits, 95), sum(outcome.longest) / len(outcome.longest),
            percentile(outcome.priority_waits, 95) or 0.0,
            sum(s >= service_limit for s in outcome.services) / len(outcome.services),
            outcome.reserve_minutes / 60 / len(outcome.longest),
        )


def run(profile: HallProfile, loads: Sequence[float], days: int, policies: dict[str, Policy],
        limits: SlaLimits, seed: int = 1, reserves: Mapping[str, Reserve] | None = None,
        ) -> dict[float, dict[str, Figures]]:
    """Every policy on the same ``days`` standard days of each load (those named in
    ``reserves`` with their reserve window)."""
    reserves = reserves or {}
    results = {}
    for load in loads:
        outcomes = {name: Outcome() for name in policies}
        for day in range(days):
            arrivals = hall_day(profile, load, seed * 10_000 + day)
            for name, policy in policies.items():
                outcomes[name].add(play(profile, arrivals, policy, reserves.get(name)))
        service_limit = limits.limit.total_seconds() / 60
        results[load] = {name: Figures.of(outcome, limits, service_limit)
                         for name, outcome in outcomes.items()}
    return results


def standard_policies(rules: CallingRules) -> dict[str, Policy]:
    return {"hall": hall_policy(rules), "fifo": fifo, "strict priority": strict_priority,
            RESERVED: hall_policy(rules)}


RESERVED = "hall + reserve"  # the hall's order, with a reserve window opened when advised


@dataclass(frozen=True)
class Targets:
    """What the hall's policy must achieve against FIFO at loads 0.8 to 0.97."""

    fewer_breaches: float = 0.20
    longest_at_most: float = 1.10
    reserve_cuts: float = 0.50  # the advice's reserve window: breaches at least halved

    def check_reserve(self, reserved: Figures, hall: Figures) -> list[str]:
        """Whether the reserve window opened as advised cuts the breaches of the same days."""
        if reserved.breach_share > hall.breach_share * (1 - self.reserve_cuts):
            return ["breaches with the reserve"]
        return []

    def check(self, hall: Figures, fifo_: Figures) -> list[str]:
        """The targets the hall's figures miss (none when it meets all)."""
        missed = []
        if hall.breach_share > fifo_.breach_share * (1 - self.fewer_breaches):
            missed.append("breaches")
        if hall.longest > fifo_.longest * self.longest_at_most:
            missed.append("longest wait")
        if hall.priority_p95 > fifo_.priority_p95:
            missed.append("priority p95")
        return missed


def print_table(results: dict[float, dict[str, Figures]], targets: Targets) -> bool:
    print(f"{'load':>5} {'policy':<16}{'breaches':>9}{'mean':>7}{'p95':>7}{'longest':>9}"
          f"{'priority p95':>14}{'services past':>15}{'reserve h':>11}")
    passed = True
    for load, figures in results.items():
        for name, f in figures.items():
            print(f"{load:>5.2f} {name:<16}{f.breach_share:>8.1%}{f.mean:>7.1f}{f.p95:>7.1f}"
                  f"{f.longest:>9.1f}{f.priority_p95:>14.1f}{f.service_breach_share:>14.1%}"
                  f"{f.reserve_hours:>11.1f}")
        if 0.8 <= load <= 0.97:
            passed &= print_check(targets.check(figures["hall"], figures["fifo"]),
                                  "the hall's order against FIFO")
        if load >= 0.8 and RESERVED in figures:
            passed &= print_check(targets.check_reserve(figures[RESERVED], figures["hall"]),
                                  "the advised reserve window against none")
    return passed


def print_check(missed: list[str], what: str) -> bool:
    print(f"      {'PASS' if not missed else 'FAIL ' + ', '.join(missed)}  {what}")
    return not missed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m queue_mgr.simulate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=30, help="standard days per load")
    parser.add_argument("--loads", default="0.7,0.8,0.85,0.9,0.95,0.97,1.0,1.05")
    parser.add_argument("--ceiling", type=float, default=DEFAULT_CEILING.total_seconds() / 60,
                        help="the least ceiling: minutes of waiting past which a ticket is "
                             "called first on a quiet day")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args(argv)
    limits = SlaLimits()
    rules = CallingRules(limits, timedelta(minutes=arguments.ceiling))
    loads = [float(load) for load in arguments.loads.split(",")]
    print(f"{arguments.days} standard days per load, ceiling {arguments.ceiling:g} min "
          f"(waits and services in minutes)")
    results = run(HallProfile(), loads, arguments.days, standard_policies(rules), limits,
                  arguments.seed, {RESERVED: Reserve(rules=rules)})
    return 0 if print_table(results, Targets()) else 1


if __name__ == "__main__":
    raise SystemExit(main())

