"""Benchmark scenarios: wrk loads against the served app, each measured against the floor."""

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bench.server import BrokenRun

HERE = Path(__file__).resolve().parent
KIOSKS = 16  # one wrk thread, one connection and one Lua state per kiosk
TIMEOUT = "5s"


@dataclass(frozen=True)
class Scenario:
    """One wrk load: a Lua script, the path it starts from, and the targets it must meet."""

    name: str
    script: str
    path: str = "/"
    p99_ms: float | None = None  # target: p99 latency of its requests below this
    floor_share: float | None = None  # target: at least this share of the floor's requests/s


@dataclass(frozen=True)
class Result:
    """What wrk measured for a scenario, and the counts its script kept."""

    scenario: Scenario
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


# The floor: the same app, layout and server with no database work; what any page costs.
FLOOR = Scenario("floor", "report.lua", "/_bench/floor")
# Later: the board's refresh, "call next" from 20 windows, certificate verification.
SCENARIOS = [
    Scenario("ticket flow", "ticket_flow.lua", p99_ms=100, floor_share=0.40),
]


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise BrokenRun("wrk is missing: apt-get install -y wrk")
    return path


def run(scenario: Scenario, base_url: str, seconds: int) -> Result:
    """Load the server with one kiosk per connection for some seconds; return what wrk saw."""
    command = [
        wrk_path(), f"-t{KIOSKS}", f"-c{KIOSKS}", f"-d{seconds}s", f"--timeout={TIMEOUT}",
        "--latency", "-s", str(HERE / scenario.script), base_url + scenario.path,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if done.returncode or line is None:
        raise BrokenRun(f"wrk failed for {scenario.name}:\n{done.stdout}\n{done.stderr}")
    data = json.loads(line.removeprefix("BENCH "))
    counts = data["counts"]
    return Result(
        scenario, data["requests"], data["duration_us"] / 1e6, data["p50_us"] / 1e3,
        data["p99_us"] / 1e3,
        data["status_errors"] + data["socket_errors"] + counts.get("errors", 0), counts,
    )
