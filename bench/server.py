"""A scratch hall for benchmarks: a throwaway database (SQLite, or PostgreSQL), and gunicorn
serving it."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

ROOT = Path(__file__).resolve().parent.parent
APP = "bench.app:create_bench_app()"
WORKERS = 2
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0


class BrokenRun(Exception):
    """The benchmark could not measure anything meaningful (setup, server or load failed)."""


@dataclass(frozen=True)
class Hall:
    """A scratch hall: its directory, its database file, the environment that points at them."""

    directory: Path
    database: Path
    env: dict[str, str]


def flask(hall_env: dict[str, str], *args: str) -> None:
    """Run a ``flask --app kiosk`` command against the scratch hall."""
    command = [sys.executable, "-m", "flask", "--app", "kiosk", *args]
    done = subprocess.run(command, cwd=ROOT, env=hall_env, capture_output=True, text=True)
    if done.returncode:
        raise BrokenRun(f"flask {' '.join(args)} failed:\n{done.stderr[-2000:]}")


@contextmanager
def scratch_hall(database_url: str | None = None) -> Iterator[Hall]:
    """Create a throwaway hall with the schema and demo data, open around the clock: in an
    SQLite file of its own, or in the (empty) database ``database_url`` names."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as directory:
        database = Path(directory) / "kiosk.db"
        env = {key: value for key, value in os.environ.items() if not key.startswith("KIOSK_")}
        env.update(
            KIOSK_ENV="development",
            KIOSK_DATABASE_URL=database_url or f"sqlite:///{database}",
            KIOSK_SECRET_KEY="bench-secret-not-for-production-0123456789",
            KIOSK_HALL_HOURS="00:00-24:00",
            KIOSK_HALL_DAYS="mon-sun",
            KIOSK_LOGIN_RATE_LIMIT="100000 per minute",  # 20 operators sign in from one address
            KIOSK_VERIFY_RATE_LIMIT="1000000 per minute",  # every verifier is 127.0.0.1
            KIOSK_SIGNING_KEY_FILE=str(Path(directory) / "signing-keys.json"),
        )
        flask(env, "db", "upgrade")
        flask(env, "demo-data")
        flask(env, "keys", "generate")  # before gunicorn: two workers must not both make one
        yield Hall(Path(directory), database, env)


@contextmanager
def scratch_postgres(server_url: str, name: str) -> Iterator[str]:
    """Create an empty PostgreSQL database on the server ``server_url`` names (any database
    there: it is only the way in), yield its URL, and drop it afterwards."""
    server = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        raise BrokenRun(f"PostgreSQL is not reachable at {server_url}: {error}") from None
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(base_url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll /healthz until it answers 200; fail with gunicorn's log if it never does."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # polling for start-up, not timing anything
    raise BrokenRun(f"gunicorn did not become healthy at {base_url}:\n"
                    f"{log.read_text(errors='replace')[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    """Stop gunicorn gracefully, or kill it if it lingers."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def serve(hall: Hall, app: str = APP, workers: int = WORKERS) -> Iterator[str]:
    """Serve the app with gunicorn on a free loopback port; yield its base URL, then stop it."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = hall.directory / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers),
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=hall.env, stdout=out,
                                   stderr=subprocess.STDOUT)
        try:
            wait_until_healthy(base_url, process, log)
            yield base_url
        finally:
            stop(process)
