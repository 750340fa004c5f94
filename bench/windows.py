"""The "call next" hall: 20 windows, an operator signed in at each, and a long line."""

import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bench.server import ROOT, BrokenRun, Hall

WINDOWS = 20
FIRST_WINDOW = 101  # windows 101..120, beside the demo's 1..4
LOGIN_PREFIX = "bench"  # window 101's operator signs in as bench101
PASSWORD = "kiosk-bench"  # scratch accounts of a throwaway database
SERVICE = "guardianship"
LINE = 20000  # waiting tickets: the windows must never run out during the measurement


def prepare(hall: Hall, line: int = LINE) -> None:
    """Add the windows, their operators and the line to the scratch hall (bench/line.py)."""
    command = [sys.executable, "-m", "bench.line", str(line)]
    done = subprocess.run(command, cwd=ROOT, env=hall.env, capture_output=True, text=True)
    if done.returncode:
        raise BrokenRun(f"bench.line failed:\n{done.stderr[-2000:]}")


@dataclass(frozen=True)
class Calls:
    """The call events in the database: how many, and of how many distinct tickets."""

    events: int
    tickets: int

    @property
    def none_twice(self) -> bool:
        return self.events == self.tickets


def calls(database: Path) -> Calls:
    with closing(sqlite3.connect(database)) as connection:
        return Calls(*connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT ticket_id) FROM ticket_event WHERE action = 'call'"
        ).fetchone())
