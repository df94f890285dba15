"""Bringing the index up to date with the store: new, changed and removed articles, tags and notes.

Only months whose metadata shard changed since the last sync are compared article by article
(by content hash), and the user's tags and annotations only when their files changed, so a
sync with nothing to do costs a few file stats.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

import orjson

from ..models import Article
from ..store import Store, StoreError
from .documents import Doc, doc_for, make_doc, read_body, remove_ids, save_meta, write
from .highlight import Fields
from .index import SearchIndex

#: Articles written per transaction: few enough that another process's write waits under a
#: second, many enough that FTS5 merges fewer, larger segments (a third faster than 500).
BATCH = 2000
#: Orphaned FTS rows (see index.py) beyond which a sync starts the index afresh: this share
#: of the articles indexed, and at least this many.
ORPHAN_SHARE, ORPHAN_FLOOR = 0.2, 2_000


@dataclass(frozen=True, slots=True)
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    seconds: float = 0.0
    #: False when ``cancelled`` stopped it early: what was done so far is kept.
    complete: bool = True
    #: What could not be indexed, in words for the user (a damaged month, an unreadable body).
    problems: tuple[str, ...] = ()
    #: True when the index was emptied first, having gathered too many orphans.
    rebuilt: bool = False


class _UserText:
    """The user's words about each article (tags, annotation quotes and notes) and their digest."""

    def __init__(self, store: Store, problems: list[str]) -> None:
        self.tags: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        #: False when a file could not be read: searched without its words until it can be.
        self.complete = True
        try:
            _, marks = store.states()
            self.tags = {i: " ".join(m.tags) for i, m in marks.items() if m.tags}
            notes = store.annotation_words()
        except StoreError as error:
            problems.append(str(error))
            self.complete = False
            return
        self.notes = {i: "\n".join(parts) for i, parts in notes.items() if parts}

    def of(self, article_id: str) -> tuple[str, str, str]:
        """(tags, notes, digest of both); the digest is "" when there are none."""
        tags, notes = self.tags.get(article_id, ""), self.notes.get(article_id, "")
        digest = hashlib.blake2b(f"{tags}\0{notes}".encode(), digest_size=8).hexdigest() if tags or notes else ""
        return tags, notes, digest


def sync(
    index: SearchIndex,
    store: Store,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    give_way: Callable[[], None] | None = None,
) -> SyncReport:
    """Index what is missing or stale (by content hash, and by tags and notes), drop what is
    gone; newest months first, so search covers recent articles soonest. Safe to run in
    several processes at once: each batch re-checks, under the write lock, what it replaces.
    ``progress(done, total)`` counts the articles of the months being looked at; ``give_way()``
    is called before each article is read and each batch written, and may wait (the app's
    indexing waits while the user moves)."""
    started = time.perf_counter()
    cancelled = cancelled or (lambda: False)
    give_way = give_way or (lambda: None)
    counts = {"added": 0, "updated": 0, "removed": 0}
    problems: list[str] = []
    rebuilt = False
    with index.errors():
        if index.orphans() > max(ORPHAN_FLOOR, ORPHAN_SHARE * index.count()):
            index.reset()
            rebuilt = True
        # Signatures are taken before anything is read: a month written meanwhile is seen as
        # changed again next time.
        months = store.month_signatures()
        user_sig = store.user_signature()
        seen = orjson.loads(index.meta("shards", "{}"))
        user = _UserText(store, problems)
        db = index.connection()
        indexed_months = {row[0] for row in db.execute("SELECT DISTINCT shard FROM docs")}
        for month in sorted(indexed_months - set(months)):
            _remove(index, store, [r[0] for r in db.execute("SELECT id FROM docs WHERE shard = ?", (month,))], counts)
        stale = [m for m in sorted(months, reverse=True) if seen.get(m) != months[m]]
        sizes = store.month_sizes()
        total = sum(sizes.get(m, 0) for m in stale)
        done = 0
        for kind, month, payload in _produce(index, store, stale, user, cancelled, problems, give_way):
            if kind == "remove":
                _remove(index, store, payload, counts)
            elif kind == "write":
                give_way()
                with index.writing() as db:
                    added, updated = write(db, store, payload)
                counts["added"] += added
                counts["updated"] += updated
                done += len(payload)
            elif kind == "checked":  # a month that could not be read
                done += sizes.get(month, 0)
            else:  # "month": done; what it had that needed nothing counts as done too
                done += payload
                seen[month] = months[month]
                with index.writing() as db:
                    save_meta(db, "shards", orjson.dumps({m: s for m, s in seen.items() if m in months}).decode())
            if progress and kind != "remove":
                progress(min(done, total), total)
        if cancelled():
            return _report(counts, started, False, problems, rebuilt)
        if index.meta("user") != user_sig and user.complete:
            retag = _plan_user_changes(index, store, user, skip=set(stale))
            for start in range(0, len(retag), BATCH):
                if cancelled():
                    return _report(counts, started, False, problems, rebuilt)
                with index.writing() as db:
                    counts["updated"] += write(db, store, retag[start : start + BATCH])[1]
            with index.writing() as db:
                save_meta(db, "user", user_sig)
    return _report(counts, started, True, problems, rebuilt)


