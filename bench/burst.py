"""20 windows pressing "call next" at the same instant, round after round.

wrk's "call next" scenario keeps every window busy without a pause (a saturation test: its
latencies are mostly queueing behind the other windows). Here the windows act as a hall does at
its busiest: all of them call at once, then each serves its applicant (start, finish: not timed)
and they meet again for the next round. The target is on these calls' latencies. As before
every wrk scenario, a warm-up (each window calls and serves once, untimed) lets both workers
compile their statements and templates first.
"""

import statistics
import threading
import time
from dataclasses import dataclass

from bench.visitor import Visitor
from bench.windows import FIRST_WINDOW, LOGIN_PREFIX, PASSWORD, WINDOWS

ROUNDS = 10
P99_TARGET_MS = 100


@dataclass(frozen=True)
class Burst:
    """The latencies of every timed call, in milliseconds, and the calls that failed."""

    latencies: list[float]
    failures: int

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


class Window(Visitor):
    """One operator's browser at one window."""

    def __init__(self, base_url: str, number: int):
        super().__init__(base_url)
        self.number = number

    def sign_in(self) -> None:
        super().sign_in(f"{LOGIN_PREFIX}{self.number}", PASSWORD, self.number)
        self.serve_current()

    def act(self, action: str, ticket_id: str | None = None) -> tuple[int, str]:
        fields = {"csrf_token": self.token, **({"ticket_id": ticket_id} if ticket_id else {})}
        return self.send(f"/staff/window/act/{action}", fields)[:2]

    def serve_current(self, desk: str | None = None) -> None:
        """Finish whoever is at the window (left by an earlier scenario, or just called)."""
        desk = desk if desk is not None else self.send("/staff/window/")[1]
        ticket = self.fields(desk).get("ticket_id")
        if ticket and "/act/start" in desk:
            self.act("start", ticket)
        if ticket:
            self.act("finish", ticket)


def run(base_url: str, rounds: int = ROUNDS) -> Burst:
    """Sign every window in, then time ``rounds`` bursts of simultaneous calls."""
    windows = [Window(base_url, FIRST_WINDOW + offset) for offset in range(WINDOWS)]
    for window in windows:
        window.sign_in()
    for window in windows:  # warm-up, untimed: every worker compiles its statements once
        window.serve_current(window.act("call")[1])
    meet = threading.Barrier(WINDOWS)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def work(window: Window) -> None:
        for _ in range(rounds):
            meet.wait()
            started = time.perf_counter()
            status, desk = window.act("call")
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                failures[0] += status != 200
            meet.wait()  # everyone called before anyone serves
            window.serve_current(desk)

    threads = [threading.Thread(target=work, args=(window,)) for window in windows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Burst(latencies, failures[0])


def report(burst: Burst) -> bool:
    """Print the calls' latencies and the target; return whether every call succeeded."""
    print(f"\ncall next, {WINDOWS} windows at the same instant, {len(burst.latencies)} calls in "
          f"{len(burst.latencies) // WINDOWS} rounds (start and finish between rounds, untimed):")
    print(f"  p50 {statistics.median(burst.latencies):.1f} ms, p99 {burst.percentile(0.99):.1f} "
          f"ms, max {max(burst.latencies):.1f} ms, failed {burst.failures}")
    passed = burst.percentile(0.99) < P99_TARGET_MS
    print(f"  {'PASS' if passed else 'FAIL'}  call next p99 < {P99_TARGET_MS} ms with {WINDOWS} "
          "windows calling at once")
    return burst.failures == 0
