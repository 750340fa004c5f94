"""The two legal clocks of a ticket, in the passport's words, defined once.

**Waiting** runs from the ticket until the applicant is at the window: the walk after a call is
waiting. **Service** runs from then until the applicant leaves the window. A return to the line or
a transfer ends a service segment and starts a new wait: nothing is lost, and nothing is counted
twice. Every screen and every figure reads these functions.

A ticket keeps both clocks in three values, so no history has to be read to know them:

- ``waiting_since``: the waiting clock's origin. It is the ticket's issue, moved on by the length
  of every service segment that ended in a return to the line, so that the waiting clock is always
  the time from it to the end of the current wait;
- ``serving_at``: when the applicant came to the window for the current (or last) service
  segment, or None while they wait;
- ``served_before``: the service segments before the current one.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from queue_mgr.line.states import TicketStatus

ZERO = timedelta(0)


@dataclass(frozen=True)
class Clocks:
    """What a ticket's two clocks need: its status and the three values above (and its end)."""

    status: str
    waiting_since: datetime
    serving_at: datetime | None = None
    served_before: timedelta = ZERO
    finished_at: datetime | None = None

    def waiting(self, now: datetime) -> timedelta:
        """The whole wait: every segment, the current one until ``now`` while it runs."""
        end = self.serving_at or self.finished_at or now
        return max(end - self.waiting_since, ZERO)

    def service(self, now: datetime) -> timedelta:
        """The whole service: every segment, the current one until ``now`` while it runs."""
        if self.serving_at is None:
            return self.served_before
        return self.served_before + max((self.finished_at or now) - self.serving_at, ZERO)

    @property
    def present(self) -> bool:
        """Whether the applicant is at the window now."""
        return self.status == TicketStatus.SERVING

    @property
    def waiting_origin(self) -> datetime:
        """The moment from which the waiting clock, while it runs, counts (for a ticking
        screen): ``now - waiting_origin`` is the whole wait."""
        return self.waiting_since

    def service_origin(self) -> datetime | None:
        """The moment from which the service clock, while it runs, counts."""
        return None if self.serving_at is None else self.serving_at - self.served_before


def at_the_window(clocks: Clocks, now: datetime) -> dict:
    """The applicant is at the window: the wait ends, a service segment starts."""
    return {"serving_at": now}


def back_in_line(clocks: Clocks, now: datetime) -> dict:
    """Back in the line (returned, or transferred): a service segment, if one ran, ends and is
    kept; a new wait starts, the waits before it kept too."""
    if clocks.serving_at is None:
        return {}  # called but never came to the window: the same wait goes on
    segment = max(now - clocks.serving_at, ZERO)
    return {"serving_at": None, "served_before": clocks.served_before + segment,
            "waiting_since": clocks.waiting_since + segment}


def back_from_absence(clocks: Clocks, now: datetime) -> dict:
    """An applicant marked absent is put back in line: the time away is a gap, neither waiting
    nor service; the wait goes on from where it stopped."""
    gap = max(now - clocks.finished_at, ZERO) if clocks.finished_at else ZERO
    return {"finished_at": None, "waiting_since": clocks.waiting_since + gap}
