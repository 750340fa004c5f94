"""Waited time, the SLA status against the legal limits, and the wait estimate."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from statistics import median


@dataclass(frozen=True)
class SlaLimits:
    """The legal limit (15 minutes by the passport) and the warning threshold before it."""

    warning: timedelta = timedelta(minutes=10)
    limit: timedelta = timedelta(minutes=15)

    def __post_init__(self):
        if not timedelta(0) < self.warning <= self.limit:
            raise ValueError("the warning must come after zero and no later than the limit")


class SlaStatus(StrEnum):
    OK = "ok"
    WARNING = "warning"
    BREACH = "breach"


def elapsed(started_at: datetime, ended_at: datetime | None, now: datetime) -> timedelta:
    """Return the time from ``started_at`` until it ended, or until ``now`` while it runs."""
    return max((ended_at or now) - started_at, timedelta(0))


def sla_status(spent: timedelta, limits: SlaLimits) -> SlaStatus:
    """Return ok, warning (from the warning threshold) or breach (from the limit on)."""
    if spent >= limits.limit:
        return SlaStatus.BREACH
    if spent >= limits.warning:
        return SlaStatus.WARNING
    return SlaStatus.OK


def typical_service_time(recent: Sequence[timedelta], default: timedelta) -> timedelta:
    """Return the median of recent service times, or the default when there are none."""
    return median(recent) if recent else default


def estimate_wait(
    ahead: int, open_windows: int, recent: Sequence[timedelta], default: timedelta
) -> timedelta:
    """Estimate the wait of a ticket with ``ahead`` tickets before it in the calling order.

    The windows open for its service work through the line in parallel, each taking the typical
    (median recent) service time; with no window open yet, one is assumed.
    """
    if ahead < 0:
        raise ValueError("a ticket cannot have a negative number of tickets ahead")
    per_ticket = typical_service_time(recent, default)
    return per_ticket * ahead / max(open_windows, 1)


def minutes_up(duration: timedelta) -> int:
    """Whole minutes, rounded up: an estimate should not promise less than it means."""
    return max(math.ceil(duration.total_seconds() / 60), 0)
