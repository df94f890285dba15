"""Derived data on disk: an SQLite file beside the store (the search index, the story index) that
can always be rebuilt from the library, shared safely by the app and command-line processes.

SQLite does the locking: write-ahead logging lets readers go on while one process writes, and a
busy timeout makes a second writer wait its turn. Each thread gets its own connection, as
sqlite3 wants. A file that cannot be read is replaced by an empty one (it is derived, so nothing
is lost), and ``notice`` says so in words for the user.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

from .errors import BroadsheetError


class DerivedFile:
    """One derived SQLite file. Subclasses name their tables, schema version and errors."""

    #: Bump when the tables change: a file of another version is emptied and rebuilt.
    SCHEMA: ClassVar[int] = 1
    #: The CREATE statements, separated by ";\n".
    TABLES: ClassVar[str] = ""
    #: What the file is, in words for the user ("the search index"), and how to rebuild it.
    WHAT: ClassVar[str] = "the index"
    REBUILD: ClassVar[str] = ""
    #: The errors raised: another process holds it; it is damaged; it cannot be used at all.
    Busy: ClassVar[type[BroadsheetError]] = BroadsheetError
    Damaged: ClassVar[type[BroadsheetError]] = BroadsheetError
    Unusable: ClassVar[type[BroadsheetError]] = BroadsheetError

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.notice = ""
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._inode: int | None = None

    def _open(self) -> None:
        """Make the folder and the tables, replacing a damaged file with an empty one."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise self.Unusable(f"cannot make the folder for {self.WHAT} {self.path}: {error.strerror or error}") \
                from None
        try:
            self._prepare_waiting()
        except sqlite3.DatabaseError as error:
            problem = self.translate(error)
            if not isinstance(problem, self.Damaged) and isinstance(problem, BroadsheetError):
                raise problem from None  # busy, or unusable (read-only, disk full...): not the file's fault
            self._replace_damaged(error)
        except BroadsheetError as error:
            if not isinstance(error, self.Damaged):
                raise
            self._replace_damaged(error)

    def _replace_damaged(self, error: Exception) -> None:
        self.notice = f"{self.WHAT} {self.path} was unreadable ({error}); it is being rebuilt from the library"
        self.discard_file()
        self._prepare()

    def translate(self, error: sqlite3.Error) -> Exception:
        """SQLite's errors as the ones a user can act on; others pass through unchanged."""
        name = getattr(error, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return self.Busy(f"{self.WHAT} {self.path} is busy: another broadsheet process is writing it; "
                             "try again in a moment")
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or type(error) is sqlite3.DatabaseError:
            return self.Damaged(f"{self.WHAT} {self.path} is damaged ({error}); {self.REBUILD}")
        if name.startswith(
            ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_AUTH")
        ):
            return self.Unusable(f"{self.WHAT} {self.path} cannot be used ({error}); "
                                 "it needs to be readable and writable")
        return error

    def _prepare_waiting(self) -> None:
        """``_prepare``, retried while another process holds the file. Switching a new file to
        write-ahead logging, or recovering its log, answers SQLITE_BUSY at once, without the
        busy timeout: two processes opening the file together would otherwise fail."""
        deadline = time.monotonic() + self.timeout
        pause = 0.01
        while True:
            try:
                self._prepare()
                return
            except sqlite3.OperationalError as error:
                if not isinstance(self.translate(error), self.Busy) or time.monotonic() >= deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)

    def _prepare(self) -> None:
        db = self.connection()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == self.SCHEMA:
            db.execute("SELECT count(*) FROM meta").fetchone()
            return
        with self.writing() as db:
            # Checked again under the lock: another process may have just made the tables.
            if db.execute("PRAGMA user_version").fetchone()[0] != self.SCHEMA:
                self._create(db)

    def _create(self, db: sqlite3.Connection) -> None:
        """Drop whatever tables there are (an older schema's too) and make empty ones."""
        for kind in ("CREATE VIRTUAL%", "%"):
            names = db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE ? AND name NOT LIKE 'sqlite%'",
                (kind,),
            )
            for (name,) in names.fetchall():
                db.execute(f'DROP TABLE IF EXISTS "{name}"')
        for statement in filter(str.strip, self.TABLES.split(";\n")):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {self.SCHEMA}")

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
            try:
                db.execute("PRAGMA journal_mode = WAL")
                # Derived data: a power cut may lose the last batches (a sync redoes them), never the file.
                db.execute("PRAGMA synchronous = NORMAL")
                db.execute("PRAGMA temp_store = MEMORY")
                # A larger page cache: merging FTS segments rereads them (a tenth of indexing time).
                db.execute("PRAGMA cache_size = -32768")
                # A big sync grows the log by the size of the file; this keeps the log from
                # staying that big once its pages are written back.
                db.execute("PRAGMA journal_size_limit = 67108864")
            except sqlite3.Error:
                db.close()
                raise
            self._local.db = db
            with self._guard:
                self._connections.append(db)
                if self._inode is None:
                    self._inode = _inode(self.path)
        return db

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (BEGIN IMMEDIATE) so that waiting for another
        writer happens here, within the busy timeout, and not half-way through."""
        db = self.connection()
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise self.translate(error) from None
        try:
            yield db
        except BaseException:
            if db.in_transaction:  # SQLite rolls back by itself after some errors (disk full)
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn SQLite's errors into this file's errors within the block."""
        try:
            yield
        except sqlite3.Error as error:
            raise self.translate(error) from None

    def meta(self, key: str, default: str = "") -> str:
        row = self.connection().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def reset(self) -> None:
        """Empty the file, to be filled again from the library."""
        with self.errors():
            with self.writing() as db:
                self._create(db)
            try:
                self.connection().execute("VACUUM")
            except sqlite3.OperationalError:
                pass  # another process is reading: the file shrinks another time

    def checkpoint(self) -> None:
        """Write the log back into the file and truncate it (no-op while another process reads)."""
        with self.errors():
            self.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def size_on_disk(self) -> int:
        names = [self.path, self.path.with_name(self.path.name + "-wal")]
        return sum(p.stat().st_size for p in names if p.exists())

    def release(self) -> None:
        """Close this thread's connection: a worker thread that is done with the file calls
        it, so that short-lived threads do not each leave a connection open."""
        db = getattr(self._local, "db", None)
        if db is not None:
            self._local.db = None
            with self._guard:
                if db in self._connections:
                    self._connections.remove(db)
            db.close()

    def close(self) -> None:
        """Close every connection; the file can still be used, and opens new ones."""
        with self._guard:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    def discard_file(self) -> None:
        """Delete a damaged file, unless another process already replaced it."""
        self.close()
        if self._inode is not None and _inode(self.path) not in (self._inode, None):
            self._inode = None
            return
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass
        self._inode = None


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None
