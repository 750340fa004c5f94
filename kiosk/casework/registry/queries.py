"""What the registry's screens read: finding records by IIN or name, and duplicates."""

from collections.abc import Iterable

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import selectinload

from kiosk.casework.models import GuardianshipRecord, RegistryChild
from kiosk.web.extensions import db

LIST_LIMIT = 50


def name_variants(text: str) -> set[str]:
    """The ways a name part may be capitalised: SQLite folds the case of ASCII letters only,
    so a Cyrillic search is tried as typed, in lower case, upper case and title case."""
    return {text, text.lower(), text.upper(), text.title(), text.capitalize()}


def contains_any(column, variants: Iterable[str]) -> ColumnElement[bool]:
    return or_(*(column.icontains(variant, autoescape=True) for variant in variants))


def search_records(query: str, limit: int = LIST_LIMIT) -> list[GuardianshipRecord]:
    """Records whose guardian or child has this IIN, or whose names contain the text; newest
    first. An empty query lists the newest records."""
    statement = select(GuardianshipRecord).options(selectinload(GuardianshipRecord.children))
    if query.isdigit():
        child = select(RegistryChild.record_id).where(RegistryChild.iin.startswith(query))
        statement = statement.where(or_(GuardianshipRecord.guardian_iin.startswith(query),
                                        GuardianshipRecord.id.in_(child)))
    elif query:
        variants = name_variants(query)
        child = select(RegistryChild.record_id).where(
            contains_any(RegistryChild.full_name, variants))
        statement = statement.where(or_(contains_any(GuardianshipRecord.guardian_name, variants),
                                        GuardianshipRecord.id.in_(child)))
    statement = statement.order_by(GuardianshipRecord.active.desc(),
                                   GuardianshipRecord.id.desc()).limit(limit)
    return list(db.session.execute(statement).scalars())


def active_duplicate(guardian_iin: str, child_iins: list[str],
                     other_than: int | None = None) -> GuardianshipRecord | None:
    """An active record, other than this one, naming the same guardian and one of the children."""
    statement = (
        select(GuardianshipRecord).join(RegistryChild)
        .where(GuardianshipRecord.active.is_(True),
               GuardianshipRecord.guardian_iin == guardian_iin,
               RegistryChild.iin.in_(child_iins))
    )
    if other_than is not None:
        statement = statement.where(GuardianshipRecord.id != other_than)
    return db.session.execute(statement.limit(1)).scalars().first()


def existing_bases(keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (guardian IIN, order number) pairs the registry already holds."""
    if not keys:
        return set()
    guardians = {guardian for guardian, _number in keys}
    rows = db.session.execute(
        select(GuardianshipRecord.guardian_iin, GuardianshipRecord.basis_number)
        .where(GuardianshipRecord.guardian_iin.in_(guardians))
    )
    return {(row.guardian_iin, row.basis_number) for row in rows} & keys
