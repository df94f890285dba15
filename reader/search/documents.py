"""Writing articles into the index and taking them out again: the docs table and the FTS table in step."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from typing import Any, cast

import orjson

from ..models import Article
from ..store import Store, StoreError
from .highlight import Fields
from .query import word_key

_COLUMNS = ("id", "shard", "body_at", "body_size", "body_digest", "hash", "extra", "published", "source",
            "title", "outlet", "author", "tags", "notes", "outlet_key", "author_key")

def _from_batch(*positions: int) -> str:
    return ", ".join(f"json_extract(value, '$[{n}]')" for n in positions)


# A batch goes in as two JSON arrays: docs rows (rowid, then _COLUMNS in order) and the bodies.
# The FTS rows are made from the docs rows just written, joined by rowid, with each body the
# value json_each yields: no JSON holding a body is parsed more than once.
_INSERT_DOCS = (
    f"INSERT INTO docs(rowid, {', '.join(_COLUMNS)})"
    f" SELECT {_from_batch(*range(len(_COLUMNS) + 1))} FROM json_each(?)"
)
_INSERT_FTS = (
    "INSERT INTO fts(rowid, title, body, author, outlet, tags, notes)"
    " SELECT d.rowid, d.title, b.value, d.author, d.outlet, d.tags, d.notes"
    " FROM json_each(?) AS b CROSS JOIN docs AS d ON d.rowid = ? + b.key"
)
#: What removing a row needs to know of it.
OLD_ROW = "rowid, hash, extra, shard, body_at, body_size, body_digest, title, author, outlet, tags, notes"


@dataclass(frozen=True, slots=True)
class Doc:
    """One article as it is to be indexed, every value worked out before the write lock is taken."""

    id: str
    shard: str
    body_ref: tuple[int, int]
    hash: str
    #: Digest of the tags and notes indexed with it; "" when there are none.
    extra: str
    published: int
    source: str
    fields: Fields
    body_digest: str
    outlet_key: str
    author_key: str


def make_doc(article_id: str, shard: str, body_ref: tuple[int, int], content_hash: str, extra: str,
             published: int, source: str, fields: Fields) -> Doc:
    return Doc(article_id, shard, body_ref, content_hash, extra, published, source, fields,
               digest(fields.body), word_key(fields.outlet), word_key(fields.author))


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def read_body(store: Store, shard: str, ref: tuple[int, int]) -> str:
    """An article's Body.text from its address in the store's packs, without reading its month's
    metadata. Raises StoreError if the pack is missing or damaged."""
    return store.body_at(shard, ref).text


def doc_for(article: Article, body: str, tags: str, notes: str, extra: str) -> Doc:
    return make_doc(
        article.id, article.shard, cast(tuple[int, int], tuple(article.body_ref)), article.content_hash, extra,
        int(article.published.timestamp()), article.source,
        Fields(article.title, body, article.author, article.outlet, tags, notes),
    )


def write(db: sqlite3.Connection, store: Store, docs: list[Doc]) -> tuple[int, int]:
    """Index the docs (in the caller's write transaction), replacing any older version of each.

    Each one is re-checked here, under the lock: another process may have indexed it since it
    was planned. The batch goes to SQLite as one JSON parameter, so that indexing it is one
    statement during which this thread does not hold the GIL: another thread reading the
    next batch's bodies would otherwise make it wait for the GIL after every row.
    Returns (added, updated).
    """
    wanted = {doc.id: doc for doc in docs}
    updated = 0
    old = db.execute(f"SELECT {OLD_ROW}, id FROM docs WHERE id IN (SELECT value FROM json_each(?))",
                     (orjson.dumps(list(wanted)),)).fetchall()
    for row in old:
        doc = wanted[row[-1]]
        if (row[1], row[2]) == (doc.hash, doc.extra):
            del wanted[doc.id]  # another process indexed it meanwhile
        else:
            remove_row(db, store, row[:-1])
            updated += 1
    if not wanted:
        return 0, updated
    # Rowids are given here, above any ever used (AUTOINCREMENT's record), so the FTS rows can be
    # inserted apart from the docs rows.
    base = db.execute("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'docs'").fetchone()[0]
    base = max(base, db.execute("SELECT coalesce(max(rowid), 0) FROM docs").fetchone()[0])
    rows = orjson.dumps([
        [base + n, d.id, d.shard, d.body_ref[0], d.body_ref[1], d.body_digest, d.hash, d.extra, d.published,
         d.source, d.fields.title, d.fields.outlet, d.fields.author, d.fields.tags, d.fields.notes, d.outlet_key,
         d.author_key]
        for n, d in enumerate(wanted.values(), 1)
    ])
    db.execute(_INSERT_DOCS, (rows,))
    db.execute(_INSERT_FTS, (orjson.dumps([d.fields.body for d in wanted.values()]), base + 1))
    return len(wanted) - updated, updated


def remove_row(db: sqlite3.Connection, store: Store, row: tuple[Any, ...]) -> None:
    """Take one indexed article out: FTS entry and docs row."""
    rowid, _, _, shard, body_at, body_size, body_digest, title, author, outlet, tags, notes = row
    try:
        body = read_body(store, shard, (body_at, body_size))
    except StoreError:
        body = None
    if body is not None and digest(body) == body_digest:
        db.execute(
            "INSERT INTO fts(fts, rowid, title, body, author, outlet, tags, notes)"
            " VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)",
            (rowid, title, body, author, outlet, tags, notes),
        )
    else:
        # Deleting with other values than were indexed would damage the FTS index; an orphan
        # costs only space, and queries never reach it.
        db.execute(
            "INSERT INTO meta(key, value) VALUES ('orphans', '1')"
            " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )
    db.execute("DELETE FROM docs WHERE rowid = ?", (rowid,))


def remove_ids(db: sqlite3.Connection, store: Store, article_ids: list[str]) -> int:
    """Take these articles out (in the caller's write transaction); returns how many were indexed."""
    removed = 0
    for article_id in article_ids:
        row = db.execute(f"SELECT {OLD_ROW} FROM docs WHERE id = ?", (article_id,)).fetchone()
        if row is not None:
            remove_row(db, store, row)
            removed += 1
    return removed


def save_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value)
    )
