"""A hall's past and present, generated: a year of finished tickets with their steps,
applications and certificates, and today's hall at work, written in bulk (``bench.bulk``).

Every past day is closed as a real one is: each ticket served, absent or cancelled when the hall
closed, each application handed over with its certificate (or refused at intake). Today's hall is
the same in every database the same seed builds, so screens can be compared with and without the
past. Run in a hall's environment (``KIOSK_*``), inside the app, e.g.
``python -m bench.history --days 365 --tickets 1000000`` (see ``--help``).
"""

import argparse
import json
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from bench.bulk import BulkWriter, checkpoint, settle
from bench.hall_days import (
    APPLICATION,
    CERTIFICATE,
    TABLES,
    TICKET,
    Day,
    Generator,
    Hall,
    start_ids,
    write_counters,
    write_day,
)
from kiosk.hall.settings import hall_zone
from kiosk.line.models import Window
from kiosk.line.reporting import keep_days, keep_months, unkept_past_days, unkept_past_months
from kiosk.web.extensions import db


@dataclass(frozen=True)
class Size:
    """How much past to make: days before today, and the year's tickets, applications and
    certificates (the issue's year: a million tickets, a hundred thousand of each of the rest)."""

    days: int = 365
    tickets: int = 1_000_000
    applications: int = 100_000
    certificates: int = 100_000


