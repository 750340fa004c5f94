"""The history scenario: every hot screen of a hall with a year in its database, against the same
hall with none, on SQLite and on PostgreSQL.

Two halls are built per database: the same "today" in both (the demo hall with 360 tickets of
the day, windows at work, requests at the hall), and in one of them a year of closed days before
it (``bench.history``). Both are served at once, each by gunicorn with two workers, and every
screen is timed on both in alternating rounds, so whatever else the machine does falls on both
alike. A screen passes when its p50 and p99 on the year's hall are within ``TARGET`` times the
empty hall's.
"""

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

from bench.history import Size
from bench.server import ROOT, BrokenRun, Hall, scratch_hall, scratch_postgres, serve
from bench.visitor import Visitor

TARGET = 1.2
ROUNDS = 16
REPORT_TURN = 3  # requests of a report per hall and round
ROUND_SECONDS = 0.5  # of each hall's turn in a round (a count of requests fixed beforehand)
PHONES_SECONDS = 1.0  # of each round's turn of the screens many clients poll at once
DEMO_PASSWORD = "kiosk-demo"  # the demo accounts of a throwaway hall
SIGN_INS = {"operator": ("operator1", 1), "supervisor": ("supervisor", 0),
            "provider": ("provider", 0)}
POSTGRES_VARIABLE = "KIOSK_BENCH_POSTGRES_URL"
POSTGRES_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class Screen:
    """A screen to time: its path (naming a fact of today's hall in braces), who opens it,
    whether with the ETag it just had (the 304 of an unchanged screen), by how many at once."""

    name: str
    path: str
    who: str = ""  # a staff account of SIGN_INS, or "kiosk", or nobody
    unchanged: bool = False
    clients: int = 1
    limit_ms: float | None = None  # a report's target: the year's p99 under this, whatever
    # the empty hall's


SCREENS = (
    Screen("kiosk: start", "/kiosk"),
    Screen("kiosk: services", "/kiosk/services"),
    Screen("kiosk: ticket form", "/kiosk/services/guardianship"),
    Screen("kiosk: ticket shown", "/kiosk/ticket/{kiosk_token}", "kiosk"),
    Screen("ticket page /t/", "/t/{waiting_token}"),
    Screen("ticket page, live part", "/t/{waiting_token}/status"),
    Screen("ticket page, live, 304", "/t/{waiting_token}/status", unchanged=True),
    Screen("ticket page, live, 16 phones", "/t/{waiting_token}/status", clients=16),
    Screen("request status /r/", "/r/{request_token}"),
    Screen("board", "/board"),
    Screen("board, live part", "/board/live"),
    Screen("board, live, 304", "/board/live", unchanged=True),
    Screen("board, live, 16 screens", "/board/live", clients=16),
    Screen("window: desk", "/staff/window/", "operator"),
    Screen("window: line", "/staff/window/line", "operator"),
    Screen("window: line, 304", "/staff/window/line", "operator", unchanged=True),
    Screen("window: application", "/staff/applications/ticket/{window_ticket}", "operator"),
    Screen("window: handover search", "/staff/applications/handover?number={request_number}",
           "operator"),
    Screen("supervisor: overview", "/staff/supervisor/", "supervisor"),
    Screen("supervisor: live part", "/staff/supervisor/hall", "supervisor"),
    Screen("supervisor: live, 304", "/staff/supervisor/hall", "supervisor", unchanged=True),
    Screen("supervisor: ticket history", "/staff/supervisor/tickets?number={ticket_number}",
           "supervisor"),
    Screen("supervisor: certificates", "/staff/certificates/", "supervisor"),
    Screen("supervisor: report, a day", "/staff/reports/?start={yesterday}&end={yesterday}",
           "supervisor", limit_ms=300),
    Screen("supervisor: report, a year", "/staff/reports/?start={year_ago}&end={today}",
           "supervisor", limit_ms=1000),
    Screen("provider: pending requests", "/staff/provider/", "provider"),
    Screen("certificate check /v/", "/v/{certificate_code}"),
    Screen("published keys", "/.well-known/kiosk-keys.json"),
)


@dataclass
class Served:
    """One hall as the benchmark reaches it: served at ``base_url``, with today's facts and
    a browser per staff account signed in."""

    label: str
    base_url: str
    today: dict
    visitors: dict[str, Visitor] = field(default_factory=dict)

    def visitor(self, who: str) -> Visitor:
        if who not in self.visitors:
            self.visitors[who] = Visitor(self.base_url)
            if who in SIGN_INS:
                username, window = SIGN_INS[who]
                self.visitors[who].sign_in(username, DEMO_PASSWORD, window)
        return self.visitors[who]

    def path(self, screen: Screen) -> str:
        return screen.path.format(**self.today)


