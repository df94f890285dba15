"""The search index on disk: an SQLite FTS5 table beside the store, derived and rebuildable."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import IndexBusy, IndexDamaged, SearchError
from .fts import COLUMNS, TOKENIZER

#: Bump when the tables change: an index of another version is emptied and rebuilt.
SCHEMA = 1
FILE = Path("search") / "index.sqlite3"

# The FTS table is contentless: article text is in the store already, and the index holds
# only what filters and result rows read (docs). Before SQLite 3.43, FTS5 can delete a
# contentless row only given the very values it indexed: the body is read back from the store
# by its address (bodies are append-only, so an address never changes what it holds) and
# checked against body_digest; if it cannot be had, the row is left behind as an orphan,
# which queries never see (they join docs) and which a rebuild clears. AUTOINCREMENT keeps
# an orphan's rowid from ever being given to another article.
_TABLES = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    shard TEXT NOT NULL,
    body_at INTEGER NOT NULL,
    body_size INTEGER NOT NULL,
    body_digest TEXT NOT NULL,
    hash TEXT NOT NULL,
    extra TEXT NOT NULL,
    published INTEGER NOT NULL,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    outlet TEXT NOT NULL,
    author TEXT NOT NULL,
    tags TEXT NOT NULL,
    notes TEXT NOT NULL,
    outlet_key TEXT NOT NULL,
    author_key TEXT NOT NULL
);
CREATE INDEX docs_shard ON docs(shard);
CREATE INDEX docs_published ON docs(published, id);
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, content='', tokenize='{TOKENIZER}');
"""


def index_path(home: Path) -> Path:
    """Where the index of the library in ``home`` lives."""
    return Path(home) / FILE


def fts5_available() -> bool:
    """Whether the SQLite library Python uses was built with FTS5 (nearly all are)."""
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    return True


