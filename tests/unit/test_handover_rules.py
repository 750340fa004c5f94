"""Handing the result over (rule 10): whom the IIN shown names, and a representative's notarised
power of attorney, which must be dated no later than the day and still in force on it."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr.casework.handover import PowerOfAttorney, check_power_of_attorney, named_person
from queue_mgr.errors import DomainError

TODAY = date(2026, 11, 25)
APPLICANT, GUARDIAN, STRANGER = "900712300451", "850305400128", "770101300120"
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


def proxy(issued_on: date = date(2026, 3, 1), valid_until: date = date(2027, 3, 1),
          number: str = "1234", notary: str = "Жұмабаева Г. С.") -> PowerOfAttorney:
    return PowerOfAttorney(number, issued_on, notary, valid_until)


def refusal(proxy_: PowerOfAttorney | None, today: date = TODAY) -> str | None:
    try:
        check_power_of_attorney(proxy_, today)
    except DomainError as error:
        return error.key
    return None


def test_a_power_of_attorney_in_force_today_serves():
    assert refusal(proxy()) is None


def test_a_power_of_attorney_dated_today_and_valid_until_today_serves():
    assert refusal(proxy(issued_on=TODAY, valid_until=TODAY)) is None


def test_a_power_of_attorney_dated_tomorrow_is_refused_as_future_dated():
    assert refusal(proxy(issued_on=TODAY + timedelta(days=1))) == "application_proxy_future"


def test_a_power_of_attorney_that_ended_yesterday_is_refused_as_expired():
    assert refusal(proxy(valid_until=TODAY - timedelta(days=1))) == "application_proxy_expired"


@pytest.mark.parametrize("missing", [{"number": ""}, {"notary": "  "}])
def test_a_power_of_attorney_without_its_number_or_notary_is_refused(missing):
    assert refusal(proxy(**missing)) == "application_no_power_of_attorney"


def test_no_power_of_attorney_at_all_is_refused():
    assert refusal(None) == "application_no_power_of_attorney"


@given(issued_on=days, valid_until=days, today=days)
def test_a_power_of_attorney_serves_exactly_when_dated_by_today_and_valid_through_today(
    issued_on, valid_until, today
):
    key = refusal(proxy(issued_on=issued_on, valid_until=valid_until), today)
    if issued_on > today:
        assert key == "application_proxy_future"
    elif valid_until < today:
        assert key == "application_proxy_expired"
    else:
        assert key is None


def test_the_iin_shown_names_the_applicant_or_the_guardian_they_represented():
    assert named_person(APPLICANT, APPLICANT, GUARDIAN) == "applicant"
    assert named_person(GUARDIAN, APPLICANT, GUARDIAN) == "guardian"
    assert named_person(APPLICANT, APPLICANT, APPLICANT) == "applicant"  # applied in person


@pytest.mark.parametrize("shown", [STRANGER, ""])
def test_an_iin_naming_neither_is_refused(shown):
    with pytest.raises(DomainError) as refused:
        named_person(shown, APPLICANT, "")
    assert refused.value.key == "application_wrong_person"


@pytest.mark.parametrize(("issued_on", "today", "key"), [
    (date(2025, 11, 25), TODAY, None),  # a year to the day: still in force
    (date(2025, 11, 24), TODAY, "application_proxy_expired"),
    (date(2024, 2, 29), date(2025, 2, 28), None),  # made on 29 February: to 28 February
    (date(2024, 2, 29), date(2025, 3, 1), "application_proxy_expired"),
])
def test_a_power_of_attorney_that_states_no_term_serves_a_year(issued_on, today, key):
    """The Civil Code of the Republic of Kazakhstan, Article 170: a power of attorney without a
    term is in force for one year from the day it was made."""
    assert refusal(PowerOfAttorney("1234", issued_on, "Жұмабаева Г. С.", None), today) == key