@dataclass
class Timings:
    """The latencies (ms) a screen took on one hall, and the seconds they were taken over."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    failures: int = 0
    changed: int = 0  # an unchanged screen's answers that were full renders after all

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def timed(visitor: Visitor, path: str, headers: dict) -> tuple[float, int, dict]:
    started = time.perf_counter()
    status, _, answer_headers = visitor.send(path, headers=headers)
    return (time.perf_counter() - started) * 1000, status, answer_headers


def one_turn(hall: Served, screen: Screen, count: int, into: Timings) -> None:
    """``count`` requests of one client, one after another. An unchanged screen is asked with
    the ETag it last had (its clocks may move it on meanwhile: then the new one is taken)."""
    visitor, path = hall.visitor(screen.who), hall.path(screen)
    etag = visitor.send(path)[2].get("ETag") if screen.unchanged else None
    if screen.unchanged and etag is None:
        raise BrokenRun(f"{screen.name} sends no ETag")
    started = time.perf_counter()
    for _ in range(count):
        latency, status, headers = timed(visitor, path, {"If-None-Match": etag} if etag else {})
        into.latencies.append(latency)
        if screen.unchanged and status == 200:
            etag = headers.get("ETag")
            into.changed += 1
        else:
            into.failures += status != (304 if screen.unchanged else 200)
    into.seconds += time.perf_counter() - started


def crowd_turn(hall: Served, screen: Screen, seconds: float, into: Timings) -> None:
    """``screen.clients`` clients at once, each requesting again as soon as answered."""
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()

    def client() -> None:
        visitor = Visitor(hall.base_url)
        mine = Timings()
        while time.perf_counter() < deadline:
            latency, status, _ = timed(visitor, hall.path(screen), {})
            mine.latencies.append(latency)
            mine.failures += status != 200
        with lock:
            into.latencies.extend(mine.latencies)
            into.failures += mine.failures

    threads = [threading.Thread(target=client) for _ in range(screen.clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    into.seconds += time.perf_counter() - started


def requests_per_turn(halls: list[Served], screen: Screen) -> int:
    """Warm both halls up, and size a turn to last about ``ROUND_SECONDS`` on the slower."""
    slowest = 0.0
    for hall in halls:
        warm = Timings()
        one_turn(hall, screen, 10, warm)
        slowest = max(slowest, statistics.mean(warm.latencies))
    return max(10, min(400, int(ROUND_SECONDS * 1000 / slowest)))


def measure(screen: Screen, halls: list[Served]) -> list[Timings]:
    """Time ``screen`` on each hall in ``ROUNDS`` alternating rounds."""
    timings = [Timings() for _ in halls]
    if screen.limit_ms:
        count = REPORT_TURN
        for hall in halls:  # warm up
            one_turn(hall, screen, 1, Timings())
    else:
        count = requests_per_turn(halls, screen) if screen.clients == 1 else 0
    for round_ in range(ROUNDS):
        order = list(range(len(halls)))[:: 1 if round_ % 2 == 0 else -1]
        for index in order:
            if screen.clients == 1:
                one_turn(halls[index], screen, count, timings[index])
            else:
                crowd_turn(halls[index], screen, PHONES_SECONDS, timings[index])
    return timings


def take_tickets(halls: list[Served], count: int = 100) -> list[Timings]:
    """The kiosk's ticket: the form (not timed), then the POST that issues it (timed)."""
    timings = [Timings() for _ in halls]
    for round_ in range(ROUNDS):
        for index in list(range(len(halls)))[:: 1 if round_ % 2 == 0 else -1]:
            kiosk = Visitor(halls[index].base_url)
            for _ in range(count):
                form = kiosk.forms.fields(kiosk.send("/kiosk/services/guardianship")[1])
                started = time.perf_counter()
                status = kiosk.send("/kiosk/tickets", {**form, "category": ""})[0]
                timings[index].latencies.append((time.perf_counter() - started) * 1000)
                timings[index].failures += status != 303
    return timings


def call_next(halls: list[Served], count: int = 60) -> list[Timings]:
    """Window 1 calls the next applicant (timed), then serves them (start, finish: not); the
    tickets just taken keep its line long enough."""
    timings = [Timings() for _ in halls]
    for hall in halls:
        finish_current(hall.visitor("operator"))
    for round_ in range(ROUNDS):
        for index in list(range(len(halls)))[:: 1 if round_ % 2 == 0 else -1]:
            operator = halls[index].visitor("operator")
            for _ in range(count):
                started = time.perf_counter()
                status, desk, _ = act(operator, "call")
                timings[index].latencies.append((time.perf_counter() - started) * 1000)
                timings[index].failures += status != 200
                finish_current(operator, desk)
    return timings


def act(operator: Visitor, action: str, ticket_id: str = "") -> tuple[int, str, dict]:
    fields = {"csrf_token": operator.token, **({"ticket_id": ticket_id} if ticket_id else {})}
    return operator.send(f"/staff/window/act/{action}", fields)


def finish_current(operator: Visitor, desk: str | None = None) -> None:
    desk = desk if desk is not None else operator.send("/staff/window/")[1]
    ticket = operator.fields(desk).get("ticket_id")
    if ticket and "/act/start" in desk:
        act(operator, "start", ticket)
    if ticket:
        act(operator, "finish", ticket)


