"""The service's rules for an application (DOMAIN.md rules 4-11): documents, the child's age,
terms in working days, storage for a month and the statuses an application goes through.
"""

import calendar as month_calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr.casework.applications import (
    ALLOWED,
    OPEN,
    ApplicationStatus,
    ChildNotEligible,
    Document,
    age_on,
    application_transition,
    check_child,
    is_trusteeship,
    missing_documents,
    needs_birth_certificate,
    required_documents,
    return_due,
    service_term,
    storage_expired,
    stored_until,
)
from queue_mgr.errors import DomainError, InvalidTransition
from queue_mgr.hall.workdays import WorkingCalendar

ALMATY = ZoneInfo("Asia/Almaty")
CALENDAR = WorkingCalendar()
S = ApplicationStatus

birth_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
statuses = st.sampled_from(list(ApplicationStatus))
moments = st.datetimes(
    min_value=datetime(2024, 3, 2), max_value=datetime(2030, 12, 1), timezones=st.just(UTC)
)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0):
    return datetime(year, month, day, hour, minute, second, tzinfo=ALMATY)


# Rule 5.3: the birth certificate


def test_a_child_born_in_kazakhstan_on_12_august_2007_needs_a_birth_certificate():
    assert needs_birth_certificate(date(2007, 8, 12), born_abroad=False)


def test_a_child_born_in_kazakhstan_on_13_august_2007_needs_no_birth_certificate():
    assert not needs_birth_certificate(date(2007, 8, 13), born_abroad=False)


def test_a_child_born_in_kazakhstan_after_13_august_2007_needs_no_birth_certificate():
    assert not needs_birth_certificate(date(2015, 1, 1), born_abroad=False)


@given(birth_dates)
def test_a_child_born_abroad_always_needs_a_birth_certificate(born):
    assert needs_birth_certificate(born, born_abroad=True)


@given(birth_dates)
def test_a_child_born_in_kazakhstan_needs_a_certificate_exactly_when_born_before_13_august_2007(
    born,
):
    assert needs_birth_certificate(born, born_abroad=False) == (born < date(2007, 8, 13))


# Rule 5 and rule 10: the documents


def test_an_applicant_in_person_for_a_child_in_the_registry_brings_the_application_and_an_id():
    documents = required_documents(date(2015, 5, 5), born_abroad=False, by_proxy=False)
    assert set(documents) == {Document.APPLICATION, Document.IDENTITY}


def test_a_representative_also_brings_the_power_of_attorney():
    documents = required_documents(date(2015, 5, 5), born_abroad=False, by_proxy=True)
    assert set(documents) == {Document.APPLICATION, Document.IDENTITY, Document.POWER_OF_ATTORNEY}


def test_a_child_born_abroad_adds_the_birth_certificate():
    documents = required_documents(date(2015, 5, 5), born_abroad=True, by_proxy=False)
    assert set(documents) == {Document.APPLICATION, Document.IDENTITY, Document.BIRTH_CERTIFICATE}


def test_a_representative_for_a_child_born_before_13_august_2007_brings_all_four_documents():
    documents = required_documents(date(2007, 8, 12), born_abroad=False, by_proxy=True)
    assert set(documents) == set(Document)
    assert len(documents) == len(set(documents))


@given(birth_dates, st.booleans(), st.booleans())
def test_the_documents_follow_the_order_of_the_passport(born, abroad, proxy):
    documents = required_documents(born, born_abroad=abroad, by_proxy=proxy)
    assert documents[:2] == [Document.APPLICATION, Document.IDENTITY]
    assert (Document.BIRTH_CERTIFICATE in documents) == needs_birth_certificate(born, abroad)
    assert (Document.POWER_OF_ATTORNEY in documents) == proxy
    assert len(documents) == len(set(documents))


def test_nothing_is_missing_when_every_required_document_is_received():
    required = [Document.APPLICATION, Document.IDENTITY, Document.BIRTH_CERTIFICATE]
    assert missing_documents(required, {"application", "identity", "birth_certificate"}) == []


