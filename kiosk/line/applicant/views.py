"""The applicant's screens: the touchscreen kiosk flow and the ticket page on their phone."""

from datetime import datetime, time

from flask import abort, g, make_response, redirect, render_template, request, session, url_for
from flask_babel import force_locale, format_date, format_datetime, format_time, gettext

from kiosk.hall.catalogue import Entry, catalogue
from kiosk.hall.settings import hall_hours, to_local
from kiosk.hall.workdays import working_calendar
from kiosk.line.applicant import bp
from kiosk.line.applicant.forms import CheckInForm, TicketForm
from kiosk.line.applicant.help import remember_station
from kiosk.line.bookings import check_in, check_in_rules
from kiosk.line.kiosk_session import (
    KIOSK_TICKET,
    forget_applicant,
    issued_here,
    load_ticket,
    show_issued,
)
from kiosk.line.tickets import ordered_token, take_ticket, ticket_progress
from kiosk.web.clock import now
from kiosk.web.errors import render_error
from kiosk.web.i18n import LANGUAGES, current_language, time_at, time_from
from kiosk.web.live import live_fragment
from kiosk.web.qr import public_url, qr_svg
from kiosk.web.refusals import refusal_status, withdraw
from queue_mgr.errors import DomainError

bp.after_request(forget_applicant)


@bp.app_template_global()
def closed_notices(opens_at: datetime) -> list[tuple[str, str, str]]:
    """The closed hall's notice in each of the kiosk's languages, Kazakh first: whoever comes
    reads it in their own, with nothing to choose."""
    notices = []
    for code in LANGUAGES:
        with force_locale(code):
            notices.append((code, gettext("The hall is closed now"), gettext(
                "Ticket issuing resumes: %(time)s.",
                time=format_datetime(opens_at, "d MMMM, HH:mm"))))
    return notices


def closed_until():
    """Return the local moment the hall opens next, or None while it is open."""
    moment = now()
    hours, calendar = hall_hours(), working_calendar()
    return None if hours.is_open(moment, calendar) else hours.next_opening(moment, calendar)


@bp.get("/")
def root():
    """Send a bare visit to the kiosk."""
    return redirect(url_for(".start"))


@bp.get("/kiosk")
def start():
    """Show the start screen: choose a language (the previous applicant's screens close)."""
    session.pop(KIOSK_TICKET, None)
    page = make_response(render_template("applicant/start.html", opens_at=closed_until()))
    return remember_station(page)


@bp.get("/kiosk/services")
def services():
    """Show the services the hall offers."""
    return render_template(
        "applicant/services.html", services=catalogue().services, opens_at=closed_until()
    )


def render_priority(form: TicketForm, service: Entry, status: int = 200):
    # Booked visitors check in with their code: their group is not offered to tap.
    groups = [group for group in catalogue().categories if not group.booked]
    return render_template(
        "applicant/priority.html", form=form, service=service, categories=groups,
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
    return show_issued(token)


@bp.get("/kiosk/services/<code>/booking")
def booking(code: str):
    """Ask for the code of a booking for the service (typed, or scanned from the booking)."""
    service = catalogue().service(code)
    if service is None:
        abort(404)
    form = CheckInForm(formdata=None, service=service.code, idempotency_key=ordered_token(now()))
    return render_booking(form, service)


def render_booking(form: CheckInForm, service: Entry, status: int = 200):
    return render_template("applicant/booking.html", form=form, service=service,
                           opens_at=closed_until()), status


def booking_details(refusal: DomainError) -> dict:
    """What a check-in's refusal says of the booking: its service, day and time."""
    booking = refusal.details.get("booking")
    if booking is None:
        return {}
    slot = to_local(booking.slot_at)
    return {"service": booking.service.name, "day": format_date(slot, "dd.MM.yyyy"),
            "time": time_at(slot), "from": time_from(slot - check_in_rules().early)}


@bp.post("/kiosk/bookings")
def check_in_booking():
    """Take the ticket a booking's code gives: a booked one in time, an ordinary one late."""
    form = CheckInForm()
    if closed_until() is not None:
        return render_template("applicant/closed.html", opens_at=closed_until()), 409
    if not form.validate():
        if form.chosen_service is None:
            return render_error(400, first_error(form))
        return render_booking(form, form.chosen_service, 400)
    try:
        done = check_in(form.code.data, form.chosen_service, form.idempotency_key.data,
                        current_language(), now())
    except DomainError as refusal:
        form.code.errors.append(withdraw(refusal, **booking_details(refusal)))
        return render_booking(form, form.chosen_service, refusal_status(refusal))
    late = format_time(to_local(done.slot), "HH:mm") if done.late else None
    return show_issued(done.token, late=late)


def first_error(form: TicketForm) -> str:
    return next(iter(error for errors in form.errors.values() for error in errors))


def clock_of(text: str) -> time | None:
    """A time of day written HH:MM (from an address: anything else is no time)."""
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        return None


@bp.get("/kiosk/ticket/<token>")
def kiosk_ticket(token: str):
    """Show and print the ticket just taken, with the QR code of its page."""
    ticket = issued_here(token)
    page = public_url(url_for(".ticket", token=ticket.token))
    late = request.args.get("late", "")
    return render_template(
        "applicant/kiosk_ticket.html", progress=ticket_progress(ticket, now()),
        issued_local=to_local(ticket.issued_at), ticket_url=page, qr=qr_svg(page, ticket.code),
        late_for=clock_of(late),
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
    return live_fragment("applicant/_ticket_status.html", progress=progress)
