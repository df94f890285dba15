"""The public face of the store: every other layer reads and writes the library through it."""

from __future__ import annotations

import heapq
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import cast

from ..models import AddResult, Article, ArticleDraft, Body, Revision, Stats, parse_datetime
from ..text import normalise_tag
from . import schema
from .annotation_methods import AnnotationMethods
from .changes import ChangeMethods
from .docs import article_from_doc
from .entity_methods import EntityMethods
from .entity_results import CorrectionLog, EntityResults
from .errors import ReadOnlyStore
from .feed_methods import FeedMethods
from .feeds import Feeds
from .files import translate_os_error
from .full_text import FullTextMethods
from .journal import Journal
from .library import Library
from .lock import FileLock
from .mark_methods import MarkMethods
from .removal import RemovalMethods
from .userstate import UserState


class Store(FeedMethods, MarkMethods, EntityMethods, AnnotationMethods, ChangeMethods, RemovalMethods,
            FullTextMethods):
    """A library in one folder, safe to share between processes.

    Writes take an inter-process lock on ``.lock``, re-read whatever another process
    changed, write atomically and fsync before returning: once a method returns, the
    change survives a crash. Reads need no lock, because files are only ever replaced
    whole. A thread lock serialises this process's own threads, as TinyDB is not
    thread-safe.
    """

    def __init__(self, home: Path, *, read_only: bool = False, lock_timeout: float = 5.0) -> None:
        self.home = Path(home)
        self.read_only = read_only
        self._mutex = threading.RLock()
        self.library = Library(self.home / "library", read_only)
        self.user = UserState(self.home / "state", read_only)
        self.feeds_file = Feeds(self.home / "feeds.json", read_only)
        self.entity_files = EntityResults(self.home / "entities", read_only)
        self.corrections_file = CorrectionLog(self.home / "state" / "entity_corrections.json", read_only)
        #: Marks changed here, kept for the next sync while a sync account is set up.
        self.journal = Journal(self.home / "state" / "sync")
        self._lock = FileLock(self.home / ".lock", lock_timeout, on_foreign_change=self._forget_caches)
        #: Set when an older store was migrated on open: where its backup went.
        self.migration_backup: Path | None = None

    @classmethod
    def open(cls, home: Path, *, read_only: bool = False, lock_timeout: float = 5.0) -> Store:
        home = Path(home)
        if not read_only:
            try:
                for folder in (home, home / "state", home / "library" / "meta", home / "library" / "bodies"):
                    folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise translate_os_error(error, home) from error
        store = cls(home, read_only=read_only, lock_timeout=lock_timeout)
        version = schema.read_schema(home)
        if version is None and not read_only:
            with store.writing():
                if schema.read_schema(home) is None:
                    schema.write_schema(home)
        elif version is not None and version < schema.SCHEMA:
            if read_only:
                raise ReadOnlyStore(f"the library at {home} needs upgrading, which a read-only open cannot do")
            with store.writing():
                current = schema.read_schema(home)
                # None only if another process's migration died between removing the old file and
                # writing format.json: nothing is left to migrate.
                if current is not None and current < schema.SCHEMA:
                    store.migration_backup = schema.migrate(store, version)
        # Whatever is on disk now is what this process starts from, not a change to report.
        store._lock.acknowledge(store.generation())
        return store

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the inter-process lock for a read-modify-write; nests freely."""
        if self.read_only:
            raise ReadOnlyStore(f"the library at {self.home} is open read-only")
        with self._mutex, self._lock.held():
            yield
            self._lock.mark_dirty()

    def _forget_caches(self) -> None:
        self.library.forget_caches()
        self.user.forget_caches()
        self.feeds_file.forget_caches()
        self.entity_files.forget_caches()
        self.corrections_file.forget_caches()

    def generation(self) -> int:
        """A counter that moves whenever any process writes: cheap to poll for changes."""
        return self._lock.generation()

    def changed_elsewhere(self) -> bool:
        """True once after another process wrote since this process last looked.

        Our own writes move the generation too; the lock tells them apart, because it
        sees every generation this process wrote or observed while holding it.
        """
        on_disk = self._lock.generation()
        foreign = self._lock.take_foreign_change() or on_disk != self._lock.known_generation()
        if foreign:
            self._lock.acknowledge(on_disk)
            self._forget_caches()
        return foreign

    def forget_generation(self) -> None:
        """Make the next ``changed_elsewhere`` true, e.g. to re-read after a failed write."""
        self._lock.acknowledge(-1)

    # Articles ----------------------------------------------------------------------------

    def add_articles(self, drafts: Iterable[ArticleDraft]) -> AddResult:
        drafts = list(drafts)
        with self.writing():
            added, updated, unchanged = self.library.add(drafts)
            if updated:
                self._reanchor_changed(updated)
        return AddResult(tuple(added), tuple(updated), tuple(unchanged))

    def resolve(self, ref: str) -> str:
        with self._mutex:
            return self.library.resolve(ref)

    def article(self, ref: str) -> Article:
        with self._mutex:
            return self.library.get(self.library.resolve(ref))

    def hold_months(self, limit: int | None) -> None:
        """Keep only the ``limit`` months of metadata used last parsed (None: every month): for
        a process that keeps the articles it needs itself (see HeldMonths)."""
        with self._mutex:
            self.library.held.limit = limit

    def articles_by_id(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The stored ones of these articles, by id (ids no longer stored are left out)."""
        with self._mutex:
            return self.library.get_many(set(article_ids))

    def body(self, article: Article | str) -> Body:
        if isinstance(article, str):
            with self._mutex:
                article = self.library.get(self.library.resolve(article))
        # No lock: an article carries its body's address, and packs are only appended to, so
        # the read never waits for a write (a fetch, the analyser's results) to finish.
        return self.library.body(article)

    def revisions(self, article: Article) -> list[Revision]:
        with self._mutex:
            return self.library.revisions(article)

    def months(self) -> list[str]:
        """The months the library holds articles for ("2017-11"), newest first."""
        return self.library.shard_names()

    def articles_of_month(self, month: str) -> list[Article]:
        with self._mutex:
            return self.library.shard_articles(month)

    def iter_articles(self) -> Iterator[list[Article]]:
        """All articles, a month at a time, newest month first, so a list can fill as it loads."""
        for month in self.months():
            yield self.articles_of_month(month)

    def articles(self) -> list[Article]:
        """Every article, newest first."""
        everything = [article for chunk in self.iter_articles() for article in chunk]
        everything.sort(key=lambda a: a.published, reverse=True)
        return everything

    def newest(
        self, limit: int, *, unread: bool = False, starred: bool = False, tag: str | None = None
    ) -> list[Article]:
        """The newest ``limit`` articles passing the filters, reading only as many months as needed.

        Of a month with more articles passing than ``limit``, only its newest ``limit`` can be
        among those returned, so only they are made into Articles: a listing of 20 need not
        build the thousands of a month.
        """
        tag = normalise_tag(tag) if tag else None
        read_ids = self.user.read_ids() if unread else set()
        marks = self.user.all_marks() if (starred or tag) else {}
        found: list[Article] = []
        for month in self.months():
            with self._mutex:
                passing = [
                    (article_id, doc) for article_id, doc in self.library.shard_docs(month).items()
                    if not (unread and article_id in read_ids)
                    and not (starred and not marks.get(article_id, {}).get("starred"))
                    and not (tag and tag not in marks.get(article_id, {}).get("tags", ()))
                ]
                if len(passing) > limit:
                    dated = [(cast(datetime, parse_datetime(doc["published"])), i, doc) for i, doc in passing]
                    newest = heapq.nlargest(limit, dated, key=lambda item: item[0])
                    found += [article_from_doc(i, month, doc, published) for published, i, doc in newest]
                else:
                    found += [article_from_doc(i, month, doc) for i, doc in passing]
            # Shards are months: once a full month has been read and we have enough,
            # nothing in an older month can be newer than what we hold.
            if len(found) >= limit:
                break
        found.sort(key=lambda a: a.published, reverse=True)
        return found[:limit]

    def article_count(self) -> int:
        with self._mutex:
            return self.library.count()

    def is_empty(self) -> bool:
        return self.article_count() == 0

    # Counts ---------------------------------------------------------------------------------

    def stats(self) -> Stats:
        with self._mutex:
            ids = self.library.article_ids()
            read_ids = self.user.read_ids()
            marks = self.user.all_marks()
            return Stats(
                articles=len(ids),
                unread=len(ids) - len(read_ids.intersection(ids)),
                starred=sum(1 for m in marks.values() if m.get("starred")),
                feeds=len(self.feeds_file.table.raw()),
                tags=len({t for m in marks.values() for t in m.get("tags", ())}),
                annotations=len(self.user.annotations.raw()),
            )

    def size_on_disk(self) -> int:
        files = [p for p in self.home.rglob("*") if p.is_file() and "backups" not in p.parts]
        return sum(p.stat().st_size for p in files)
