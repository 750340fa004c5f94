"""Ticket transitions through the shell: allowed moves are stamped and recorded, others refused."""

import pytest

from kiosk.line.models import Ticket, TicketEvent, Window
from kiosk.line.tickets import move_ticket
from kiosk.web.extensions import db
from queue_mgr import InvalidTransition, TicketStatus
from tests.helpers import take_ticket, token_of


@pytest.fixture
def ticket(app, client, app_context):
    token = token_of(take_ticket(client))
    return db.session.execute(db.select(Ticket).filter_by(token=token)).scalar_one()


def window(number: int) -> Window:
    return db.session.execute(db.select(Window).filter_by(number=number)).scalar_one()


def test_a_ticket_goes_from_call_to_service_to_served_with_every_step_timestamped(ticket, clock):
    move_ticket(ticket, TicketStatus.CALLED, clock.now(), "call", window=window(1))
    clock.advance(minutes=1)
    move_ticket(ticket, TicketStatus.SERVING, clock.now(), "start")
    clock.advance(minutes=7)
    move_ticket(ticket, TicketStatus.SERVED, clock.now(), "finish")
    db.session.commit()
    steps = db.session.execute(
        db.select(TicketEvent.action, TicketEvent.from_status, TicketEvent.to_status)
        .filter_by(ticket_id=ticket.id).order_by(TicketEvent.id)
    ).all()
    assert [tuple(step) for step in steps] == [
        ("issue", None, "waiting"), ("call", "waiting", "called"),
        ("start", "called", "serving"), ("finish", "serving", "served"),
    ]
    assert ticket.window.number == 1
    assert ticket.finished_at - ticket.serving_at == clock.now() - ticket.serving_at


def test_a_ticket_cannot_be_served_before_it_is_called_and_nothing_changes(ticket, clock):
    with pytest.raises(InvalidTransition):
        move_ticket(ticket, TicketStatus.SERVED, clock.now(), "finish")
    assert ticket.status == TicketStatus.WAITING
    assert ticket.finished_at is None


def test_a_ticket_returned_to_the_line_waits_again_without_a_window(ticket, clock):
    move_ticket(ticket, TicketStatus.CALLED, clock.now(), "call", window=window(2))
    move_ticket(ticket, TicketStatus.WAITING, clock.now(), "return")
    db.session.commit()
    assert ticket.status == TicketStatus.WAITING
    assert ticket.window is None and ticket.called_at is None
