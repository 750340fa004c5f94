"""Certificate codes: signed, compact, strictly parsed; no app, no database."""

from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from queue_mgr.certificates.codes import (
    CODE_DIGITS,
    CodeFields,
    DocumentType,
    code_in,
    read_code,
    sign_code,
)

KEY = Ed25519PrivateKey.generate()
KEYS = {3: KEY.public_key()}
FIELDS = CodeFields(key_id=3, serial=4021, issued_on=date(2026, 11, 25),
                    doc_type=DocumentType.GUARDIANSHIP_CERTIFICATE)
CODE = sign_code(FIELDS, KEY)


def test_a_signed_code_reads_back_as_the_fields_it_was_signed_with():
    assert read_code(CODE, KEYS) == FIELDS


def test_a_code_is_a_fixed_width_decimal_of_code_digits_digits():
    small = sign_code(CodeFields(3, 1, date(2000, 1, 1), 1), KEY)

    assert len(CODE) == len(small) == CODE_DIGITS
    assert CODE.isdigit() and small.isdigit()
    assert read_code(small, KEYS) == CodeFields(3, 1, date(2000, 1, 1), 1)


def test_every_one_digit_change_of_a_real_code_is_rejected():
    accepted = [
        (position, digit)
        for position in range(len(CODE))
        for digit in "0123456789"
        if digit != CODE[position]
        and read_code(CODE[:position] + digit + CODE[position + 1:], KEYS) is not None
    ]

    assert accepted == []


def test_a_code_signed_with_another_key_under_the_same_key_id_is_rejected():
    impostor = sign_code(FIELDS, Ed25519PrivateKey.generate())

    assert impostor != CODE
    assert read_code(impostor, KEYS) is None


def test_a_code_of_a_key_id_the_hall_does_not_know_is_rejected():
    unknown = sign_code(CodeFields(7, 4021, date(2026, 11, 25), 1), KEY)

    assert read_code(unknown, KEYS) is None
    assert read_code(CODE, {7: KEY.public_key()}) is None


def test_a_code_stays_valid_after_a_rotation_while_its_old_key_is_published():
    new_key = Ed25519PrivateKey.generate()
    rotated = {**KEYS, 4: new_key.public_key()}
    newer = sign_code(CodeFields(4, 4022, date(2026, 11, 26), 1), new_key)

    assert read_code(CODE, rotated) == FIELDS
    assert read_code(newer, rotated).serial == 4022


@pytest.mark.parametrize("text", [
    "",
    CODE[:-1],
    CODE + "0",
    "0" + CODE,
    CODE[:-1] + "x",
    " " + CODE,
    CODE + "\n",
    CODE.replace(CODE[10], "٣", 1),  # an Arabic-Indic digit: Python's isdigit says yes
    "9" * CODE_DIGITS,  # more than 74 bytes hold
    "0" * CODE_DIGITS,
])
def test_anything_but_exactly_code_digits_ascii_digits_is_rejected(text):
    assert read_code(text, KEYS) is None


@pytest.mark.parametrize("scanned", [
    f"https://hall.example.kz/v/{CODE}",
    f"https://hall.example.kz/v/{CODE}?lang=ru",
    f"https://hall.example.kz/v/{CODE}#top",
    f"  {CODE[:60]} {CODE[60:120]} {CODE[120:]}\n",
    CODE,
])
def test_code_in_finds_the_code_in_a_scanned_url_or_typed_text(scanned):
    assert code_in(scanned) == CODE
    assert read_code(code_in(scanned), KEYS) == FIELDS
