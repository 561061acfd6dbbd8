"""The SQLite connection: pragmas, numbered migrations, transactions.

Schema changes are files `migrations/NNN_name.sql`, applied in order; `PRAGMA
user_version` records the last one applied (lemon24/reader's scheme).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from desktop_reader.core.errors import StorageError
from desktop_reader.core.storage import vector_codec

_MIGRATIONS_PACKAGE = "desktop_reader.core.storage.migrations"
#: Test hook: cap the database at this many pages (SQLite's max_page_count) so tests
#: can simulate a full disk. Unset in normal use.
MAX_PAGES_ENV = "DESKTOP_READER_TEST_MAX_PAGES"


def _migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files(_MIGRATIONS_PACKAGE).iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StorageError(f"migrations are not numbered 1..n: {numbers}")
    return found


def schema_version() -> int:
    """The version a database has once every migration is applied."""
    return len(_migrations())


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and migrate) the library database.

    The connection is in autocommit mode; use `transaction()` for writes that belong
    together. WAL lets readers (the GUI) run while one writer refreshes.
    """
    try:
        if readonly:
            conn = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        else:
            conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=30
            )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
            max_pages = os.environ.get(MAX_PAGES_ENV, "")
            if max_pages.isdigit():
                conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")
        return conn
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"Cannot open the library at {path}: {exc}") from exc


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the database; returns the new version."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    migrations = _migrations()
    if current > len(migrations):
        raise StorageError(
            f"The library was written by a newer Desktop Reader (schema {current}); please upgrade."
        )
    if current < len(migrations):
        # Migrations are SQL; what SQL cannot compute (a stored format of ours) they
        # call as functions registered here.
        conn.create_function("vector_blob", 1, vector_codec.from_json, deterministic=True)
    for number, name, sql in migrations[current:]:
        try:
            conn.execute("BEGIN IMMEDIATE")
            # executescript() would commit our transaction; run statement by statement.
            for statement in _split_sql(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StorageError(f"Migration {name} failed: {exc}") from exc
    return len(migrations)


def _split_sql(script: str) -> Iterator[str]:
    """Split a script into complete statements (triggers contain inner semicolons)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if statement:
                yield statement
            buffer = ""
    if buffer.strip():
        raise StorageError(f"incomplete SQL statement in migration: {buffer[:80]!r}")


class WriterLock:
    """The process's writer lock, reentrant, with the GUI thread served first.

    SQLite's busy handler sleeps and retries, first come is not first served: with a
    grouping thread and an image thread committing in turn, a GUI write (mark read)
    waited up to 14 s for a gap. Threads queue on this lock instead. A plain lock still
    let a worker that commits in a loop take it again before the waiting GUI thread woke
    up; here, while the main thread (the GUI's, in the app) waits, no other thread may
    take the lock, so a GUI write waits for at most the transaction in progress.
    """

    def __init__(self) -> None:
        self._state = threading.Condition(threading.Lock())
        self._owner: int | None = None
        self._depth = 0
        self._main_waiting = 0

    def acquire(self) -> None:
        me = threading.get_ident()
        main = threading.current_thread() is threading.main_thread()
        with self._state:
            if self._owner == me:
                self._depth += 1
                return
            if main:
                self._main_waiting += 1
            try:
                while self._owner is not None or (self._main_waiting and not main):
                    self._state.wait()
            finally:
                if main:
                    self._main_waiting -= 1
            self._owner, self._depth = me, 1

    def wanted(self) -> bool:
        """Whether the main thread waits for the lock: a worker in a long run of writes
        commits at its next safe point (the GUI's write waits for no more than that)."""
        return self._main_waiting > 0

    def release(self) -> None:
        with self._state:
            if self._owner != threading.get_ident():
                raise RuntimeError("the writer lock is not held by this thread")
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._state.notify_all()

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


#: Taken around every write transaction of this process.
_WRITER = WriterLock()


def writing() -> WriterLock:
    """The process's writer lock: hold it from `BEGIN IMMEDIATE` to `COMMIT`."""
    return _WRITER


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE … COMMIT`, rolled back on any exception.

    Disk-full and similar errors surface as StorageError with a plain message.
    """
    with _WRITER:
        yield from _transaction(conn)


def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise StorageError(f"The library is busy or unwritable: {exc}") from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            if isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower():
                raise StorageError("The disk is full; nothing was changed.") from exc
            raise StorageError(f"Could not save to the library: {exc}") from exc
        raise
