"""Fixtures: an app on a fresh, migrated database (SQLite, or PostgreSQL when
``KIOSK_TEST_DATABASE_URL`` names one), a test client, a CLI runner and a settable clock."""

import copy
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import flask_migrate
import pytest
from flask import Flask
from sqlalchemy import create_engine, text

from config import TestingConfig
from kiosk import create_app
from kiosk.admin.demo import load_demo_data
from kiosk.casework.cases import LocalRegistry
from kiosk.hall.settings import init_hall
from kiosk.web.clock import SettableClock
from kiosk.web.extensions import db, limiter

ROOT = Path(__file__).resolve().parent.parent
ALMATY = ZoneInfo("Asia/Almaty")
# A working Wednesday, mid-morning in the hall.
OPEN_MOMENT = datetime(2026, 11, 25, 11, 0, tzinfo=ALMATY)
IN_CI = os.environ.get("CI") == "true"
MEMORY_DISK = Path("/dev/shm")
FUZZ_SUMMARY = pytest.StashKey[list]()  # tests/test_fuzz.py's counts, printed at the end


def pytest_terminal_summary(terminalreporter, config):
    """Print what the fuzz test tried (the requests and what came back)."""
    for line in config.stash.get(FUZZ_SUMMARY, []):
        terminalreporter.write_line(line)


def require(condition: bool, reason: str) -> None:
    """Skip with a reason locally; in CI a missing tool is a failure, not a skip."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def reset_schema(url: str) -> None:
    """Drop everything a previous run left, so migrations start from nothing."""
    engine = create_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("KIOSK_TEST_DATABASE_URL")
    if not url:
        with sqlite_folder(tmp_path_factory) as folder:
            yield f"sqlite:///{folder / 'kiosk.db'}"
        return
    try:
        reset_schema(url)
    except Exception as error:  # the named server must be there: never fall back silently
        pytest.exit(f"KIOSK_TEST_DATABASE_URL is set but unusable: {error}", returncode=3)
    yield url


@contextmanager
def sqlite_folder(tmp_path_factory):
    """A folder for the SQLite test database: in memory (tmpfs) where the machine has one.

    Every commit of SQLite's (synchronous=FULL) waits for the disk, one at a time: thousands of
    tickets at once would measure the disk's flush, not the app's locking, which behaves the
    same in memory (the file, its WAL and its locks are all there).
    """
    if not os.access(MEMORY_DISK, os.W_OK):
        yield tmp_path_factory.mktemp("db")
        return
    with tempfile.TemporaryDirectory(prefix="kiosk-tests-", dir=MEMORY_DISK) as folder:
        yield Path(folder)


@pytest.fixture
def database_server(database_url) -> tuple[str, str]:
    """The local PostgreSQL cluster serving the test database, for a test that restarts it."""
    from tests.servers import local_cluster

    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite is a file, not a server: there is no database server to restart")
    cluster = local_cluster(database_url)
    require(cluster is not None, "restarting the database needs root (as in CI) and the local "
            "PostgreSQL cluster of KIOSK_TEST_DATABASE_URL")
    return cluster


@pytest.fixture(scope="session")
def signing_key_file(tmp_path_factory) -> str:
    """A key file of the tests' own (made on first use, like a development hall's)."""
    return str(tmp_path_factory.mktemp("keys") / "signing-keys.json")


@pytest.fixture(scope="session")
def migrated_url(database_url) -> str:
    """The test database, brought to the newest schema by the project's migrations."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=database_url)
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        db.engine.dispose()
    return database_url


def empty_tables() -> None:
    tables = reversed(db.metadata.sorted_tables)
    if db.engine.dialect.name == "postgresql":  # one round trip rather than one per table
        db.session.connection().exec_driver_sql(
            "; ".join(f'DELETE FROM "{table.name}"' for table in tables))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@dataclass(frozen=True)
class DemoRows:
    """The rows ``load_demo_data`` writes into empty tables, kept to be written back as they
    are: a few inserts instead of the loader's lookups, hashes and flushes before each test."""

    rows: tuple[tuple[object, list[dict]], ...]

    @classmethod
    def loaded(cls) -> "DemoRows":
        empty_tables()
        load_demo_data()
        found = ((table, [dict(row._mapping) for row in db.session.execute(table.select())])
                 for table in db.metadata.sorted_tables)
        return cls(tuple((table, rows) for table, rows in found if rows))

    def write(self) -> None:
        """Empty every table and write the demo rows back."""
        empty_tables()
        for table, rows in self.rows:
            db.session.execute(table.insert(), rows)
        db.session.commit()


