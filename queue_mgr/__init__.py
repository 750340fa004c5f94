"""The queue's functional core: rules only, no Flask, no database, no clock.

Every function takes plain values (and a ``now`` where time matters) and returns values or raises
a :class:`DomainError` naming the refusal by its key.
"""

from queue_mgr.errors import DomainError, InvalidTransition
from queue_mgr.hall.hours import HallHours
from queue_mgr.line.estimates import SlaLimits, SlaStatus, estimate_wait, sla_status
from queue_mgr.line.numbering import format_ticket_number, local_day
from queue_mgr.line.ordering import CallingRules, WaitingTicket, calling_order
from queue_mgr.line.states import TicketStatus, transition

__all__ = [
    "CallingRules",
    "DomainError",
    "HallHours",
    "InvalidTransition",
    "SlaLimits",
    "SlaStatus",
    "TicketStatus",
    "WaitingTicket",
    "calling_order",
    "estimate_wait",
    "format_ticket_number",
    "local_day",
    "sla_status",
    "transition",
]
