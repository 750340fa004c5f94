"""A database out of reach: every screen answers a translated 503 page (JSON under /api/), never a
server error, and the hall's screens keep asking until it is back."""

import pytest
from sqlalchemy.engine import make_url

from config import TestingConfig
from kiosk import create_app
from kiosk.web.clock import SettableClock
from tests.conftest import OPEN_MOMENT
from tests.load import UNAVAILABLE
from tests.servers import free_port


def unreachable(url: str, tmp_path) -> str:
    """The same kind of database at an address where nothing answers."""
    if url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'no-such-folder' / 'kiosk.db'}"
    return make_url(url).set(port=free_port()).render_as_string(hide_password=False)


@pytest.fixture
def outage(migrated_url, signing_key_file, tmp_path):
    """A test client of the app whose database cannot be reached."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=unreachable(migrated_url, tmp_path),
                     SIGNING_KEY_FILE=signing_key_file)
    app.extensions["clock"] = SettableClock(OPEN_MOMENT)
    return app.test_client()


@pytest.mark.parametrize(("language", "address"), [
    ("kk", "/board"),
    ("ru", "/kiosk/services/guardianship"),
    ("en", "/t/0000000000000000000000"),
])
def test_a_screen_the_database_cannot_serve_says_in_its_language_to_try_again(
    outage, language, address
):
    response = outage.get(f"{address}?lang={language}")
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert UNAVAILABLE[language] in page
    assert 'class="error-page' in page and "Traceback" not in page
    assert response.headers["Retry-After"] == "5"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_live_fragment_the_database_cannot_serve_is_a_short_message_for_htmx(outage):
    response = outage.get("/board/live?lang=ru", headers={"HX-Request": "true"})
    assert response.status_code == 503
    assert response.get_data(as_text=True).strip() == (
        f'<p class="error-message" role="alert">{UNAVAILABLE["ru"]}</p>')


def test_the_portal_api_is_told_in_json_that_the_database_is_unavailable(outage):
    response = outage.get("/api/v1/bookings/ABCDEF",
                          headers={"Authorization": "Bearer test-portal-token"})
    assert response.status_code == 503
    assert response.json == {"error": "unavailable", "message": UNAVAILABLE["en"]}
    assert response.headers["Retry-After"] == "5"


def test_a_signed_in_window_is_told_to_try_again_not_sent_to_sign_in(outage, window1):
    outage.set_cookie("session", window1.get_cookie("session").value)
    response = outage.get("/staff/window/?lang=en")
    assert response.status_code == 503
    assert UNAVAILABLE["en"] in response.get_data(as_text=True)


def test_health_still_reports_the_unreachable_database(outage):
    response = outage.get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"
