"""The search index for the app: opened and kept in step in workers; queries go through ``searcher``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from textual.dom import DOMNode
from textual.message import Message

from ...entities.library import EntityLibrary
from ...search import LibraryResolver, Searcher, SearchError, SearchIndex, UserFacts, index_path, sync
from ...store import Store
from ..activity import GiveWay, giving_way
from ..messages import Notice
from ..workers import run_in_thread

#: Below this many articles to index, no progress is shown: it is over in a moment.
QUIET_SYNC = 500


class Indexing:
    """The index is derived data beside the library: it is opened, then brought up to date at
    start and after each change (a fetch, a tag, a note); calls during a sync fold into one more.
    Until the index is open, ``searcher`` is None and search says so."""

    @dataclass
    class Opened(Message):
        searcher: Searcher

    @dataclass
    class Progressed(Message):
        #: "" when idle, else what the indexer is doing ("indexing 1,200/5,000").
        status: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Indexing.Progressed)  # only the latest count matters

    @dataclass
    class Synced(Message):
        pass

    def __init__(self, store: Store, app: DOMNode, entities: Callable[[], EntityLibrary | None],
                 writable: Callable[[], bool], give_way: GiveWay | None = None) -> None:
        self._store = store
        self._app = app
        self._entities = entities
        self._writable = writable
        self._stop = threading.Event()
        #: Called between articles indexed: waits while the user is moving (see activity.py).
        self._pause_for_user = giving_way(give_way, self._stop.is_set)
        self.searcher: Searcher | None = None
        self._syncing = False
        self._sync_again = False

    def start(self) -> None:
        run_in_thread(self._app, self._open, group="search.open")

    def stop(self) -> None:
        self._stop.set()

    def _open(self) -> None:
        store = self._store
        try:
            index = SearchIndex.open(index_path(store.home))
        except SearchError as error:
            self._app.post_message(Notice(f"Search is unavailable: {error}", severity="error"))
            return
        if index.notice:
            self._app.post_message(Notice(index.notice, title="Search", severity="warning"))

        def entities() -> LibraryResolver | None:
            library = self._entities()
            return LibraryResolver(library) if library is not None else None

        searcher = Searcher(index, store, facts=lambda: UserFacts.from_store(store), entities=entities)
        self._app.post_message(self.Opened(searcher))

    def opened(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.update()

    def update(self) -> None:
        """Bring the index up to date; calls while a sync runs fold into one more after it."""
        if self.searcher is None or not self._writable():
            return
        if self._syncing:
            self._sync_again = True
            return
        self._syncing = True
        searcher = self.searcher
        run_in_thread(self._app, lambda: self._sync(searcher), group="search.sync")

    def _sync(self, searcher: Searcher) -> None:
        post = self._app.post_message

        def progress(done: int, total: int) -> None:
            if total > QUIET_SYNC:
                post(self.Progressed(f"indexing {done:,}/{total:,}" if done < total else ""))

        try:
            sync(searcher.index, self._store, progress=progress, cancelled=self._stop.is_set,
                 give_way=self._pause_for_user)
        except SearchError as error:
            post(Notice(f"The search index could not be updated: {error}", severity="warning"))
        finally:
            searcher.index.release()  # this thread's connection
            post(self.Synced())

    def synced(self) -> None:
        self._syncing = False
        if self._sync_again:
            self._sync_again = False
            self.update()
