"""Who a certificate names (Appendix 1): only the children under 18 on its issue day, each under
guardianship below 14 and under trusteeship from 14; and what its basis is, an order or a
resolution."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr.casework.applications import age_on, is_minor, is_trusteeship
from queue_mgr.casework.basis import BasisKind, basis_kind

birth_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


def eighteenth_birthday(born: date) -> date:
    """Counted apart from ``age_on``: the same day 18 years on, 1 March for 29 February."""
    try:
        return born.replace(year=born.year + 18)
    except ValueError:
        return date(born.year + 18, 3, 1)


# Around the 18th birthday


def test_a_child_is_a_minor_the_day_before_the_18th_birthday():
    assert is_minor(date(2008, 6, 15), date(2026, 6, 14))


def test_a_child_is_no_longer_a_minor_on_the_18th_birthday():
    assert not is_minor(date(2008, 6, 15), date(2026, 6, 15))


def test_nor_after_it():
    assert not is_minor(date(2008, 6, 15), date(2026, 6, 16))
    assert not is_minor(date(1995, 1, 1), date(2026, 6, 16))


def test_a_child_born_on_29_february_is_a_minor_until_28_february_of_the_18th_year():
    # 2026 is a common year, as every 18th year after a leap one is: the 18th birthday of a
    # child born on 29 February 2008 has no 29 February; the eighteenth year is complete when
    # 28 February has passed.
    born = date(2008, 2, 29)
    assert is_minor(born, date(2026, 2, 27))
    assert is_minor(born, date(2026, 2, 28))
    assert not is_minor(born, date(2026, 3, 1))


def test_a_child_born_on_29_february_is_under_guardianship_until_1_march_of_the_14th_year():
    born = date(2012, 2, 29)
    assert not is_trusteeship(born, date(2026, 2, 28))
    assert is_trusteeship(born, date(2026, 3, 1))
    assert is_minor(born, date(2026, 3, 1))


def test_a_child_born_on_the_issue_day_is_a_minor_and_one_not_yet_born_is_not():
    assert is_minor(date(2026, 11, 25), date(2026, 11, 25))
    assert not is_minor(date(2026, 11, 26), date(2026, 11, 25))


@given(birth_dates, st.integers(min_value=-400, max_value=10_000))
def test_a_child_is_a_minor_from_birth_until_the_day_before_the_18th_birthday(born, offset):
    day = born + timedelta(days=offset)
    assert is_minor(born, day) == (born <= day < eighteenth_birthday(born))


@given(birth_dates, st.integers(min_value=0, max_value=10_000))
def test_a_minor_is_under_trusteeship_exactly_from_14(born, offset):
    day = born + timedelta(days=offset)
    if is_minor(born, day):
        assert is_trusteeship(born, day) == (14 <= age_on(born, day) < 18)


# The basis: an order or a resolution


@pytest.mark.parametrize(("word", "kind"), [
    ("order", BasisKind.ORDER), ("бұйрық", BasisKind.ORDER), ("Приказ", BasisKind.ORDER),
    (" ORDER ", BasisKind.ORDER), ("resolution", BasisKind.RESOLUTION),
    ("Қаулы", BasisKind.RESOLUTION), ("постановление", BasisKind.RESOLUTION),
])
def test_a_basis_kind_is_named_by_its_code_or_its_kazakh_or_russian_word(word, kind):
    assert basis_kind(word) == kind


@pytest.mark.parametrize("word", ["", "decree", "решение", "шешім", "order resolution"])
def test_any_other_word_names_no_basis_kind(word):
    assert basis_kind(word) is None
