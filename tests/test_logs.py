"""Logs carry no personal data: a database error names no one."""

import traceback

import pytest
from sqlalchemy.exc import IntegrityError

from config import DevelopmentConfig, ProductionConfig, TestingConfig
from kiosk import create_app
from kiosk.casework import new_application
from kiosk.clock import SettableClock, now
from kiosk.demo import load_demo_data
from kiosk.extensions import db, limiter
from tests.casework_helpers import CHILD_IIN, application_fields
from tests.conftest import OPEN_MOMENT, empty_tables

APPLICANT = application_fields()
PERSONAL_FIELDS = ("applicant_surname", "applicant_name", "applicant_patronymic",
                   "applicant_iin", "applicant_phone", "applicant_address", "child_surname",
                   "child_name", "child_iin")


def personal_data(fields: dict[str, str]) -> set[str]:
    """The applicant's and the child's IINs, names, phone and address."""
    return {fields[name] for name in PERSONAL_FIELDS}


def leaks(lines: list[str], secrets: set[str]) -> list[str]:
    """The lines holding a secret."""
    return [line for line in lines if any(secret in line for secret in secrets)]


def hall_app(config, database_url: str, key_file: str):
    """The app with ``config`` on the test database, with the demo hall."""
    app = create_app(config, SQLALCHEMY_DATABASE_URI=database_url, SIGNING_KEY_FILE=key_file,
                     RATELIMIT_STORAGE_URI="memory://")  # this process alone: none reached
    app.extensions["clock"] = SettableClock(OPEN_MOMENT)
    limiter.reset()
    with app.app_context():
        empty_tables()
        load_demo_data()
    return app


@pytest.fixture
def halls(migrated_url, signing_key_file):
    """Make the app with a config class, as a hall runs it; each disposed of afterwards."""
    made = []

    def hall(config=DevelopmentConfig, key_file: str = signing_key_file):
        made.append(hall_app(config, migrated_url, key_file))
        return made[-1]

    yield hall
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


# A database error names no one

def production(key_file: str) -> type[ProductionConfig]:
    """Production with the settings a hall gives it in its environment."""
    return type("HallProduction", (ProductionConfig,), {
        "SECRET_KEY": "a-production-secret-of-at-least-32-characters",
        "SIGNING_KEY_FILE": key_file, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"})


def second_open_request_for_the_child(app) -> IntegrityError:
    """Two requests for one child: the database refuses the second open one."""
    with app.app_context():
        for _ in range(2):
            request = new_application(now())
            for name in PERSONAL_FIELDS:
                setattr(request, name, APPLICANT[name])
            request.open_child_iin = CHILD_IIN
            try:
                db.session.commit()
            except IntegrityError as refused:
                db.session.rollback()
                return refused
    raise AssertionError("the second open request was accepted")


def logged(error: Exception) -> list[str]:
    """What a log records of an error: its traceback, with the driver's error it wraps."""
    return "".join(traceback.format_exception(error)).splitlines()


@pytest.mark.parametrize("env", ["development", "production"])
def test_a_database_error_outside_tests_names_no_iin_and_no_name(halls, env, tmp_path):
    key_file = str(tmp_path / "keys.json")
    config = production(key_file) if env == "production" else DevelopmentConfig
    lines = logged(second_open_request_for_the_child(halls(config, key_file)))
    assert any("unique" in line.lower() for line in lines), lines
    assert leaks(lines, personal_data(APPLICANT)) == []


def test_tests_still_see_the_values_of_a_failed_statement(halls):
    lines = logged(second_open_request_for_the_child(halls(TestingConfig)))
    assert leaks(lines, {CHILD_IIN})
