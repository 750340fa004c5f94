"""Complaint terms on the working-day calendar (the passport's appeal procedure): 5 working days
for the head of the provider or of the State Corporation, 15 for the authorised body; the day of
registration not counted; holidays and decrees honoured. And what a complaint refers to: a
request, a ticket or a window by its printed number."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr.casework.complaints import (
    Addressee,
    ComplaintStatus,
    Subject,
    answer_due,
    answered,
    normal_reference,
    reference_fits,
    urgency,
)
from queue_mgr.errors import InvalidTransition
from queue_mgr.hall.workdays import WorkingCalendar
from queue_mgr.line.numbering import format_ticket_number

ALMATY = ZoneInfo("Asia/Almaty")
CALENDAR = WorkingCalendar()


def at(year, month, day, hour=11, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def due_day(registered: datetime, addressee: Addressee, calendar=CALENDAR):
    return answer_due(registered, addressee, calendar, ALMATY)


@pytest.mark.parametrize("addressee", [Addressee.PROVIDER, Addressee.CORPORATION])
def test_a_complaint_to_a_head_is_answered_within_5_working_days(addressee):
    # Wed 25 Nov 2026 → Thu 26 (1), Fri 27 (2), Mon 30 (3), Tue 1 Dec (4), Wed 2 Dec (5)
    assert due_day(at(2026, 11, 25), addressee) == at(2026, 12, 2, 23, 59).replace(second=59)


def test_five_working_days_run_across_nauryz_and_the_weekends():
    # Fri 20 Mar 2026 → Thu 26 (1), Fri 27 (2), Mon 30 (3), Tue 31 (4), Wed 1 Apr (5)
    assert due_day(at(2026, 3, 20), Addressee.PROVIDER).date() == at(2026, 4, 1).date()


def test_fifteen_working_days_for_the_authorised_body_run_across_independence_day():
    # Tue 1 Dec 2026: 2-4 (3), 7-11 (8), 14, 15, 17, 18 (12; 16 Dec off), 21, 22, 23 (15)
    assert due_day(at(2026, 12, 1), Addressee.QUALITY_BODY).date() == at(2026, 12, 23).date()


def test_a_decree_moving_a_day_off_moves_the_term():
    decree = WorkingCalendar({at(2026, 11, 30).date(): False})
    assert due_day(at(2026, 11, 25), Addressee.PROVIDER, decree).date() == at(2026, 12, 3).date()


def test_a_complaint_registered_late_at_night_counts_from_its_local_day():
    # 23:30 on Wed 25 Nov in Almaty is still the 25th there (18:30 UTC)
    late = at(2026, 11, 25, 23, 30)
    assert due_day(late, Addressee.PROVIDER).date() == at(2026, 12, 2).date()


def test_an_answer_is_given_once():
    assert answered(ComplaintStatus.REGISTERED) is ComplaintStatus.ANSWERED
    with pytest.raises(InvalidTransition) as refusal:
        answered(ComplaintStatus.ANSWERED)
    assert refusal.value.key == "complaint_answered"


def test_the_last_working_day_before_the_term_is_near_due_and_after_it_overdue():
    due = due_day(at(2026, 11, 25), Addressee.PROVIDER)  # Wed 2 Dec, end of day
    assert not urgency(due, at(2026, 11, 27), CALENDAR, ALMATY).near_due  # 3 working days left
    assert urgency(due, at(2026, 12, 1), CALENDAR, ALMATY).near_due
    assert urgency(due, at(2026, 12, 2, 17), CALENDAR, ALMATY).near_due
    late = urgency(due, at(2026, 12, 3, 9), CALENDAR, ALMATY)
    assert late.overdue and not late.near_due


@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 1, 1)),
       st.sampled_from(list(Addressee)))
def test_the_term_ends_on_a_working_day_with_exactly_its_working_days_after_registration(
        moment, addressee):
    registered = moment.replace(tzinfo=ALMATY)
    due = due_day(registered, addressee).date()
    start = registered.date()
    worked = sum(CALENDAR.is_working_day(start + timedelta(days=n))
                 for n in range(1, (due - start).days + 1))
    assert CALENDAR.is_working_day(due)
    assert worked == {Addressee.QUALITY_BODY: 15}.get(addressee, 5)


@pytest.mark.parametrize(("subject", "reference"), [
    (Subject.REQUEST, "2026-00042"), (Subject.REQUEST, " 2026-100042 "),
    (Subject.TICKET, "G007"), (Subject.TICKET, "g1000"), (Subject.TICKET, "Қ042"),
    (Subject.WINDOW, "4"), (Subject.WINDOW, "120"),
    (Subject.STAFF, "Сейітова Айгүл"), (Subject.OTHER, ""), (Subject.OTHER, "the kiosk"),
])
def test_a_reference_in_its_printed_format_fits_its_subject(subject, reference):
    assert reference_fits(subject, reference)


@pytest.mark.parametrize(("subject", "reference"), [
    (Subject.REQUEST, ""), (Subject.REQUEST, "42"), (Subject.REQUEST, "2026/00042"),
    (Subject.REQUEST, "２０２６-00042"), (Subject.TICKET, "007"), (Subject.TICKET, "GG007"),
    (Subject.TICKET, "G07"), (Subject.WINDOW, "0"), (Subject.WINDOW, "1000"),
    (Subject.WINDOW, "four"), (Subject.STAFF, "   "),
])
def test_a_reference_out_of_its_format_or_missing_does_not_fit(subject, reference):
    assert not reference_fits(subject, reference)


def test_a_ticket_reference_is_kept_with_its_letter_capital_and_spaces_collapsed():
    assert normal_reference(Subject.TICKET, " g007 ") == "G007"
    assert normal_reference(Subject.STAFF, "  Ким   Марина ") == "Ким Марина"


@given(st.integers(2000, 2999), st.integers(1, 999_999))
def test_every_request_number_the_hall_gives_fits_a_complaint_about_a_request(year, serial):
    assert reference_fits(Subject.REQUEST, f"{year}-{serial:05d}")  # as kiosk.casework.cases


@given(st.sampled_from("GDRЖҚ"), st.integers(1, 999_999))
def test_every_ticket_number_the_hall_prints_fits_a_complaint_about_a_ticket(letter, number):
    printed = format_ticket_number(letter, number)
    assert reference_fits(Subject.TICKET, printed)
    assert reference_fits(Subject.TICKET, printed.lower())