#: (kind, month, payload): the payload is ids, docs or a count as the kind says (see ``_produce``).
_Handover = tuple[str, str, Any]


def _produce(
    index: SearchIndex, store: Store, stale: list[str], user: _UserText, cancelled: Callable[[], bool],
    problems: list[str], give_way: Callable[[], None],
) -> Iterator[_Handover]:
    """Plan each month and read its bodies in a thread, handing over batches ready to write:
    SQLite lets go of the GIL while it indexes, so reading and writing overlap.

    Yields ("remove", month, ids), ("write", month, docs), then ("month", month, n) with the
    articles of the month that needed nothing, or ("checked", month, n) if it could not be read.
    """
    handover: queue.Queue[_Handover | None] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def work() -> None:
        try:
            for month in stale:
                if stop.is_set() or cancelled():
                    break
                try:
                    wanted, gone, articles = _plan_month(index, store, month, user)
                except StoreError as error:
                    problems.append(str(error))
                    handover.put(("checked", month, 0))
                    continue
                if gone:
                    handover.put(("remove", month, gone))
                for start in range(0, len(wanted), BATCH):
                    if stop.is_set() or cancelled():
                        return
                    docs = []
                    for article in wanted[start : start + BATCH]:
                        give_way()
                        docs.append(_doc(store, article, user, problems))
                    handover.put(("write", month, docs))
                handover.put(("month", month, articles - len(wanted)))
        except BaseException as error:  # handed to the caller's thread to raise there
            handover.put(("error", "", error))
        finally:
            index.release()
            handover.put(None)

    thread = threading.Thread(target=work, name="search-sync", daemon=True)
    thread.start()
    try:
        while (item := handover.get()) is not None:
            if item[0] == "error":
                raise item[2]
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            # Unblock a producer waiting on a full queue, then let it finish.
            try:
                handover.get(timeout=0.1)
            except queue.Empty:
                pass
        thread.join()


def _report(counts: dict[str, int], started: float, complete: bool, problems: list[str], rebuilt: bool) -> SyncReport:
    return SyncReport(**counts, seconds=time.perf_counter() - started, complete=complete,
                      problems=tuple(problems), rebuilt=rebuilt)


def _remove(index: SearchIndex, store: Store, article_ids: list[str], counts: dict[str, int]) -> None:
    for start in range(0, len(article_ids), BATCH):
        with index.writing() as db:
            counts["removed"] += remove_ids(db, store, article_ids[start : start + BATCH])


def _plan_month(index: SearchIndex, store: Store, month: str, user: _UserText) -> tuple[list[Article], list[str], int]:
    """The month's articles to (re)index, the ids indexed under it that are gone, and its size."""
    articles = store.articles_of_month(month)
    rows = index.connection().execute("SELECT id, hash, extra FROM docs WHERE shard = ?", (month,)).fetchall()
    indexed = {article_id: (digest, extra) for article_id, digest, extra in rows}
    wanted = [a for a in articles if indexed.get(a.id) != (a.content_hash, user.of(a.id)[2])]
    present = {a.id for a in articles}
    return wanted, [i for i in indexed if i not in present], len(articles)


def _doc(store: Store, article: Article, user: _UserText, problems: list[str]) -> Doc:
    try:
        body = read_body(store, article.shard, cast(tuple[int, int], tuple(article.body_ref)))
    except StoreError as error:
        # The title and the rest are still worth finding; the body is retried when the month next changes.
        problems.append(str(error))
        body = ""
    return doc_for(article, body, *user.of(article.id))


def _plan_user_changes(index: SearchIndex, store: Store, user: _UserText, skip: set[str]) -> list[Doc]:
    """Articles whose tags or notes changed, their body read back from the store by address."""
    db = index.connection()
    candidates = set(user.tags) | set(user.notes)
    candidates |= {row[0] for row in db.execute("SELECT id FROM docs WHERE extra != ''")}
    docs = []
    for article_id in candidates:
        row = db.execute(
            "SELECT shard, body_at, body_size, hash, extra, published, source, title, outlet, author"
            " FROM docs WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None or row[0] in skip:
            continue
        shard, body_at, body_size, content_hash, extra, published, source, title, outlet, author = row
        tags, notes, wanted = user.of(article_id)
        if wanted == extra:
            continue
        try:
            body = read_body(store, shard, (body_at, body_size))
        except StoreError:
            continue  # its month will be looked at again when the store is repaired
        fields = Fields(title, body, author, outlet, tags, notes)
        docs.append(make_doc(article_id, shard, (body_at, body_size), content_hash, wanted, published, source, fields))
    return docs