def translate(error: sqlite3.Error, path: Path) -> Exception:
    """SQLite's errors as the ones a user can act on; others pass through unchanged."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return IndexBusy(
            f"the search index {path} is busy: another broadsheet process is writing it; try again in a moment"
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or type(error) is sqlite3.DatabaseError:
        return IndexDamaged(f"the search index {path} is damaged ({error}); `broadsheet reindex` rebuilds it")
    if name.startswith(
        ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_AUTH")
    ):
        return SearchError(
            f"the search index {path} cannot be used ({error}); search needs it to be readable and writable"
        )
    return error


class SearchIndex:
    """One index file, shared safely by the app and command-line processes.

    SQLite does the locking: write-ahead logging lets readers go on while one process
    writes, and a busy timeout makes a second writer wait its turn. Each thread gets its own
    connection, as sqlite3 wants. ``notice`` says, in words for the user, if the file was
    unreadable and has been started afresh.
    """

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.notice = ""
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._inode: int | None = None

    @classmethod
    def open(cls, path: Path, *, timeout: float = 30.0) -> SearchIndex:
        """Open (creating it if needed) the index at ``path``; a damaged file is replaced by an
        empty one, with ``notice`` saying so. Raises IndexBusy if another process holds it."""
        if not fts5_available():
            raise SearchError("this Python's SQLite library has no FTS5, which search needs")
        index = cls(path, timeout)
        try:
            index.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SearchError(
                f"cannot make the folder for the search index {index.path}: {error.strerror or error}"
            ) from None
        try:
            index._prepare_waiting()
        except (sqlite3.DatabaseError, IndexDamaged) as error:
            problem = translate(error, index.path) if isinstance(error, sqlite3.Error) else error
            if isinstance(problem, SearchError) and not isinstance(problem, IndexDamaged):
                raise problem from None  # busy, or unusable (read-only, disk full...): not the file's fault
            index.notice = (
                f"the search index {index.path} was unreadable ({error}); it is being rebuilt from the library"
            )
            index.discard_file()
            index._prepare()
        return index

    def _prepare_waiting(self) -> None:
        """``_prepare``, retried while another process holds the file. Switching a new file to
        write-ahead logging, or recovering its log, answers SQLITE_BUSY at once, without the
        busy timeout: two processes opening the index together would otherwise fail."""
        deadline = time.monotonic() + self.timeout
        pause = 0.01
        while True:
            try:
                self._prepare()
                return
            except sqlite3.OperationalError as error:
                if not isinstance(translate(error, self.path), IndexBusy) or time.monotonic() >= deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)

    def _prepare(self) -> None:
        db = self.connection()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA:
            db.execute("SELECT count(*) FROM meta").fetchone()
            return
        with self.writing() as db:
            # Checked again under the lock: another process may have just made the tables.
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                _create(db)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
            try:
                db.execute("PRAGMA journal_mode = WAL")
                # Derived data: a power cut may lose the last batches (sync redoes them), never the file.
                db.execute("PRAGMA synchronous = NORMAL")
                db.execute("PRAGMA temp_store = MEMORY")
                # Merging FTS segments rereads them; a larger page cache saves a tenth of the indexing time.
                db.execute("PRAGMA cache_size = -32768")
                # A big sync or an optimize grows the log by the size of the index; this keeps the
                # file from staying that big once its pages are written back.
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
            raise translate(error, self.path) from None
        try:
            yield db
        except BaseException:
            if db.in_transaction:  # SQLite rolls back by itself after some errors (disk full)
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn SQLite's errors into IndexBusy or IndexDamaged within the block."""
        try:
            yield
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def meta(self, key: str, default: str = "") -> str:
        row = self.connection().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def orphans(self) -> int:
        """FTS rows whose article could not be deleted cleanly: dead weight until a rebuild."""
        return int(self.meta("orphans", "0"))

    def count(self) -> int:
        """Articles indexed."""
        with self.errors():
            count: int = self.connection().execute("SELECT count(*) FROM docs").fetchone()[0]
            return count

    def reset(self) -> None:
        """Empty the index, to be filled again by ``sync`` (what `broadsheet reindex` does)."""
        with self.errors():
            with self.writing() as db:
                _create(db)
            try:
                self.connection().execute("VACUUM")
            except sqlite3.OperationalError:
                pass  # another process is reading: the file shrinks another time

    def optimize(self) -> None:
        """Merge the FTS index's segments into one, after a rebuild: a few percent smaller
        (queries measured no faster, so ordinary syncs leave it to FTS5's own merging)."""
        with self.errors():
            with self.writing() as db:
                db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            self.checkpoint()

    def checkpoint(self) -> None:
        """Write the log back into the file and truncate it (no-op while another process reads)."""
        with self.errors():
            self.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def size_on_disk(self) -> int:
        names = [self.path, self.path.with_name(self.path.name + "-wal")]
        return sum(p.stat().st_size for p in names if p.exists())

    def release(self) -> None:
        """Close this thread's connection: a worker thread that is done with the index calls
        it, so that short-lived threads do not each leave a connection open."""
        db = getattr(self._local, "db", None)
        if db is not None:
            self._local.db = None
            with self._guard:
                if db in self._connections:
                    self._connections.remove(db)
            db.close()

    def close(self) -> None:
        """Close every connection; the index can still be used, and opens new ones."""
        with self._guard:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    def discard_file(self) -> None:
        """Delete a damaged index file, unless another process already replaced it."""
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


def _create(db: sqlite3.Connection) -> None:
    """Drop whatever tables there are (an older schema's too) and make empty ones."""
    for kind in ("CREATE VIRTUAL%", "%"):
        names = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE ? AND name NOT LIKE 'sqlite%'", (kind,)
        )
        for (name,) in names.fetchall():
            db.execute(f'DROP TABLE IF EXISTS "{name}"')
    for statement in filter(str.strip, _TABLES.split(";\n")):
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA}")


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None
