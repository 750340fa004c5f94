"""The kiosk's hold on the ticket it has just issued, and the applicant's ticket by its token.

A kiosk is a public device: the screens of a ticket open only on the kiosk that issued it, until
that kiosk starts over, and no kiosk screen is ever cached.
"""

from flask import abort, redirect, session, url_for

from kiosk.line.models import Ticket
from kiosk.line.tickets import ticket_by_token

TOKEN_MAX = 32
# The ticket this kiosk has just issued: its screens open only until the kiosk starts over.
KIOSK_TICKET = "kiosk_ticket"


def forget_applicant(response):
    """Kiosk screens are a public device's: never cache them, so nothing outlives the applicant."""
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def load_ticket(token: str) -> Ticket:
    """The ticket of a token, or 404."""
    ticket = ticket_by_token(token) if len(token) <= TOKEN_MAX else None
    if ticket is None:
        abort(404)
    return ticket


def show_issued(token: str, **args):
    """Go to the screen of the ticket this kiosk has just issued (and only this kiosk)."""
    session[KIOSK_TICKET] = token
    return redirect(url_for("applicant.kiosk_ticket", token=token, **args), 303)


def issued_here(token: str) -> Ticket:
    """The ticket of a kiosk screen, while this kiosk has not started over since issuing it;
    after that (the browser's Back, say) the start screen instead."""
    if session.get(KIOSK_TICKET) != token:
        abort(redirect(url_for("applicant.start"), 303))
    return load_ticket(token)