def test_the_missing_documents_are_listed_in_the_order_of_the_checklist():
    required = list(Document)
    missing = missing_documents(required, {"identity"})
    assert missing == [d for d in required if d != Document.IDENTITY]


def test_a_document_that_is_not_required_does_not_make_up_for_a_missing_one():
    required = [Document.APPLICATION, Document.IDENTITY]
    missing = missing_documents(required, {"application", "power_of_attorney"})
    assert missing == [Document.IDENTITY]


def test_when_nothing_is_received_every_required_document_is_missing():
    required = [Document.APPLICATION, Document.IDENTITY, Document.POWER_OF_ATTORNEY]
    assert missing_documents(required, set()) == required


@given(
    st.lists(st.sampled_from(list(Document)), unique=True),
    st.sets(st.sampled_from([d.value for d in Document])),
)
def test_missing_documents_are_exactly_the_required_ones_not_received(required, received):
    missing = missing_documents(required, received)
    assert missing == [d for d in required if d.value not in received]


# The child's age: under 18; guardianship under 14, trusteeship from 14


def test_the_age_grows_on_the_birthday_and_not_the_day_before():
    born = date(2010, 6, 15)
    assert age_on(born, date(2024, 6, 14)) == 13
    assert age_on(born, date(2024, 6, 15)) == 14
    assert age_on(born, date(2024, 12, 31)) == 14
    assert age_on(born, date(2025, 1, 1)) == 14


def test_the_age_on_the_day_of_birth_is_zero():
    assert age_on(date(2020, 3, 1), date(2020, 3, 1)) == 0


def test_a_child_born_on_29_february_is_a_year_older_on_29_february_of_a_leap_year():
    born = date(2012, 2, 29)
    assert age_on(born, date(2016, 2, 28)) == 3
    assert age_on(born, date(2016, 2, 29)) == 4


def test_a_child_born_on_29_february_is_a_year_older_by_1_march_of_a_common_year():
    born = date(2012, 2, 29)
    assert age_on(born, date(2013, 2, 27)) == 0
    assert age_on(born, date(2013, 3, 1)) == 1
    assert age_on(born, date(2026, 3, 1)) == 14


@given(birth_dates, st.integers(min_value=0, max_value=60))
def test_on_each_birthday_the_age_is_the_number_of_years(born, years):
    if born.month == 2 and born.day == 29:
        born = born.replace(day=28)
    assert age_on(born, born.replace(year=born.year + years)) == years


@given(birth_dates, st.integers(min_value=1, max_value=60))
def test_the_day_before_a_birthday_the_age_is_one_less(born, years):
    if born.month == 2 and born.day == 29:
        born = born.replace(day=28)
    birthday = born.replace(year=born.year + years)
    assert age_on(born, birthday - timedelta(days=1)) == years - 1


@given(birth_dates, st.integers(min_value=0, max_value=20000), st.integers(0, 400))
def test_the_age_never_decreases_as_time_goes_on(born, offset, step):
    day = born + timedelta(days=offset)
    assert age_on(born, day) <= age_on(born, day + timedelta(days=step))


def test_a_birth_date_in_the_future_is_refused():
    with pytest.raises(ChildNotEligible):
        check_child(date(2026, 3, 21), today=date(2026, 3, 20))


def test_a_child_born_today_is_accepted():
    check_child(date(2026, 3, 20), today=date(2026, 3, 20))


def test_a_child_is_refused_on_the_eighteenth_birthday_exactly():
    with pytest.raises(ChildNotEligible):
        check_child(date(2008, 6, 15), today=date(2026, 6, 15))


def test_a_child_of_seventeen_years_and_364_days_is_accepted():
    born = date(2008, 6, 15)
    today = date(2026, 6, 14)
    assert (today - born).days == 18 * 365 + 4 - 1  # 2012, 2016, 2020, 2024 are leap years
    check_child(born, today=today)


def test_an_adult_of_thirty_is_refused():
    with pytest.raises(ChildNotEligible):
        check_child(date(1996, 1, 1), today=date(2026, 1, 1))


