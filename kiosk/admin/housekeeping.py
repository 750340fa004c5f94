"""`flask housekeeping`: the daily chores of the hall's records (run by a scheduler)."""

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import IntegrityError

from kiosk.casework.cases import transfer_unclaimed
from kiosk.hall.settings import to_local
from kiosk.line.closing import close_past_days
from kiosk.line.reporting import keep_days, keep_months, unkept_past_days, unkept_past_months
from kiosk.web.clock import now
from kiosk.web.extensions import db
from queue_mgr import DomainError

LEFT_AS = (("waiting", "in line"), ("called", "called"), ("serving", "at a window"))


@click.command("housekeeping")
@with_appcontext
def housekeeping_command() -> None:
    """Close the days gone by, keep their figures, and hand the results kept a month unclaimed
    to the provider.

    Every ticket of an earlier day still open is closed at that day's closing time: whoever was
    in line or called leaves unserved (cancelled, counted in the day's figures), whoever was at
    a window is served until the close. The figures of every closed day are kept for the
    reports (``/staff/reports``), once. Every ready result whose month of storage has passed
    goes to the provider (status "transferred"). The command prints counts, days and request
    numbers, never a name or an IIN, so its output may go to a log. Running it again the same
    day changes nothing. Run it once a day, after midnight in the hall's time zone, e.g. from
    cron:

    \b
        15 0 * * *  cd /srv/kiosk && flask --app kiosk housekeeping >> /var/log/kiosk/hk.log

    or from a systemd timer with OnCalendar=*-*-* 00:15.
    """
    moment = now()
    stamp = to_local(moment).strftime("%Y-%m-%d %H:%M")
    close_days(stamp, moment)
    keep_figures(stamp, moment)
    hand_unclaimed(stamp, moment)


def close_days(stamp: str, moment) -> None:
    days = close_past_days(moment)
    db.session.commit()
    click.echo(f"{stamp} tickets closed at the hall's closing time: "
               f"{sum(day.total for day in days)}")
    for day in days:
        counts = ", ".join(f"{day.left[status]} {words}" for status, words in LEFT_AS)
        click.echo(f"  {day.day:%Y-%m-%d}  {counts}")


def keep_figures(stamp: str, moment) -> None:
    try:
        days = keep_days(unkept_past_days(moment), moment)
        months = keep_months(unkept_past_months(moment))
        db.session.commit()
    except IntegrityError:  # another run kept them meanwhile
        db.session.rollback()
        raise click.ClickException(
            "another run is keeping the days' figures; nothing was changed.") from None
    click.echo(f"{stamp} days whose figures were kept for the reports: {days}")
    if months:
        click.echo(f"{stamp} months whose figures were kept for the reports: {months}")


def hand_unclaimed(stamp: str, moment) -> None:
    try:
        moved = transfer_unclaimed(moment)
        db.session.commit()
    except DomainError:  # another run moved one of them meanwhile: the next run picks up the rest
        db.session.rollback()
        raise click.ClickException(
            "another run is handing results over; nothing was changed.") from None
    click.echo(f"{stamp} results handed to the provider: {len(moved)}")
    for application in moved:
        ready = to_local(application.ready_at).strftime("%Y-%m-%d") if application.ready_at else "-"
        click.echo(f"  {application.number}  ready {ready}  kept until "
                   f"{application.stored_until:%Y-%m-%d}")
