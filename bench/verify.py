"""The "certificate verification" scenario: one valid certificate in the scratch hall, whose
page verifiers open again and again; and how long its QR code takes to draw."""

import json
import os
import subprocess
import sys

from bench.server import ROOT, BrokenRun, Hall

# verify.lua reads the page's path from here: the code exists only once prepare has run.
PATH_VARIABLE = "BENCH_VERIFY_PATH"


def prepare(hall: Hall) -> None:
    """Issue the certificate (bench/verify_setup.py) and print the QR generation time."""
    command = [sys.executable, "-m", "bench.verify_setup"]
    done = subprocess.run(command, cwd=ROOT, env=hall.env, capture_output=True, text=True)
    if done.returncode:
        raise BrokenRun(f"bench.verify_setup failed:\n{done.stderr[-2000:]}")
    made = json.loads(done.stdout.strip().splitlines()[-1])
    os.environ[PATH_VARIABLE] = made["path"]  # wrk inherits the environment
    print(f"\n  QR generation: {made['qr_ms']:.2f} ms (median of {made['qr_calls']} qr_svg calls "
          f"of a /v/ URL), {made['certificate_qr_ms']:.2f} ms for the certificate's own QR "
          f"(level Q, byte + numeric segments)\n  PDF render: {made['pdf_ms']:.1f} ms (median of "
          f"{made['pdf_renders']} warm renders of one language's page; target: under 150 ms) "
          f"{'PASS' if made['pdf_ms'] < 150 else 'FAIL'}\n  ready in", end=" ", flush=True)
