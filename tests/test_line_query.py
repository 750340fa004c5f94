"""The window's line query is an optimisation of one plain rule, and returns exactly what it does.

The plain rule: every waiting ticket of today that the window may call (its services' lines, less
tickets sent to another window, plus those sent to it), in ``queue_mgr.calling_order``. The
window reads only the first tickets of each tier of each line (``kiosk.line.windows.line_order``)
so that a long line costs no more than a short one; on random lines it must name the same
tickets in the same order. The applicant's place on the ticket page
(``kiosk.line.lines.ticket_place``) follows the same rule: its place in its service's line, or in
the line of the window it was sent to.
"""

import secrets
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert

from kiosk.hall.catalogue import catalogue
from kiosk.hall.models import PriorityCategory, Service
from kiosk.hall.settings import calling_rules, hall_zone
from kiosk.line.lines import line_order, longest_wait_today, ticket_place
from kiosk.line.models import LineDay, Ticket, Window
from kiosk.web.clock import now
from kiosk.web.extensions import db
from queue_mgr import TicketStatus, calling_order
from queue_mgr.line.ordering import WaitingTicket

STATUSES = (TicketStatus.WAITING,) * 6 + (TicketStatus.CALLED, TicketStatus.SERVED,
                                          TicketStatus.NO_SHOW)
ticket_specs = st.lists(st.fixed_dictionaries({
    "service": st.integers(0, 3),
    "category": st.integers(-1, 5),  # -1: none
    "status": st.sampled_from(STATUSES),
    "waited_seconds": st.integers(0, 150 * 60),
    "yesterday": st.sampled_from([False, False, False, True]),
    "sent": st.sampled_from([None, None, None, "this", "other"]),
}), max_size=60)


def waiting_today(moment) -> list[Ticket]:
    today = moment.astimezone(hall_zone()).date()
    return list(db.session.execute(db.select(Ticket).where(
        Ticket.status == TicketStatus.WAITING, Ticket.day == today)).scalars())


def plain_order(tickets: list[Ticket], moment) -> list[int]:
    waiting = [WaitingTicket(ticket.id, ticket.waiting_since,
                             ticket.category.rank if ticket.category else None,
                             bool(ticket.category and ticket.category.booked))
               for ticket in tickets]
    return [ticket.key for ticket in
            calling_order(waiting, moment, calling_rules(), longest_wait_today(moment))]


def plain_line(window: Window, moment, first: int | None = None) -> list[int]:
    """The first ``first`` tickets the window may call, by the plain rule."""
    services = {service.id for service in window.services}
    callable_ = [ticket for ticket in waiting_today(moment)
                 if ticket.target_window_id == window.id
                 or (ticket.target_window_id is None and ticket.service_id in services)]
    return plain_order(callable_, moment)[:first]


def plain_place(ticket: Ticket, moment) -> int:
    """A ticket's place by the plain rule: in the line of the window it was sent to, or among
    the tickets of its service sent to no window."""
    if ticket.target_window is not None:
        return plain_line(ticket.target_window, moment).index(ticket.id) + 1
    line = [other for other in waiting_today(moment)
            if other.target_window_id is None and other.service_id == ticket.service_id]
    return plain_order(line, moment).index(ticket.id) + 1


def write_line(specs: list[dict], window: Window, other: Window, longest: int = 0) -> None:
    """The tickets, and the day's longest wait at a call (minutes)."""
    db.session.execute(delete(Ticket))
    db.session.execute(delete(LineDay))
    db.session.add(LineDay(day=now().astimezone(hall_zone()).date(),
                           longest_wait_seconds=longest * 60))
    services = db.session.execute(db.select(Service).order_by(Service.id)).scalars().all()
    groups = db.session.execute(
        db.select(PriorityCategory).order_by(PriorityCategory.id)).scalars().all()
    moment = now()
    for number, spec in enumerate(specs, start=1):
        service = services[spec["service"] % len(services)]
        group = groups[spec["category"] % len(groups)] if spec["category"] >= 0 else None
        since = moment - timedelta(seconds=spec["waited_seconds"])
        day = since.astimezone(hall_zone()).date() - timedelta(days=spec["yesterday"])
        target = {"this": window.id, "other": other.id}.get(spec["sent"])
        db.session.execute(insert(Ticket).values(
            token=secrets.token_hex(8), service_id=service.id, issued_service_id=service.id,
            letter=service.letter, day=day, number=number, category_id=group and group.id,
            status=spec["status"], issued_at=since, waiting_since=since,
            target_window_id=target))
    db.session.commit()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=ticket_specs, first=st.integers(1, 12), window_number=st.integers(1, 4),
       longest=st.integers(0, 150))
def test_the_window_reads_exactly_the_plain_rules_first_tickets(app_context, specs, first,
                                                                window_number, longest):
    windows = db.session.execute(db.select(Window).order_by(Window.number)).scalars().all()
    window = windows[(window_number - 1) % len(windows)]
    other = next(w for w in windows if w.id != window.id)
    catalogue()  # the window reads with the catalogue's priority groups, as at work
    write_line(specs, window, other, longest)

    fast = [ticket.key for ticket in line_order(window, now(), first)]

    assert fast == plain_line(window, now(), first)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=ticket_specs, longest=st.integers(0, 150))
def test_the_ticket_page_counts_the_place_the_windows_call_in(app_context, specs, longest):
    windows = db.session.execute(db.select(Window).order_by(Window.number)).scalars().all()
    write_line(specs, windows[0], windows[1], longest)
    moment = now()

    for ticket in waiting_today(moment):
        assert ticket_place(ticket, moment) == plain_place(ticket, moment)


def test_the_window_reads_enough_of_those_past_saving_to_know_they_are_due(app_context):
    """Five applicants just past saving: none would pass the ceiling if called next, but the
    fifth would after the four before it, so they are due, ahead of one who can be saved."""
    windows = db.session.execute(db.select(Window).order_by(Window.number)).scalars().all()
    just_past = {"service": 0, "category": -1, "status": TicketStatus.WAITING,
                 "waited_seconds": 14 * 60 + 10, "yesterday": False, "sent": None}
    write_line([*[just_past] * 5, {**just_past, "waited_seconds": 11 * 60}],
               windows[0], windows[1])

    first = line_order(windows[0], now(), 1)

    assert [ticket.key for ticket in first] == plain_line(windows[0], now(), 1)
    assert now() - first[0].waiting_since > timedelta(minutes=14)
