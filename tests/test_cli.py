"""`flask create-user` opens a staff account from the shell; production refuses demo data."""

import os
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import ROOT, sign_in

PASSWORD = "a long enough password"


def create_user(runner, *args: str, input: str | None = None):
    return runner.invoke(args=["create-user", *args], input=input)


def test_create_user_asks_for_the_password_twice_and_the_account_can_sign_in(runner, app):
    result = create_user(runner, "aigul", "--role", "operator", "--name", "Айгүл Сейітова",
                         input=f"{PASSWORD}\n{PASSWORD}\n")

    assert result.exit_code == 0, result.output
    assert "Created operator 'aigul' (Айгүл Сейітова)." in result.output
    assert "Repeat for confirmation" in result.output
    assert PASSWORD not in result.output
    assert sign_in(app.test_client(), "aigul", window=1, password=PASSWORD).status_code == 302


def test_create_user_asks_again_when_the_two_passwords_differ(runner, app):
    typed = f"{PASSWORD}\nsomething else\n{PASSWORD}\n{PASSWORD}\n"

    result = create_user(runner, "sanzhar", "--role", "admin", "--name", "Санжар", input=typed)

    assert result.exit_code == 0, result.output
    assert "The two entered values do not match." in result.output
    assert sign_in(app.test_client(), "sanzhar", password=PASSWORD).status_code == 302


def test_a_script_can_give_the_password_as_an_option(runner, app):
    result = create_user(runner, "board.tv", "--role", "supervisor", "--name", "Board",
                         "--password", PASSWORD)

    assert result.exit_code == 0, result.output
    assert sign_in(app.test_client(), "board.tv", password=PASSWORD).status_code == 302


def test_a_username_already_taken_is_refused_with_a_message(runner):
    result = create_user(runner, "operator1", "--role", "operator", "--name", "Someone Else",
                         "--password", PASSWORD)

    assert result.exit_code != 0
    assert "a user named 'operator1' already exists." in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_the_existing_account_keeps_its_password_after_a_refused_duplicate(runner, app):
    create_user(runner, "operator1", "--role", "admin", "--name", "X", "--password", PASSWORD)

    assert sign_in(app.test_client(), "operator1", password=PASSWORD).status_code == 401


@pytest.mark.parametrize(("args", "message"), [
    (["Aigul", "--role", "operator", "--name", "A"],
     "use 3 to 64 lowercase Latin letters, digits, dots, dashes or underscores."),
    (["ai", "--role", "operator", "--name", "A"],
     "use 3 to 64 lowercase Latin letters, digits, dots, dashes or underscores."),
    (["aigul", "--role", "root", "--name", "A"], "'root' is not one of"),
    (["aigul", "--role", "operator", "--name", "  "], "give the full name"),
    (["aigul", "--role", "operator", "--name", "A", "--password", "short"],
     "the password takes 10 to 200 characters."),
])
def test_create_user_refuses_what_the_admin_form_refuses(runner, app, args, message):
    result = create_user(runner, *args)

    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert sign_in(app.test_client(), "aigul", window=1, password=PASSWORD).status_code == 401


def test_create_user_needs_a_role_and_a_name(runner):
    result = create_user(runner, "aigul", "--password", PASSWORD)

    assert result.exit_code != 0
    assert "Missing option '--role'" in result.output


def flask_command(environment: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flask", "--app", "kiosk", *args], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=120)


def test_production_refuses_demo_data_and_its_first_admin_comes_from_create_user(tmp_path):
    environment = {**os.environ, "KIOSK_ENV": "production", "KIOSK_SECRET_KEY": "s" * 40,
                   "KIOSK_DATABASE_URL": f"sqlite:///{tmp_path / 'hall.db'}",
                   "KIOSK_SIGNING_KEY_FILE": str(tmp_path / "keys.json"),
                   "KIOSK_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"}
    environment.pop("KIOSK_TEST_DATABASE_URL", None)
    for step in (("keys", "generate"), ("db", "upgrade")):
        assert flask_command(environment, *step).returncode == 0

    demo = flask_command(environment, "demo-data")
    admin = flask_command(environment, "create-user", "chief", "--role", "admin", "--name",
                          "Бас әкімші", "--password", PASSWORD)

    assert demo.returncode != 0
    assert "production" in demo.stderr and "create-user" in demo.stderr
    assert admin.returncode == 0, admin.stderr
    with sqlite3.connect(tmp_path / "hall.db") as connection:
        accounts = connection.execute("SELECT username FROM staff_user").fetchall()
    assert accounts == [("chief",)]
