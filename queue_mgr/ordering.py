"""The calling order: who a window calls next.

The order has three tiers, each oldest ticket first:

1. **At risk** — tickets that have waited at least the warning threshold (default 10 minutes) but
   not yet the legal limit (15 minutes). Calling them now is the only way to keep them within the
   limit, so they go before everyone, priorities included; the one closest to the limit first.
2. **Priority** — booked appointments first, then the priority categories by their rank (persons
   with disabilities, pregnant women, ...), each oldest first.
3. **Everyone else**, oldest first. Tickets already past the limit are the oldest, so they lead this
   tier: a breach cannot be undone, but it is not made longer than it must be.

A priority ticket that waits long enough becomes at risk like any other, so priorities never push
the rest past the limit when calling in time would have avoided it.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime

from queue_mgr.estimates import SlaLimits

AT_RISK, PRIORITY, REGULAR = 0, 1, 2


@dataclass(frozen=True)
class WaitingTicket:
    """What the calling order needs to know of a waiting ticket."""

    key: Hashable  # orderable too (ticket ids): it breaks ties of equal issue times
    issued_at: datetime
    priority_rank: int | None = None  # None: no priority; lower ranks are called first
    booked: bool = False

    @property
    def has_priority(self) -> bool:
        return self.booked or self.priority_rank is not None


def tier(ticket: WaitingTicket, now: datetime, limits: SlaLimits) -> int:
    """Return the tier of a waiting ticket at ``now`` (0 at risk, 1 priority, 2 regular)."""
    waited = now - ticket.issued_at
    if limits.warning <= waited < limits.limit:
        return AT_RISK
    return PRIORITY if ticket.has_priority else REGULAR


def calling_order(
    tickets: Iterable[WaitingTicket], now: datetime, limits: SlaLimits
) -> list[WaitingTicket]:
    """Return the waiting tickets in the order windows should call them at ``now``."""

    def sort_key(ticket: WaitingTicket):
        level = tier(ticket, now, limits)
        by_category = level == PRIORITY and not ticket.booked  # booked: by arrival alone
        rank = ticket.priority_rank if by_category and ticket.priority_rank is not None else 0
        return (level, by_category, rank, ticket.issued_at, ticket.key)

    return sorted(tickets, key=sort_key)
