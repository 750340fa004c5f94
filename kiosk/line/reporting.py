"""The hall's reports: a day's figures read from its tickets, kept once the day is over
(``DayFigure``), a month's merged from its days once the month is, and any range of days merged
from them (``queue_mgr.line.reports``).

A report reads the kept rows of its range (each day's whole, the months wholly within it, the
days around them), and the tickets only of the days not kept yet (today, and a past day the
housekeeping has not kept yet): a year costs a thousand or two small rows, never a year of
tickets. ``plain_report`` reads the same from the tickets alone: the tests hold the two equal.
"""

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, false, func, insert, or_, select

from kiosk.hall.settings import hall_zone, service_limits, wait_limits
from kiosk.line.models import DayFigure, Ticket, TicketEvent, Window
from kiosk.web.extensions import db
from queue_mgr import local_day
from queue_mgr.line.clocks import Clocks
from queue_mgr.line.reports import (
    COUNTS,
    DAY,
    NONE,
    Figures,
    Limits,
    Report,
    RowKey,
    Spread,
    TicketFacts,
    day_rows,
    report,
)

TRANSFER = "transfer"
DAY_SPAN, MONTH_SPAN = "day", "month"


def limits() -> Limits:
    return Limits(wait_limits().limit, service_limits().limit)


def ticket_facts(days: list[date]) -> Iterator[TicketFacts]:
    """What the report needs of every ticket issued on ``days`` (a ticket's transfers counted
    along its own steps)."""
    if not days:
        return
    transfers = select(func.count()).where(
        TicketEvent.ticket_id == Ticket.id, TicketEvent.action == TRANSFER).scalar_subquery()
    rows = db.session.execute(
        select(Ticket.day, Ticket.issued_at, Window.number, Ticket.service_id,
               Ticket.category_id, Ticket.status, Ticket.waiting_since, Ticket.serving_at,
               Ticket.served_seconds, Ticket.finished_at, Ticket.forecast_late_at,
               transfers.label("transfers"))
        .outerjoin(Window, Window.id == Ticket.window_id)
        .where(Ticket.day.in_(bindparam("days", expanding=True))), {"days": days})
    zone = hall_zone()
    for row in rows:
        clocks = Clocks(row.status, row.waiting_since, row.serving_at,
                        timedelta(seconds=row.served_seconds or 0), row.finished_at)
        yield TicketFacts(row.day, row.issued_at.astimezone(zone).hour, row.number or NONE,
                          row.service_id, row.category_id or NONE, clocks, row.transfers,
                          row.forecast_late_at is not None)


def kept_rows(*where) -> Iterator[tuple[RowKey, Figures]]:
    """The kept rows that match ``where``."""
    table = DayFigure.__table__
    for row in db.session.execute(select(table).where(*where)):
        figures = Figures(**{name: getattr(row, name) for name in COUNTS},
                          waits=Spread.decode(row.wait_steps, row.wait_longest),
                          services=Spread.decode(row.service_steps, row.service_longest))
        yield (row.day, row.family, row.key), figures


def kept_days(start: date, end: date) -> set[date]:
    return set(db.session.execute(
        select(DayFigure.day).where(DayFigure.span == DAY_SPAN, DayFigure.family == DAY,
                                    DayFigure.day.between(start, end))).scalars())


def whole_months(start: date, end: date) -> list[date]:
    """The first days of the months wholly within the range."""
    first = start if start.day == 1 else next_month(start)
    months = []
    while next_month(first) - timedelta(days=1) <= end:
        months.append(first)
        first = next_month(first)
    return months


def next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def kept_months(start: date, end: date) -> list[date]:
    """The months wholly within the range whose figures are kept."""
    months = whole_months(start, end)
    if not months:
        return []
    return sorted(set(db.session.execute(
        select(DayFigure.day).where(DayFigure.span == MONTH_SPAN,
                                    DayFigure.day.between(months[0], months[-1]))).scalars()))


