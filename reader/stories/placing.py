"""Bringing the story index up to date with the store: each new article placed in a story of
its days, changed ones re-read, removed ones taken out. Months are gone through oldest first
and only the stories a month's articles may join are held in memory, so a first placing of a
big library (or `stories --rebuild`) needs no more memory than a fortnight of news.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime

import orjson

from ..models import Article
from ..store import Store, StoreError
from .extracting import Extractor, Read, Text
from .grouping import MAX_SIZE, MAX_SPAN, WINDOW, Grouping, Link, Story
from .index import ArticleRow, StoryIndex, StoryRow, write_articles, write_doc_freq, write_features, write_story
from .terms import COPY, headline_terms, names, resemblance, sketch
from .turn import PlacingCancelled, placing_turn
from .vectors import Features, Vectors

#: Articles placed per transaction: another process's write waits at most this long.
BATCH = 500


@dataclass(frozen=True, slots=True)
class PlaceReport:
    placed: int = 0
    #: Of those placed, how many joined a story that had other accounts.
    joined: int = 0
    updated: int = 0
    removed: int = 0
    seconds: float = 0.0
    complete: bool = True
    problems: tuple[str, ...] = ()


def features_of(article: Article, text: str) -> Features:
    return Features(article.id, article.published, article.outlet, headline_terms(article.title, text),
                    frozenset(names(article.title, text)))


class _Placer:
    """One sync's grouping: the stories of the days being placed, loaded from the index as
    needed, and what changed, to be written back batch by batch."""

    def __init__(self, index: StoryIndex) -> None:
        self.index = index
        freq, documents = index.doc_freq()
        self.grouping = Grouping(Vectors(freq, documents))
        self._loaded: set[str] = set()
        self._sketches: dict[str, tuple[int, ...]] = {}
        self._copies: dict[str, str | None] = {}
        self._touched: set[str] = set()
        self._pending: list[ArticleRow] = []

    def reach(self, start: datetime, end: datetime) -> None:
        """Hold every stored story that an article published between start and end may join:
        not those spanning too long already, nor those full (a story held costs its members'
        vectors and postings, and a fetch reaches thousands)."""
        rows = [r for r in self.index.window(start - WINDOW, end + WINDOW, first_from=start - MAX_SPAN,
                                             smaller_than=MAX_SIZE) if r.id not in self._loaded]
        if not rows:
            return
        members: dict[str, list[Features]] = {}
        links: dict[str, dict[str, Link]] = {}
        for story_id, features, link in self.index.members(r.id for r in rows):
            members.setdefault(story_id, []).append(features)
            if link is not None:
                links.setdefault(story_id, {})[features.article_id] = link
        self._loaded.update(row.id for row in rows)
        self.grouping.load_many((row.id, members.get(row.id, ()), links.get(row.id, {})) for row in rows)
        self._sketches.update(self.index.sketches(row.id for row in rows))

    def place(self, article: Article, features: Features, shape: tuple[int, ...]) -> Link | None:
        story_id, link = self.grouping.place(features)
        self._loaded.add(story_id)
        story = self.grouping.stories[story_id]
        copy_of = self._copy_of(article.id, shape, story)
        self._sketches[article.id] = shape
        self._copies[article.id] = copy_of
        self._touched.add(story_id)
        self._pending.append((article.shard, article.content_hash, article.title, features, shape, story_id,
                              len(story.members) - 1, link, copy_of))
        return link

    def _copy_of(self, article_id: str, shape: tuple[int, ...], story: Story) -> str | None:
        """The earlier account this one is a copy of (the first of its copies), if any."""
        for member in story.members[:-1]:
            other = self._sketches.get(member)
            if other is not None and resemblance(shape, other) >= COPY:
                return self._copies.get(member) or member
        return None

    def write(self, seen: dict[str, list[int]] | None = None) -> None:
        """Write what was placed, the stories it touched and the changed frequencies."""
        grouping = self.grouping
        with self.index.writing() as db:
            write_articles(db, self._pending)
            for story_id in self._touched:
                story = grouping.stories.get(story_id)
                if story is None or story.first is None or story.last is None:
                    continue
                central = grouping.central(story)
                title = db.execute("SELECT title FROM articles WHERE id = ?", (central,)).fetchone()
                write_story(db, StoryRow(story_id, story.first, story.last, len(story.members),
                                         title[0] if title else "", central))
            write_doc_freq(db, grouping.vectors.changes(), grouping.vectors.documents)
            if seen is not None:
                db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('shards', ?)",
                           (orjson.dumps(seen).decode(),))
        self._pending.clear()
        self._touched.clear()

    def expire(self, now: datetime) -> None:
        for story in self.grouping.expire(now):
            self._loaded.discard(story.anchor)
            for member in story.members:
                self._sketches.pop(member, None)
                self._copies.pop(member, None)

    @property
    def pending(self) -> int:
        return len(self._pending)


def sync(
    index: StoryIndex,
    store: Store,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    known: dict[bytes, Read] | None = None,
    give_way: Callable[[], None] | None = None,
    waiting: Callable[[str], None] | None = None,
) -> PlaceReport:
    """Place what is new, re-read what changed, take out what is gone; oldest months first.
    ``progress(done, total)`` counts the articles of the months being looked at; ``known``
    are readings made already (see extracting.read_drafts); ``give_way()`` is called before
    each article is placed, and may wait (the app's placing waits while the user moves).
    A placing already running on the index (in any process) is waited for, and what it
    placed is not placed again; ``waiting(holder)`` is told when that happens."""
    started = time.perf_counter()
    cancelled = cancelled or (lambda: False)
    try:
        with placing_turn(index.path.parent, cancelled=cancelled, waiting=waiting):
            return _sync(index, store, started, progress, cancelled, known, give_way or (lambda: None))
    except PlacingCancelled:
        return _report(dict.fromkeys(("placed", "joined", "updated", "removed"), 0), started, False, [])


def _sync(index: StoryIndex, store: Store, started: float, progress: Callable[[int, int], None] | None,
          cancelled: Callable[[], bool], known: dict[bytes, Read] | None, give_way: Callable[[], None]) -> PlaceReport:
    """sync, with the placing lock held: what is found new here no other placing will place."""
    problems: list[str] = []
    counts = {"placed": 0, "joined": 0, "updated": 0, "removed": 0}
    with index.errors(), ExitStack() as stack:
        months = store.month_signatures()
        seen: dict[str, list[int]] = orjson.loads(index.meta("shards", "{}"))
        for month in sorted(index.shards() - set(months)):
            counts["removed"] += _remove(index, list(index.hashes(month)))
            seen.pop(month, None)
        stale = [m for m in sorted(months) if seen.get(m) != months[m]]
        sizes = store.month_sizes()
        total, done = sum(sizes.get(m, 0) for m in stale), 0
        placer = _Placer(index)
        extractor = stack.enter_context(Extractor.spare_cores(known))
        for month in stale:
            if cancelled():
                return _report(counts, started, False, problems)
            try:
                articles = sorted(store.articles_of_month(month), key=lambda a: (a.published, a.id))
            except StoreError as error:
                problems.append(str(error))
                continue
            have = index.hashes(month)
            gone = set(have) - {a.id for a in articles}
            if gone:
                counts["removed"] += _remove(index, sorted(gone))
            fresh = [a for a in articles if a.id not in have]
            changed = [a for a in articles if a.id in have and have[a.id] != a.content_hash]
            if changed:
                counts["updated"] += _update(index, store, changed, problems)
            if fresh:
                placer.expire(fresh[0].published)
                placer.reach(fresh[0].published, fresh[-1].published)
            for article, (terms, found, shape) in extractor.read(_texts(store, fresh, problems), len(fresh)):
                give_way()
                features = Features(article.id, article.published, article.outlet, terms, frozenset(found))
                link = placer.place(article, features, shape)
                counts["placed"] += 1
                counts["joined"] += link is not None
                if placer.pending >= BATCH:
                    placer.write()
                    # What no later article can join leaves memory as soon as it is written.
                    placer.expire(article.published)
                    if cancelled():
                        return _report(counts, started, False, problems)
            done += len(articles)
            seen[month] = months[month]
            placer.write({m: s for m, s in seen.items() if m in months})
            if progress:
                progress(done, total)
    return _report(counts, started, True, problems)


def _texts(store: Store, articles: list[Article], problems: list[str]) -> Iterator[tuple[Article, Text]]:
    for article in articles:
        try:
            yield article, (article.title, store.body(article).text)
        except StoreError as error:
            problems.append(str(error))


def rebuild(index: StoryIndex, store: Store, *, progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> PlaceReport:
    """Group the whole library afresh, as when the method changes: the user's corrections are
    kept apart and apply to the new grouping as they did to the old."""
    started = time.perf_counter()
    cancelled = cancelled or (lambda: False)
    try:
        with placing_turn(index.path.parent, cancelled=cancelled):
            index.clear_grouping()
            return _sync(index, store, started, progress, cancelled, None, lambda: None)
    except PlacingCancelled:
        return _report(dict.fromkeys(("placed", "joined", "updated", "removed"), 0), started, False, [])


def _remove(index: StoryIndex, article_ids: list[str]) -> int:
    """Take articles out; their stories shrink (an emptied story goes, and one that lost its
    first account goes by the next one's id)."""
    if not article_ids:
        return 0
    with index.writing() as db:
        ids = orjson.dumps(article_ids).decode()
        stories = [r[0] for r in db.execute(
            "SELECT DISTINCT story FROM articles WHERE id IN (SELECT value FROM json_each(?))", (ids,))]
        db.execute("DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?))", (ids,))
        db.execute("DELETE FROM features WHERE id IN (SELECT value FROM json_each(?))", (ids,))
        db.execute("UPDATE articles SET copy_of = NULL WHERE copy_of IN (SELECT value FROM json_each(?))", (ids,))
        for story in stories:
            row = db.execute("SELECT count(*), min(published), max(published) FROM articles WHERE story = ?",
                             (story,)).fetchone()
            if row[0] == 0:
                db.execute("DELETE FROM stories WHERE id = ?", (story,))
            else:
                db.execute("UPDATE stories SET size = ?, first = ?, last = ? WHERE id = ?", (*row, story))
                # A story's id is its first member's (the grouping relies on it): when that one
                # went, the next one placed takes over, and heads the story if the central went too.
                anchor = db.execute("SELECT id FROM articles WHERE story = ? ORDER BY seq LIMIT 1",
                                    (story,)).fetchone()[0]
                if anchor != story:
                    db.execute("UPDATE articles SET story = ? WHERE story = ?", (anchor, story))
                    db.execute("UPDATE articles SET link = NULL WHERE id = ?", (anchor,))
                    db.execute("UPDATE stories SET id = ? WHERE id = ?", (anchor, story))
                db.execute("UPDATE stories SET central = ?1, title = (SELECT title FROM articles WHERE id = ?1)"
                           " WHERE id = ?1 AND central NOT IN (SELECT id FROM articles WHERE story = ?1)", (anchor,))
    return len(article_ids)


def _update(index: StoryIndex, store: Store, articles: list[Article], problems: list[str]) -> int:
    """An article its outlet edited keeps its story; its words and sketch are read again."""
    updated = 0
    with index.writing() as db:
        for article in articles:
            try:
                text = store.body(article).text
            except StoreError as error:
                problems.append(str(error))
                continue
            features = features_of(article, text)
            db.execute("UPDATE articles SET hash = ?, title = ? WHERE id = ?",
                       (article.content_hash, article.title, article.id))
            write_features(db, features, sketch(text))
            updated += 1
    return updated


def _report(counts: dict[str, int], started: float, complete: bool, problems: list[str]) -> PlaceReport:
    return PlaceReport(counts["placed"], counts["joined"], counts["updated"], counts["removed"],
                       round(time.perf_counter() - started, 3), complete, tuple(problems))
