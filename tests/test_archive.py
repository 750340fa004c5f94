"""`flask prune-tickets`: old tickets archived and removed; applications and certificates stay."""

import csv
from datetime import date

import pytest
from sqlalchemy import func, select

from bench.history import Size, load_history
from kiosk.casework.certificates.models import Certificate
from kiosk.casework.models import Application
from kiosk.line.models import Ticket, TicketCounter, TicketEvent
from kiosk.line.reporting import plain_report, range_report
from kiosk.web.clock import now
from kiosk.web.extensions import db

# Sixty closed days before the tests' day (25 November 2026): 26 September to 24 November.
PAST = Size(days=60, tickets=1200, applications=60, certificates=60)
CUTOFF = "2026-10-16"  # the twenty days from 26 September to 15 October go


@pytest.fixture
def sixty_days(app):
    with app.app_context():
        load_history(PAST, date(2026, 11, 25))


def count(model, *conditions) -> int:
    return db.session.execute(select(func.count()).select_from(model).where(*conditions)).scalar()


def old_days(app) -> dict[str, int]:
    old = Ticket.day < date.fromisoformat(CUTOFF)
    with app.app_context():
        return {
            "tickets": count(Ticket, old),
            "named": count(Ticket, old, Ticket.id.in_(select(Application.ticket_id))),
            "steps": count(TicketEvent, TicketEvent.ticket_id.in_(select(Ticket.id).where(old))),
            "counters": count(TicketCounter, TicketCounter.day < date.fromisoformat(CUTOFF)),
            "recent": count(Ticket, ~old),
            "applications": count(Application), "certificates": count(Certificate),
        }


def test_old_tickets_are_archived_then_removed_and_applications_keep_theirs(
        app, runner, sixty_days, tmp_path):
    before = old_days(app)
    result = runner.invoke(args=["prune-tickets", "--before", CUTOFF, "--archive",
                                 str(tmp_path)])
    assert result.exit_code == 0, result.output
    removed = before["tickets"] - before["named"]
    assert result.output.splitlines()[-1] == f"tickets removed: {removed}, archived in {tmp_path}"
    assert result.output.splitlines()[0] == \
        "days whose figures were kept for the reports first: 20"
    assert len(result.output.splitlines()) == 1 + 20 + 1  # a line a day
    after = old_days(app)
    assert after["tickets"] == after["named"] == before["named"] > 0
    assert after["recent"] == before["recent"]
    assert (after["applications"], after["certificates"]) == \
        (before["applications"], before["certificates"])
    with (tmp_path / "ticket.csv").open(encoding="utf-8") as archived:
        rows = list(csv.DictReader(archived))
    assert len(rows) == removed
    assert all(row["day"] < CUTOFF for row in rows)
    with (tmp_path / "ticket_event.csv").open(encoding="utf-8") as archived:
        steps = list(csv.DictReader(archived))
    assert len(steps) == before["steps"] - after["steps"] > 0


def test_a_day_left_without_tickets_loses_its_counters_too(app, runner, sixty_days):
    with app.app_context():
        db.session.execute(Application.__table__.update().values(ticket_id=None))
        db.session.commit()
    runner.invoke(args=["prune-tickets", "--before", CUTOFF])
    assert old_days(app)["tickets"] == old_days(app)["counters"] == 0


def test_a_certificate_of_a_pruned_day_still_verifies(app, client, runner, sixty_days):
    with app.app_context():
        code = db.session.execute(select(Certificate.code).order_by(Certificate.id)).scalar()
    runner.invoke(args=["prune-tickets", "--before", CUTOFF])
    client.set_cookie("lang", "en")
    assert client.get(f"/api/v1/verify/{code}").get_json()["status"] == "valid"


def test_the_last_month_is_never_pruned(app, runner, sixty_days):
    before = old_days(app)
    result = runner.invoke(args=["prune-tickets", "--before", "2026-11-01"])
    assert result.exit_code == 2
    assert "the last 31 days stay: give a day before 2026-10-26" in result.output
    assert old_days(app) == before


def test_the_reports_over_pruned_days_stay_as_they_were(app, runner, sixty_days):
    first, last = date(2026, 9, 26), date(2026, 11, 24)
    with app.app_context():
        before = plain_report(first, last, now())
    assert runner.invoke(args=["prune-tickets", "--before", CUTOFF]).exit_code == 0
    with app.app_context():
        assert range_report(first, last, now()) == before
        assert before.whole.tickets == PAST.tickets


def test_an_archive_with_other_columns_is_refused_before_anything_is_removed(
        app, runner, sixty_days, tmp_path):
    """An archive begun before a migration added columns: rows appended to it would stand under
    the wrong headings."""
    older = "id,ticket_id,at,action,from_status,to_status,window_id,user_id,note\n"
    (tmp_path / "ticket_event.csv").write_text(older, encoding="utf-8")
    before = old_days(app)
    result = runner.invoke(args=["prune-tickets", "--before", CUTOFF, "--archive",
                                 str(tmp_path)])
    assert result.exit_code == 2
    assert "ticket_event.csv there has other columns than the table ticket_event has now" \
        in " ".join(result.output.split())
    assert old_days(app) == before
    assert not (tmp_path / "ticket.csv").exists()
    assert (tmp_path / "ticket_event.csv").read_text(encoding="utf-8") == older
