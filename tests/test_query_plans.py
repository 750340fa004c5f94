"""Every hot screen reads through indexes, and costs the same however long the hall's history.

The hall gets today's hall at work and some weeks of closed days before it (bench/history.py,
kept small; the past's ids below today's, as in a hall that lived through them). Each hot screen
is opened as its user opens it and every statement it sends to the database is caught. Then:

- the database says how it would run each one: ``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN`` on
  PostgreSQL with sequential scans discouraged (so a scan shows only where no index can serve).
  A statement that walks a table growing with history (tickets and their steps, applications,
  certificates) from end to end fails. A walk in index order that a LIMIT stops (the newest
  first) is bounded, and allowed;
- each statement is run again after the past is written, and must do no more work than without
  it: SQLite's virtual machine steps (its progress handler), PostgreSQL's rows read (``EXPLAIN
  ANALYZE``, sequential scans discouraged again: on a few thousand rows a scan is cheap, and the
  question is whether an index can bound the work). An index that matches only part of a
  condition (a service's every ticket ever, sorted to find the last few) passes the first check
  and fails this one.
"""

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import event, text

from bench.bulk import settle
from bench.history import Size, load_history, load_today
from kiosk.admin.demo import DEMO_PASSWORD
from kiosk.hall.settings import hall_zone
from kiosk.line.reporting import keep_days, keep_months, unkept_past_days, unkept_past_months
from kiosk.web.extensions import db
from queue_mgr.certificates.short_codes import short_code_of
from tests.conftest import ALMATY, OPEN_MOMENT, sign_in
from tests.helpers import hidden_inputs

GROWING = ("ticket", "ticket_event", "ticket_counter", "application", "application_event",
           "certificate", "certificate_event", "day_figure")
PAST = Size(days=40, tickets=4000, applications=400, certificates=400)
TODAY = OPEN_MOMENT.astimezone(ALMATY).date()
TODAY_IDS = 100_000  # today's first id: the past's fit below
STEPS_EVERY = 10  # SQLite's progress handler counts in steps of this many instructions
# Work allowed on top of the same statement without the past: a deeper index, and a bounded
# window the past may fill where today cannot yet (a line's last 20 services, at opening).
SAME_WORK_SHARE, SAME_WORK_STEPS, SAME_WORK_ROWS = 1.25, 400, 30
SQLITE_SCAN = re.compile(rf"^SCAN ({'|'.join(GROWING)})(_\d+)?\b")
# Nodes that read all of their input before giving a first row: a LIMIT above them bounds
# nothing below them.
BLOCKING = {"Sort", "Aggregate", "Hash", "Materialize", "Incremental Sort", "Unique", "SetOp",
            "WindowAgg", "Gather Merge"}


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: object

    @property
    def reads_history(self) -> bool:
        words = set(re.findall(r"\b\w+\b", self.sql.lower()))
        return self.sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "WITH")) \
            and bool(words & set(GROWING))


@contextmanager
def caught_statements():
    """Every statement sent to the database meanwhile, with its parameters."""
    caught: list[Statement] = []

    def catch(connection, cursor, sql, parameters, context, executemany):
        caught.append(Statement(sql, parameters))

    event.listen(db.engine, "before_cursor_execute", catch)
    try:
        yield caught
    finally:
        event.remove(db.engine, "before_cursor_execute", catch)


def sqlite_scans(statement: Statement) -> list[str]:
    """The growing tables the statement reads from end to end (SQLite's plan)."""
    with db.engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement.sql}",
                                          statement.parameters).all()
    details = [row[3] for row in plan]
    sorted_ = any("TEMP B-TREE" in detail for detail in details)
    limited = re.search(r"\bLIMIT\b", statement.sql) is not None
    scans = [detail for detail in details if SQLITE_SCAN.match(detail)]
    # The outer loop walking in ORDER BY order, no sort after it, stopped by the LIMIT.
    if scans and limited and not sorted_ and details and details[0] == scans[0]:
        scans = scans[1:]
    return scans


def postgres_plan(statement: Statement, options: str = "") -> dict:
    """PostgreSQL's plan of the statement, sequential scans discouraged (``options``: ANALYZE
    runs it; in a transaction rolled back)."""
    with db.engine.connect() as connection:
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        raw = connection.exec_driver_sql(f"EXPLAIN ({options}FORMAT JSON) {statement.sql}",
                                         statement.parameters).scalar()
        connection.rollback()
    return (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]


def postgres_scans(statement: Statement) -> list[str]:
    """The growing tables the statement reads from end to end (PostgreSQL's plan)."""
    return list(unbounded_scans(postgres_plan(statement), bounded=False))


