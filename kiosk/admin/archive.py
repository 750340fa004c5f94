"""`flask prune-tickets`: a hall that wants a smaller database archives and removes old tickets.

Screens never read old days (each reads today's rows or a bounded recent window), so pruning is
never needed for speed; it is for a hall's own retention rule or disk. Only tickets and their
steps go: applications, certificates and their histories stay for good (a certificate must
verify for years), and so does every ticket an application names. The days' figures for the
reports are kept first (as the daily housekeeping does), so reports over pruned days stay whole.
"""

import csv
from datetime import date, timedelta
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import Table, delete, select

from kiosk.casework.models import Application
from kiosk.forms.fields import today
from kiosk.line.closing import close_past_days
from kiosk.line.models import LineDay, Ticket, TicketCounter, TicketEvent
from kiosk.line.reporting import keep_days, unkept_past_days
from kiosk.web.clock import now
from kiosk.web.extensions import db

KEPT_DAYS = 31  # the last month stays: its figures are still looked at, complaints still come


def prunable(day: date):
    """The ids of the day's tickets no application names (all of them closed by then)."""
    named = select(Application.ticket_id).where(Application.ticket_id.is_not(None))
    return select(Ticket.id).where(Ticket.day == day, Ticket.id.not_in(named))


def archive_rows(folder: Path, table: Table, statement) -> int:
    """Append the rows ``statement`` selects to ``<table>.csv`` in ``folder`` (with a header
    when the file is new); return how many."""
    path = folder / f"{table.name}.csv"
    rows = db.session.execute(statement).all()
    new = not path.exists()
    with path.open("a", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        if new:
            writer.writerow(table.columns.keys())
        writer.writerows(rows)
    return len(rows)


def check_archive(folder: Path) -> None:
    """Refuse a folder whose files have other columns than the tables have now (a migration
    added one since): the rows appended would stand under the wrong headings."""
    for table in (Ticket.__table__, TicketEvent.__table__):
        path = folder / f"{table.name}.csv"
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as archived:
            header = next(csv.reader(archived), None)
        if header != table.columns.keys():
            raise click.BadParameter(
                f"{path.name} there has other columns than the table {table.name} has now: "
                "archive into a new folder", param_hint="--archive")


def prune_day(day: date, folder: Path | None) -> int:
    """Archive (if asked) and delete one day's prunable tickets with their steps, and the
    day's counters and longest wait if no ticket of the day is left; commit; return the tickets
    removed."""
    ids = prunable(day).scalar_subquery()
    steps, tickets = TicketEvent.__table__, Ticket.__table__
    if folder is not None:
        archive_rows(folder, tickets, select(tickets).where(tickets.c.id.in_(ids))
                     .order_by(tickets.c.id))
        archive_rows(folder, steps, select(steps).where(steps.c.ticket_id.in_(ids))
                     .order_by(steps.c.id))
    db.session.execute(delete(TicketEvent).where(TicketEvent.ticket_id.in_(ids)))
    removed = db.session.execute(delete(Ticket).where(Ticket.id.in_(ids))).rowcount
    if db.session.execute(select(Ticket.id).where(Ticket.day == day).limit(1)).first() is None:
        db.session.execute(delete(TicketCounter).where(TicketCounter.day == day))
        db.session.execute(delete(LineDay).where(LineDay.day == day))
    db.session.commit()
    return removed


def keep_figures_before(cutoff: date) -> None:
    """Close the days before ``cutoff`` and keep their figures, if not done already."""
    moment = now()
    close_past_days(moment)
    kept = keep_days([day for day in unkept_past_days(moment) if day < cutoff], moment)
    db.session.commit()
    if kept:
        click.echo(f"days whose figures were kept for the reports first: {kept}")


def days_before(cutoff: date) -> list[date]:
    return list(db.session.execute(
        select(Ticket.day).where(Ticket.day < cutoff).group_by(Ticket.day).order_by(Ticket.day)
    ).scalars())


@click.command("prune-tickets")
@click.option("--before", "cutoff", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="remove the tickets of the days before this one (YYYY-MM-DD)")
@click.option("--archive", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="first append the removed rows to ticket.csv and ticket_event.csv here")
@with_appcontext
def prune_tickets_command(cutoff, folder: Path | None) -> None:
    """Archive and remove the tickets of days before --before, with their steps.

    Applications, certificates and the tickets applications name are never removed. Each day is
    its own short transaction, so the hall may stay open meanwhile. The last month stays.
    """
    cutoff = cutoff.date()
    if cutoff > today() - timedelta(days=KEPT_DAYS):
        raise click.BadParameter(
            f"the last {KEPT_DAYS} days stay: give a day before "
            f"{today() - timedelta(days=KEPT_DAYS - 1):%Y-%m-%d}", param_hint="--before")
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        check_archive(folder)
    keep_figures_before(cutoff)
    total = 0
    for day in days_before(cutoff):
        removed = prune_day(day, folder)
        total += removed
        click.echo(f"  {day:%Y-%m-%d}  {removed} tickets removed")
    click.echo(f"tickets removed: {total}" + (f", archived in {folder}" if folder else ""))
