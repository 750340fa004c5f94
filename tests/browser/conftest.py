"""Browser tests drive Debian's Chromium through Playwright and save screenshots."""

import os
from pathlib import Path

import pytest

from tests.conftest import require
from tests.servers import threaded

CHROMIUM = os.environ.get("KIOSK_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(os.path.exists(CHROMIUM), f"Chromium is not installed at {CHROMIUM}")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS,
            "headless": True}


@pytest.fixture
def live_server(app):
    """The app with its test clock, served over HTTP; QR codes point at this server."""
    app.config.update(POLL_SECONDS=1)
    with threaded(app) as base_url:
        app.config["PUBLIC_URL"] = base_url
        yield base_url


@pytest.fixture
def screenshot():
    """Save a page's screenshot under tests/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