def test_a_refused_child_is_a_domain_error():
    assert issubclass(ChildNotEligible, DomainError)


@given(birth_dates, st.integers(min_value=0, max_value=40 * 366))
def test_a_child_is_accepted_exactly_when_under_eighteen(born, offset):
    today = born + timedelta(days=offset)
    eighteenth = born.replace(year=born.year + 18) if (born.month, born.day) != (2, 29) else None
    if eighteenth is not None and today >= eighteenth:
        with pytest.raises(ChildNotEligible):
            check_child(born, today)
    elif eighteenth is not None:
        check_child(born, today)


def test_guardianship_lasts_until_the_day_before_the_fourteenth_birthday():
    assert not is_trusteeship(date(2012, 9, 1), date(2026, 8, 31))


def test_trusteeship_begins_on_the_fourteenth_birthday():
    assert is_trusteeship(date(2012, 9, 1), date(2026, 9, 1))


def test_a_child_of_seventeen_is_under_trusteeship_and_an_infant_under_guardianship():
    assert is_trusteeship(date(2009, 1, 1), date(2026, 6, 1))
    assert not is_trusteeship(date(2025, 1, 1), date(2026, 6, 1))


# Rule 4: the term of the service


def test_with_the_registry_the_result_is_ready_now_and_due_in_five_minutes():
    accepted = local(2026, 3, 20, 15, 0)
    term = service_term(accepted, in_registry=True, calendar=CALENDAR, zone=ALMATY)
    assert term.ready_now
    assert term.due_at == local(2026, 3, 20, 15, 5)


@given(moments)
def test_with_the_registry_the_due_time_is_always_five_minutes_after_acceptance(accepted):
    term = service_term(accepted, in_registry=True, calendar=CALENDAR, zone=ALMATY)
    assert term.ready_now
    assert term.due_at - accepted == timedelta(minutes=5)


def test_without_the_registry_friday_20_march_2026_is_due_at_the_end_of_monday_30_march():
    accepted = local(2026, 3, 20, 15, 0)
    term = service_term(accepted, in_registry=False, calendar=CALENDAR, zone=ALMATY)
    assert not term.ready_now
    assert term.due_at == local(2026, 3, 30, 23, 59, 59)
    due_local = term.due_at.astimezone(ALMATY)
    assert due_local.date() == date(2026, 3, 30)
    assert (due_local.hour, due_local.minute, due_local.second) == (23, 59, 59)
    assert due_local.utcoffset() == timedelta(hours=5)


def test_the_term_is_the_same_when_the_acceptance_is_given_in_utc():
    accepted_utc = datetime(2026, 3, 20, 10, 0, tzinfo=UTC)  # 15:00 in Almaty
    term = service_term(accepted_utc, in_registry=False, calendar=CALENDAR, zone=ALMATY)
    assert term.due_at == local(2026, 3, 30, 23, 59, 59)


def test_an_acceptance_is_counted_by_the_local_day_when_the_utc_date_is_the_day_before():
    # 00:30 on Friday 20 March in Almaty is 19:30 on Thursday 19 March in UTC. Counted from
    # Thursday the term would end on Friday 27 March; counted from the local Friday it ends on
    # Monday 30 March.
    accepted_utc = datetime(2026, 3, 19, 19, 30, tzinfo=UTC)
    assert accepted_utc.astimezone(ALMATY).date() == date(2026, 3, 20)
    term = service_term(accepted_utc, in_registry=False, calendar=CALENDAR, zone=ALMATY)
    assert term.due_at == local(2026, 3, 30, 23, 59, 59)


def test_an_acceptance_at_half_past_eleven_at_night_is_counted_by_that_local_day():
    # 23:30 on Thursday 19 March in Almaty (18:30 UTC): counted from Thursday →
    # Fri 20 (1st), Thu 26 (2nd), Fri 27 (3rd).
    accepted = local(2026, 3, 19, 23, 30)
    term = service_term(accepted, in_registry=False, calendar=CALENDAR, zone=ALMATY)
    assert term.due_at == local(2026, 3, 27, 23, 59, 59)


