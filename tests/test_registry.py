"""The guardianship registry: provider officers find, add, correct, end and import records."""

import html
from datetime import date

import pytest

from kiosk.casework import cases as casework
from kiosk.casework.models import GuardianshipRecord, RegistryChild
from kiosk.web.extensions import db
from tests.casework_helpers import (
    CHILD_IIN,
    GUARDIAN_IIN,
    OTHER_CHILD_IIN,
    REPRESENTATIVE_IIN,
    add_registry_record,
    make_iin,
)
from tests.conftest import csrf_of
from tests.helpers import text_of as raw_text

REGISTRY = "/staff/registry/"
NEW = "/staff/registry/new"
IMPORT = "/staff/registry/import"
GUARDIAN = "Сейітова Айгүл Бекқызы"
# The basis's kind comes after its body's two names, so a row writes the three as {BASIS}.
HEADER = ("guardian_name,guardian_iin,basis_number,basis_date,basis_body_kk,basis_body_ru,"
          "basis_kind,child_name,child_birth_date,child_iin")
BODY = "Алматы қаласының білім басқармасы"
BODY_RU = "Управление образования города Алматы"
BASIS = f"{BODY},{BODY_RU},order"
THIRD_CHILD_IIN = make_iin("17080860034")


def text_of(response) -> str:
    return html.unescape(raw_text(response))


@pytest.fixture
def officer(staff_client):
    client = staff_client("provider")
    client.set_cookie("lang", "en")
    return client


