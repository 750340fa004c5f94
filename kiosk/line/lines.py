"""The lines tickets wait in, and their calling order: the one place that says who comes first.

A ticket waits in one line: its service's, or, once sent to a window, that window's. A window
calls from its services' lines and from the tickets sent to it, in ``queue_mgr.calling_order``.
The window's line panel, "call next" and the applicant's place on the ticket page all read the
lines here, so the phone and the window never disagree on who comes first.
"""

from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import and_, bindparam, func, select, union_all, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.hall.catalogue import catalogue
from kiosk.hall.models import PriorityCategory
from kiosk.hall.settings import calling_rules, hall_zone, wait_limits
from kiosk.line.models import LineDay, Ticket, Window
from kiosk.web.extensions import db
from queue_mgr import TicketStatus, WaitingTicket, calling_order, local_day
from queue_mgr.line.ordering import due

LINE_SHOWN = 50  # the line panel shows this many; the counts cover everyone


def line_values(window: Window, now: datetime) -> dict:
    """The values the line statements bind: the window and its services, the hall's day, and
    since when a wait is near the limit and past it."""
    limits = wait_limits()
    services = sorted(service.id for service in window.services)
    return {"window_id": window.id, **{f"service_{i}": id_ for i, id_ in enumerate(services)},
            "day": local_day(now, hall_zone()), "limit_since": now - limits.limit,
            "warning_since": now - limits.warning,
            "saving_since": now - calling_rules().saving_point}


def window_lines(services: int) -> list:
    """The lines a window with ``services`` services calls from: each service's, and the tickets
    sent to the window.

    One condition per line, so each query walks the ticket index of one line (status, service,
    day, arrival) instead of sorting every waiting ticket of the hall.
    """
    waiting = and_(Ticket.status == TicketStatus.WAITING, Ticket.day == bindparam("day"))
    lines = [and_(waiting, Ticket.service_id == bindparam(f"service_{i}"),
                  Ticket.target_window_id.is_(None))
             for i in range(services)]
    return [*lines, and_(waiting, Ticket.target_window_id == bindparam("window_id"))]


NEAR = and_(Ticket.waiting_since > bindparam("limit_since"),
            Ticket.waiting_since <= bindparam("warning_since"))
PAST = Ticket.waiting_since <= bindparam("limit_since")


def waiting_columns():
    """What the calling order needs of each waiting ticket."""
    return (select(Ticket.id, Ticket.waiting_since, PriorityCategory.rank, PriorityCategory.booked)
            .outerjoin(PriorityCategory, Ticket.category_id == PriorityCategory.id))


def waiting_tickets(rows) -> list[WaitingTicket]:
    return [WaitingTicket(row.id, row.waiting_since, row.rank, bool(row.booked)) for row in rows]


PAST_SAVING = Ticket.waiting_since <= bindparam("saving_since")


@lru_cache(maxsize=64)
def line_statement(services: int, category_ids: tuple[int, ...], first: int):
    """The first tickets of each group of each line of a window, as one union: of those past
    saving the first ``late_first`` (bound when it runs), of the others the first ``first``.

    Within a group (no priority, or one priority group) the calling order keeps the order of
    waiting in each part of it (queue_mgr.line.ordering), so these hold the first ``first`` of
    the whole order, and the tickets past saving that decide whether they are due. Each part
    walks an index in order of waiting: no sorting. The last group holds the tickets of groups
    made since the catalogue was read (if any). Built once per number of services and set of
    priority groups; the window, its services and the moment are bound when it runs.
    """
    groups = [Ticket.category_id.is_(None),
              *(Ticket.category_id == category for category in category_ids),
              Ticket.category_id > max(category_ids, default=0)]
    parts = [
        waiting_columns().where(line, group, part).order_by(Ticket.waiting_since, Ticket.id)
        .limit(limit).subquery()
        for line in window_lines(services) for group in groups
        for part, limit in ((PAST_SAVING, bindparam("late_first")), (~PAST_SAVING, first))
    ]
    return union_all(*(select(part) for part in parts))


@lru_cache(maxsize=64)
def counts_statement(services: int):
    """How many wait in each of a window's lines, how many near the limit and past it: a row
    per line (each walks its own index)."""
    return union_all(*(
        select(func.count(Ticket.id), func.count(Ticket.id).filter(NEAR),
               func.count(Ticket.id).filter(PAST)).where(line)
        for line in window_lines(services)
    ))