def gaps(start: date, end: date, months: list[date]) -> list[tuple[date, date]]:
    """The stretches of the range that no kept month covers."""
    stretches, day = [], start
    for month in months:
        if day < month:
            stretches.append((day, month - timedelta(days=1)))
        day = next_month(month)
    if day <= end:
        stretches.append((day, end))
    return stretches


def range_report(start: date, end: date, now: datetime) -> Report:
    """The figures of the days from ``start`` to ``end``: each day's whole as kept; each family
    from the kept months wholly within the range and the kept days around them; the days not
    kept (today among them) from their tickets."""
    table = DayFigure.__table__
    kept, months = kept_days(start, end), kept_months(start, end)
    stretches = gaps(start, end, months)
    unkept = [day for day in each_day(start, end) if day not in kept]
    day_parts = or_(*(table.c.day.between(a, b) for a, b in stretches)) if stretches else false()
    return report([
        *kept_rows(table.c.span == DAY_SPAN, table.c.family == DAY,
                   table.c.day.between(start, end)),
        *kept_rows(table.c.span == DAY_SPAN, table.c.family != DAY, day_parts),
        *(kept_rows(table.c.span == MONTH_SPAN, table.c.day.in_(months)) if months else ()),
        *day_rows(ticket_facts(unkept), now, limits()).items(),
    ])


def each_day(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def plain_report(start: date, end: date, now: datetime) -> Report:
    """The same report read from every ticket of the range (what the kept rows must equal)."""
    return report(day_rows(ticket_facts(each_day(start, end)), now, limits()).items())


def unkept_past_days(now: datetime) -> list[date]:
    """The days before today with tickets and no kept figures, oldest first."""
    today = local_day(now, hall_zone())
    with_tickets = select(Ticket.day).where(Ticket.day < today).distinct()
    kept = select(DayFigure.day).where(DayFigure.span == DAY_SPAN).distinct()
    return sorted(db.session.execute(with_tickets.except_(kept)).scalars())


def keep_days(days: Iterable[date], now: datetime) -> int:
    """Keep the figures of past days (closed by the housekeeping first): a row per family and
    key. Returns the number of days kept."""
    count = 0
    for day in days:
        rows = day_rows(ticket_facts([day]), now, limits())
        if rows:
            db.session.execute(insert(DayFigure),
                               [figure_row(DAY_SPAN, key, f) for key, f in rows.items()])
            count += 1
    return count


def unkept_past_months(now: datetime) -> list[date]:
    """The months before this one with kept days and no kept month, oldest first."""
    this_month = local_day(now, hall_zone()).replace(day=1)
    days = select(DayFigure.day).where(DayFigure.span == DAY_SPAN, DayFigure.family == DAY,
                                       DayFigure.day < this_month)
    months = {day.replace(day=1) for day in db.session.execute(days).scalars()}
    kept = set(db.session.execute(
        select(DayFigure.day).where(DayFigure.span == MONTH_SPAN).distinct()).scalars())
    return sorted(months - kept)


def keep_months(months: Iterable[date]) -> int:
    """Keep each past month's family rows, merged from its kept days. Returns the number kept."""
    table, count = DayFigure.__table__, 0
    for month in months:
        merged: dict[RowKey, Figures] = {}
        for (_, family, key), figures in kept_rows(
                table.c.span == DAY_SPAN, table.c.family != DAY,
                table.c.day.between(month, next_month(month) - timedelta(days=1))):
            merged.setdefault((month, family, key), Figures()).merge(figures)
        if merged:
            db.session.execute(insert(DayFigure),
                               [figure_row(MONTH_SPAN, key, f) for key, f in merged.items()])
            count += 1
    return count


def figure_row(span: str, key: RowKey, figures: Figures) -> dict:
    day, family, value = key
    return {"span": span, "day": day, "family": family, "key": value,
            **{name: getattr(figures, name) for name in COUNTS},
            "wait_steps": figures.waits.encode(), "wait_longest": figures.waits.longest,
            "service_steps": figures.services.encode(),
            "service_longest": figures.services.longest}
