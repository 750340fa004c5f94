"""The IIN (ЖСН / ИИН): 12 ASCII digits, format and check digit only (DOMAIN.md, Identifiers)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr.casework.iin import check_digit, is_valid_iin

ascii_digits = st.text(alphabet="0123456789", min_size=11, max_size=11)


def reference_check_digit(first_eleven: str) -> int | None:
    """The check digit exactly as DOMAIN.md states it, written independently of the code."""
    d = [int(ch) for ch in first_eleven]
    c = sum(d[i] * (i + 1) for i in range(11)) % 11
    if c == 10:
        second = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        c = sum(d[i] * second[i] for i in range(11)) % 11
        if c == 10:
            return None
    return c


# The examples of DOMAIN.md


def test_the_first_example_is_valid_on_the_first_pass():
    # 1·1 + 5·2 + 0·3 + 1·4 + 0·5 + 1·6 + 5·7 + 0·8 + 0·9 + 0·10 + 0·11 = 56; 56 mod 11 = 1
    assert check_digit("15010150000") == 1
    assert is_valid_iin("150101500001")


def test_the_second_example_is_valid_on_the_second_pass():
    # first pass: 56 + 2·10 = 76; 76 mod 11 = 10, so the second pass is used:
    # 1·3 + 5·4 + 0·5 + 1·6 + 0·7 + 1·8 + 5·9 + 0·10 + 0·11 + 2·1 + 0·2 = 84; 84 mod 11 = 7
    assert check_digit("15010150020") == 7
    assert is_valid_iin("150101500207")


def test_the_third_example_is_invalid_because_its_check_digit_is_wrong():
    assert not is_valid_iin("150101500002")


# Format


@pytest.mark.parametrize("text", ["", "15010150000", "1501015000010", "1" * 24])
def test_a_number_of_the_wrong_length_is_invalid(text):
    assert not is_valid_iin(text)


@pytest.mark.parametrize(
    "text",
    ["15010150000a", "15010150000O", "+50101500001", "-50101500001", "1501015000.1", "x" * 12],
)
def test_a_number_with_a_character_that_is_not_a_digit_is_invalid(text):
    assert not is_valid_iin(text)


@pytest.mark.parametrize(
    "text",
    [
        "١٥٠١٠١٥٠٠٠٠١",  # Arabic-Indic digits for 150101500001
        "۱۵۰۱۰۱۵۰۰۰۰۱",  # Extended Arabic-Indic (Persian) digits
        "１５０１０１５００００１",  # full-width digits
        "15010150000١",  # only the last digit is Arabic-Indic
        "15010150000¹",  # a superscript one is "a digit" to str.isdigit but not a number
    ],
)
def test_digits_that_are_not_ascii_are_invalid_even_when_they_spell_a_valid_number(text):
    assert len(text) == 12
    assert not is_valid_iin(text)


@pytest.mark.parametrize(
    "text", [" 150101500001", "150101500001 ", "150101 500001", "1501015 0001", "            "]
)
def test_a_number_with_spaces_is_invalid(text):
    assert not is_valid_iin(text)


@given(st.text(max_size=20).filter(lambda t: not (len(t) == 12 and t.isascii() and t.isdigit())))
def test_anything_that_is_not_twelve_ascii_digits_is_invalid(text):
    assert not is_valid_iin(text)


# The date part is never checked


def test_an_iin_whose_month_is_thirteen_is_valid_when_its_check_digit_is_right():
    # 1·1 + 5·2 + 1·3 + 3·4 + 0·5 + 1·6 + 5·7 = 67; 67 mod 11 = 1
    assert is_valid_iin("151301500001")


def test_an_iin_dated_the_thirty_second_of_february_is_valid_when_its_check_digit_is_right():
    # 1·1 + 5·2 + 0·3 + 2·4 + 3·5 + 2·6 + 5·7 = 81; 81 mod 11 = 4
    assert is_valid_iin("150232500004")


def test_twelve_zeros_pass_the_check_digit_and_are_valid():
    assert is_valid_iin("000000000000")


# When both passes give 10


def test_when_both_passes_give_ten_the_prefix_has_no_check_digit():
    # d1 = 6, d3 = 5, all others 0:
    # first pass 6·1 + 5·3 = 21 ≡ 10 (mod 11); second pass 6·3 + 5·5 = 43 ≡ 10 (mod 11)
    assert check_digit("60500000000") is None


def test_when_both_passes_give_ten_no_last_digit_makes_the_iin_valid():
    assert not any(is_valid_iin(f"60500000000{last}") for last in range(10))


# Properties


@given(ascii_digits)
def test_the_check_digit_follows_the_two_passes_of_the_rule(prefix):
    assert check_digit(prefix) == reference_check_digit(prefix)


@given(ascii_digits.filter(lambda p: reference_check_digit(p) is not None))
def test_for_a_prefix_with_a_check_digit_exactly_one_of_the_ten_last_digits_is_valid(prefix):
    valid = [last for last in range(10) if is_valid_iin(f"{prefix}{last}")]
    assert valid == [reference_check_digit(prefix)]


@given(ascii_digits)
def test_a_prefix_has_no_valid_iin_exactly_when_both_passes_give_ten(prefix):
    no_valid = not any(is_valid_iin(f"{prefix}{last}") for last in range(10))
    assert no_valid == (reference_check_digit(prefix) is None)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_twelve_ascii_digits_are_valid_exactly_when_the_last_is_the_check_digit(text):
    assert is_valid_iin(text) == (reference_check_digit(text[:11]) == int(text[11]))
