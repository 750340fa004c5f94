"""`flask housekeeping`: the daily chores of the hall's records (run by a scheduler)."""

import click
from flask.cli import with_appcontext

from kiosk.casework import transfer_unclaimed
from kiosk.clock import now
from kiosk.extensions import db
from kiosk.hall import to_local
from queue_mgr import QueueError


@click.command("housekeeping")
@with_appcontext
def housekeeping_command() -> None:
    """Hand the results kept a month unclaimed to the provider.

    Every ready result whose month of storage has passed goes to the provider (status
    "transferred"); the command prints each one's request number and ready date, never a
    name or an IIN, so its output may go to a log. Running it again the same day changes
    nothing. Run it once a day, after midnight in the hall's time zone, e.g. from cron:

    \b
        15 0 * * *  cd /srv/kiosk && flask --app kiosk housekeeping >> /var/log/kiosk/hk.log

    or from a systemd timer with OnCalendar=*-*-* 00:15.
    """
    moment = now()
    try:
        moved = transfer_unclaimed(moment)
        db.session.commit()
    except QueueError:  # another run moved one of them meanwhile: the next run picks up the rest
        db.session.rollback()
        raise click.ClickException(
            "another run is handing results over; nothing was changed.") from None
    stamp = to_local(moment).strftime("%Y-%m-%d %H:%M")
    click.echo(f"{stamp} results handed to the provider: {len(moved)}")
    for application in moved:
        ready = to_local(application.ready_at).strftime("%Y-%m-%d") if application.ready_at else "-"
        click.echo(f"  {application.number}  ready {ready}  kept until "
                   f"{application.stored_until:%Y-%m-%d}")
