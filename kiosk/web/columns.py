"""Column types every table uses."""

from datetime import UTC

from sqlalchemy import (
    DateTime,
    TypeDecorator,
)


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes on every database (SQLite keeps no zone of its own)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("only aware datetimes are stored")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)
