"""The SQLite writers' queue: a connection holds its turn from its first write to its commit."""

import fcntl
import sqlite3
import threading

import pytest

from kiosk.web.sqlite import QUEUE_SUFFIX, QueuedConnection

THREADS = 8
WRITES = 40


@pytest.fixture
def database(tmp_path):
    """A WAL database, kept open meanwhile (as a running hall's is: no recovery on connect)."""
    path = str(tmp_path / "hall.db")
    keeper = sqlite3.connect(path)
    keeper.execute("PRAGMA journal_mode=WAL")
    keeper.execute("CREATE TABLE step (id INTEGER PRIMARY KEY, writer INTEGER, n INTEGER)")
    keeper.commit()
    yield path
    keeper.close()


def connect(database: str, timeout: float = 0.0) -> QueuedConnection:
    """A queued connection that never waits on SQLite's own lock: busy is an error at once."""
    return sqlite3.connect(database, timeout=timeout, factory=QueuedConnection,
                           check_same_thread=False)


def turn_is_taken(database: str) -> bool:
    """Whether some connection holds the writers' turn (asked without waiting for it)."""
    with open(database + QUEUE_SUFFIX, "ab") as queue:
        try:
            fcntl.flock(queue, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(queue, fcntl.LOCK_UN)
        return False


def test_a_connection_holds_the_turn_from_its_first_write_until_it_commits(database):
    connection = connect(database)
    connection.execute("SELECT COUNT(*) FROM step").fetchone()
    read_only = turn_is_taken(database)

    connection.execute("INSERT INTO step (writer, n) VALUES (1, 1)")
    writing = turn_is_taken(database)
    connection.commit()

    assert (read_only, writing, turn_is_taken(database)) == (False, True, False)
    connection.close()


@pytest.mark.parametrize("end", ["rollback", "close"])
def test_a_rollback_or_a_close_gives_the_turn_back(database, end):
    connection = connect(database)
    connection.execute("UPDATE step SET n = n + 1")

    getattr(connection, end)()

    assert not turn_is_taken(database)


def test_writers_at_once_all_commit_without_a_busy_database(database):
    """With no busy timeout at all, SQLite refuses a second writer at once: the queue must
    make every writer wait its turn instead."""
    errors, start = [], threading.Barrier(THREADS)

    def write(writer: int) -> None:
        connection = connect(database)
        start.wait()
        try:
            for n in range(WRITES):
                connection.execute("INSERT INTO step (writer, n) VALUES (?, ?)", (writer, n))
                connection.execute("UPDATE step SET n = n WHERE writer = ?", (writer,))
                connection.commit()
        except sqlite3.OperationalError as error:
            errors.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(writer,)) for writer in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with sqlite3.connect(database) as check:
        rows = check.execute("SELECT COUNT(*) FROM step").fetchone()[0]
    assert errors == []
    assert rows == THREADS * WRITES


def test_a_second_writer_in_the_same_thread_gets_a_busy_error_instead_of_waiting_forever(
        database):
    first, second = connect(database), connect(database, timeout=0.05)
    first.execute("INSERT INTO step (writer, n) VALUES (1, 1)")

    with pytest.raises(sqlite3.OperationalError, match="locked"):
        second.execute("INSERT INTO step (writer, n) VALUES (2, 1)")

    first.commit()
    second.execute("INSERT INTO step (writer, n) VALUES (2, 1)")
    second.commit()
    first.close()
    second.close()


def test_a_database_in_memory_has_no_queue():
    connection = sqlite3.connect(":memory:", factory=QueuedConnection)
    connection.execute("CREATE TABLE step (n INTEGER)")
    connection.execute("INSERT INTO step VALUES (1)")
    connection.commit()

    assert connection.queue is None
    connection.close()