def line_order(window: Window, now: datetime, first: int) -> list[WaitingTicket]:
    """The first waiting tickets of the window's line, in calling order.

    The order itself is ``queue_mgr.calling_order``; the database only narrows each line to the
    first tickets of each group (``line_statement``), which hold the first ``first`` of the whole
    order, so a long line costs no more than a short one.
    """
    longest_wait, rules = longest_wait_today(now), calling_rules()
    candidates = line_candidates(window, now, first, first)
    places = rules.places_deciding(longest_wait)
    if places > first and not due_among(candidates, now, rules, longest_wait, first):
        # The first ``first`` past saving do not show them due: read as many as decide it.
        candidates = line_candidates(window, now, first, places)
    return calling_order(candidates, now, rules, longest_wait)[:first]


def line_candidates(window: Window, now: datetime, first: int,
                    late_first: int) -> list[WaitingTicket]:
    """The tickets ``line_statement`` reads: of each group, the first ``late_first`` past
    saving and the first ``first`` of the others."""
    values = {**line_values(window, now), "late_first": late_first}
    statement = line_statement(len(window.services), catalogue().category_ids, first)
    rows = waiting_tickets(db.session.execute(statement, values))
    return list({waiting.key: waiting for waiting in rows}.values())


def due_among(candidates: list[WaitingTicket], now: datetime, rules, longest_wait,
              first: int) -> bool:
    """Whether the first ``first`` tickets past saving (each group gave as many) are enough to
    show them due: on a busy day the oldest alone usually is, and one read does."""
    past = sorted((t for t in candidates if now - t.waiting_since >= rules.saving_point),
                  key=lambda t: (t.waiting_since, t.key))[:first]
    return due(past, now, rules, rules.ceiling_at(longest_wait))


def window_line(window: Window, now: datetime, first: int = LINE_SHOWN) -> list[Ticket]:
    """The first tickets of the window's line, in calling order, for the line panel."""
    order = [waiting.key for waiting in line_order(window, now, first)]
    tickets = db.session.execute(db.select(Ticket).where(Ticket.id.in_(order))).scalars()
    by_id = {ticket.id: ticket for ticket in tickets}
    return [by_id[key] for key in order]


def line_counts(window: Window, now: datetime) -> tuple[int, int, int]:
    """How many wait for the window, how many of them are near the limit and past it."""
    values = line_values(window, now)
    statement = counts_statement(len(window.services))
    rows = db.session.execute(statement, values).all()
    waiting, near, past = (sum(column) for column in zip(*rows, strict=True))
    return waiting, near, past


def ticket_place(ticket: Ticket, now: datetime) -> int:
    """A waiting ticket's place in its line (1: called next), in the order the windows call.

    A ticket sent to a window stands in that window's line, with the window's services' lines;
    any other ticket stands in its service's line. The whole line is read (one walk of its
    index), as plain as the rule: a day's line is hundreds of tickets, not thousands.
    """
    window = ticket.target_window
    if window is None:
        lines, values = window_lines(1)[:1], {"service_0": ticket.service_id, "day": ticket.day}
    else:
        lines, values = window_lines(len(window.services)), line_values(window, now)
    statement = union_all(*(waiting_columns().where(line) for line in lines))
    order = calling_order(waiting_tickets(db.session.execute(statement, values)), now,
                          calling_rules(), longest_wait_today(now))
    return next((place for place, waiting in enumerate(order, start=1)
                 if waiting.key == ticket.id), len(order) + 1)


def longest_wait_today(now: datetime) -> timedelta:
    """The longest wait any ticket had when called so far on the hall's day of ``now``."""
    return timedelta(seconds=longest_seconds(local_day(now, hall_zone())) or 0)


def longest_seconds(day) -> float | None:
    return db.session.execute(
        select(LineDay.longest_wait_seconds).where(LineDay.day == day)).scalar_one_or_none()


def note_wait_at_call(now: datetime, waiting_since: datetime) -> None:
    """Keep the day's longest wait at a call: the day's first call makes its row, and a longer
    wait raises it (a shorter one writes and locks nothing)."""
    day, seconds = local_day(now, hall_zone()), (now - waiting_since).total_seconds()
    known = longest_seconds(day)
    if known is None and start_day(day, seconds):
        return
    if known is None or known < seconds:  # (or another window made the row a moment ago)
        raise_longest(day, seconds)


def raise_longest(day, seconds: float) -> int:
    return db.session.execute(
        update(LineDay).where(LineDay.day == day, LineDay.longest_wait_seconds < seconds)
        .values(longest_wait_seconds=seconds).execution_options(synchronize_session=False)
    ).rowcount


def start_day(day, seconds: float) -> int:
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    return db.session.execute(
        insert(LineDay).values(day=day, longest_wait_seconds=seconds)
        .on_conflict_do_nothing(index_elements=[LineDay.day])
    ).rowcount
