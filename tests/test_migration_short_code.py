"""Migration 0018 gives every certificate a hall already issued its short code, computed from its
stored code, under a unique index added in place: the certificates' events stay, and a
certificate issued before the upgrade is found by its short code (on a copy printed since) at
once."""

from datetime import date

import flask_migrate
import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from config import TestingConfig
from kiosk import create_app
from kiosk.casework.certificates.keys import keyring
from kiosk.web.extensions import db
from queue_mgr.certificates.codes import CodeFields, DocumentType, sign_code
from queue_mgr.certificates.short_codes import short_code_of
from tests.test_migrations import (
    APPLICATION,
    MIGRATIONS,
    rows,
    scratch_url,  # noqa: F401 - the fixture, shared
)

ISSUED_ON = date(2026, 11, 20)
CERTIFICATE = (
    "INSERT INTO certificate (id, number, application_id, doc_type, issued_on, key_id, code,"
    " body_code, issuing_body_kk, issuing_body_ru, head_name, guardian_name, guardian_iin,"
    " children, basis_kind, basis_number, basis_date, basis_body_kk, basis_body_ru, status,"
    " annulled_on, annul_reason, created_at) VALUES"
    " (:id, :number, :id, 1, '2026-11-20', :key_id, :code, 'AST', 'Білім басқармасы',"
    " 'Управление образования', 'Сейтқали Н. А.', 'Ахметова Айгерим', '850305400120',"
    " '[{\"name\": \"Ахметов Ерлан\", \"birth_date\": \"2015-06-01\", \"iin\": \"150601600781\","
    " \"trusteeship\": false}]', 'order', 'No 1234', '2024-02-01', 'Білім басқармасы',"
    " 'Управление образования', :status, :annulled_on, '', '2026-11-20 05:00:00')"
)
EVENT = ("INSERT INTO certificate_event (id, certificate_id, at, action, note) VALUES"
         " (:id, :id, '2026-11-20 05:00:00', 'issued', '')")
ISSUED = [(1, "AST-2026-00001", "valid", None), (2, "AST-2026-00002", "annulled", "2026-11-23"),
          (3, "AST-2026-00003", "valid", None)]


@pytest.fixture
def hall_at_0017(scratch_url):  # noqa: F811 - the fixture imported above
    """An app on a database at revision 0017: three certificates with real signed codes (one
    annulled), each with its issue step."""
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=scratch_url)
    with app.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS, revision="0017")
        key = keyring().active
        codes = {}
        with db.engine.begin() as connection:
            for serial, number, status, annulled_on in ISSUED:
                codes[serial] = sign_code(CodeFields(key.key_id, serial, ISSUED_ON,
                                                     DocumentType.GUARDIANSHIP_CERTIFICATE),
                                          key.private)
                connection.execute(text(APPLICATION), {"id": serial, "token": f"t{serial}",
                                                       "handed_to": "applicant"})
                connection.execute(text(CERTIFICATE), {
                    "id": serial, "number": number, "key_id": key.key_id,
                    "code": codes[serial], "status": status, "annulled_on": annulled_on})
                connection.execute(text(EVENT), {"id": serial})
        app.config["TEST_CODES"] = codes
        yield app
        db.engine.dispose()


def short_codes() -> list[tuple]:
    return rows("SELECT id, short_code FROM certificate ORDER BY id")


def test_every_issued_certificate_gets_the_short_code_of_its_stored_code(hall_at_0017):
    codes = hall_at_0017.config["TEST_CODES"]
    with hall_at_0017.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
        assert short_codes() == [(serial, short_code_of(code)) for serial, code in codes.items()]
        assert len({short for _, short in short_codes()}) == len(codes)
        assert rows("SELECT id, certificate_id FROM certificate_event ORDER BY id") == [
            (1, 1), (2, 2), (3, 3)]  # in place: nothing hanging off the table is lost


def test_the_short_codes_index_is_unique(hall_at_0017):
    with hall_at_0017.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
        indexes = {index["name"]: index for index in inspect(db.engine).get_indexes("certificate")}
        assert indexes["uq_certificate_short_code"]["unique"]
        assert indexes["uq_certificate_short_code"]["column_names"] == ["short_code"]
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(text("UPDATE certificate SET short_code ="
                                    " (SELECT short_code FROM certificate WHERE id = 1)"
                                    " WHERE id = 3"))


def test_a_certificate_issued_before_the_upgrade_is_found_by_its_short_code(hall_at_0017):
    codes = hall_at_0017.config["TEST_CODES"]
    with hall_at_0017.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
    visitor = hall_at_0017.test_client()
    visitor.set_cookie("lang", "en")

    valid = visitor.get("/v/", query_string={"code": short_code_of(codes[1])},
                        follow_redirects=True)
    annulled = visitor.get("/v/", query_string={"code": short_code_of(codes[2])},
                           follow_redirects=True)

    assert valid.request.path == f"/v/{codes[1]}"
    assert "Authentic and valid" in valid.get_data(as_text=True)
    assert "Annulled" in annulled.get_data(as_text=True)


def test_a_downgrade_drops_the_short_codes_and_the_upgrade_gives_them_again(hall_at_0017):
    codes = hall_at_0017.config["TEST_CODES"]
    with hall_at_0017.app_context():
        flask_migrate.upgrade(directory=MIGRATIONS)
        flask_migrate.downgrade(directory=MIGRATIONS, revision="0017")
        columns = {column["name"] for column in inspect(db.engine).get_columns("certificate")}
        assert "short_code" not in columns
        assert rows("SELECT count(*) FROM certificate_event") == [(3,)]
        flask_migrate.upgrade(directory=MIGRATIONS)
        assert short_codes() == [(serial, short_code_of(code)) for serial, code in codes.items()]
