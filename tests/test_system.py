"""Health, security headers, languages and the schema's migrations."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from babel.messages.pofile import read_po
from sqlalchemy.exc import OperationalError

from kiosk.web.extensions import db
from tests.helpers import source_messages

TRANSLATIONS = Path(__file__).resolve().parent.parent / "kiosk" / "translations"


def test_healthz_reports_the_app_and_the_database_as_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"app": "ok", "database": "ok", "signing_keys": "ok", "status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_reports_an_unreachable_database_with_503(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(db.session, "execute", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json == {"app": "ok", "database": "unavailable", "signing_keys": "ok",
                             "status": "degraded"}


def test_healthz_reports_a_production_hall_without_its_signing_keys_with_503(app, client,
                                                                           tmp_path):
    app.config.update(REQUIRE_SIGNING_KEY=True, SIGNING_KEY_FILE=str(tmp_path / "none.json"))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["signing_keys"] == "missing"


def test_pages_carry_a_strict_content_security_policy(client):
    headers = client.get("/kiosk").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_production_tells_browsers_to_keep_to_https(app, client):
    assert "Strict-Transport-Security" not in client.get("/kiosk").headers
    app.config["HSTS_SECONDS"] = 31_536_000
    assert client.get("/kiosk").headers["Strict-Transport-Security"] == "max-age=31536000"
    from config import ProductionConfig
    assert ProductionConfig.HSTS_SECONDS == 31_536_000


def test_the_window_screens_are_kept_in_no_cache(window1):
    assert window1.get("/staff/window/").headers["Cache-Control"] == "no-store"
    assert window1.get("/staff/window/line").headers["Cache-Control"] == "private, no-cache"


def test_pages_use_no_inline_scripts_or_styles(client):
    for url in ("/kiosk", "/kiosk/services", "/kiosk/services/guardianship"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "<style" not in html, url


def test_the_vendored_htmx_is_version_4_and_served_locally(client):
    html = client.get("/kiosk").get_data(as_text=True)
    assert "/static/vendor/htmx-4.0.1.min.js" in html
    assert client.get("/static/vendor/htmx-4.0.1.min.js").status_code == 200
    assert "//unpkg" not in html and "cdn" not in html


def test_an_unknown_language_falls_back_to_kazakh(client):
    html = client.get("/kiosk?lang=xx").get_data(as_text=True)
    assert '<html lang="kk">' in html


def test_the_migrations_build_exactly_the_models_schema(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_every_string_is_translated_in_kazakh_russian_and_english():
    for language in ("kk", "ru", "en"):
        with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
            catalog = read_po(po, locale=language)
        missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        assert missing == [], (language, missing)


def test_the_catalogs_hold_every_string_the_code_uses():
    """Read from the source, as `make extract` reads it: a string added without `make extract`
    would show in English on every page."""
    for language in ("kk", "ru"):
        with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
            held = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(po) if m.id}
        assert source_messages() - held == set(), language


def test_a_ceiling_below_the_waiting_limit_stops_the_app_at_start(migrated_url):
    import pytest

    from config import TestingConfig
    from kiosk import create_app

    with pytest.raises(ValueError, match="ceiling"):
        create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=migrated_url,
                   OVERDUE_CEILING_MINUTES=10)
