"""Migration 0015 carries a hall's registry and certificates across: the basis written once
becomes an order whose body is named the same in both languages, so an issued certificate says
what it said and still verifies; nothing hanging off the rewritten tables is lost; a downgrade
gives the single text back."""

from datetime import date

import flask_migrate
import pytest
from sqlalchemy import inspect, text

from config import TestingConfig
from kiosk import create_app
from kiosk.casework.certificates.keys import keyring
from kiosk.casework.certificates.models import Certificate
from kiosk.casework.certificates.printing import sheets
from kiosk.web.extensions import db
from queue_mgr.certificates.codes import CodeFields, DocumentType, sign_code
from tests.test_migrations import (
    MIGRATIONS,
    scratch_url,  # noqa: F401 - the fixture, shared
)

BODY = "Астана қаласының білім басқармасы"  # written once, in Kazakh, as the older hall did
ISSUED_ON = date(2026, 11, 20)
OLDER_HALL = [
    "INSERT INTO guardianship_record (id, guardian_name, guardian_iin, basis_number, basis_date,"
    f" basis_body, active) VALUES (1, 'Ахметова Айгерим', '850305400120', 'No 1234',"
    f" '2024-02-01', '{BODY}', true)",
    "INSERT INTO registry_child (id, record_id, full_name, birth_date, iin) VALUES"
    " (1, 1, 'Ахметов Ерлан', '2015-06-01', '150601600781'),"
    " (2, 1, 'Ахметова Дана', '2012-02-11', '120211500338')",
    "INSERT INTO application (id, number, token, channel, status, outcome, applicant_surname,"
    " applicant_name, applicant_patronymic, applicant_iin, applicant_phone, applicant_address,"
    " child_surname, child_name, child_patronymic, child_iin, child_born_abroad, by_proxy,"
    " principal_name, principal_iin, proxy_number, consent, documents, missing_documents,"
    " registry_record_id, refusal_reason, created_at, handed_to) VALUES"
    " (1, '2026-00001', 'older-request', 'hall', 'ready', 'certificate', 'Ахметова', 'Айгерим',"
    " '', '850305400120', '', '', 'Ахметов', 'Ерлан', '', '150601600781', false, false, '', '',"
    " '', true, '[]', '[]', 1, '', '2026-11-20 05:00:00', '')",
    "INSERT INTO certificate (id, number, application_id, doc_type, issued_on, key_id, code,"
    " body_code, issuing_body_kk, issuing_body_ru, head_name, guardian_name, guardian_iin,"
    " children, basis_number, basis_date, basis_body, status, annul_reason, created_at) VALUES"
    " (1, 'AST-2026-00001', 1, 1, '2026-11-20', :key_id, :code, 'AST',"
    " 'Астана қаласы әкімдігінің білім басқармасы',"
    " 'Управление образования акимата города Астаны', 'Сейтқали Н. А.', 'Ахметова Айгерим',"
    " '850305400120', '[{\"name\": \"Ахметов Ерлан\", \"birth_date\": \"2015-06-01\","
    " \"iin\": \"150601600781\", \"trusteeship\": false}]', 'No 1234', '2024-02-01',"
    f" '{BODY}', 'valid', '', '2026-11-20 05:00:00')",
    "INSERT INTO certificate_event (id, certificate_id, at, action, note) VALUES"
    " (1, 1, '2026-11-20 05:00:00', 'issued', '2026-00001')",
]


@pytest.fixture
def older_hall(scratch_url):  # noqa: F811 - the fixture imported above
    """An app on a database at revision 0012: a registry record of two children, and the
    certificate issued on it with a real signed code."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=scratch_url)
    with app.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS, revision="0012")
        key = keyring().active
        code = sign_code(CodeFields(key.key_id, 1, ISSUED_ON,
                                    DocumentType.GUARDIANSHIP_CERTIFICATE), key.private)
        with db.engine.begin() as connection:
            for statement in OLDER_HALL:
                connection.execute(text(statement), {"key_id": key.key_id, "code": code})
        app.config["TEST_CODE"] = code
        yield app
        db.engine.dispose()


def rows(query: str) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


def test_the_basis_becomes_an_order_named_alike_in_both_languages(older_hall):
    with older_hall.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
        for table in ("guardianship_record", "certificate"):
            assert rows(f"SELECT basis_kind, basis_body_kk, basis_body_ru FROM {table}") == [
                ("order", BODY, BODY)]
            columns = {column["name"] for column in inspect(db.engine).get_columns(table)}
            assert "basis_body" not in columns
        assert rows("SELECT count(*) FROM reasoned_refusal") == [(0,)]


def test_nothing_that_hangs_off_the_changed_tables_is_lost(older_hall):
    with older_hall.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
        assert rows("SELECT id, record_id FROM registry_child ORDER BY id") == [(1, 1), (2, 1)]
        assert rows("SELECT id, certificate_id, action FROM certificate_event") == [
            (1, 1, "issued")]
        assert rows("SELECT registry_record_id FROM application") == [(1,)]


def test_an_issued_certificate_still_verifies_and_prints_what_it_said(older_hall):
    with older_hall.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
    code = older_hall.config["TEST_CODE"]
    visitor = older_hall.test_client()
    assert "Authentic and valid" in visitor.get(f"/v/{code}?lang=en").get_data(as_text=True)
    assert visitor.get(f"/api/v1/verify/{code}").get_json()["status"] == "valid"
    with older_hall.test_request_context():
        certificate = db.session.get(Certificate, 1)
        kazakh, russian = (str(sheet) for sheet in sheets(certificate))
    assert "бұйрығы" in kazakh and f'<td class="basis-body">{BODY}</td>' in kazakh
    assert "приказ органа опеки и попечительства" in russian
    assert f'<td class="basis-body">{BODY}</td>' in russian  # as it was printed before


def test_a_downgrade_gives_the_single_text_back_and_the_upgrade_runs_again(older_hall):
    with older_hall.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
        with db.engine.begin() as connection:  # corrected since: the Russian name entered
            connection.execute(text("UPDATE guardianship_record SET basis_kind = 'resolution',"
                                    " basis_body_ru = 'Управление образования'"))
        flask_migrate.downgrade(directory=MIGRATIONS, revision="0012")
        assert rows("SELECT basis_body FROM guardianship_record") == [(BODY,)]
        assert rows("SELECT basis_body FROM certificate") == [(BODY,)]
        assert "reasoned_refusal" not in inspect(db.engine).get_table_names()
        assert rows("SELECT count(*) FROM registry_child") == [(2,)]
        flask_migrate.upgrade(directory=MIGRATIONS)
        assert rows("SELECT basis_kind, basis_body_kk, basis_body_ru FROM guardianship_record"
                    ) == [("order", BODY, BODY)]
