"""The supervisor's screens: the hall at a glance, live, and the history of any ticket of today."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kiosk.forms.buttons import ButtonForm
from kiosk.hall.models import Service
from kiosk.hall.settings import hall_zone, service_limits, to_local, wait_limits
from kiosk.line.help_calls import SCREENS, answer_call, open_calls
from kiosk.line.models import Ticket, Window
from kiosk.line.staffing import hall_advice
from kiosk.line.supervisor import bp
from kiosk.line.supervisor.forms import DayForm, TicketSearchForm
from kiosk.line.supervisor.queries import (
    WindowAtWork,
    services_in_order,
    ticket_by_id,
    ticket_by_number,
    ticket_history,
    ticket_times,
    tickets_of_day,
    windows_at_work,
)
from kiosk.line.supervisor.wording import (
    WINDOW_STATES,
    action_label,
    destination_label,
    status_label,
)
from kiosk.web.clock import now
from kiosk.web.extensions import db
from kiosk.web.live import live_fragment
from queue_mgr import SlaLimits, SlaStatus, local_day, sla_status
from queue_mgr.line.stats import (
    LineFigures,
    WindowState,
    day_figures,
    line_figures,
    lines_by_service,
    service_time,
    waited,
    window_state,
)


def today() -> date:
    return local_day(now(), hall_zone())


@dataclass(frozen=True)
class WindowRow:
    """A window as the overview shows it, with the time spent on its current applicant."""

    window: Window
    state: WindowState
    ticket: Ticket | None
    since: datetime | None = None
    spent: timedelta | None = None
    sla: SlaStatus | None = None
    limits: SlaLimits | None = None

    @property
    def label(self) -> str:
        return str(WINDOW_STATES[self.state])


def window_row(entry: WindowAtWork, moment: datetime) -> WindowRow:
    """A window's state, and the clock of its applicant: the service once at the window, the
    wait (still running) while called."""
    window, ticket = entry.window, entry.ticket
    state = window_state(window.operator_id is not None, window.paused,
                         ticket.status if ticket else None)
    if ticket is None or state not in (WindowState.CALLING, WindowState.SERVING):
        return WindowRow(window, state, None)
    clocks = ticket.clocks
    if clocks.present:
        since, spent, limits = clocks.service_origin(), clocks.service(moment), service_limits()
    else:
        since, spent, limits = clocks.waiting_since, clocks.waiting(moment), wait_limits()
    return WindowRow(window, state, ticket, since, spent, sla_status(spent, limits), limits)


@dataclass(frozen=True)
class LineRow:
    """A service's line: how many wait and the longest wait, against the waiting limit."""

    service: Service | None  # None: the whole hall
    line: LineFigures
    longest: timedelta | None
    sla: SlaStatus | None


def line_row(service: Service | None, line: LineFigures, moment: datetime) -> LineRow:
    longest = line.longest(moment)
    return LineRow(service, line, longest,
                   None if longest is None else sla_status(longest, wait_limits()))


def hall_context() -> dict:
    """Everything the overview shows, at one moment."""
    moment = now()
    day = local_day(moment, hall_zone())
    tickets = tickets_of_day(day)
    lines = lines_by_service(tickets)
    services = [s for s in services_in_order() if s.active or s.id in lines]
    return {
        "day": day,
        "windows": [window_row(entry, moment) for entry in windows_at_work()],
        "lines": [line_row(s, lines.get(s.id, LineFigures()), moment) for s in services],
        "hall": line_row(None, line_figures(tickets), moment),
        "figures": day_figures(tickets, moment, wait_limits(), service_limits()),
        "wait_limits": wait_limits(), "service_limits": service_limits(),
        "advice": hall_advice(moment),
        "help_calls": open_calls(),
    }


@bp.get("/")
def overview():
    """Show the hall: every window, the lines per service, the staffing advice and today's
    figures."""
    page = render_template("supervisor/overview.html", form=TicketSearchForm(formdata=None),
                           **hall_context())
    db.session.commit()  # the tickets the advice newly named are marked
    return page


@bp.post("/help/<int:call_id>")
def answer_help(call_id: int):
    """A member of staff goes to the kiosk that called: the call leaves the list."""
    if ButtonForm().validate_on_submit() and answer_call(
            call_id, current_user._get_current_object(), now()):
        db.session.commit()
        flash(_("The kiosk's call for help is answered."))
    return redirect(url_for(".overview"), 303)


@bp.context_processor
def help_names() -> dict:
    return {"help_screen": lambda code: str(SCREENS.get(code, code))}


@bp.get("/hall")
def hall():
    """The overview's live part alone, for the screen's polling (304 when nothing changed)."""
    context = hall_context()
    response = live_fragment("supervisor/_hall.html", **context)
    db.session.commit()  # the tickets the advice newly named are marked
    return response


@bp.get("/days")
def days():
    """Show a day's figures (yesterday unless another is asked for): what the hall did, the
    applicants still in line at its close included."""
    asked = "day" in request.args
    form = DayForm(formdata=request.args if asked else None, day=today() - timedelta(days=1))
    if asked and not form.validate():
        return render_template("supervisor/days.html", form=form, figures=None), 400
    day = form.day.data
    figures = day_figures(tickets_of_day(day), now(), wait_limits(), service_limits())
    return render_template("supervisor/days.html", form=form, day=day, figures=figures,
                           wait_limits=wait_limits(), service_limits=service_limits())


@dataclass(frozen=True)
class Step:
    """One line of a ticket's history, in the reader's language and the hall's time."""

    time: str
    action: str
    source: str
    target: str
    window: int | None
    who: str
    note: str


def history_context(ticket: Ticket) -> dict:
    """The ticket, its wait and service time, and every step of it."""
    steps = [
        Step(to_local(event.at).strftime("%H:%M:%S"), action_label(event.action),
             status_label(event.from_status), status_label(event.to_status),
             event.window.number if event.window else None,
             event.user.full_name if event.user else "", destination_label(event))
        for event in ticket_history(ticket.id)
    ]
    times = ticket_times(ticket)
    moment = now()
    return {"ticket": ticket, "steps": steps, "ticket_status": status_label(ticket.status),
            "issued": to_local(ticket.issued_at).strftime("%H:%M:%S"),
            "waited": waited(times, moment), "service_time": service_time(times, moment)}


def render_search(form: TicketSearchForm, status: int = 200, **context):
    return render_template("supervisor/tickets.html", form=form, **context), status


@bp.get("/tickets")
def tickets():
    """Find a ticket of today by its printed number and show every step of it."""
    form = TicketSearchForm(formdata=request.args)
    if "number" not in request.args:
        return render_search(form)
    if not form.validate():
        return render_search(form, 400)
    ticket = ticket_by_number(today(), *form.letter_and_number)
    if ticket is None:
        form.number.errors.append(
            _("No ticket %(number)s was issued today.", number=form.number.data))
        return render_search(form, 404)
    form.number.data = ticket.code
    return render_search(form, **history_context(ticket))


@bp.get("/tickets/<int:ticket_id>")
def ticket(ticket_id: int):
    """Show every step of one ticket (the overview links a window's ticket here)."""
    found = ticket_by_id(ticket_id)
    if found is None:
        abort(404)
    form = TicketSearchForm(formdata=None, number=found.code)
    return render_search(form, **history_context(found))
