"""SQLite for several gunicorn workers: its pragmas, and a fair queue for its one write lock.

SQLite lets one connection write at a time. A connection that finds the write lock taken sleeps
and tries again, longer each time (1, 2, 5, 10 ... 100 ms): under load a worker can sleep far
longer than the writes it waits for, and the same worker can lose the race again and again.
Here a connection about to write first queues on a lock file beside the database (``flock``):
the kernel wakes the next writer the moment the previous one commits or rolls back. SQLite's own
busy timeout stays as the backstop (another program writing, a second connection in a thread).

What the queue relies on, in Python's ``sqlite3`` module (pysqlite) as SQLAlchemy drives it
(the module's legacy transaction control, ``isolation_level`` left at its default):

- a transaction begins implicitly (``BEGIN``, deferred) just before the first INSERT, UPDATE,
  DELETE or REPLACE, never before a SELECT; a deferred transaction asks for SQLite's write lock
  at its first write. So the first writing statement of a transaction is where a connection
  would wait for the lock, and that is where it queues: ``WRITE`` recognises those statements
  (and CREATE, DROP, ALTER, which lock by themselves) by their first word;
- the transaction, and the write lock, end only with the connection's ``commit``, ``rollback``
  or ``close``, which are where the turn ends. SQLAlchemy ends every transaction through them.

A writing statement that starts another way (``WITH ... INSERT``) is not queued: it still
runs, waiting on SQLite's busy timeout instead, so the queue can only lose fairness, never
correctness. The app sends no such statement.
"""

import fcntl
import os
import re
import sqlite3
import threading

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA busy_timeout=15000",
    "PRAGMA foreign_keys=ON",
    # Read the database through a memory map: every worker's page cache empties whenever
    # another worker writes, and re-reading pages from the map costs no system call.
    "PRAGMA mmap_size=268435456",
)
BUSY_TIMEOUT_SECONDS = 15
WRITE = re.compile(r"\s*(insert|update|delete|replace|create|drop|alter)\b", re.IGNORECASE)
QUEUE_SUFFIX = "-writers"

_writer = threading.local()  # the connection this thread writes through, while it holds the lock


class QueuedCursor(sqlite3.Cursor):
    """A cursor that queues its connection for the write lock before a writing statement."""

    def execute(self, sql, parameters=(), /):
        self.connection.queue_for_write(sql)
        return super().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters, /):
        self.connection.queue_for_write(sql)
        return super().executemany(sql, seq_of_parameters)


class QueuedConnection(sqlite3.Connection):
    """An SQLite connection that takes its turn to write in the writers' queue of its database."""

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        self.queue = open_queue(database, kwargs.get("uri", False))
        self.writing = False

    def cursor(self, factory=QueuedCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters, /):
        return self.cursor().executemany(sql, seq_of_parameters)

    def queue_for_write(self, sql: str) -> None:
        """Wait for this connection's turn to write, unless it has it or the statement reads."""
        if self.queue is None or self.writing or not WRITE.match(sql):
            return
        if getattr(_writer, "connection", None) is not None:
            return  # this thread writes through another connection: waiting here would deadlock
        fcntl.flock(self.queue, fcntl.LOCK_EX)
        self.writing, _writer.connection = True, self

    def end_turn(self) -> None:
        if self.writing:
            self.writing, _writer.connection = False, None
            fcntl.flock(self.queue, fcntl.LOCK_UN)

    def commit(self):
        try:
            super().commit()
        finally:
            self.end_turn()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self.end_turn()

    def close(self):
        try:
            super().close()
        finally:
            self.end_turn()
            if self.queue is not None:
                self.queue.close()


def open_queue(database, uri: bool):
    """The lock file beside a database file; None for a database in memory or given as a URI."""
    path = os.fsdecode(database)
    if uri or path in ("", ":memory:"):
        return None
    return open(path + QUEUE_SUFFIX, "ab")


def engine_options() -> dict:
    """SQLAlchemy engine options for an SQLite database: queued writers, a busy timeout."""
    return {"connect_args": {"timeout": BUSY_TIMEOUT_SECONDS, "factory": QueuedConnection}}


def set_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    cursor.close()
