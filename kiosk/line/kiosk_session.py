"""The kiosk's hold on the ticket it has just issued, and the applicant's ticket by its token.

A kiosk is a public device: the screens of a ticket open only on the kiosk that issued it, until
that kiosk starts over, and no kiosk screen is ever cached. A paper made for the ticket (the
application just saved) prints only from the screen that offers it, once, and only for a
ticket screen's time: any other kiosk screen withdraws the offer.
"""

from datetime import datetime, timedelta

from flask import abort, current_app, g, redirect, session, url_for

from kiosk.line.models import Ticket
from kiosk.line.tickets import ticket_by_token

TOKEN_MAX = 32
# The ticket this kiosk has just issued: its screens open only until the kiosk starts over.
KIOSK_TICKET = "kiosk_ticket"
# The paper this kiosk offers to print for its ticket: [token, the paper's id, until (epoch s)].
KIOSK_PAPER = "kiosk_paper"


def forget_applicant(response):
    """Kiosk screens are a public device's: never cache them, so nothing outlives the applicant;
    a screen that does not offer the paper withdraws it."""
    response.headers.setdefault("Cache-Control", "no-store")
    if not g.get("keeps_paper"):
        session.pop(KIOSK_PAPER, None)
    return response


def offer_paper(token: str, paper_id: int, moment: datetime) -> None:
    """Let this kiosk print a paper just made for its ticket, from the screen that follows, for
    as long as a ticket screen stays."""
    until = moment + timedelta(seconds=current_app.config["TICKET_SCREEN_SECONDS"])
    session[KIOSK_PAPER] = [token, paper_id, until.timestamp()]
    g.keeps_paper = True


def paper_offered(token: str, paper_id: int, moment: datetime) -> bool:
    """Whether this kiosk offers that paper of its ticket now (the screen keeps the offer)."""
    offered = session.get(KIOSK_PAPER)
    fresh = offered is not None and offered[:2] == [token, paper_id] \
        and moment.timestamp() <= offered[2]
    g.keeps_paper = fresh
    return fresh


def take_paper(token: str, paper_id: int, moment: datetime) -> bool:
    """Print the offered paper: once, so a reload or the browser's Back prints nothing more."""
    fresh = paper_offered(token, paper_id, moment)
    session.pop(KIOSK_PAPER, None)
    g.keeps_paper = False
    return fresh


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