def unbounded_scans(node: dict, bounded: bool):
    relation = node.get("Relation Name")
    kind = node["Node Type"]
    if relation in GROWING:
        walks_all = kind == "Seq Scan" or (
            kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node)
        if walks_all and not bounded:
            yield f"{kind} on {relation}"
    if kind == "Limit":
        bounded = True
    elif kind in BLOCKING:
        bounded = False
    for child in node.get("Plans", []):
        yield from unbounded_scans(child, bounded)


def scans_of(statement: Statement) -> list[str]:
    if db.engine.dialect.name == "postgresql":
        return postgres_scans(statement)
    return sqlite_scans(statement)


def sqlite_work(statement: Statement) -> int:
    """The virtual machine instructions SQLite runs for the statement (within STEPS_EVERY)."""
    raw = db.engine.raw_connection()
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    try:
        raw.driver_connection.set_progress_handler(tick, STEPS_EVERY)
        cursor = raw.cursor()
        cursor.execute(statement.sql, statement.parameters)
        cursor.fetchall()
    finally:
        raw.driver_connection.set_progress_handler(None, 0)
        raw.close()
    return steps[0] * STEPS_EVERY


def rows_read(node: dict) -> int:
    """The rows PostgreSQL's plan read from the growing tables (kept and filtered out)."""
    own = 0
    if node.get("Relation Name") in GROWING:
        own = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
               + node.get("Rows Removed by Index Recheck", 0)) * node.get("Actual Loops", 1)
    return own + sum(rows_read(child) for child in node.get("Plans", []))


def postgres_work(statement: Statement) -> int:
    return rows_read(postgres_plan(statement, "ANALYZE, "))


def work_of(statement: Statement) -> int:
    if db.engine.dialect.name == "postgresql":
        return postgres_work(statement)
    return sqlite_work(statement)


def same_work(before: int, after: int) -> bool:
    extra = SAME_WORK_ROWS if db.engine.dialect.name == "postgresql" else SAME_WORK_STEPS
    return after <= before * SAME_WORK_SHARE + extra


@pytest.fixture
def hall_today(app):
    """Today's hall at work, its ids leaving room for a past; the facts of today."""
    with app.app_context():
        facts = load_today(OPEN_MOMENT, first_id=TODAY_IDS)
        settle(db.engine)
    return facts


def write_the_past(app) -> None:
    """Forty closed days before today, their ids below today's."""
    with app.app_context():
        load_history(PAST, OPEN_MOMENT.astimezone(hall_zone()).date(), first_id=1)


def signed_in(app, username: str, window: int = 0):
    client = app.test_client()
    response = sign_in(client, username, window, password=DEMO_PASSWORD)
    assert response.status_code == 302, response.status_code
    return client


def hot_screens(facts) -> list[tuple[str, str]]:
    """Who opens which hot screen: (account, or "" for anyone; the path)."""
    return [
        ("", "/kiosk"), ("", "/kiosk/services"), ("", "/kiosk/services/guardianship"),
        ("kiosk", f"/kiosk/ticket/{facts.waiting_token}"), ("", f"/t/{facts.waiting_token}"),
        ("", f"/t/{facts.waiting_token}/status"), ("", f"/r/{facts.request_token}"),
        ("", f"/r/{facts.request_token}/status"), ("", "/board"), ("", "/board/live"),
        ("", f"/v/{facts.certificate_code}"), ("", f"/api/v1/verify/{facts.certificate_code}"),
        ("", f"/v/?code={short_code_of(facts.certificate_code)}"),
        ("", "/.well-known/kiosk-keys.json"),
        ("operator1", "/staff/window/"), ("operator1", "/staff/window/line"),
        ("operator1", f"/staff/applications/ticket/{facts.window_ticket}"),
        ("operator1", f"/staff/applications/handover?number={facts.request_number}"),
        ("supervisor", "/staff/supervisor/"), ("supervisor", "/staff/supervisor/hall"),
        ("supervisor", f"/staff/supervisor/tickets?number={facts.ticket_number}"),
        ("supervisor", "/staff/certificates/"), ("provider", "/staff/provider/"),
        ("supervisor", f"/staff/reports/?start={TODAY}&end={TODAY}"),
    ]


def staff_clients(app, facts) -> dict:
    return {"": app.test_client(), "kiosk": kiosk_that_issued(app, facts.waiting_token),
            "operator1": signed_in(app, "operator1", 1),
            "supervisor": signed_in(app, "supervisor"), "provider": signed_in(app, "provider")}


def kiosk_that_issued(app, token: str):
    """The kiosk that issued a ticket of the history: only it shows that ticket's screen."""
    from kiosk.line.applicant.views import KIOSK_TICKET

    kiosk = app.test_client()
    with kiosk.session_transaction() as session:
        session[KIOSK_TICKET] = token
    return kiosk


def open_paths(app, clients: dict, screens: list[tuple[str, str]]) -> dict[str, list[Statement]]:
    """Open each screen as its user; the statements each sent."""
    sent = {}
    for who, path in screens:
        with app.app_context(), caught_statements() as caught:
            response = clients[who].get(path)
        # 200, or the 303 a typed short code leads on to its certificate's page with
        assert response.status_code in (200, 303), (path, response.status_code)
        sent[path] = caught
    return sent


