"""Benchmark scenarios: wrk loads against the served app, each measured against the floor."""

import json
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import verify, windows
from bench.server import BrokenRun, Hall

HERE = Path(__file__).resolve().parent
KIOSKS = 16  # one wrk thread, one connection and one Lua state per kiosk
TIMEOUT = "5s"
BOARD = "/board/live"
SETTLE_TRIES = 20


@dataclass(frozen=True)
class Scenario:
    """One wrk load: a Lua script, the path it starts from, and the targets it must meet."""

    name: str
    script: str
    path: str = "/"
    about: str = ""  # what the load is, for the output
    threads: int = KIOSKS
    connections: int = KIOSKS
    timeout: str = TIMEOUT  # wrk leaves slower answers out of its latencies (and counts errors)
    args: tuple[str, ...] = ()  # for the Lua script's init()
    if_none_match: bool = False  # send the ETag the path has just before the run
    prepare: Callable[[Hall], None] | None = None  # adds what it needs to the hall first
    warmup: str | None = None  # a path to GET (no side effects) for a second before measuring
    p99_ms: float | None = None  # target: p99 latency of its requests below this
    p99_of: str | None = None  # ... of the requests its script timed under this name, not wrk's
    floor_share: float | None = None  # target: at least this share of the floor's requests/s


@dataclass(frozen=True)
class Timing:
    """Latencies a script measured itself, for one kind of request (milliseconds)."""

    requests: int
    p50_ms: float
    p99_ms: float


@dataclass(frozen=True)
class Result:
    """What wrk measured for a scenario, and the counts and timings its script kept."""

    scenario: Scenario
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, Timing] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def target_p99_ms(self) -> float:
        """The p99 the target is about: a script's own timing if it names one, else wrk's."""
        of = self.scenario.p99_of
        return self.p99_ms if of is None else self.timings[of].p99_ms


# The floor: the same app, layout and server with no database work; what any page costs.
FLOOR = Scenario("floor", "report.lua", "/_bench/floor", warmup="/_bench/floor",
                 about=f"{KIOSKS} connections GET a page of the base layout, no database")
SCENARIOS = [
    Scenario("ticket flow", "ticket_flow.lua", warmup="/kiosk/services/guardianship",
             about=f"{KIOSKS} kiosks each take a ticket after another (screen GET, form POST)",
             p99_ms=100, floor_share=0.40),
    Scenario(f"windows saturated ({windows.WINDOWS})", "windows.lua",
             threads=windows.WINDOWS, connections=windows.WINDOWS, timeout="60s",
             prepare=windows.prepare, warmup="/staff/login",
             args=(str(windows.FIRST_WINDOW), windows.LOGIN_PREFIX, windows.PASSWORD),
             about=f"{windows.WINDOWS} operators each sign in at a window, then call, start "
             f"and finish, again and again, a line of {windows.LINE} (wrk's latencies include "
             f"the {2 * windows.WINDOWS} sign-in requests; the line panel's refresh is not "
             "loaded). No pause between actions: a saturation test whose latencies are "
             "mostly queueing; the target is measured by the bursts below",
             p99_of="call"),
    Scenario("board refresh, unchanged", "board.lua", BOARD, threads=16, connections=64,
             warmup=BOARD, if_none_match=True,
             about="64 board screens (16 threads) poll the live part with the ETag of the "
             "board as it is: every answer a 304", floor_share=0.50),
    Scenario("board refresh, changing", "board.lua", BOARD, threads=16, connections=64,
             warmup=BOARD,
             about="the same screens without If-None-Match: every poll answers the live part in "
             "full, as if the board changed between any two polls (the worst case; each worker "
             "renders it at most every KIOSK_BOARD_KEPT_MS, 500 ms)"),
    Scenario("certificate verification", "verify.lua", "/v/", prepare=verify.prepare,
             warmup="/v/0",
             about=f"{KIOSKS} connections open the page of one valid certificate (GET "
             "/v/<code>: the signature checked, the record read, names masked)",
             floor_share=0.60),
]


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise BrokenRun("wrk is missing: apt-get install -y wrk")
    return path


def warm_up(scenario: Scenario, base_url: str) -> None:
    """Let every worker compile its templates and fill its caches before the measurement."""
    if scenario.warmup is not None:
        run(Scenario(f"{scenario.name} warm-up", "report.lua", scenario.warmup), base_url, 1)


def etag(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["ETag"]


def settled_etag(url: str) -> str:
    """The ETag once it holds still (requests cut off by a previous run may still change it)."""
    last = etag(url)
    for _ in range(SETTLE_TRIES):
        time.sleep(0.5)  # waiting for the server to go quiet, not timing anything
        if (current := etag(url)) == last:
            return current
        last = current
    raise BrokenRun(f"{url} keeps changing: nothing should write between scenarios")


def run(scenario: Scenario, base_url: str, seconds: int) -> Result:
    """Load the server with the scenario's connections for some seconds; return what wrk saw."""
    url = base_url + scenario.path
    headers = ["-H", f"If-None-Match: {settled_etag(url)}"] if scenario.if_none_match else []
    command = [
        wrk_path(), f"-t{scenario.threads}", f"-c{scenario.connections}", f"-d{seconds}s",
        f"--timeout={scenario.timeout}", "--latency", *headers, "-s", str(HERE / scenario.script),
        url, "--", *scenario.args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if done.returncode or line is None:
        raise BrokenRun(f"wrk failed for {scenario.name}:\n{done.stdout}\n{done.stderr}")
    data = json.loads(line.removeprefix("BENCH "))
    counts = data["counts"]
    # A script that judges every response counts its own errors, non-2xx/3xx answers included.
    answers = counts["errors"] if "errors" in counts else data["status_errors"]
    timings = {name: Timing(t["n"], t["p50_us"] / 1e3, t["p99_us"] / 1e3)
               for name, t in sorted(data["timings"].items())}
    return Result(
        scenario, data["requests"], data["duration_us"] / 1e6, data["p50_us"] / 1e3,
        data["p99_us"] / 1e3, answers + data["socket_errors"], counts, timings,
    )
