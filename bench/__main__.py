"""Run the benchmarks (`make bench`): serve a scratch hall, load it with wrk, print the table."""

import argparse
import os
import sys
import time

from bench import burst, numbering, windows, year
from bench.history import Size
from bench.scenarios import FLOOR, KIOSKS, SCENARIOS, Result, Scenario, run, warm_up, wrk_path
from bench.server import WORKERS, BrokenRun, Hall, scratch_hall, serve

DEFAULT_SECONDS = 10
NAME = 27  # width of the scenario column


def mark(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def print_table(results: list[Result], floor: Result) -> None:
    """Print requests/s, latencies and errors per scenario, then each scenario's targets."""
    print(f"\n{'scenario':<{NAME}}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}"
          f"{'errors':>8}")
    for result in [*results, floor]:
        print(f"{result.scenario.name:<{NAME}}{result.requests:>10}{result.rps:>10.1f}"
              f"{result.p50_ms:>9.1f}{result.p99_ms:>9.1f}{result.errors:>8}")
        for name, timing in result.timings.items():
            print(f"{'  ' + name + ' (timed in Lua)':<{NAME}}{timing.requests:>10}"
                  f"{timing.requests / result.seconds:>10.1f}{timing.p50_ms:>9.1f}"
                  f"{timing.p99_ms:>9.1f}")
    print("\nwhat each scenario does (p50/p99: wrk's, over all its requests; counts: its "
          "script's):")
    for result in [*results, floor]:
        counts = ", ".join(f"{key} {value}" for key, value in sorted(result.counts.items()))
        print(f"  {result.scenario.name}: {result.scenario.about}"
              + (f"; counts: {counts}" if counts else ""))
    print("\ntargets:")
    for result in results:
        scenario, share = result.scenario, result.rps / floor.rps
        print(f"  {scenario.name} rps / floor rps = {share:.2f}")
        if scenario.p99_ms is not None:
            which = f"{scenario.p99_of} requests (timed in Lua)" if scenario.p99_of else "requests"
            print(f"  {mark(result.target_p99_ms < scenario.p99_ms)}  {scenario.name}: {which} "
                  f"p99 < {scenario.p99_ms:g} ms: {result.target_p99_ms:.1f} ms")
        if scenario.floor_share is not None:
            print(f"  {mark(share >= scenario.floor_share)}  {scenario.name}: rps >= "
                  f"{scenario.floor_share:.0%} of floor rps: {share:.0%}")


def print_tickets(service_days: list[numbering.ServiceDay], results: list[Result],
                  added: int) -> bool:
    """Print the tickets issued and whether each service's numbers are distinct and gapless."""
    total = sum(service_day.tickets for service_day in service_days) - added
    taken = sum(result.counts.get("tickets", 0) for result in results)
    rate = sum(result.counts.get("tickets", 0) / result.seconds for result in results)
    counted = taken <= total <= taken + KIOSKS
    print(f"\ntickets issued: {total} in the database by the kiosks ({rate:.0f} tickets/s, each a "
          f"form GET and a POST; plus the {added} of the line); {taken} POSTs answered 303")
    print(f"  {mark(counted)}  every 303 has its ticket (at most one more per kiosk: a POST "
          "cut off by wrk's end)")
    for service_day in service_days:
        print(f"  {mark(service_day.gapless)}  {service_day.service} {service_day.day}: "
              f"{service_day.tickets} tickets, {service_day.distinct} distinct numbers, "
              f"{service_day.lowest}..{service_day.highest}")
    return counted and all(service_day.gapless for service_day in service_days)


def print_calls(calls: windows.Calls, results: list[Result]) -> bool:
    """Print whether any applicant was called twice (by two windows, or twice by one)."""
    answered = sum(result.counts.get("call", 0) for result in results)
    print(f"\ncalls: {calls.events} call events in the database, {answered} calls answered 200 "
          "(a call cut off by wrk's end still calls someone)")
    print(f"  {mark(calls.none_twice)}  zero applicants called twice: {calls.events} calls of "
          f"{calls.tickets} distinct tickets")
    return calls.none_twice


def measure(scenario: Scenario, hall: Hall, base_url: str, seconds: int) -> Result:
    """Run one scenario, saying so first: each takes a while."""
    if scenario.prepare is not None:
        started = time.monotonic()
        print(f"preparing {scenario.name} ...", end=" ", flush=True)
        scenario.prepare(hall)
        print(f"{time.monotonic() - started:.1f}s", flush=True)
    print(f"running {scenario.name} for {seconds}s ...", flush=True)
    warm_up(scenario, base_url)
    return run(scenario, base_url, seconds)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--seconds", type=int, default=DEFAULT_SECONDS, help="per wrk run")
    parser.add_argument("--only", metavar="NAME", help="run only the scenarios whose name starts "
                        "with NAME (and the floor); 'call next' runs only the bursts, 'history' "
                        "only the history scenario")
    parser.add_argument("--tickets", type=int, default=Size.tickets,
                        help="the history's tickets in a year (a tenth as many applications "
                        "and certificates)")
    parser.add_argument("--databases", default="sqlite,postgresql",
                        help="where the history scenario runs: sqlite, postgresql or both "
                        f"(PostgreSQL: the server {year.POSTGRES_VARIABLE} names, by default "
                        f"{year.POSTGRES_DEFAULT})")
    return parser.parse_args()


def history(options: argparse.Namespace) -> bool:
    """The history scenario: a year in the database against none (bench/year.py)."""
    size = Size(tickets=options.tickets, applications=options.tickets // 10,
                certificates=options.tickets // 10)
    return year.run(size, tuple(options.databases.split(",")))


def main() -> int:
    """Measure every scenario and the floor; non-zero only when the run itself is broken."""
    options = arguments()
    seconds, only = options.seconds, options.only
    if only is not None and "history".startswith(only):
        try:
            history(options)
        except BrokenRun as broken:
            print(f"broken run: {broken}", file=sys.stderr)
            return 2
        return 0
    chosen = [s for s in SCENARIOS if only is None or s.name.startswith(only)]
    try:
        wrk_path()  # fail before building anything
        with scratch_hall() as hall:
            with serve(hall) as base_url:
                print(f"serving {base_url} with gunicorn ({WORKERS} workers), database "
                      f"{hall.database}; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} "
                      "(other processes on this machine skew the numbers)", flush=True)
                results = [measure(scenario, hall, base_url, seconds) for scenario in chosen]
                lined = any(scenario.prepare is windows.prepare for scenario in chosen)
                floor = measure(FLOOR, hall, base_url, seconds)
                bursts = None
                if only is None or "call next".startswith(only):
                    if not lined:
                        windows.prepare(hall)
                    print("running call next in bursts ...", flush=True)
                    bursts = burst.run(base_url)
            print_table(results, floor)
            added = windows.LINE if lined or bursts is not None else 0
            numbers_ok = print_tickets(numbering.issued(hall.database), results, added)
            bursts_ok = burst.report(bursts) if bursts is not None else True
            calls_ok = print_calls(windows.calls(hall.database), results) and bursts_ok
        if only is None:
            history(options)
    except BrokenRun as broken:
        print(f"broken run: {broken}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    errors = sum(result.errors for result in [*results, floor])
    if errors or not numbers_ok or not calls_ok:
        print(f"\nbroken run: {errors} errors, numbering {mark(numbers_ok)}, calls "
              f"{mark(calls_ok)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