@dataclass(frozen=True)
class AsBuilt:
    """An app and what it was built with, to put back before each test."""

    app: Flask
    config: dict
    extensions: dict
    wsgi_app: object
    demo_rows: DemoRows

    def restored(self) -> Flask:
        """The app as built: whatever an earlier test set (settings, the hall's hours, a cached
        catalogue or keyring, a proxy in front) put back as it was."""
        app = self.app
        app.config.clear()
        app.config.update(copy.deepcopy(self.config))
        app.extensions.clear()
        app.extensions.update(self.extensions, registry=LocalRegistry())
        app.wsgi_app = self.wsgi_app
        init_hall(app)
        return app


@pytest.fixture(scope="session")
def hall_app(migrated_url, signing_key_file) -> AsBuilt:
    """One app for the run: building the app (its routes) and warming it (its templates, and
    the queries its engine compiles) cost more than most tests."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=migrated_url,
                     SIGNING_KEY_FILE=signing_key_file)
    with app.app_context():
        demo_rows = DemoRows.loaded()
    return AsBuilt(app, copy.deepcopy(dict(app.config)), dict(app.extensions), app.wsgi_app,
                   demo_rows)


@pytest.fixture
def app(hall_app):
    """The app as built, on the demo data, with a settable clock."""
    yield from on_demo_data(hall_app.restored(), hall_app.demo_rows)


@pytest.fixture
def fresh_app(migrated_url, signing_key_file):
    """A newly built app, for a test that adds routes of its own to it."""
    yield from on_demo_data(create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=migrated_url,
                                       SIGNING_KEY_FILE=signing_key_file))


def on_demo_data(app, demo_rows: DemoRows | None = None):
    app.extensions["clock"] = SettableClock(OPEN_MOMENT)
    limiter.reset()  # the limiter's memory outlives an app: each test starts with no attempts
    with app.app_context():
        if demo_rows:
            demo_rows.write()
        else:
            empty_tables()
            load_demo_data()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def clock(app) -> SettableClock:
    return app.extensions["clock"]


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


STAFF_PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(app):
    """Create a member of staff: ``make_user("operator", "aigul")`` returns the username."""

    def make(role: str, username: str | None = None, full_name: str = "Test Staff") -> str:
        from kiosk.accounts.models import User

        username = username or f"{role}-{os.urandom(3).hex()}"
        with app.app_context():
            user = User(username=username, role=role, full_name=full_name)
            user.set_password(STAFF_PASSWORD)
            db.session.add(user)
            db.session.commit()
        return username

    return make


def sign_in(client, username: str, window: int | None = None, password: str = STAFF_PASSWORD):
    """Sign in through the login form (an operator with a window number); return the response."""
    from tests.helpers import hidden_inputs

    fields = hidden_inputs(client.get("/staff/login").get_data(as_text=True))
    fields.update(username=username, password=password, window=str(window or 0))
    return client.post("/staff/login", data=fields)


@pytest.fixture
def staff_client(app, make_user):
    """A new test client signed in with a new account of ``role`` (at ``window`` if given)."""

    def signed_in(role: str, window: int | None = None, username: str | None = None):
        client = app.test_client()
        response = sign_in(client, make_user(role, username), window)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return signed_in


def csrf_of(client, url: str = "/staff/") -> str:
    """The CSRF token of the client's session, as a staff page carries it."""
    from tests.helpers import hidden_inputs

    return hidden_inputs(client.get(url).get_data(as_text=True))["csrf_token"]


@pytest.fixture
def kiosk(client):
    """The kiosk's browser, in English as the assertions read it."""
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def supervisor(staff_client):
    """The supervisor signed in, in English."""
    client = staff_client("supervisor")
    client.set_cookie("lang", "en")
    return client


@pytest.fixture
def window1(staff_client):
    """An operator signed in at window 1, in English."""
    client = staff_client("operator", window=1)
    client.set_cookie("lang", "en")
    return client
