"""The applicant's screens: the touchscreen kiosk flow and the ticket page on their phone."""

from flask import Blueprint, abort, g, redirect, render_template, url_for

from kiosk.applicant.forms import TicketForm
from kiosk.catalogue import Entry, catalogue
from kiosk.clock import now
from kiosk.errors import render_error
from kiosk.fragments import live_fragment
from kiosk.hall import hall_hours, to_local
from kiosk.i18n import current_language
from kiosk.qr import public_url, qr_svg
from kiosk.tickets import ordered_token, take_ticket, ticket_by_token, ticket_progress

bp = Blueprint("applicant", __name__)
TOKEN_MAX = 32


@bp.after_request
def forget_applicant(response):
    """Kiosk screens are a public device's: never cache them, so nothing outlives the applicant."""
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def closed_until():
    """Return the local moment the hall opens next, or None while it is open."""
    moment = now()
    hours = hall_hours()
    return None if hours.is_open(moment) else hours.next_opening(moment)


@bp.get("/")
def root():
    """Send a bare visit to the kiosk."""
    return redirect(url_for(".start"))


@bp.get("/kiosk")
def start():
    """Show the start screen: choose a language."""
    return render_template("applicant/start.html", opens_at=closed_until())


@bp.get("/kiosk/services")
def services():
    """Show the services the hall offers."""
    return render_template(
        "applicant/services.html", services=catalogue().services, opens_at=closed_until()
    )


def render_priority(form: TicketForm, service: Entry, status: int = 200):
    kept = catalogue()  # one reading: the kept choices are filed under its version
    return render_template(
        "applicant/priority.html", form=form, service=service, categories=kept.categories,
        catalogue_version=str(kept.version),
        opens_at=closed_until(),
    ), status


@bp.get("/kiosk/services/<code>")
def priority(code: str):
    """Ask whether the applicant belongs to a priority group, then take the ticket."""
    service = catalogue().service(code)
    if service is None:
        abort(404)
    form = TicketForm(service=service.code, idempotency_key=ordered_token(now()))
    return render_priority(form, service)


@bp.post("/kiosk/tickets")
def take():
    """Issue a ticket (once per kiosk screen, however often the form is sent)."""
    form = TicketForm()
    if closed_until() is not None:
        return render_template("applicant/closed.html", opens_at=closed_until()), 409
    if not form.validate():
        service = form.chosen_service
        if service is None:
            return render_error(400, first_error(form))
        return render_priority(form, service, 400)
    token = take_ticket(
        form.chosen_service, form.chosen_category, form.idempotency_key.data,
        current_language(), now(),
    )
    return redirect(url_for(".kiosk_ticket", token=token), 303)


def first_error(form: TicketForm) -> str:
    return next(iter(error for errors in form.errors.values() for error in errors))


def load_ticket(token: str):
    ticket = ticket_by_token(token) if len(token) <= TOKEN_MAX else None
    if ticket is None:
        abort(404)
    return ticket


@bp.get("/kiosk/ticket/<token>")
def kiosk_ticket(token: str):
    """Show and print the ticket just taken, with the QR code of its page."""
    ticket = load_ticket(token)
    page = public_url(url_for(".ticket", token=ticket.token))
    return render_template(
        "applicant/kiosk_ticket.html", progress=ticket_progress(ticket, now()),
        issued_local=to_local(ticket.issued_at), ticket_url=page, qr=qr_svg(page, ticket.code),
    )


@bp.get("/t/<token>")
def ticket(token: str):
    """Show an applicant's ticket on their phone: status, position, wait against the limit."""
    ticket = load_ticket(token)
    g.default_lang = ticket.lang
    return render_template("applicant/ticket.html", progress=ticket_progress(ticket, now()))


@bp.get("/t/<token>/status")
def ticket_status(token: str):
    """Render the ticket page's live part alone, for its polling (304 when unchanged)."""
    ticket = load_ticket(token)
    g.default_lang = ticket.lang
    progress = ticket_progress(ticket, now())
    return live_fragment("applicant/_ticket_status.html", progress.state, progress=progress)
from kiosk.applicant import intake  # noqa: E402,F401 - registers the intake routes
