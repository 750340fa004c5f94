"""Writing many rows at once: COPY on PostgreSQL, one executemany on SQLite; never the ORM.

Rows are tuples of Python values in the models' column order given; each value goes through its
column type's own bind processing (aware UTC datetimes, dates, JSON), so what lands in the
database is exactly what the app would have written.
"""

from collections.abc import Iterable, Sequence

from sqlalchemy import Engine, Table, func, select, text

BATCH = 20_000  # rows per executemany on SQLite: bounded memory, few round trips


class BulkWriter:
    """Append rows to the app's tables through one connection, then commit once."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect
        self.raw = engine.raw_connection()
        self.written: dict[str, int] = {}

    def next_id(self, table: Table) -> int:
        """The first id free after the table's rows (ids are given explicitly, so events can
        name their ticket without reading it back)."""
        with self.engine.connect() as connection:
            return (connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1

    def processors(self, table: Table, columns: Sequence[str]) -> list:
        types = [table.c[name].type for name in columns]
        return [kind.dialect_impl(self.dialect).bind_processor(self.dialect) for kind in types]

    def write(self, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> int:
        """Write ``rows`` (values in ``columns`` order) into ``table``; return how many."""
        processors = self.processors(table, columns)
        prepared = (
            [value if process is None or value is None else process(value)
             for process, value in zip(processors, row, strict=True)]
            for row in rows
        )
        if self.dialect.name == "postgresql":
            count = self.copy(table, columns, prepared)
        else:
            count = self.insert_many(table, columns, prepared)
        self.written[table.name] = self.written.get(table.name, 0) + count
        return count

    def delete(self, table: Table, column: str, values: Sequence) -> None:
        """Delete the rows whose ``column`` holds one of ``values``."""
        mark = "%s" if self.dialect.name == "postgresql" else "?"
        cursor = self.raw.cursor()
        cursor.executemany(f"DELETE FROM {table.name} WHERE {column} = {mark}",
                           [(value,) for value in values])
        cursor.close()

    def copy(self, table: Table, columns: Sequence[str], rows: Iterable[list]) -> int:
        count = 0
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with self.raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def insert_many(self, table: Table, columns: Sequence[str], rows: Iterable[list]) -> int:
        statement = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
                     f"VALUES ({', '.join('?' * len(columns))})")
        count, batch = 0, []
        cursor = self.raw.cursor()
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(statement, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(statement, batch)
            count += len(batch)
        cursor.close()
        return count

    def commit(self, tables: Iterable[Table]) -> None:
        """Commit; on PostgreSQL move each table's id sequence past the ids written."""
        if self.dialect.name == "postgresql":
            with self.raw.cursor() as cursor:
                for table in tables:
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table.name}), false)")
        self.raw.commit()
        self.raw.close()


def settle(engine: Engine) -> None:
    """Leave the database as months of use leave it: statistics gathered and the visibility map
    set on PostgreSQL (its autovacuum does both in a running hall)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def checkpoint(engine: Engine) -> None:
    """Write the load's log into the database files now, so that timing starts on a database
    at rest rather than on one still flushing a gigabyte of bulk load (needs a superuser on
    PostgreSQL, as the benchmark's scratch server has)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("CHECKPOINT"))
        else:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
