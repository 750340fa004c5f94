"""Ticket states and the transitions allowed between them, in one place."""

from datetime import datetime, timedelta
from enum import StrEnum

from queue_mgr.errors import DomainError, InvalidTransition


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    SERVED = "served"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        """Whether the applicant is still in the hall's line or at a window."""
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset({TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING})

# A return to the line (or a transfer to another service or window) sends the ticket back to
# WAITING; "recall" announces a called ticket again and is an event, not a change of status; an
# applicant marked absent who turns up soon after may be put back in line.
ALLOWED: dict[TicketStatus, frozenset[TicketStatus]] = {
    TicketStatus.WAITING: frozenset({TicketStatus.CALLED, TicketStatus.CANCELLED}),
    TicketStatus.CALLED: frozenset(
        {TicketStatus.SERVING, TicketStatus.NO_SHOW, TicketStatus.WAITING, TicketStatus.CANCELLED}
    ),
    TicketStatus.SERVING: frozenset({TicketStatus.SERVED, TicketStatus.WAITING}),
    TicketStatus.SERVED: frozenset(),
    # The window may put an absent applicant back in line a short while after (check_return).
    TicketStatus.NO_SHOW: frozenset({TicketStatus.WAITING}),
    TicketStatus.CANCELLED: frozenset(),
}


# What the hall's closing makes of a ticket left open: whoever was still in line, or called and
# never came, leaves unserved; whoever was at a window was served until then.
AT_CLOSING: dict[TicketStatus, TicketStatus] = {
    TicketStatus.WAITING: TicketStatus.CANCELLED,
    TicketStatus.CALLED: TicketStatus.CANCELLED,
    TicketStatus.SERVING: TicketStatus.SERVED,
}


def transition(current: str, target: str) -> TicketStatus:
    """Return the target status if a ticket may move there from ``current``; raise otherwise."""
    source, goal = TicketStatus(current), TicketStatus(target)
    if goal not in ALLOWED[source]:
        raise InvalidTransition(source, goal)
    return goal


class NoShowTooEarly(DomainError):
    """An applicant is marked as not coming only after being called again at least once."""

    def __init__(self):
        super().__init__("ticket_too_early", "call the applicant again before marking them absent")


def check_no_show(recalls: int) -> None:
    """Allow "no-show" only after a recall: the first call may simply have been missed."""
    if recalls < 1:
        raise NoShowTooEarly()


def closed_at_closing(current: str) -> TicketStatus:
    """The status a ticket still open when the hall closed ends in (see ``AT_CLOSING``)."""
    status = TicketStatus(current)
    if status not in AT_CLOSING:
        raise InvalidTransition(status, TicketStatus.CANCELLED)
    return transition(status, AT_CLOSING[status])


class ReturnTooLate(DomainError):
    """An absent applicant is put back in line only within the time the hall allows."""

    def __init__(self):
        super().__init__("ticket_too_late", "the ticket ended: the applicant takes a new one")


def check_return(marked_absent_at: datetime, now: datetime, allowed: timedelta) -> None:
    """Allow putting an absent applicant back in line only within ``allowed`` of the mark."""
    if now - marked_absent_at > allowed:
        raise ReturnTooLate()
