"""The hall's reports for supervisors: a range of days, per day, hour, window, service and priority
group, as tables, server-drawn charts and a CSV file of the same numbers."""

import csv
import io
from dataclasses import dataclass
from datetime import timedelta

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kiosk.forms.fields import today
from kiosk.hall.models import PriorityCategory, Service
from kiosk.hall.settings import service_limits, wait_limits
from kiosk.line.reporting import range_report
from kiosk.line.reports import bp
from kiosk.line.reports.forms import RangeForm
from kiosk.web.clock import now
from kiosk.web.extensions import db
from queue_mgr.line.reports import NONE, Figures, Report, each_row

DEFAULT_DAYS = 7
FAMILY_TITLES = {"hour": _l("By hour"), "window": _l("By window"),
                 "service": _l("By service"), "group": _l("By priority group")}


@bp.after_request
def never_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def range_form() -> RangeForm:
    """The range asked for, or the last week up to today when none was."""
    if "start" in request.args or "end" in request.args:
        return RangeForm(formdata=request.args)
    last = today()
    return RangeForm(formdata=None, start=last - timedelta(days=DEFAULT_DAYS - 1), end=last)


@dataclass(frozen=True)
class Labels:
    """How each family's keys read: hours, window numbers, service and group names."""

    services: dict[int, Service]
    groups: dict[int, PriorityCategory]

    @classmethod
    def read(cls) -> "Labels":
        return cls({s.id: s for s in db.session.execute(db.select(Service)).scalars()},
                   {g.id: g for g in db.session.execute(db.select(PriorityCategory)).scalars()})

    def label(self, family: str, key) -> str:
        if family == "day":
            return key.strftime("%d.%m.%Y")
        if family == "hour":
            return f"{key:02d}:00–{key + 1:02d}:00"
        if family == "window":
            return _("Window %(number)s", number=key) if key != NONE else _("Never at a window")
        if family == "service":
            return self.services[key].name if key in self.services else str(key)
        if family == "group":
            return self.groups[key].name if key in self.groups else _("No priority")
        return _("The whole range")

    def code(self, family: str, key) -> str:
        """The key as the CSV file writes it: a day, an hour, a number or a code."""
        if family == "service" and key in self.services:
            return self.services[key].code
        if family == "group":
            return self.groups[key].code if key in self.groups else "none"
        return "" if family == "whole" else str(key)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..1 of the chart's height
    shown: str


def share_bars(rows: dict, labels: Labels, family: str) -> list[Bar]:
    """A bar per row: the share who came to a window within the waiting limit."""
    return [Bar(labels.label(family, key), f.wait_share or 0.0,
                "—" if f.wait_share is None else f"{f.wait_share:.0%}")
            for key, f in rows.items()]


def count_bars(rows: dict, labels: Labels, family: str) -> list[Bar]:
    """A bar per row: its tickets, against the busiest row."""
    most = max((f.tickets for f in rows.values()), default=0) or 1
    return [Bar(labels.label(family, key), f.tickets / most, str(f.tickets))
            for key, f in rows.items()]


def report_context(form: RangeForm, report: Report) -> dict:
    labels = Labels.read()
    return {
        "form": form, "report": report, "labels": labels, "titles": FAMILY_TITLES,
        "start": form.start.data, "end": form.end.data,
        "wait_limit": wait_limits().limit, "service_limit": service_limits().limit,
        "charts": [
            (_("Came to a window within the waiting limit, by day"),
             share_bars(report.days, labels, "day")),
            (_("Tickets by hour of the day"), count_bars(report.families["hour"], labels, "hour")),
            (_("Came to a window within the waiting limit, by hour"),
             share_bars(report.families["hour"], labels, "hour")),
        ],
    }


@bp.get("/")
def report_page():
    """Show the figures of a range of days (the last week unless another is asked for)."""
    form = range_form()
    if not form.validate():
        return render_template("reports/report.html", form=form, report=None), 400
    report = range_report(form.start.data, form.end.data, now())
    return render_template("reports/report.html", **report_context(form, report))


CSV_COLUMNS = ("breakdown", "key", "tickets", "served", "no_shows", "closed_unserved",
               "transfers", "reached_window", "within_wait_limit_share", "waits_past_limit",
               "within_service_limit_share", "wait_p50_s", "wait_p90_s", "wait_max_s",
               "service_p50_s", "service_p90_s", "service_max_s", "breaches_forecast",
               "forecast_happened")


def csv_line(breakdown: str, key: str, f: Figures) -> list:
    def seconds(value):
        return "" if value is None else round(value.total_seconds())

    def share(value):
        return "" if value is None else f"{value:.4f}"

    return [breakdown, key, f.tickets, f.served, f.no_shows, f.closed_unserved, f.transfers,
            f.reached, share(f.wait_share), f.waits_past, share(f.service_share),
            seconds(f.waits.percentile(50)), seconds(f.waits.percentile(90)),
            seconds(f.waits.percentile(100)), seconds(f.services.percentile(50)),
            seconds(f.services.percentile(90)), seconds(f.services.percentile(100)),
            f.forecast, f.forecast_happened]


@bp.get("/figures.csv")
def report_csv():
    """The same figures as a CSV file: a line per row of every table."""
    form = range_form()
    if not form.validate():
        errors = [error for field in form for error in field.errors]
        return Response("\n".join(map(str, errors)) + "\n", 400, mimetype="text/plain")
    report, labels = range_report(form.start.data, form.end.data, now()), Labels.read()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for family, key, figures in each_row(report):
        writer.writerow(csv_line(family, labels.code(family, key), figures))
    name = f"hall-figures-{form.start.data:%Y-%m-%d}-{form.end.data:%Y-%m-%d}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
