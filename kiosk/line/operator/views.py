"""The operator's window: the line in calling order, the current applicant, the actions."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kiosk.hall.catalogue import catalogue
from kiosk.hall.models import Service
from kiosk.hall.settings import service_limits, wait_limits
from kiosk.line.lines import line_counts, window_line
from kiosk.line.models import Window
from kiosk.line.operator import bp
from kiosk.line.operator.forms import ActionForm
from kiosk.line.staffing import hall_advice
from kiosk.line.windows import (
    call_next,
    current_ticket,
    desk_ticket,
    finish,
    held_window,
    keep_seen,
    no_show,
    recall,
    recently_absent,
    return_absent,
    return_to_line,
    set_paused,
    start_service,
    take_window_by_number,
    transfer_to_service,
    transfer_to_window,
    window_choices,
)
from kiosk.web.clock import now
from kiosk.web.errors import render_error
from kiosk.web.extensions import db
from kiosk.web.live import live_fragment
from kiosk.web.refusals import withdraw
from queue_mgr import DomainError, sla_status


@bp.after_request
def never_store(response):
    """The window's screens show applicants' priority groups: kept in no cache (the polled line
    is revalidated, never shared)."""
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def my_window() -> Window:
    window = held_window(current_user)
    if window is None:
        abort(409)
    return window


def desk_clock(ticket, moment) -> dict:
    """The clock the desk shows: the service while the applicant is at the window, the wait
    (still running: the walk counts) while they are called."""
    clocks = ticket.clocks
    if clocks.present:
        since, spent, limits = clocks.service_origin(), clocks.service(moment), service_limits()
    else:
        since, spent, limits = clocks.waiting_since, clocks.waiting(moment), wait_limits()
    return {"since": since, "spent": spent, "sla": sla_status(spent, limits), "limits": limits}


def desk_context(window: Window, message: str | None = None) -> dict:
    moment = now()
    ticket = current_ticket(window)
    return {
        "window": window, "ticket": ticket, "message": message,
        "absent": recently_absent(window, moment),
        **(desk_clock(ticket, moment) if ticket else {"limits": service_limits()}),
        # A transfer is offered once the applicant is at the window (being served).
        **(transfer_targets(window) if ticket and ticket.status == "serving" else {}),
    }


def transfer_targets(window: Window) -> dict:
    return {"services": catalogue().services, "windows": other_windows(window)}


def other_windows(window: Window) -> list[Window]:
    return list(db.session.execute(
        db.select(Window).where(Window.id != window.id).order_by(Window.number)
    ).scalars())


def line_context(window: Window) -> dict:
    moment, limits = now(), wait_limits()
    rows = []
    for ticket in window_line(window, moment):
        waited = ticket.clocks.waiting(moment)
        rows.append((ticket, waited, sla_status(waited, limits)))
    waiting, near, past = line_counts(window, moment)
    return {"window": window, "rows": rows, "limits": limits,
            "waiting": waiting, "near": near, "past": past, "advice": hall_advice(moment)}


@bp.get("/")
def desk():
    """Show the window: the current applicant with the actions, and the line."""
    window = held_window(current_user)
    if window is None:
        return redirect(url_for(".choose"))
    keep_seen(window, now())
    page = render_template("operator/desk.html", **{**desk_context(window), **line_context(window)})
    db.session.commit()  # the tickets the advice newly named are marked
    return page


@bp.route("/choose", methods=["GET", "POST"])
def choose():
    """Take a window to work at (after signing in without one, or to change windows)."""
    form = ActionForm()
    if form.validate_on_submit() and form.window.data:
        try:
            take_window_by_number(form.window.data, current_user, now())
            db.session.commit()
            return redirect(url_for(".desk"))
        except DomainError as error:
            flash(withdraw(error))
    status = 400 if form.is_submitted() else 200
    return render_template("operator/choose.html", form=form, choices=window_choices()), status


@bp.get("/line")
def line():
    """The line alone, for the screen's polling (304 when nothing changed)."""
    window = my_window()
    keep_seen(window, now())
    response = live_fragment("operator/_line.html", **line_context(window))
    db.session.commit()  # the tickets the advice newly named are marked
    return response


def perform(action: str, window: Window, form: ActionForm) -> None:
    """Run one action of the window on its current ticket (or call the next one)."""
    user, moment = current_user, now()
    if action == "call":
        call_next(window, user, moment)
    elif action == "return-absent":
        return_absent(window, form.ticket_id.data or 0, user, moment)
    elif action in ("pause", "resume"):
        set_paused(window, action == "pause")
    else:
        ticket = desk_ticket(window, form.ticket_id.data or 0)
        if action == "transfer":
            transfer(window, ticket, form)
        else:
            ON_TICKET[action](window, ticket, user, moment)


def transfer(window: Window, ticket, form: ActionForm) -> None:
    if form.window.data:
        target = db.session.execute(
            db.select(Window).filter_by(number=form.window.data)
        ).scalar_one_or_none()
        if target is None:
            raise DomainError("window_unknown")
        transfer_to_window(window, ticket, target, current_user, now())
        return
    service = db.session.execute(
        db.select(Service).filter_by(code=form.service.data or "", active=True)
    ).scalar_one_or_none()
    if service is None:
        raise DomainError("service_unknown")
    transfer_to_service(window, ticket, service, current_user, now())


ON_TICKET = {
    "recall": recall, "start": start_service, "finish": finish, "no-show": no_show,
    "return": return_to_line,
}
ACTIONS = {"call", "pause", "resume", "transfer", "return-absent", *ON_TICKET}


@bp.post("/act/<action>")
def act(action: str):
    """Do an action at the window; a refusal says why and changes nothing."""
    if action not in ACTIONS:
        abort(404)
    window = my_window()
    form = ActionForm()
    if not form.validate():
        return desk_answer(window, next(iter(form.errors.values()))[0], 400)
    try:
        perform(action, window, form)
        db.session.commit()
    except DomainError as error:
        return desk_answer(window, withdraw(error), 409)
    return desk_answer(window, None, 200)


def desk_answer(window: Window, message: str | None, status: int):
    """Answer htmx with the desk (and tell the line to refresh); a plain form with a redirect."""
    if not request.headers.get("HX-Request"):
        if message:
            flash(message)
        return redirect(url_for(".desk"))
    db.session.refresh(window)
    html = render_template("operator/_desk.html", **desk_context(window, message))
    return html, status, {"HX-Trigger": "line-changed"}


@bp.errorhandler(409)
def no_window(error):
    return render_error(409, _l("You no longer hold a window. Choose one to continue."))
