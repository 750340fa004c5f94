"""Ticket states and the transitions allowed between them."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from queue_mgr import DomainError, InvalidTransition, TicketStatus, transition
from queue_mgr.line.states import ALLOWED, ReturnTooLate, check_return, closed_at_closing

S = TicketStatus
TERMINAL = {S.SERVED, S.CANCELLED}

# The life of a ticket as the hall works it: called from the line, served at a window or marked
# a no-show; a called or served applicant can be sent back to the line (return or transfer);
# a ticket can be cancelled while the applicant has not reached a window.
EXPECTED_MOVES = {
    (S.WAITING, S.CALLED),
    (S.WAITING, S.CANCELLED),
    (S.CALLED, S.SERVING),
    (S.CALLED, S.NO_SHOW),
    (S.NO_SHOW, S.WAITING),  # an absent applicant who turns up, put back in line by the window
    (S.CALLED, S.WAITING),
    (S.CALLED, S.CANCELLED),
    (S.SERVING, S.SERVED),
    (S.SERVING, S.WAITING),
}

statuses = st.sampled_from(TicketStatus)


def test_the_allowed_moves_are_exactly_those_of_a_tickets_life_in_the_hall():
    allowed = {(source, goal) for source, goals in ALLOWED.items() for goal in goals}
    assert allowed == EXPECTED_MOVES


def test_every_status_has_an_entry_in_the_table_of_moves():
    assert set(ALLOWED) == set(TicketStatus)


@given(current=statuses, target=statuses)
def test_a_transition_succeeds_exactly_when_the_table_allows_it(current, target):
    if target in ALLOWED[current]:
        assert transition(current, target) is target
    else:
        with pytest.raises(InvalidTransition):
            transition(current, target)


@pytest.mark.parametrize("current", list(TicketStatus))
@pytest.mark.parametrize("target", list(TicketStatus))
def test_each_pair_of_statuses_moves_only_along_a_tickets_life(current, target):
    if (current, target) in EXPECTED_MOVES:
        assert transition(current.value, target.value) == target
    else:
        with pytest.raises(InvalidTransition):
            transition(current.value, target.value)


@pytest.mark.parametrize("terminal", sorted(TERMINAL))
def test_a_finished_ticket_cannot_move_anywhere(terminal):
    assert not ALLOWED[terminal]
    for target in TicketStatus:
        with pytest.raises(InvalidTransition):
            transition(terminal, target)


def test_a_ticket_is_open_exactly_while_it_can_still_move_but_for_an_absent_one():
    """An absent applicant is out of the line, yet the window may still put them back."""
    for status in set(TicketStatus) - {S.NO_SHOW}:
        assert status.is_open == bool(ALLOWED[status])
        assert status.is_open == (status not in TERMINAL)
    assert not S.NO_SHOW.is_open and ALLOWED[S.NO_SHOW] == {S.WAITING}


def test_an_absent_applicant_is_put_back_only_within_the_time_allowed():
    marked = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
    allowed = timedelta(minutes=15)
    check_return(marked, marked + allowed, allowed)
    with pytest.raises(ReturnTooLate):
        check_return(marked, marked + allowed + timedelta(seconds=1), allowed)


def test_every_status_can_be_reached_from_a_new_waiting_ticket():
    reached, frontier = {S.WAITING}, [S.WAITING]
    while frontier:
        for goal in ALLOWED[frontier.pop()]:
            if goal not in reached:
                reached.add(goal)
                frontier.append(goal)
    assert reached == set(TicketStatus)


def test_a_waiting_ticket_cannot_be_served_without_being_called():
    with pytest.raises(InvalidTransition):
        transition("waiting", "serving")
    with pytest.raises(InvalidTransition):
        transition("waiting", "served")


def test_a_served_ticket_cannot_be_called_again():
    with pytest.raises(InvalidTransition):
        transition("served", "called")


def test_an_applicant_at_the_window_can_no_longer_be_marked_a_no_show():
    with pytest.raises(InvalidTransition):
        transition("serving", "no_show")


def test_a_refused_transition_is_a_domain_error_naming_both_statuses():
    with pytest.raises(DomainError) as caught:
        transition("served", "waiting")
    error = caught.value
    assert isinstance(error, InvalidTransition)
    assert error.current == S.SERVED
    assert error.target == S.WAITING
    assert "served" in str(error)
    assert "waiting" in str(error)


def test_a_status_that_does_not_exist_is_refused():
    with pytest.raises(ValueError):
        transition("waiting", "lost")
    with pytest.raises(ValueError):
        transition("lost", "called")


def test_the_close_cancels_whoever_is_in_line_or_called_and_ends_a_service_served():
    assert closed_at_closing("waiting") == S.CANCELLED
    assert closed_at_closing("called") == S.CANCELLED
    assert closed_at_closing("serving") == S.SERVED


@given(statuses)
def test_the_close_moves_exactly_the_open_tickets_and_only_along_allowed_moves(status):
    if not status.is_open:
        with pytest.raises(InvalidTransition):
            closed_at_closing(status)
        return
    closed = closed_at_closing(status)
    assert closed in ALLOWED[status]
    assert not closed.is_open