def test_a_decree_in_the_calendar_changes_the_term():
    calendar = WorkingCalendar(overrides={date(2026, 3, 30): False})
    term = service_term(local(2026, 3, 20, 15), in_registry=False, calendar=calendar, zone=ALMATY)
    assert term.due_at == local(2026, 3, 31, 23, 59, 59)


@given(moments)
def test_without_the_registry_the_term_ends_at_the_last_second_of_the_third_working_day(accepted):
    term = service_term(accepted, in_registry=False, calendar=CALENDAR, zone=ALMATY)
    accepted_day = accepted.astimezone(ALMATY).date()
    due = term.due_at.astimezone(ALMATY)
    assert not term.ready_now
    assert due.date() > accepted_day
    assert (due.hour, due.minute, due.second) == (23, 59, 59)
    assert CALENDAR.is_working_day(due.date())
    between = sum(
        CALENDAR.is_working_day(accepted_day + timedelta(days=n))
        for n in range(1, (due.date() - accepted_day).days)
    )
    assert between == 2


@given(moments)
def test_the_term_does_not_depend_on_the_zone_the_acceptance_is_written_in(accepted):
    in_almaty = service_term(
        accepted.astimezone(ALMATY), in_registry=False, calendar=CALENDAR, zone=ALMATY
    )
    in_utc = service_term(accepted, in_registry=False, calendar=CALENDAR, zone=ALMATY)
    assert in_almaty.due_at == in_utc.due_at


# Rule 11: storage for a month, return within one working day


def test_a_result_asked_back_on_a_wednesday_is_due_at_the_end_of_thursday():
    due = return_due(local(2026, 11, 25, 10), CALENDAR, ALMATY)
    assert due == local(2026, 11, 26, 23, 59, 59)


def test_a_result_asked_back_on_a_friday_is_due_at_the_end_of_monday():
    due = return_due(local(2026, 11, 27, 17, 45), CALENDAR, ALMATY)
    assert due == local(2026, 11, 30, 23, 59, 59)


def test_a_result_asked_back_before_nauryz_is_due_after_it():
    # Fri 20 March 2026 → 21–25 March are weekend and Nauryz → Thu 26 March
    due = return_due(local(2026, 3, 20, 12), CALENDAR, ALMATY)
    assert due == local(2026, 3, 26, 23, 59, 59)


def test_a_return_asked_at_one_in_the_morning_local_counts_from_the_local_day():
    # 01:00 on Monday 30 Nov in Almaty is 20:00 on Sunday 29 Nov in UTC → due Tuesday 1 Dec
    due = return_due(datetime(2026, 11, 29, 20, 0, tzinfo=UTC), CALENDAR, ALMATY)
    assert due == local(2026, 12, 1, 23, 59, 59)


def test_a_result_ready_on_31_january_2026_is_kept_until_28_february():
    assert stored_until(date(2026, 1, 31)) == date(2026, 2, 28)


def test_a_result_ready_on_31_january_2028_is_kept_until_29_february():
    assert stored_until(date(2028, 1, 31)) == date(2028, 2, 29)


def test_a_result_ready_on_15_december_is_kept_until_15_january_of_the_next_year():
    assert stored_until(date(2026, 12, 15)) == date(2027, 1, 15)


def test_a_result_ready_on_31_march_is_kept_until_30_april():
    assert stored_until(date(2026, 3, 31)) == date(2026, 4, 30)


def test_a_result_ready_on_the_15th_is_kept_until_the_15th_of_the_next_month():
    assert stored_until(date(2026, 3, 15)) == date(2026, 4, 15)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 11, 30)))
def test_storage_ends_on_the_same_day_of_the_next_month_or_on_its_last_day(ready):
    year, month = (ready.year + 1, 1) if ready.month == 12 else (ready.year, ready.month + 1)
    last = month_calendar.monthrange(year, month)[1]
    assert stored_until(ready) == date(year, month, min(ready.day, last))


