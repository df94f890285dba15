"""The story index on disk: each article's features and story, the stories' spans and titles,
and document frequencies. Derived data beside the store (``stories/index.sqlite3``), rebuilt by
`broadsheet stories --rebuild`; the user's corrections live with their data, not here."""

from __future__ import annotations

import sqlite3
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import orjson

from ..derived import DerivedFile
from .errors import StoryError, StoryIndexBusy, StoryIndexDamaged
from .records import Features, Link

FILE = Path("stories") / "index.sqlite3"

_TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles(
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    shard TEXT NOT NULL,
    published REAL NOT NULL,
    outlet TEXT NOT NULL,
    title TEXT NOT NULL,
    story TEXT NOT NULL,
    seq INTEGER NOT NULL,
    link BLOB,
    copy_of TEXT
);
-- Covering what the story list reads, so loading it reads the index alone, story by story.
CREATE INDEX articles_story ON articles(story, seq, id, published, outlet, title, link, copy_of);
CREATE INDEX articles_shard ON articles(shard);
-- What placing compares, apart: the story list reads the articles table whole and needs none
-- of it (at 100,000 articles, 4 KB a row that the list would page through).
CREATE TABLE features(
    id TEXT PRIMARY KEY,
    terms BLOB NOT NULL,
    names BLOB NOT NULL,
    sketch BLOB NOT NULL
);
CREATE TABLE stories(
    id TEXT PRIMARY KEY,
    first REAL NOT NULL,
    last REAL NOT NULL,
    size INTEGER NOT NULL,
    title TEXT NOT NULL,
    central TEXT NOT NULL
);
CREATE INDEX stories_last ON stories(last);
CREATE INDEX stories_size ON stories(size);
CREATE TABLE doc_freq(key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE readings(id TEXT PRIMARY KEY, hash TEXT NOT NULL, version INTEGER NOT NULL, data BLOB NOT NULL)
"""


def index_path(home: Path) -> Path:
    """Where the story index of the library in ``home`` lives."""
    return Path(home) / FILE


def _time(when: datetime) -> float:
    return when.timestamp()


def _when(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


@dataclass(frozen=True, slots=True)
class Placed:
    """One article as the index holds it, without its terms."""

    id: str
    story: str
    published: datetime
    outlet: str
    title: str
    #: Why it is in its story, as stored (read_link reads it): most are never looked at.
    link: bytes | None
    copy_of: str | None


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    first: datetime
    last: datetime
    size: int
    title: str
    central: str


class StoryIndex(DerivedFile):
    """The story index file (see DerivedFile for how processes share it)."""

    SCHEMA = 4
    TABLES = _TABLES
    WHAT = "the story index"
    REBUILD = "`broadsheet stories --rebuild` rebuilds it"
    Busy = StoryIndexBusy
    Damaged = StoryIndexDamaged
    Unusable = StoryError

    @classmethod
    def open(cls, path: Path, *, timeout: float = 30.0) -> StoryIndex:
        index = cls(path, timeout)
        index._open()
        return index

    def clear_grouping(self) -> None:
        """Forget every placing (for a regroup); the cached readings stay, being by content."""
        with self.errors(), self.writing() as db:
            for table in ("articles", "features", "stories", "doc_freq", "meta"):
                db.execute(f"DELETE FROM {table}")

    def readings(self, wanted: Mapping[str, str], version: int) -> dict[str, bytes]:
        """Cached readings of the articles (id -> content hash) read at this version."""
        with self.errors():
            rows = self.connection().execute(
                "SELECT id, hash, data FROM readings WHERE version = ? AND id IN (SELECT value FROM json_each(?))",
                (version, orjson.dumps(list(wanted)).decode()),
            ).fetchall()
        return {i: data for i, h, data in rows if wanted.get(i) == h}

    def save_readings(self, rows: Iterable[tuple[str, str, bytes]], version: int) -> None:
        with self.errors(), self.writing() as db:
            db.executemany("INSERT OR REPLACE INTO readings(id, hash, version, data) VALUES (?, ?, ?, ?)",
                           [(i, h, version, data) for i, h, data in rows])

    def count(self) -> int:
        with self.errors():
            count: int = self.connection().execute("SELECT count(*) FROM articles").fetchone()[0]
            return count

    def word_shares(self) -> tuple[dict[str, float], int]:
        """Each word stem's share of all the library's (document) uses of words, and the number
        of documents: the background against which a story's wording is weighed."""
        freq, documents = self.doc_freq()
        words = {k: n for k, n in freq.items() if not k.startswith("@")}
        total = sum(words.values()) or 1
        return {k: n / total for k, n in words.items()}, documents

    def doc_freq(self) -> tuple[dict[str, int], int]:
        """Document frequencies of every term and name, and the number of documents."""
        with self.errors():
            db = self.connection()
            freq = dict(db.execute("SELECT key, n FROM doc_freq"))
            return freq, int(self.meta("documents", "0"))

    def hashes(self, shard: str) -> dict[str, str]:
        """Article id -> content hash placed, for the articles of one month."""
        with self.errors():
            return dict(self.connection().execute("SELECT id, hash FROM articles WHERE shard = ?", (shard,)))

    def shards(self) -> set[str]:
        with self.errors():
            return {row[0] for row in self.connection().execute("SELECT DISTINCT shard FROM articles")}

    def window(self, start: datetime, end: datetime, *, first_from: datetime | None = None,
               smaller_than: int | None = None) -> list[StoryRow]:
        """The stories whose newest account is within [start, end] (and with these, whose first
        is no older than ``first_from``, of fewer accounts than ``smaller_than``)."""
        query = "SELECT id, first, last, size, title, central FROM stories WHERE last >= ? AND first <= ?"
        args: list[float | int] = [_time(start), _time(end)]
        if first_from is not None:
            query += " AND first >= ?"
            args.append(_time(first_from))
        if smaller_than is not None:
            query += " AND size < ?"
            args.append(smaller_than)
        with self.errors():
            rows = self.connection().execute(query, args).fetchall()
        return [StoryRow(i, _when(f), _when(la), n, t, c) for i, f, la, n, t, c in rows]

    def members(self, story_ids: Iterable[str]) -> Iterator[tuple[str, Features, Link | None]]:
        """(story id, features, link) of every member of these stories, in the order placed."""
        ids = list(story_ids)
        with self.errors():
            rows = self.connection().execute(
                "SELECT story, a.id, published, outlet, terms, names, link FROM articles a JOIN features f"
                " ON f.id = a.id WHERE story IN (SELECT value FROM json_each(?)) ORDER BY story, seq",
                (orjson.dumps(ids).decode(),),
            )
            for story, article_id, published, outlet, terms, names, link in rows:
                features = Features(article_id, _when(published), outlet, unpack_terms(terms),
                                    frozenset(orjson.loads(names)))
                yield story, features, read_link(link)

    def sketches(self, story_ids: Iterable[str]) -> dict[str, tuple[int, ...]]:
        """The sketches of every member of these stories (in one query: a fetch reaches
        thousands of stories, most of one account)."""
        with self.errors():
            rows = self.connection().execute(
                "SELECT a.id, sketch FROM articles a JOIN features f ON f.id = a.id"
                " WHERE story IN (SELECT value FROM json_each(?))", (orjson.dumps(list(story_ids)).decode(),))
            return {i: unpack_sketch(s) for i, s in rows}

    def placed(self, story_id: str | None = None, *, shared_and: Iterable[str] | None = None) -> list[Placed]:
        """Every placed article (or one story's), in the order placed. With ``shared_and``:
        only the articles of stories of more than one, and of the stories of the articles
        given (what the user's corrections name), which at 100,000 articles is a tenth."""
        query = "SELECT id, story, published, outlet, title, link, copy_of FROM articles"
        args: tuple[str, ...] = ()
        if story_id is not None:
            query += " WHERE story = ?"
            args = (story_id,)
        elif shared_and is not None:
            query += (" WHERE story IN (SELECT id FROM stories WHERE size > 1)"
                      " OR story IN (SELECT story FROM articles WHERE id IN (SELECT value FROM json_each(?)))")
            args = (orjson.dumps(sorted(set(shared_and))).decode(),)
        if shared_and is None:
            query += " ORDER BY story, seq"  # (the library sorts each story's accounts by date)
        with self.errors():
            rows = self.connection().execute(query, args).fetchall()
        return [Placed(i, s, _when(p), o, t, lk, c) for i, s, p, o, t, lk, c in rows]

    def assignment(self) -> dict[str, str]:
        """Article id -> story id, for every placed article."""
        with self.errors():
            return dict(self.connection().execute("SELECT id, story FROM articles"))

    def stories(self, *, shared_and: Iterable[str] | None = None) -> dict[str, StoryRow]:
        """Every story's row; with ``shared_and``, those ``placed`` gives the articles of."""
        query = "SELECT id, first, last, size, title, central FROM stories"
        args: tuple[str, ...] = ()
        if shared_and is not None:
            query += (" WHERE size > 1 OR id IN (SELECT story FROM articles"
                      " WHERE id IN (SELECT value FROM json_each(?)))")
            args = (orjson.dumps(sorted(set(shared_and))).decode(),)
        with self.errors():
            rows = self.connection().execute(query, args).fetchall()
        return {i: StoryRow(i, _when(f), _when(la), n, t, c) for i, f, la, n, t, c in rows}


def read_link(data: bytes | None) -> Link | None:
    if not data:
        return None
    values = orjson.loads(data)
    return Link(values[0], values[1], values[2], values[3], tuple(values[4]), tuple(values[5]), values[6])


def link_blob(link: Link | None) -> bytes | None:
    if link is None:
        return None
    return orjson.dumps([link.article_id, link.nearest, link.score, link.core, list(link.shared_terms),
                         list(link.shared_names), link.hours])


#: An article as placed: shard, content hash, title, features, sketch, story, seq, link, copy of.
ArticleRow = tuple[str, str, str, Features, tuple[int, ...], str, int, Link | None, str | None]


def write_articles(db: sqlite3.Connection, rows: Iterable[ArticleRow]) -> None:
    """Write placed articles, a batch in one statement per table (one each was a tenth of placing)."""
    rows = list(rows)
    db.executemany(
        "INSERT OR REPLACE INTO articles(id, hash, shard, published, outlet, title, story, seq, link, copy_of)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(features.article_id, content_hash, shard, _time(features.published), features.outlet, title,
          story, seq, link_blob(link), copy_of)
         for shard, content_hash, title, features, _, story, seq, link, copy_of in rows],
    )
    db.executemany("INSERT OR REPLACE INTO features(id, terms, names, sketch) VALUES (?, ?, ?, ?)",
                   [_features_row(row[3], row[4]) for row in rows])