def record_fields(**changes) -> dict[str, str]:
    fields = {
        "guardian_name": GUARDIAN, "guardian_iin": GUARDIAN_IIN, "basis_number": "No 15-2",
        "basis_date": "05.02.2024", "basis_kind": "order", "basis_body_kk": BODY,
        "basis_body_ru": BODY_RU,
        "children-0-full_name": "Сейітов Нұрлан", "children-0-birth_date": "01.06.2015",
        "children-0-iin": CHILD_IIN,
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def post(client, url: str, page: str = REGISTRY, **data):
    return client.post(url, data={"csrf_token": csrf_of(client, page), **data})


def search(client, query: str):
    """Search as the list's form does: posted, so no IIN or name is in the address."""
    return post(client, REGISTRY, q=query)


def records(app) -> list[GuardianshipRecord]:
    with app.app_context():
        rows = db.session.execute(
            db.select(GuardianshipRecord).order_by(GuardianshipRecord.id)).scalars().all()
        for row in rows:
            _children = list(row.children)
        db.session.expunge_all()
        return rows


def child_count(app) -> int:
    with app.app_context():
        return db.session.execute(db.select(db.func.count(RegistryChild.id))).scalar()


def upload(client, content: str | bytes, name: str = "registry.csv"):
    data = content.encode() if isinstance(content, str) else content
    from io import BytesIO

    return client.post(IMPORT, data={"csrf_token": csrf_of(client, IMPORT),
                                     "file": (BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_an_officer_adds_a_record_and_finds_it_in_the_list(app, officer):
    response = post(officer, NEW, NEW, **record_fields())
    assert response.status_code == 302
    assert response.headers["Location"] == REGISTRY  # no IIN in an address or a log
    page = officer.get(response.headers["Location"])
    assert page.headers["Cache-Control"] == "no-store"
    text = text_of(page)
    assert "Record of order No 15-2 saved." in text
    assert f"{GUARDIAN} {GUARDIAN_IIN} An order No 15-2 of 05.02.2024 {BODY_RU}" in text
    assert f"Сейітов Нұрлан, 01.06.2015 , {CHILD_IIN} Active" in text
    with app.app_context():
        assert casework.registry().find_active(GUARDIAN_IIN, CHILD_IIN) is not None


def test_an_invalid_iin_is_refused_with_a_message_at_its_field(app, officer):
    response = post(officer, NEW, NEW, **record_fields(**{"children-0-iin": "150101500002",
                                                          "guardian_iin": "85030540012"}))
    assert response.status_code == 400
    text = text_of(response)
    assert text.count("An IIN is 12 digits with a valid check digit.") == 2
    assert records(app) == []


def test_missing_fields_and_bad_dates_are_refused_with_messages(app, officer):
    response = post(officer, NEW, NEW, **record_fields(
        guardian_name=" ", basis_date="31.02.2024", **{"children-0-birth_date": "01.06.2099"}))
    assert response.status_code == 400
    text = text_of(response)
    assert text.index("The guardian's full name Fill in this field.") < text.index(
        "Date of the order or resolution Enter a date as DD.MM.YYYY.")
    assert "This date is in the future." in text
    assert records(app) == []


def test_the_same_child_twice_or_the_guardian_as_a_child_is_refused(app, officer):
    twice = post(officer, NEW, NEW, **record_fields(**{
        "children-1-full_name": "Сейітов Нұрлан", "children-1-birth_date": "01.06.2015",
        "children-1-iin": CHILD_IIN}))
    assert twice.status_code == 400
    assert "Each child appears once: two rows have the same IIN." in text_of(twice)
    itself = post(officer, NEW, NEW, **record_fields(**{"children-0-iin": GUARDIAN_IIN}))
    assert "A child's IIN cannot be the guardian's." in text_of(itself)
    assert records(app) == []


def test_a_second_active_record_of_the_same_guardian_and_child_is_refused(app, officer):
    with app.app_context():
        add_registry_record()
    response = post(officer, NEW, NEW, **record_fields())
    assert response.status_code == 400
    assert "An active record already names this guardian and child (order No 1234)." in (
        text_of(response))
    assert len(records(app)) == 1


def test_rows_for_children_are_added_and_removed_before_saving(app, officer):
    added = post(officer, NEW, NEW, row_action="add", **record_fields())
    assert added.status_code == 200
    assert "Child 2" in text_of(added)
    assert "Remove child 2" in text_of(added)
    removed = post(officer, NEW, NEW, row_action="remove-0", **record_fields(**{
        "children-1-full_name": "Сейітова Дана", "children-1-birth_date": "2012-02-11",
        "children-1-iin": OTHER_CHILD_IIN}))
    assert removed.status_code == 200
    text = text_of(removed)
    assert "Child 2" not in text
    assert "Сейітов Нұрлан" not in text
    assert records(app) == []


def test_an_officer_corrects_a_record_and_adds_a_child(app, officer):
    with app.app_context():
        record_id = add_registry_record().id
    page = f"{REGISTRY}{record_id}"
    form = officer.get(page).get_data(as_text=True)
    assert 'value="Ахметов Ерлан"' in form
    response = post(officer, page, page, **record_fields(
        guardian_iin=GUARDIAN_IIN, basis_number="No 1234-A",
        **{"children-0-full_name": "Ахметов Ерлан", "children-1-full_name": "Ахметова Дана",
           "children-1-birth_date": "11.02.2012", "children-1-iin": OTHER_CHILD_IIN}))
    assert response.status_code == 302
    [record] = records(app)
    assert (record.guardian_name, record.basis_number) == (GUARDIAN, "No 1234-A")
    assert [(c.full_name, c.birth_date, c.iin) for c in record.children] == [
        ("Ахметов Ерлан", date(2015, 6, 1), CHILD_IIN),
        ("Ахметова Дана", date(2012, 2, 11), OTHER_CHILD_IIN)]


def test_removing_a_child_from_a_record_removes_its_row(app, officer):
    with app.app_context():
        record_id = add_registry_record().id
    page = f"{REGISTRY}{record_id}"
    fields = record_fields(**{"children-0-iin": OTHER_CHILD_IIN})
    assert post(officer, page, page, **fields).status_code == 302
    assert child_count(app) == 1
    [record] = records(app)
    assert [c.iin for c in record.children] == [OTHER_CHILD_IIN]


def test_an_officer_ends_a_guardianship(app, officer):
    with app.app_context():
        record_id = add_registry_record().id
    page = f"{REGISTRY}{record_id}"
    assert "End this guardianship" in text_of(officer.get(page))
    too_early = post(officer, f"{page}/end", page, ended_on="01.01.2024")
    assert too_early.status_code == 400
    assert "A guardianship cannot end before its order's date." in text_of(too_early)
    response = post(officer, f"{page}/end", page, ended_on="20.11.2026")
    assert response.status_code == 302
    assert "ended on 20.11.2026" in text_of(officer.get(response.headers["Location"]))
    [record] = records(app)
    assert (record.active, record.ended_on) == (False, date(2026, 11, 20))
    with app.app_context():
        assert casework.registry().find_active(GUARDIAN_IIN, CHILD_IIN) is None
    assert "Ended on 20.11.2026" in text_of(officer.get(REGISTRY))
    again = post(officer, f"{page}/end", page, ended_on="21.11.2026")
    assert again.status_code == 409
    assert "This guardianship has already ended." in text_of(again)


def test_the_registry_is_searched_by_iin_or_by_name(app, officer):
    with app.app_context():
        add_registry_record()
        add_registry_record(guardian_iin=REPRESENTATIVE_IIN, child_iin=THIRD_CHILD_IIN)
        db.session.execute(db.select(GuardianshipRecord).filter_by(
            guardian_iin=REPRESENTATIVE_IIN)).scalar_one().guardian_name = "Ким Марина"
        db.session.commit()
    by_guardian = text_of(search(officer, GUARDIAN_IIN))
    assert "Records for “850305400120”: 1." in by_guardian
    assert "Ким Марина" not in by_guardian
    by_child = text_of(search(officer, THIRD_CHILD_IIN))
    assert "Ким Марина" in by_child
    assert "Ахметова Айгерим" not in by_child
    by_name = text_of(search(officer, "ким"))
    assert "Ким Марина" in by_name
    assert "Ахметова Айгерим" not in by_name
    by_child_name = text_of(search(officer, "ерлан"))
    assert "Ахметова Айгерим" in by_child_name
    nothing = text_of(search(officer, "Жоқ"))
    assert "No record names this IIN or name." in nothing
    too_long = search(officer, "x" * 101)
    assert too_long.status_code == 400
    assert "This is too long." in text_of(too_long)


def test_a_csv_file_is_imported_with_rows_grouped_into_records(app, officer):
    content = "\n".join([
        HEADER,
        f"{GUARDIAN},{GUARDIAN_IIN},No 15-2,2024-02-05,{BASIS},Сейітов Нұрлан,2015-06-01,"
        f"{CHILD_IIN}",
        f"{GUARDIAN},{GUARDIAN_IIN},No 15-2,05.02.2024,{BASIS},Сейітова Дана,11.02.2012,"
        f"{OTHER_CHILD_IIN}",
        f"Ким Марина,{REPRESENTATIVE_IIN},No 9,2023-09-01,\"Астана, білім басқармасы\","
        f"\"Астана, управление образования\",қаулы,Ким Алия,2017-08-08,{THIRD_CHILD_IIN}",
        "",
    ])
    response = upload(officer, content)
    assert response.status_code == 302
    assert "Import done. Records added: 2; children: 3." in text_of(
        officer.get(response.headers["Location"]))
    first, second = records(app)
    assert [c.iin for c in first.children] == [CHILD_IIN, OTHER_CHILD_IIN]
    assert (first.basis_kind, first.basis_body_kk, first.basis_body_ru) == (
        "order", BODY, BODY_RU)
    assert (second.basis_kind, second.basis_date) == ("resolution", date(2023, 9, 1))
    assert (second.basis_body_kk, second.basis_body_ru) == ("Астана, білім басқармасы",
                                                            "Астана, управление образования")


def test_a_spreadsheet_csv_with_semicolons_and_a_byte_order_mark_is_read(app, officer):
    content = "\ufeff" + HEADER.replace(",", ";") + "\r\n" + (
        f"{GUARDIAN};{GUARDIAN_IIN};No 15-2;05.02.2024;{BASIS.replace(',', ';')};Сейітов Нұрлан;"
        "01.06.2015;"
        f"{CHILD_IIN}\r\n")
    assert upload(officer, content).status_code == 302
    assert child_count(app) == 1


def test_a_csv_file_with_a_bad_row_imports_nothing_and_names_the_rows(app, officer):
    content = "\n".join([
        HEADER,
        f"{GUARDIAN},{GUARDIAN_IIN},No 15-2,2024-02-05,{BASIS},Сейітов Нұрлан,2015-06-01,"
        f"{CHILD_IIN}",
        f"{GUARDIAN},{GUARDIAN_IIN},No 15-2,2024-02-05,{BASIS},Сейітова Дана,2012-02-11,"
        "150101500002",
        f"Ким Марина,{REPRESENTATIVE_IIN},No 9,1 Sept 2023,{BASIS},,2017-08-08,"
        f"{THIRD_CHILD_IIN}",
        f"{GUARDIAN},{GUARDIAN_IIN},No 15-2,2024-02-06,{BASIS},Сейітов Нұрлан,2015-06-01,"
        f"{CHILD_IIN}",
    ])
    response = upload(officer, content)
    assert response.status_code == 400
    text = text_of(response)
    assert "Nothing was imported." in text
    assert "Row 3: child_iin is not a valid IIN" in text
    assert "Row 4: child_name is empty." in text
    assert "Row 4: basis_date is not a date (YYYY-MM-DD or DD.MM.YYYY)." in text
    assert "Row 5: basis_date differ from row 2 of the same order." in text
    assert "Row 2:" not in text
    assert records(app) == []


def test_a_csv_file_without_the_columns_or_in_another_encoding_is_refused(app, officer):
    missing = upload(officer, "name,iin\nКим,123\n")
    assert missing.status_code == 400
    assert "Row 1: The first row must name the columns; missing: guardian_name" in (
        text_of(missing))
    legacy = upload(officer, (HEADER + "\nКим Марина").encode("cp1251"))
    assert "The file is not in UTF-8." in text_of(legacy)
    assert records(app) == []


def test_a_csv_file_with_a_nul_character_is_refused_as_not_utf8(app, officer):
    row = (f"Ким\x00Марина,{REPRESENTATIVE_IIN},No 9,2023-09-01,{BASIS},Ким Алия,2017-08-08,"
           f"{THIRD_CHILD_IIN}")
    response = upload(officer, f"{HEADER}\n{row}\n")
    assert response.status_code == 400
    assert "The file is not in UTF-8." in text_of(response)
    assert records(app) == []


def test_a_csv_file_repeating_an_order_already_in_the_registry_imports_nothing(app, officer):
    with app.app_context():
        add_registry_record()
    content = "\n".join([
        HEADER,
        f"Ахметова Айгерим,{GUARDIAN_IIN},No 1234,2024-02-01,{BASIS},Ахметов Ерлан,2015-06-01,"
        f"{CHILD_IIN}",
    ])
    response = upload(officer, content)
    assert response.status_code == 400
    assert "Row 2: The registry already holds order No 1234 of this guardian." in (
        text_of(response))
    assert len(records(app)) == 1


def test_a_file_that_is_not_csv_or_too_large_is_refused_with_a_message(app, officer):
    assert "Choose a file ending in .csv." in text_of(upload(officer, HEADER, name="list.xlsx"))
    assert "Choose a CSV file." in text_of(
        officer.post(IMPORT, data={"csrf_token": csrf_of(officer, IMPORT)}))
    big = upload(officer, HEADER + "\n" + "x" * 70_000)
    assert big.status_code == 413
    assert "The file is larger than 60 KB. Split it into parts." in text_of(big)


def test_the_registry_is_for_provider_officers_and_administrators(app, staff_client, client):
    assert staff_client("admin").get(REGISTRY).status_code == 200
    assert staff_client("operator", window=1).get(REGISTRY).status_code == 403
    assert staff_client("supervisor").get(NEW).status_code == 403
    response = client.get(REGISTRY)
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]
