"""The search index on disk: an SQLite FTS5 table beside the store, derived and rebuildable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..derived import DerivedFile
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


class SearchIndex(DerivedFile):
    """One index file, shared safely by the app and command-line processes (see DerivedFile)."""

    SCHEMA = SCHEMA
    TABLES = _TABLES
    WHAT = "the search index"
    REBUILD = "`broadsheet reindex` rebuilds it"
    Busy = IndexBusy
    Damaged = IndexDamaged
    Unusable = SearchError

    @classmethod
    def open(cls, path: Path, *, timeout: float = 30.0) -> SearchIndex:
        """Open (creating it if needed) the index at ``path``; a damaged file is replaced by an
        empty one, with ``notice`` saying so. Raises IndexBusy if another process holds it."""
        if not fts5_available():
            raise SearchError("this Python's SQLite library has no FTS5, which search needs")
        index = cls(path, timeout)
        index._open()
        return index

    def orphans(self) -> int:
        """FTS rows whose article could not be deleted cleanly: dead weight until a rebuild."""
        return int(self.meta("orphans", "0"))

    def count(self) -> int:
        """Articles indexed."""
        with self.errors():
            count: int = self.connection().execute("SELECT count(*) FROM docs").fetchone()[0]
            return count

    def optimize(self) -> None:
        """Merge the FTS index's segments into one, after a rebuild: a few percent smaller
        (queries measured no faster, so ordinary syncs leave it to FTS5's own merging)."""
        with self.errors():
            with self.writing() as db:
                db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            self.checkpoint()


def translate(error: sqlite3.Error, path: Path) -> Exception:
    """SQLite's errors as the search index's (for callers without an index at hand)."""
    return SearchIndex(path, 0).translate(error)
