"""Run the benchmarks (`make bench`): serve a scratch hall, load it with wrk, print the table."""

import argparse
import sys

from bench import numbering
from bench.scenarios import FLOOR, KIOSKS, SCENARIOS, Result, run
from bench.server import WORKERS, BrokenRun, scratch_hall, serve

DEFAULT_SECONDS = 15


def mark(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def print_table(results: list[Result], floor: Result) -> None:
    """Print requests/s, latencies and errors per scenario, then each scenario's targets."""
    print(f"\n{'scenario':<14}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for result in [*results, floor]:
        print(f"{result.scenario.name:<14}{result.requests:>10}{result.rps:>10.1f}"
              f"{result.p50_ms:>9.1f}{result.p99_ms:>9.1f}{result.errors:>8}")
    print(f"\ntargets ({KIOSKS} kiosks, gunicorn {WORKERS} sync workers, SQLite):")
    for result in results:
        scenario, share = result.scenario, result.rps / floor.rps
        print(f"  {scenario.name} rps / floor rps = {share:.2f}")
        if scenario.p99_ms is not None:
            print(f"  {mark(result.p99_ms < scenario.p99_ms)}  {scenario.name} requests p99 < "
                  f"{scenario.p99_ms:g} ms with {KIOSKS} kiosks: {result.p99_ms:.1f} ms")
        if scenario.floor_share is not None:
            print(f"  {mark(share >= scenario.floor_share)}  {scenario.name} rps >= "
                  f"{scenario.floor_share:.0%} of floor rps: {share:.0%}")


def print_tickets(service_days: list[numbering.ServiceDay], taken: int) -> bool:
    """Print the tickets issued and whether each service's numbers are distinct and gapless."""
    total = sum(service_day.tickets for service_day in service_days)
    print(f"\ntickets issued: {total} in the database, {taken} answered 303 to the kiosks"
          " (a POST cut off by wrk's end may still issue one)")
    for day in service_days:
        print(f"  {mark(day.gapless)}  {day.service} {day.day}: {day.tickets} tickets, "
              f"{day.distinct} distinct numbers, {day.lowest}..{day.highest}")
    return all(day.gapless for day in service_days) and taken <= total <= taken + KIOSKS


def main() -> int:
    """Measure every scenario and the floor; non-zero only when the run itself is broken."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--seconds", type=int, default=DEFAULT_SECONDS, help="per wrk run")
    seconds = parser.parse_args().seconds
    try:
        with scratch_hall() as hall, serve(hall) as base_url:
            print(f"serving {base_url} (database {hall.database})", flush=True)
            results = []
            for scenario in SCENARIOS:
                print(f"running {scenario.name} for {seconds}s ...", flush=True)
                results.append(run(scenario, base_url, seconds))
            print(f"running {FLOOR.name} for {seconds}s ...", flush=True)
            floor = run(FLOOR, base_url, seconds)
            print_table(results, floor)
            taken = sum(result.counts.get("tickets", 0) for result in results)
            numbers_ok = print_tickets(numbering.issued(hall.database), taken)
    except BrokenRun as broken:
        print(f"broken run: {broken}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    errors = sum(result.errors for result in [*results, floor])
    if errors or not numbers_ok:
        print(f"\nbroken run: {errors} errors, numbering {mark(numbers_ok)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
