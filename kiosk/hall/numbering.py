"""The hall's registers' numbers: request numbers, certificate numbers, each a named counter
that the database advances atomically, so two workers never take the same number."""

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.hall.models import SequenceCounter
from kiosk.hall.settings import hall_zone
from kiosk.web.extensions import db


def take_sequence(key: str) -> int:
    """Take the next value of a named counter, atomically in the database."""
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(SequenceCounter).values(key=key, value=1)
        .on_conflict_do_update(index_elements=[SequenceCounter.key],
                               set_={"value": SequenceCounter.value + 1})
        .returning(SequenceCounter.value)
    )
    return db.session.execute(statement).scalar_one()



def hall_year(now: datetime) -> int:
    """The year of the hall's calendar at ``now``."""
    return now.astimezone(hall_zone()).year


def number_in_year(prefix: str, register: str, year: int) -> str:
    """The next number of a register in ``year``, e.g. ``Ш-2026-00001`` (prefix ``Ш-``): each
    year's count starts again at 1."""
    return f"{prefix}{year}-{take_sequence(f'{register}-{year}'):05d}"
