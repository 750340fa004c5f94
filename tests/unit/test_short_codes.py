"""Short codes: a dozen characters from the signed code, typed back in any reasonable way, and
nothing else read as one; no app, no database."""

import string
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr.certificates.codes import CODE_DIGITS, CodeFields, sign_code
from queue_mgr.certificates.short_codes import ALPHABET, read_short_code, short_code_of

KEY = Ed25519PrivateKey.generate()
CODE = sign_code(CodeFields(3, 4021, date(2026, 11, 25), 1), KEY)
CODES = st.integers(0, 10**CODE_DIGITS - 1).map(lambda value: str(value).zfill(CODE_DIGITS))
SHORT_CODES = st.text(ALPHABET, min_size=12, max_size=12).map(
    lambda s: f"{s[:4]}-{s[4:8]}-{s[8:]}")


def test_a_short_code_is_twelve_symbols_of_crockfords_alphabet_in_three_groups():
    short = short_code_of(CODE)

    groups = short.split("-")
    assert [len(group) for group in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(ALPHABET)
    assert not set("ILOU") & set(short)


@given(CODES)
def test_the_same_code_gives_the_same_short_code_and_it_reads_back_as_itself(code):
    assert short_code_of(code) == short_code_of("".join(code))  # a copy, not the same object
    assert read_short_code(short_code_of(code)) == short_code_of(code)


def test_codes_a_digit_apart_get_unrelated_short_codes():
    neighbour = CODE[:-1] + str((int(CODE[-1]) + 1) % 10)

    assert short_code_of(CODE) != short_code_of(neighbour)


def test_the_short_code_is_the_first_sixty_bits_of_the_labelled_digest():
    """As an offline verifier would compute it, with hashlib alone."""
    import hashlib

    digest = hashlib.sha256(b"hall-kiosk short code v1\x00" + CODE.encode()).digest()
    value = int.from_bytes(digest, "big") >> (256 - 60)
    symbols = "".join(ALPHABET[(value >> shift) & 31] for shift in range(55, -1, -5))

    assert short_code_of(CODE).replace("-", "") == symbols


@given(SHORT_CODES, st.sampled_from(["", " ", "-", " - ", "\u2013", "\u00a0"]),
       st.booleans())
def test_case_spaces_and_hyphens_do_not_matter(short, separator, lower):
    typed = separator.join(short.split("-"))
    typed = typed.lower() if lower else typed

    assert read_short_code(typed) == short
    assert read_short_code(f"  {typed}\n") == short
    assert read_short_code(" ".join(short.replace("-", ""))) == short


def test_o_reads_as_zero_and_i_and_l_as_one():
    assert read_short_code("O0oI-1iLl-1000") == "0001-1111-1000"


def test_cyrillic_letters_drawn_like_latin_ones_read_as_those():
    assert read_short_code("АВСЕ-НКМР-ТХОІ") == "ABCE-HKMP-TX01"
    assert read_short_code("авсе нкмр тхоі") == "ABCE-HKMP-TX01"


@given(SHORT_CODES, st.integers(0, 11), st.sampled_from("UuЖжДß!_.+/:#%é١２𝟙"))
def test_a_letter_outside_the_alphabet_is_no_short_code(short, position, stranger):
    symbols = short.replace("-", "")

    assert read_short_code(symbols[:position] + stranger + symbols[position + 1:]) is None


@given(st.text(ALPHABET, max_size=30).filter(lambda text: len(text) != 12))
def test_any_other_length_is_no_short_code(text):
    assert read_short_code(text) is None


@given(st.text(max_size=80))
def test_whatever_is_typed_is_a_short_code_in_its_printed_form_or_nothing(typed):
    read = read_short_code(typed)

    assert read is None or (len(read) == 14 and read == read_short_code(read))


def test_the_long_code_and_huge_input_are_no_short_code():
    assert read_short_code(CODE) is None
    assert read_short_code("7K3M-Q9XD-2HBF" + " " * 100) is None
    assert read_short_code("") is None
    assert read_short_code(string.whitespace) is None