def load_history(size: Size, today: date, seed: int = 2026,
                 first_id: int | None = None) -> dict[str, int]:
    """Write ``size.days`` closed days before ``today``; return the rows written per table."""
    hall = Hall.read()
    writer = BulkWriter(db.engine)
    ids = start_ids(writer, first_id)
    generator = Generator(hall, ids, seed)
    certified = min(size.certificates / size.applications, 1.0) if size.applications else 0
    days = []
    for index in range(size.days):
        on = today - timedelta(days=size.days - index)
        share = slice(index * size.tickets // size.days, (index + 1) * size.tickets // size.days)
        apps = (index + 1) * size.applications // size.days - index * size.applications \
            // size.days
        day = generator.past_day(on, share.stop - share.start, apps, certified)
        write_day(writer, day)
        days.append(Day(on, counters=day.counters))
    write_counters(writer, days, ids)
    writer.commit(TABLES)
    settle(db.engine)
    return writer.written


@dataclass(frozen=True)
class Today:
    """Today's hall, as the benchmark opens it: a waiting applicant's ticket, a ticket number
    of the day, a request at the hall (number and status token), a certificate's code and the
    ticket at window 1 (None where the day has none yet)."""

    waiting_token: str | None
    ticket_number: str | None
    request_number: str | None
    request_token: str | None
    certificate_code: str | None
    window_ticket: int | None
    yesterday: str = ""  # the report's ranges (ISO days): the day before, a year to today
    year_ago: str = ""
    today: str = ""


TODAY_WAITING = 40  # the newest tickets still wait; before them, one at each window
# Today's requests: at the provider, or with their certificates (a page of the list's) ready
# or handed over.
TODAY_REQUESTS = ("at_provider", "ready", "handed_over") * 30


def today_fates(count: int, windows: int) -> list[str]:
    """The newest tickets waiting, before them one current at each window, the oldest
    finished (a hall just opened has only waiting ones)."""
    waiting = min(count, TODAY_WAITING)
    current = min(count - waiting, windows)
    return ["finished"] * (count - waiting - current) + ["current"] * current \
        + ["waiting"] * waiting


def load_today(now: datetime, tickets: int = 360, seed: int = 11,
               first_id: int | None = None) -> Today:
    """Write today's hall at ``now``: ``tickets`` issued over the last eight hours, most
    served, one at each window (held by its operator), forty waiting; up to ninety applications
    at the provider, ready or handed over, and a draft at window 1."""
    hall = Hall.read()
    writer = BulkWriter(db.engine)
    ids = start_ids(writer, first_id)
    generator = Generator(hall, ids, seed)
    day = Day(now.astimezone(hall_zone()).date())
    current = issue_today(generator, day, now, tickets)
    settled = now - timedelta(hours=2)
    early = [(ticket, at) for ticket, at in day.served_guardianship if at < settled]
    for (ticket_id, finished), status in zip(early, TODAY_REQUESTS, strict=False):
        generator.application(day, ticket_id, finished, status, timedelta(minutes=20))
    at_window_1 = current.get(hall.window_ids[0])
    if at_window_1:
        generator.application(day, at_window_1[0], now - timedelta(minutes=5), "draft",
                              timedelta(0))
    write_day(writer, day)
    write_counters(writer, [day], ids)
    writer.commit(TABLES)
    hold_windows(hall, now)
    return today_facts(day, at_window_1)


def issue_today(generator: Generator, day: Day, now: datetime, tickets: int) -> dict:
    """The day's tickets, issued over the eight hours before ``now``; return the current one
    of each window."""
    windows = generator.hall.window_ids
    start = now - timedelta(hours=8)
    span = (timedelta(hours=8) - timedelta(minutes=2)).total_seconds()
    moments = sorted(generator.rng.uniform(0, span) for _ in range(tickets))
    current = {}
    for moment, fate in zip(moments, today_fates(tickets, len(windows)), strict=True):
        issued = start + timedelta(seconds=moment)
        if fate == "finished":
            fate = generator.rng.choices(("served", "no_show"), (92, 8))[0]
        if fate == "current":
            window = windows[len(current)]
            fate = "called" if len(current) == 1 else "serving"
            current[window] = generator.ticket(day, day.on, issued, fate, window=window)
        else:
            generator.ticket(day, day.on, issued, fate)
    return current


def hold_windows(hall: Hall, now: datetime) -> None:
    for window, operator in hall.operator_of.items():
        db.session.execute(update(Window).where(Window.id == window).values(
            operator_id=operator, operator_seen_at=now, paused=False))
    db.session.commit()


def first_of(rows: list, columns: tuple, status: str) -> tuple | None:
    return next((row for row in rows if row[columns.index("status")] == status), None)


def today_facts(day: Day, at_window_1: tuple | None) -> Today:
    waiting = [row for row in day.tickets if row[TICKET.index("status")] == "waiting"]
    served = first_of(day.tickets, TICKET, "served")
    ready = first_of(day.applications, APPLICATION, "ready")
    certificate = ready and next(row for row in day.certificates
                                 if row[CERTIFICATE.index("application_id")] == ready[0])
    letter, number = TICKET.index("letter"), TICKET.index("number")
    return Today(
        waiting_token=waiting[len(waiting) // 2][TICKET.index("token")] if waiting else None,
        ticket_number=served and f"{served[letter]}{served[number]:03d}",
        request_number=ready and ready[APPLICATION.index("number")],
        request_token=ready and ready[APPLICATION.index("token")],
        certificate_code=certificate and certificate[CERTIFICATE.index("code")],
        window_ticket=at_window_1 and at_window_1[0],
        yesterday=(day.on - timedelta(days=1)).isoformat(),
        year_ago=(day.on - timedelta(days=365)).isoformat(), today=day.on.isoformat(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.history", description=__doc__)
    parser.add_argument("--days", type=int, default=Size.days)
    parser.add_argument("--tickets", type=int, default=Size.tickets)
    parser.add_argument("--applications", type=int, default=Size.applications)
    parser.add_argument("--certificates", type=int, default=Size.certificates)
    parser.add_argument("--today", action="store_true",
                        help="write today's hall after the past; print its facts as JSON")
    arguments = parser.parse_args()
    from kiosk import create_app

    app = create_app()
    with app.app_context(), app.test_request_context():
        started = time.monotonic()
        now = datetime.now(UTC)
        today = now.astimezone(hall_zone()).date()
        size = Size(arguments.days, arguments.tickets, arguments.applications,
                    arguments.certificates)
        written = load_history(size, today) if size.days else {}
        seconds = round(time.monotonic() - started, 1)
        kept = keep_figures(now)
        facts = load_today(now) if arguments.today else None
        checkpoint(db.engine)
        print(json.dumps({"written": written, "seconds": seconds, "kept": kept,
                          "today": facts and facts.__dict__}))


def keep_figures(now: datetime) -> dict:
    """Keep the past days' figures for the reports, as the housekeeping does each night."""
    started = time.monotonic()
    days = keep_days(unkept_past_days(now), now)
    months = keep_months(unkept_past_months(now))
    db.session.commit()
    return {"days": days, "months": months, "seconds": round(time.monotonic() - started, 1)}


if __name__ == "__main__":
    main()