def open_screens(app, facts) -> dict[str, list[Statement]]:
    """Open every hot screen, take a ticket and call the next applicant; the statements each
    sent."""
    clients = staff_clients(app, facts)
    sent = open_paths(app, clients, hot_screens(facts))
    kiosk, operator = clients[""], clients["operator1"]
    form = hidden_inputs(kiosk.get("/kiosk/services/guardianship").get_data(as_text=True))
    with app.app_context(), caught_statements() as sent["take a ticket"]:
        assert kiosk.post("/kiosk/tickets", data={**form, "category": ""}).status_code == 303
    token = hidden_inputs(operator.get("/staff/window/").get_data(as_text=True))["csrf_token"]
    finish = {"csrf_token": token, "ticket_id": facts.window_ticket}
    assert operator.post("/staff/window/act/finish", data=finish).status_code == 302
    with app.app_context(), caught_statements() as sent["call next"]:
        assert operator.post("/staff/window/act/call", data={"csrf_token": token}).status_code \
            == 302
    return sent


def grown_with_the_past(app, sent: dict[str, list[Statement]]) -> list[str]:
    """Run every read again after the past is written; the ones that now do more work."""
    reads = [(screen, statement) for screen, statements in sent.items()
             for statement in statements
             if statement.reads_history and statement.sql.lstrip().upper().startswith("SELECT")]
    assert len(reads) > len(sent) / 2
    with app.app_context():
        before = [work_of(statement) for _, statement in reads]
    write_the_past(app)
    with app.app_context():
        after = [work_of(statement) for _, statement in reads]
        return [f"{screen}: {without} → {with_past} in {' '.join(statement.sql.split())}"
                for (screen, statement), without, with_past
                in zip(reads, before, after, strict=True) if not same_work(without, with_past)]


def test_every_hot_screen_reads_the_history_through_indexes(app, hall_today):
    write_the_past(app)
    sent = open_screens(app, hall_today)
    with app.app_context():
        full_walks = [
            f"{screen}: {', '.join(scans)} in {' '.join(statement.sql.split())}"
            for screen, statements in sent.items()
            for statement in statements if statement.reads_history
            if (scans := scans_of(statement))
        ]
    assert full_walks == [], "\n".join(full_walks)
    assert sum(len(statements) for statements in sent.values()) > len(sent)


def test_every_hot_statement_does_the_same_work_with_the_past_as_without(app, hall_today):
    grown = grown_with_the_past(app, open_screens(app, hall_today))
    assert grown == [], "\n".join(grown)


def test_a_hall_just_opened_reads_no_past_day_either(app):
    """Before the first call of the day the board's last calls, the estimates and the day's
    figures have nothing of today to stop at: they must not look back into the past."""
    with app.app_context():
        facts = load_today(OPEN_MOMENT, tickets=3, first_id=TODAY_IDS)
        settle(db.engine)
    screens = [("", "/board"), ("", "/board/live"), ("", f"/t/{facts.waiting_token}"),
               ("", f"/t/{facts.waiting_token}/status"), ("supervisor", "/staff/supervisor/"),
               ("operator1", "/staff/window/"), ("operator1", "/staff/window/line")]
    grown = grown_with_the_past(app, open_paths(app, staff_clients(app, facts), screens))
    assert grown == [], "\n".join(grown)


def test_a_years_report_reads_the_kept_figures_through_indexes(app, hall_today):
    write_the_past(app)
    with app.app_context():  # as the nightly housekeeping keeps them
        keep_days(unkept_past_days(OPEN_MOMENT), OPEN_MOMENT)
        keep_months(unkept_past_months(OPEN_MOMENT))
        db.session.commit()
    year = f"/staff/reports/?start={TODAY - timedelta(days=365)}&end={TODAY}"
    sent = open_paths(app, staff_clients(app, hall_today), [("supervisor", year)])[year]
    with app.app_context():
        walks = [f"{', '.join(scans)} in {' '.join(statement.sql.split())}"
                 for statement in sent if statement.reads_history
                 if (scans := scans_of(statement))]
    assert walks == [], "\n".join(walks)
    assert any("day_figure" in statement.sql for statement in sent)


def unindexed() -> Statement:
    return Statement("SELECT count(*) FROM ticket_event WHERE note = 'x'",
                     {} if db.engine.dialect.name == "postgresql" else ())


def test_the_checks_see_a_walk_through_the_whole_history(app, hall_today):
    """The checks themselves: a statement with no index to use is reported by both."""
    with app.app_context():
        without_past = work_of(unindexed())
    write_the_past(app)
    with app.app_context():
        assert scans_of(unindexed())
        assert not same_work(without_past, work_of(unindexed()))