def test_the_result_is_still_kept_on_the_stored_until_day():
    assert not storage_expired(date(2026, 2, 28), today=date(2026, 2, 28))


def test_the_result_is_still_kept_before_the_stored_until_day():
    assert not storage_expired(date(2026, 2, 28), today=date(2026, 1, 31))


def test_the_storage_expires_the_day_after_the_stored_until_day():
    assert storage_expired(date(2026, 2, 28), today=date(2026, 3, 1))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 11, 30)), st.integers(-400, 400))
def test_storage_expires_exactly_after_the_stored_until_day(kept_until, offset):
    today = kept_until + timedelta(days=offset)
    assert storage_expired(kept_until, today) == (offset > 0)


# Statuses


def test_an_application_at_the_window_may_be_refused_accepted_or_ready_at_once():
    assert application_transition("draft", "intake_refused") == S.INTAKE_REFUSED
    assert application_transition("draft", "at_provider") == S.AT_PROVIDER
    assert application_transition("draft", "ready") == S.READY  # the 5-minute registry path


def test_the_provider_makes_an_accepted_application_ready():
    assert application_transition("at_provider", "ready") == S.READY


def test_a_ready_result_is_handed_over_or_after_a_month_transferred_to_the_provider():
    assert application_transition("ready", "handed_over") == S.HANDED_OVER
    assert application_transition("ready", "transferred") == S.TRANSFERRED


def test_a_transferred_result_comes_back_to_the_hall_before_it_is_handed_over():
    assert application_transition("transferred", "requested_back") == S.REQUESTED_BACK
    assert application_transition("requested_back", "ready") == S.READY
    with pytest.raises(InvalidTransition):
        application_transition("transferred", "handed_over")
    with pytest.raises(InvalidTransition):
        application_transition("requested_back", "handed_over")


def test_an_accepted_application_cannot_be_handed_over_before_it_is_ready():
    with pytest.raises(InvalidTransition):
        application_transition("at_provider", "handed_over")
    with pytest.raises(InvalidTransition):
        application_transition("draft", "handed_over")


@pytest.mark.parametrize("terminal", [S.HANDED_OVER, S.INTAKE_REFUSED])
@pytest.mark.parametrize("target", list(ApplicationStatus))
def test_a_handed_over_or_refused_application_goes_nowhere(terminal, target):
    with pytest.raises(InvalidTransition):
        application_transition(terminal, target)


@pytest.mark.parametrize("status", list(ApplicationStatus))
def test_no_application_goes_back_to_draft(status):
    with pytest.raises(InvalidTransition):
        application_transition(status, "draft")


@given(statuses, statuses)
def test_every_pair_of_statuses_is_allowed_exactly_when_the_table_allows_it(current, target):
    if target in ALLOWED[current]:
        assert application_transition(current.value, target.value) == target
    else:
        with pytest.raises(InvalidTransition):
            application_transition(current.value, target.value)


@pytest.mark.parametrize("current", list(ApplicationStatus))
@pytest.mark.parametrize("target", list(ApplicationStatus))
def test_each_of_the_49_pairs_follows_the_table(current, target):
    if target in ALLOWED[current]:
        assert application_transition(current, target) == target
    else:
        with pytest.raises(InvalidTransition):
            application_transition(current, target)


def test_the_table_covers_every_status():
    assert set(ALLOWED) == set(ApplicationStatus)


def test_an_unknown_status_is_not_a_transition():
    with pytest.raises(ValueError):
        application_transition("draft", "lost")


def test_the_open_applications_are_those_accepted_and_not_yet_handed_over():
    accepted_not_handed_over = {S.AT_PROVIDER, S.READY, S.TRANSFERRED, S.REQUESTED_BACK}
    assert set(OPEN) == accepted_not_handed_over
    assert set(ApplicationStatus) - {S.DRAFT, S.INTAKE_REFUSED, S.HANDED_OVER} == set(OPEN)


def test_every_status_an_open_application_can_reach_is_open_or_handed_over():
    for status in OPEN:
        assert ALLOWED[status] <= OPEN | {S.HANDED_OVER}
