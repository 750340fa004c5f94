"""Real servers for tests that need them: gunicorn with several workers, or a threaded one."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(base_url: str, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # polling for start-up, not timing anything
    raise RuntimeError(f"{base_url} did not become healthy in {START_TIMEOUT}s")


@dataclass(frozen=True)
class Gunicorn:
    """A running gunicorn: its address and its master process."""

    url: str
    master: subprocess.Popen

    def workers(self) -> list[int]:
        """The process ids of the master's workers now."""
        return [pid for pid, parent in processes() if parent == self.master.pid]

    def wait_for_workers(self, count: int, gone: int | None = None) -> list[int]:
        """Wait until the master runs ``count`` workers, none of them ``gone``."""
        deadline = time.monotonic() + START_TIMEOUT
        while len(workers := self.workers()) != count or gone in workers:
            assert time.monotonic() < deadline, f"workers {workers}, not {count} without {gone}"
            time.sleep(0.1)  # polling for the master's replacement, not timing anything
        return workers

    def kill_worker(self) -> int:
        """Kill one worker outright (SIGKILL: no clean-up, as a crash or the OOM killer would)
        and wait until the master has replaced it."""
        workers = self.workers()
        os.kill(workers[0], signal.SIGKILL)
        self.wait_for_workers(len(workers), gone=workers[0])
        return workers[0]


def processes() -> list[tuple[int, int]]:
    """Every live process's id and its parent's, read from /proc (a zombie is dead already)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # The command name in parentheses may hold spaces: the fields after it are fixed.
        state, parent = stat.rpartition(")")[2].split()[:2]
        if state not in ("Z", "X"):
            found.append((int(entry.name), int(parent)))
    return found


@contextmanager
def gunicorn(database_url: str, workers: int = 4, options: tuple[str, ...] = (), output=None,
             **env):
    """Serve the kiosk with gunicorn's several worker processes on the given database; more
    command-line ``options`` (they win over the defaults here) and ``output``, a file for its
    stdout and stderr, if given."""
    with gunicorn_server(database_url, workers, options, output, **env) as server:
        yield server.url


@contextmanager
def gunicorn_server(database_url: str, workers: int = 4, options: tuple[str, ...] = (),
                    output=None, **env):
    """Serve the kiosk with gunicorn on the given database; yield the running ``Gunicorn``."""
    port = free_port()
    environment = {
        **os.environ,
        "KIOSK_DATABASE_URL": database_url,
        "KIOSK_ENV": "development",
        "KIOSK_HALL_HOURS": "00:00-24:00",
        "KIOSK_HALL_DAYS": "mon-sun",
        "KIOSK_SECRET_KEY": "test-secret-for-gunicorn-workers-0123456789",
        **env,
    }
    command = [
        sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
        f"127.0.0.1:{port}", "--log-level", "warning", *options, "kiosk:create_app()",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=output)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process)
        yield Gunicorn(base_url, process)
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def threaded(app):
    """Serve an app object (with its test clock) from a thread, for browser tests."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # Requests still being answered finish before the test ends (server_close joins them): the
    # next test shares the app, and must not meet a request of this one's.
    server.daemon_threads = False
    # It looks for shutdown every 50 ms (not 500): each test ends that much sooner.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", None)


def local_cluster(database_url: str) -> tuple[str, str] | None:
    """The version and name of the local PostgreSQL cluster serving the URL's port, if any."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() != "postgresql" or url.host not in LOCAL_HOSTS:
        return None
    if shutil.which("pg_lsclusters") is None or os.geteuid() != 0:
        return None  # only root may stop and start the cluster (as CI runs)
    listing = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True,
                             check=True).stdout
    for version, name, port, *_ in (line.split() for line in listing.splitlines()):
        if int(port) == (url.port or 5432):
            return version, name
    return None


def pg_ctlcluster(cluster: tuple[str, str], action: str) -> None:
    # Without the redirect pg_ctlcluster would ask systemd, which a container does not run.
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, action], check=True)


@contextmanager
def database_stopped(cluster: tuple[str, str]):
    """Stop a local PostgreSQL cluster for the block (clients are cut off at once), then start
    it again; pg_ctlcluster returns once it accepts connections. The server is shared: keep the
    block short."""
    pg_ctlcluster(cluster, "stop")
    try:
        yield
    finally:
        pg_ctlcluster(cluster, "start")
