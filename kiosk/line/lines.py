"""The lines tickets wait in, and their calling order: the one place that says who comes first.

A ticket waits in one line: its service's, or, once sent to a window, that window's. A window
calls from its services' lines and from the tickets sent to it, in ``queue_mgr.calling_order``.
The window's line panel, "call next" and the applicant's place on the ticket page all read the
lines here, so the phone and the window never disagree on who comes first.
"""

from datetime import datetime
from functools import lru_cache

from sqlalchemy import and_, bindparam, func, select, union_all

from kiosk.hall.catalogue import catalogue
from kiosk.hall.models import PriorityCategory
from kiosk.hall.settings import calling_rules, hall_zone, wait_limits
from kiosk.line.models import Ticket, Window
from kiosk.web.extensions import db
from queue_mgr import TicketStatus, WaitingTicket, calling_order, local_day

LINE_SHOWN = 50  # the line panel shows this many; the counts cover everyone


def line_values(window: Window, now: datetime) -> dict:
    """The values the line statements bind: the window and its services, the hall's day, and
    since when a wait is near the limit and past it."""
    limits = wait_limits()
    services = sorted(service.id for service in window.services)
    return {"window_id": window.id, **{f"service_{i}": id_ for i, id_ in enumerate(services)},
            "day": local_day(now, hall_zone()), "limit_since": now - limits.limit,
            "warning_since": now - limits.warning}


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


@lru_cache(maxsize=64)
def line_statement(services: int, category_ids: tuple[int, ...], first: int):
    """The first ``first`` tickets of each tier of each line of a window, as one union.

    Built once per number of services and set of priority groups; the window, its services and
    the moment are bound when it runs. (Building and compiling it for every call would cost
    more than running it.)
    """
    # Each tier (and each priority group) walks an index in order of arrival: no sorting. The
    # last tier holds the tickets of groups made since the catalogue was read (if any).
    tiers = [NEAR, and_(~NEAR, Ticket.category_id.is_(None)),
             *(and_(~NEAR, Ticket.category_id == category) for category in category_ids),
             and_(~NEAR, Ticket.category_id > max(category_ids, default=0))]
    parts = [
        waiting_columns().where(line, tier).order_by(Ticket.waiting_since, Ticket.id)
        .limit(first).subquery()
        for line in window_lines(services) for tier in tiers
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
    first ``first`` tickets of each tier (near the limit, each priority group, everyone else),
    which hold the first ``first`` of the whole order, so a long line costs no more than a
    short one.
    """
    values = line_values(window, now)
    statement = line_statement(len(window.services), catalogue().category_ids, first)
    candidates = {waiting.key: waiting
                  for waiting in waiting_tickets(db.session.execute(statement, values))}
    return calling_order(candidates.values(), now, calling_rules())[:first]


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
                          calling_rules())
    return next((place for place, waiting in enumerate(order, start=1)
                 if waiting.key == ticket.id), len(order) + 1)
