"""`flask keys generate|list|rotate` manage the signing keys; `flask verify-code` checks a code
offline with their public halves."""

import stat
from datetime import date
from pathlib import Path

import pytest

from kiosk.casework.certificates.keys import add_key, read_keyring
from queue_mgr.certificates.codes import CodeFields, DocumentType, sign_code


@pytest.fixture
def key_path(app, tmp_path) -> Path:
    """A key file of this test's own, not made yet (the keyring cache forgotten)."""
    path = tmp_path / "hall" / "signing-keys.json"
    app.config["SIGNING_KEY_FILE"] = str(path)
    app.extensions.pop("keyring", None)
    return path


def keys(runner, *args: str):
    return runner.invoke(args=["keys", *args])


def signed_code(path: Path, serial: int = 4021) -> str:
    active = read_keyring(path).active
    fields = CodeFields(active.key_id, serial, date(2026, 11, 25),
                        DocumentType.GUARDIANSHIP_CERTIFICATE)
    return sign_code(fields, active.private)


def test_generate_writes_a_key_file_readable_by_its_owner_only(runner, key_path):
    result = keys(runner, "generate")

    assert result.exit_code == 0, result.output
    assert f"key 1 written to {key_path}" in result.output
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert [key.key_id for key in read_keyring(key_path).keys] == [1]


def test_generate_refuses_to_overwrite_an_existing_key_file(runner, key_path):
    keys(runner, "generate")
    before = key_path.read_bytes()

    result = keys(runner, "generate")

    assert result.exit_code != 0
    assert "exists: use `keys rotate`" in result.output
    assert key_path.read_bytes() == before


def test_list_shows_each_key_with_its_day_and_public_key_and_marks_the_active_one(
        runner, key_path):
    keys(runner, "generate")
    ring = read_keyring(key_path)

    result = keys(runner, "list")

    assert result.exit_code == 0, result.output
    assert "active" in result.output
    assert ring.active.public_base64() in result.output
    assert "private" not in result.output


def test_rotate_adds_a_second_key_that_becomes_active_and_keeps_the_file_private(
        runner, key_path):
    keys(runner, "generate")
    first = read_keyring(key_path).active

    result = keys(runner, "rotate")

    ring = read_keyring(key_path)
    assert result.exit_code == 0, result.output
    assert "key 2 is now active" in result.output
    assert [key.key_id for key in ring.keys] == [1, 2]
    assert ring.active.key_id == 2
    assert ring.keys[0].public_base64() == first.public_base64()
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    listed = keys(runner, "list").output.splitlines()
    assert "active" in listed[1] and "active" not in listed[0]


def test_rotate_without_a_key_file_says_to_generate_first(runner, key_path):
    result = keys(runner, "rotate")

    assert result.exit_code != 0
    assert "use `keys generate` first" in result.output
    assert not key_path.exists()


def test_verify_code_says_authentic_with_the_codes_fields(runner, key_path):
    keys(runner, "generate")
    code = signed_code(key_path)

    result = runner.invoke(args=["verify-code", code])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "authentic: serial 4021, issued 2026-11-25, key 1, type guardianship certificate")


def test_verify_code_takes_the_scanned_url_too(runner, key_path):
    keys(runner, "generate")
    code = signed_code(key_path, serial=7)

    result = runner.invoke(args=["verify-code", f"https://hall.example.kz/v/{code}?lang=ru"])

    assert result.exit_code == 0, result.output
    assert "authentic: serial 7," in result.output


def test_verify_code_says_not_authentic_for_a_one_digit_change(runner, key_path):
    keys(runner, "generate")
    code = signed_code(key_path)
    changed = code[:50] + str((int(code[50]) + 1) % 10) + code[51:]

    result = runner.invoke(args=["verify-code", changed])

    assert result.exit_code == 1
    assert result.output.strip() == "NOT authentic"


def test_verify_code_still_accepts_codes_of_a_rotated_out_key(runner, key_path):
    keys(runner, "generate")
    old = signed_code(key_path)
    keys(runner, "rotate")

    result = runner.invoke(args=["verify-code", old])

    assert result.exit_code == 0, result.output
    assert "key 1," in result.output


def test_verify_code_says_not_authentic_for_a_code_of_another_halls_key(runner, key_path,
                                                                        tmp_path):
    keys(runner, "generate")
    elsewhere = tmp_path / "elsewhere.json"
    add_key(elsewhere, date(2026, 1, 1))

    result = runner.invoke(args=["verify-code", signed_code(elsewhere)])

    assert result.exit_code == 1
    assert "NOT authentic" in result.output


def test_verify_code_without_a_key_file_says_so_and_makes_none(runner, key_path):
    result = runner.invoke(args=["verify-code", "123"])

    assert result.exit_code != 0
    assert "does not exist" in result.output
    assert not key_path.exists()
