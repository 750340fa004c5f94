"""Real servers for tests that need them: gunicorn with several workers, or a threaded one."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
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


@contextmanager
def gunicorn(database_url: str, workers: int = 4, options: tuple[str, ...] = (), output=None,
             **env):
    """Serve the kiosk with gunicorn's several worker processes on the given database; more
    command-line ``options`` (they win over the defaults here) and ``output``, a file for its
    stdout and stderr, if given."""
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
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def threaded(app):
    """Serve an app object (with its test clock) from a thread, for browser tests."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
