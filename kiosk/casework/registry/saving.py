"""Turning checked forms and imported rows into registry rows."""

from kiosk.casework.models import GuardianshipRecord, RegistryChild
from kiosk.casework.registry.csv_import import ImportedRecord
from kiosk.casework.registry.forms import RecordForm

RECORD_FIELDS = ("guardian_name", "guardian_iin", "basis_kind", "basis_number", "basis_date",
                 "basis_body_kk", "basis_body_ru")


def children_of(form: RecordForm) -> list[RegistryChild]:
    return [RegistryChild(full_name=entry.full_name.data, birth_date=entry.birth_date.data,
                          iin=entry.iin.data) for entry in form.children]


def fill_record(record: GuardianshipRecord, form: RecordForm) -> GuardianshipRecord:
    """Copy a valid form onto a record; its children rows are replaced by the form's."""
    for name in RECORD_FIELDS:
        setattr(record, name, form[name].data)
    record.children = children_of(form)
    return record


def records_from_import(imported: list[ImportedRecord]) -> list[GuardianshipRecord]:
    return [
        GuardianshipRecord(
            guardian_name=item.guardian_name, guardian_iin=item.guardian_iin,
            basis_kind=item.basis_kind, basis_number=item.basis_number,
            basis_date=item.basis_date, basis_body_kk=item.basis_body_kk,
            basis_body_ru=item.basis_body_ru, active=True,
            children=[RegistryChild(full_name=child.full_name, birth_date=child.birth_date,
                                    iin=child.iin) for child in item.children],
        )
        for item in imported
    ]
