"""The hall's registers' numbers: request numbers, certificate numbers, each a named counter
that the database advances atomically, so two workers never take the same number."""

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.hall.models import SequenceCounter
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
