"""The hall's settings as core values: limits, opening hours, time zone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask, current_app

from queue_mgr import CallingRules, HallHours, SlaLimits


def init_hall(app: Flask) -> None:
    """Parse the hall's settings once, so a bad setting stops the app at start."""
    config = app.config
    waiting = SlaLimits(warning=timedelta(minutes=config["WARNING_MINUTES"]),
                        limit=timedelta(minutes=config["WAIT_LIMIT_MINUTES"]))
    app.extensions["hall"] = {
        "zone": ZoneInfo(config["TIMEZONE"]),
        "hours": HallHours.parse(config["HALL_HOURS"], config["HALL_DAYS"], config["TIMEZONE"]),
        "wait_limits": waiting,
        "calling_rules": CallingRules(
            waiting, ceiling=timedelta(minutes=config["OVERDUE_CEILING_MINUTES"])),
        "service_limits": SlaLimits(
            warning=timedelta(minutes=min(config["WARNING_MINUTES"],
                                          config["SERVICE_LIMIT_MINUTES"])),
            limit=timedelta(minutes=config["SERVICE_LIMIT_MINUTES"]),
        ),
    }
    app.jinja_env.globals["hall_time"] = to_local  # a stored moment in the hall's time zone


def hall_zone() -> ZoneInfo:
    return current_app.extensions["hall"]["zone"]


def hall_hours() -> HallHours:
    return current_app.extensions["hall"]["hours"]


def wait_limits() -> SlaLimits:
    return current_app.extensions["hall"]["wait_limits"]


def calling_rules() -> CallingRules:
    return current_app.extensions["hall"]["calling_rules"]


def return_allowed() -> timedelta:
    """How long after being marked absent an applicant may still be put back in line."""
    return timedelta(minutes=current_app.config["NO_SHOW_RETURN_MINUTES"])


def service_limits() -> SlaLimits:
    return current_app.extensions["hall"]["service_limits"]


def to_local(moment: datetime) -> datetime:
    """Return a stored UTC moment in the hall's time zone."""
    return moment.astimezone(hall_zone())
