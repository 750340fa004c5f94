"""The staffing advice for the hall as it is now (``queue_mgr.line.staffing``), read from today's
line, the windows at work and recent service times; the tickets it names are marked, once, so
that the reports can set the breaches forecast beside those that happened."""

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from kiosk.hall.catalogue import catalogue
from kiosk.hall.models import PriorityCategory
from kiosk.hall.settings import calling_rules, hall_zone
from kiosk.line.lines import longest_wait_today
from kiosk.line.models import Ticket, Window
from kiosk.line.tickets import recent_service_times
from kiosk.web.extensions import db
from queue_mgr import TicketStatus, WaitingTicket, local_day
from queue_mgr.line.estimates import typical_service_time
from queue_mgr.line.numbering import format_ticket_number
from queue_mgr.line.staffing import MOST_EXTRA, Advice, HallNow, InLine, OpenWindow, advise

KEPT = "staffing_advice"  # this worker's last advice, and when it was worked out
RECENT_ARRIVALS = timedelta(minutes=30)  # the arrivals that set the rate expected to go on
CURRENT = (TicketStatus.CALLED, TicketStatus.SERVING)


@dataclass(frozen=True)
class HallAdvice:
    """The advice, and the printed numbers of the tickets it names."""

    advice: Advice
    late_codes: tuple[str, ...]
    most_extra: int = MOST_EXTRA  # past this many more windows, the advice says "every one"


def line_now(day) -> list[InLine]:
    """Every waiting ticket of the day, as the forecast needs it (each line through its own
    index)."""
    services = [service.id for service in catalogue().services]
    rows = db.session.execute(
        select(Ticket.id, Ticket.waiting_since, Ticket.service_id, PriorityCategory.rank,
               PriorityCategory.booked)
        .outerjoin(PriorityCategory, Ticket.category_id == PriorityCategory.id)
        .where(Ticket.status == TicketStatus.WAITING, Ticket.service_id.in_(services),
               Ticket.day == day)
    ).all()
    return [InLine(WaitingTicket(row.id, row.waiting_since, row.rank, bool(row.booked)),
                   row.service_id) for row in rows]


def windows_now(typical: dict, walk: timedelta, moment: datetime) -> list[OpenWindow]:
    """The windows held and open, each free now or when its applicant is expected to leave."""
    windows = db.session.execute(
        select(Window).options(selectinload(Window.services))
        .where(Window.operator_id.is_not(None), Window.paused.is_(False))
    ).scalars().all()
    current = {t.window_id: t for t in db.session.execute(
        select(Ticket).where(Ticket.status.in_(CURRENT), Ticket.window_id.is_not(None))
    ).scalars()}
    return [OpenWindow(frozenset(s.id for s in window.services),
                       expected_free(current.get(window.id), typical, walk, moment))
            for window in windows]


def expected_free(ticket: Ticket | None, typical: dict, walk: timedelta,
                  moment: datetime) -> datetime:
    if ticket is None:
        return moment
    started = ticket.serving_at or (ticket.called_at or moment) + walk
    return max(started + typical.get(ticket.service_id, timedelta(0)), moment)


def arrival_rates(day, moment: datetime) -> dict[int, float]:
    """Tickets per hour of each service over the last half hour."""
    counts = db.session.execute(
        select(Ticket.issued_service_id, func.count()).where(
            Ticket.day == day, Ticket.issued_at > moment - RECENT_ARRIVALS)
        .group_by(Ticket.issued_service_id)).all()
    per_hour = timedelta(hours=1) / RECENT_ARRIVALS
    return {service: count * per_hour for service, count in counts}


def hall_advice(moment: datetime) -> HallAdvice:
    """The advice for the hall, as this worker last worked it out, if within
    ``KIOSK_ADVICE_SECONDS`` (every window's and supervisor's screen polls it, and a forecast of
    the next half hour does not need to be newer than a few seconds)."""
    kept = current_app.extensions.get(KEPT)
    if kept is not None and time.monotonic() - kept[0] < current_app.config["ADVICE_SECONDS"]:
        return kept[1]
    advice = fresh_advice(moment)
    current_app.extensions[KEPT] = (time.monotonic(), advice)
    return advice


def fresh_advice(moment: datetime) -> HallAdvice:
    """The advice for the hall at ``moment``, worked out now; the tickets it newly names are
    marked (the caller commits)."""
    day = local_day(moment, hall_zone())
    typical = {service.id: typical_service_time(
        recent_service_times(service.id), timedelta(seconds=service.default_seconds))
        for service in catalogue().services}
    line = line_now(day)
    walk = timedelta(minutes=1)
    hall = HallNow(moment, line, windows_now(typical, walk, moment), typical, calling_rules(),
                   arrival_rates(day, moment), walk, longest_wait=longest_wait_today(moment))
    advice = advise(hall)
    named = db.session.execute(
        select(Ticket.id, Ticket.letter, Ticket.number, Ticket.forecast_late_at)
        .where(Ticket.id.in_(advice.late))).all() if advice.late else []
    mark_forecast([t.id for t in named if t.forecast_late_at is None], moment)
    return HallAdvice(advice, tuple(sorted(format_ticket_number(t.letter, t.number)
                                           for t in named)))


def mark_forecast(ticket_ids: list[int], moment: datetime) -> None:
    if ticket_ids:
        db.session.execute(
            update(Ticket).where(Ticket.id.in_(ticket_ids), Ticket.forecast_late_at.is_(None))
            .values(forecast_late_at=moment).execution_options(synchronize_session=False))
