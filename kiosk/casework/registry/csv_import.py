"""Reading a CSV file of guardianship records: one row per child, rows with the same guardian
IIN and basis number make one record. Every row is checked; one bad row refuses the file.

The basis is an order or a resolution (``basis_kind``: the code, or the word in Kazakh or
Russian), and the body that issued it is named in both languages (``basis_body_kk``,
``basis_body_ru``): each version of the certificate prints its own."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from queue_mgr.casework.basis import BasisKind, basis_kind
from queue_mgr.casework.iin import is_valid_iin

COLUMNS = ("guardian_name", "guardian_iin", "basis_kind", "basis_number", "basis_date",
           "basis_body_kk", "basis_body_ru", "child_name", "child_birth_date", "child_iin")
LIMITS = {"guardian_name": 200, "basis_number": 60, "basis_body_kk": 300, "basis_body_ru": 300,
          "child_name": 200}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
# The fields that must agree on every row of one record.
RECORD_FIELDS = ("guardian_name", "basis_kind", "basis_date", "basis_body_kk", "basis_body_ru")
MAX_ERRORS = 100


@dataclass(frozen=True)
class RowError:
    """What is wrong, and on which row of the file (the header is row 1; None: the file)."""

    row: int | None
    message: str


@dataclass
class ImportedChild:
    full_name: str
    birth_date: date
    iin: str


@dataclass
class ImportedRecord:
    guardian_name: str
    guardian_iin: str
    basis_kind: BasisKind
    basis_number: str
    basis_date: date
    basis_body_kk: str
    basis_body_ru: str
    first_row: int
    children: list[ImportedChild] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return self.guardian_iin, self.basis_number


@dataclass
class ImportResult:
    records: list[ImportedRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def children(self) -> int:
        return sum(len(record.children) for record in self.records)


def parse_date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def decode(data: bytes) -> str | None:
    """The file's text: UTF-8, with or without the byte order mark spreadsheets write. A NUL is
    no UTF-8 text (a UTF-16 "Unicode text" file is full of them), and no database stores it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def dialect_of(text: str) -> str:
    """Spreadsheets set to Russian or Kazakh save CSV with semicolons."""
    header = text.partition("\n")[0]
    return ";" if header.count(";") > header.count(",") else ","


def check_row(values: dict[str, str], today: date) -> list[str]:
    """The messages for one row (empty when the row is good)."""
    messages = []
    for column in COLUMNS:
        if not values[column]:
            messages.append(_l("%(column)s is empty.", column=column))
    for column, limit in LIMITS.items():
        if len(values[column]) > limit:
            messages.append(_l("%(column)s is longer than %(limit)d characters.",
                               column=column, limit=limit))
    for column in ("guardian_iin", "child_iin"):
        if values[column] and not is_valid_iin(values[column]):
            messages.append(_l("%(column)s is not a valid IIN (12 digits with a valid check "
                               "digit).", column=column))
    for column in ("basis_date", "child_birth_date"):
        if not values[column]:
            continue
        day = parse_date(values[column])
        if day is None:
            messages.append(_l("%(column)s is not a date (YYYY-MM-DD or DD.MM.YYYY).",
                               column=column))
        elif day > today:
            messages.append(_l("%(column)s is in the future.", column=column))
    if values["basis_kind"] and basis_kind(values["basis_kind"]) is None:
        messages.append(_l("basis_kind is neither an order nor a resolution (order, resolution, "
                           "бұйрық, приказ, қаулы, постановление)."))
    if values["guardian_iin"] and values["guardian_iin"] == values["child_iin"]:
        messages.append(_l("The child's IIN cannot be the guardian's."))
    return messages


def add_to_record(records: dict[tuple[str, str], ImportedRecord], values: dict[str, str],
                  row: int) -> str | None:
    """Put a good row's child into its record; a message when the row contradicts the record."""
    key = values["guardian_iin"], values["basis_number"]
    given = {"guardian_name": values["guardian_name"],
             "basis_kind": basis_kind(values["basis_kind"]),
             "basis_date": parse_date(values["basis_date"]),
             "basis_body_kk": values["basis_body_kk"], "basis_body_ru": values["basis_body_ru"]}
    record = records.get(key)
    if record is None:
        record = records[key] = ImportedRecord(
            guardian_iin=values["guardian_iin"], basis_number=values["basis_number"],
            first_row=row, **given)
    else:
        differing = [name for name in RECORD_FIELDS if getattr(record, name) != given[name]]
        if differing:
            return _l("%(columns)s differ from row %(row)d of the same order.",
                      columns=", ".join(differing), row=record.first_row)
    if any(child.iin == values["child_iin"] for child in record.children):
        return _l("This child is already in row %(row)d's record.", row=record.first_row)
    record.children.append(ImportedChild(values["child_name"],
                                         parse_date(values["child_birth_date"]),
                                         values["child_iin"]))
    return None


def read_records(data: bytes, today: date) -> ImportResult:
    """Check every row of the file and group the rows into records."""
    result = ImportResult()
    text = decode(data)
    if text is None:
        result.errors.append(RowError(None, _l("The file is not in UTF-8. Save it as "
                                               "\"CSV UTF-8\" and try again.")))
        return result
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=dialect_of(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        result.errors.append(RowError(1, _l("The first row must name the columns; missing: "
                                            "%(columns)s.", columns=", ".join(missing))))
        return result
    reader.fieldnames = header
    records: dict[tuple[str, str], ImportedRecord] = {}
    for row_number, row in enumerate(reader, start=2):
        values = {column: (row.get(column) or "").strip() for column in COLUMNS}
        if not any(values.values()):
            continue  # a blank line at the end of the file
        messages = check_row(values, today)
        if not messages:
            conflict = add_to_record(records, values, row_number)
            messages = [conflict] if conflict else []
        result.errors.extend(RowError(row_number, message) for message in messages)
    if not records and not result.errors:
        result.errors.append(RowError(None, _l("The file has no rows under its header.")))
    result.records = list(records.values()) if not result.errors else []
    return result