def write_features(db: sqlite3.Connection, features: Features, sketch: tuple[int, ...]) -> None:
    db.execute("INSERT OR REPLACE INTO features(id, terms, names, sketch) VALUES (?, ?, ?, ?)",
               _features_row(features, sketch))


def _features_row(features: Features, sketch: tuple[int, ...]) -> tuple[str, bytes, bytes, bytes]:
    return (features.article_id, pack_terms(features.terms), orjson.dumps(sorted(features.names)),
            pack_sketch(sketch))


# Terms compressed (to two fifths) and sketches as 32-bit numbers: the features are most of
# the index's size, and packing costs microseconds per article.
def pack_terms(terms: Mapping[str, float]) -> bytes:
    return zlib.compress(orjson.dumps(dict(terms)), 1)


def unpack_terms(data: bytes) -> dict[str, float]:
    terms: dict[str, float] = orjson.loads(zlib.decompress(data))
    return terms


def pack_sketch(sketch: tuple[int, ...]) -> bytes:
    return array("I", sketch).tobytes()


def unpack_sketch(data: bytes) -> tuple[int, ...]:
    values = array("I")
    values.frombytes(data)
    return tuple(values)


def write_story(db: sqlite3.Connection, row: StoryRow) -> None:
    db.execute("INSERT OR REPLACE INTO stories(id, first, last, size, title, central) VALUES (?, ?, ?, ?, ?, ?)",
               (row.id, _time(row.first), _time(row.last), row.size, row.title, row.central))


def write_doc_freq(db: sqlite3.Connection, changed: dict[str, int], documents: int) -> None:
    db.executemany("INSERT OR REPLACE INTO doc_freq(key, n) VALUES (?, ?)", changed.items())
    db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('documents', ?)", (str(documents),))
