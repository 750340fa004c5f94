"""The migrations carry a hall's records across: what an older schema kept as text in a step's
note becomes references to the service and the window, and goes back to text on a downgrade."""

import flask_migrate
import pytest
from sqlalchemy import create_engine, inspect, make_url, text

from config import TestingConfig
from kiosk import create_app
from kiosk.web.extensions import db
from tests.conftest import ROOT

MIGRATIONS = str(ROOT / "migrations")
SCHEMA = "kiosk_migration_check"  # PostgreSQL: the older hall's own schema

# A hall at revision 0011: two services, windows 3 and 12 (ids 1 and 2), one ticket and its steps.
OLDER_HALL = [
    "INSERT INTO service (id, code, letter, name_kk, name_ru, name_en, default_service_seconds,"
    " sort_order, active) VALUES"
    " (1, 'guardianship', 'G', 'Қорғаншылық', 'Опека', 'Guardianship', 600, 0, true),"
    " (2, 'identity', 'D', 'Жеке куәлік', 'Удостоверение', 'Identity documents', 720, 1, true)",
    'INSERT INTO "window" (id, number, paused) VALUES (1, 3, false), (2, 12, false)',
    "INSERT INTO ticket (id, token, service_id, issued_service_id, letter, day, number, recalls,"
    " status, lang, issued_at, waiting_since, served_seconds) VALUES"
    " (1, 'older-ticket', 2, 1, 'G', '2026-11-24', 1, 0, 'waiting', 'kk',"
    " '2026-11-24 05:00:00', '2026-11-24 05:00:00', 0)",
]
STEP = ("INSERT INTO ticket_event (id, ticket_id, at, action, from_status, to_status, window_id,"
        " note) VALUES (:id, 1, '2026-11-24 05:00:00', :action, 'called', 'waiting', 1, :note)")
STEPS = [  # id, action, note: as the older code wrote them, and notes it could not have written
    (1, "issue", None),
    (2, "transfer", "identity"),
    (3, "transfer", "window 12"),
    (4, "transfer", "window 3"),
    (5, "transfer", "window 7"),  # no window 7
    (6, "transfer", "passport desk"),  # no such service
    (7, "call", "identity"),  # not a transfer
]
# id, note, to_service_id, to_window_id
CONVERTED = [
    (1, None, None, None),
    (2, None, 2, None),
    (3, None, None, 2),
    (4, None, None, 1),
    (5, "window 7", None, None),
    (6, "passport desk", None, None),
    (7, "identity", None, None),
]


@pytest.fixture
def scratch_url(database_url, tmp_path):
    """An empty database of the test's own (on PostgreSQL a schema of the test database), so
    the schema the other tests use stays as it is."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'older-hall.db'}"
        return
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    url = make_url(database_url).update_query_dict({"options": f"-csearch_path={SCHEMA}"})
    yield url.render_as_string(hide_password=False)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))
    engine.dispose()


@pytest.fixture
def older_hall(scratch_url):
    """An app on a database at revision 0011 holding transfers noted as text."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=scratch_url)
    with app.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS, revision="0011")
        with db.engine.begin() as connection:
            for statement in OLDER_HALL:
                connection.execute(text(statement))
            connection.execute(text(STEP), [dict(zip(("id", "action", "note"), step,
                                                     strict=True)) for step in STEPS])
        yield app
        db.engine.dispose()


def steps(columns: str) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in
                connection.execute(text(f"SELECT id, {columns} FROM ticket_event ORDER BY id"))]


def test_a_transfers_note_becomes_a_reference_to_its_service_or_window(older_hall):
    with older_hall.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
        assert steps("note, to_service_id, to_window_id") == CONVERTED


def test_a_downgrade_writes_the_transfers_back_as_notes(older_hall):
    with older_hall.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
        flask_migrate.downgrade(directory=MIGRATIONS, revision="0011")
        assert steps("note") == [(id_, note) for id_, _, note in STEPS]
        columns = {column["name"] for column in inspect(db.engine).get_columns("ticket_event")}
        assert not columns & {"to_service_id", "to_window_id"}
        flask_migrate.upgrade(directory=MIGRATIONS)  # and up again, as the first time
        assert steps("note, to_service_id, to_window_id") == CONVERTED


# A hall at revision 0012 that handed results over: to an applicant, to a representative (the
# power of attorney noted as text), and one whose note no code of ours wrote.
TEXT = "''"
APPLICATION = (
    "INSERT INTO application (id, token, channel, status, applicant_surname, applicant_name,"
    " applicant_patronymic, applicant_iin, applicant_phone, applicant_address, child_surname,"
    " child_name, child_patronymic, child_iin, child_born_abroad, by_proxy, principal_name,"
    " principal_iin, proxy_number, consent, documents, missing_documents, refusal_reason,"
    f" created_at, handed_to) VALUES (:id, :token, 'hall', 'handed_over', {', '.join([TEXT] * 10)},"
    f" false, false, {TEXT}, {TEXT}, {TEXT}, true, '[]', '[]', {TEXT}, '2026-11-24 05:00:00',"
    " :handed_to)"
)
HANDED = ("INSERT INTO application_event (id, application_id, at, action, note) VALUES"
          " (:id, :id, '2026-11-24 06:00:00', 'handed_over', :note)")
HANDOVERS = [  # application (and step) id, to whom, the step's note
    (1, "applicant", "applicant"),
    (2, "representative", "PoA No 1234 of 01.03.2026"),
    (3, "representative", "by hand"),
]


@pytest.fixture
def hall_at_0012(scratch_url):
    """An app on a database at revision 0012 holding handovers noted as text."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=scratch_url)
    with app.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS, revision="0012")
        with db.engine.begin() as connection:
            for id_, to, note in HANDOVERS:
                connection.execute(text(APPLICATION), {"id": id_, "token": f"t{id_}",
                                                       "handed_to": to})
                connection.execute(text(HANDED), {"id": id_, "note": note})
        yield app
        db.engine.dispose()


def rows(sql: str) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_a_representatives_power_of_attorney_note_becomes_the_handovers_columns(hall_at_0012):
    with hall_at_0012.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS, revision="0016")
        assert rows("SELECT id, note FROM application_event ORDER BY id") == [
            (1, "applicant"), (2, "representative"), (3, "by hand")]
        (handover,) = rows("SELECT application_id, receiver_name, proxy_number, proxy_date,"
                           " proxy_notary, proxy_valid_until FROM handover")
        assert handover[:3] == (2, "", "1234") and handover[4:] == ("", None)
        assert str(handover[3]) == "2026-03-01"
        indexes = {index["name"] for index in inspect(db.engine).get_indexes("application_event")}
        assert "ix_application_event_action_at" in indexes


def test_a_downgrade_writes_the_power_of_attorney_back_as_a_note(hall_at_0012):
    with hall_at_0012.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS, revision="0016")
        flask_migrate.downgrade(directory=MIGRATIONS, revision="0012")
        assert rows("SELECT id, note FROM application_event ORDER BY id") == [
            (id_, note) for id_, _, note in HANDOVERS]
        assert "handover" not in inspect(db.engine).get_table_names()