def build(hall: Hall, size: Size) -> dict:
    """Write the hall's past (``size``) and today, in the hall's own environment; return what
    ``bench.history`` printed."""
    command = [sys.executable, "-m", "bench.history", "--today", "--days", str(size.days),
               "--tickets", str(size.tickets), "--applications", str(size.applications),
               "--certificates", str(size.certificates)]
    done = subprocess.run(command, cwd=ROOT, env=hall.env, capture_output=True, text=True)
    if done.returncode:
        raise BrokenRun(f"bench.history failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@contextmanager
def two_halls(backend: str, size: Size) -> Iterator[tuple[list[Served], dict]]:
    """The empty hall and the year's, built and served; yield them and what the year wrote."""
    with ExitStack() as stack:
        urls = [None, None]
        if backend == "postgresql":
            server = os.environ.get(POSTGRES_VARIABLE, POSTGRES_DEFAULT)
            urls = [stack.enter_context(scratch_postgres(server, f"kiosk_bench_{label}_{pid}"))
                    for label, pid in (("empty", os.getpid()), ("year", os.getpid()))]
        halls = [stack.enter_context(scratch_hall(url)) for url in urls]
        empty = build(halls[0], Size(days=0))
        year = build(halls[1], size)
        served = [Served(label, stack.enter_context(serve(hall)), made["today"])
                  for label, hall, made in (("empty", halls[0], empty), ("year", halls[1], year))]
        for hall in served:
            hall.today["kiosk_token"] = kiosk_ticket(hall)
        yield served, year


def kiosk_ticket(hall: Served) -> str:
    """A ticket the hall's kiosk takes: only the kiosk that took it shows its ticket screen."""
    kiosk = hall.visitor("kiosk")
    form = kiosk.forms.fields(kiosk.send("/kiosk/services/guardianship")[1])
    status, _, headers = kiosk.send("/kiosk/tickets", {**form, "category": ""})
    if status != 303:
        raise BrokenRun(f"the kiosk took no ticket ({status})")
    return headers["Location"].rsplit("/", 1)[1]


def report_row(name: str, empty: Timings, year: Timings, with_rps: bool = False,
               limit_ms: float | None = None) -> bool:
    """Print a screen's line; return whether it meets the target (within TARGET× of the
    empty hall's, or, for a report, the year's p99 under ``limit_ms``)."""
    ratios = [year.percentile(share) / empty.percentile(share) for share in (0.5, 0.99)]
    passed = (year.percentile(0.99) < limit_ms if limit_ms else
              all(ratio <= TARGET for ratio in ratios)) and not (empty.failures or year.failures)
    rps = f"  {empty.rps:6.0f} → {year.rps:6.0f} req/s" if with_rps else ""
    rps += f"  (target: p99 < {limit_ms:g} ms)" if limit_ms else ""
    failures = f"  FAILED ANSWERS {empty.failures}/{year.failures}" \
        if empty.failures or year.failures else ""
    if empty.changed or year.changed:
        failures += f"  (re-rendered as the clocks moved: {empty.changed}/{year.changed})"
    print(f"  {name:<30}{empty.percentile(0.5):8.1f}{empty.percentile(0.99):8.1f}"
          f"{year.percentile(0.5):9.1f}{year.percentile(0.99):8.1f}"
          f"{ratios[0]:8.2f}{ratios[1]:7.2f}  {'PASS' if passed else 'FAIL'}{rps}{failures}",
          flush=True)
    return passed


def run_backend(backend: str, size: Size) -> bool:
    """Build, serve and time both halls on one database; print the table; True if all pass."""
    print(f"\nhistory on {backend}: building the empty hall and the year's "
          f"({size.tickets:,} tickets over {size.days} days) ...", flush=True)
    with two_halls(backend, size) as (halls, year):
        written = ", ".join(f"{table} {count:,}" for table, count in year["written"].items())
        print(f"  the year written in {year['seconds']} s: {written}")
        print(f"  the figures of {year['kept']['days']} past days and {year['kept']['months']} "
              f"months kept for the reports in {year['kept']['seconds']} s")
        print(f"  {'screen (ms)':<30}{'empty p50':>9}{'p99':>7}{'year p50':>10}{'p99':>7}"
              f"{'× p50':>8}{'× p99':>7}", flush=True)
        passed = [report_row(screen.name, *measure(screen, halls), screen.clients > 1,
                             screen.limit_ms) for screen in SCREENS]
        passed.append(report_row("kiosk: take a ticket (POST)", *take_tickets(halls)))
        passed.append(report_row("window: call next (POST)", *call_next(halls)))
    print(f"  {'PASS' if all(passed) else 'FAIL'}  every hot screen's p50 and p99 within "
          f"{TARGET}× of the empty hall's, and each report under its target, on {backend}: "
          f"{sum(passed)} of {len(passed)}")
    return all(passed)


def run(size: Size, backends: tuple[str, ...] = ("sqlite", "postgresql")) -> bool:
    """The history scenario on each database; True when every screen passes on every one."""
    return all([run_backend(backend, size) for backend in backends])
