"""The app's side of search: open and keep the index in step, and answer queries off the UI thread."""

from __future__ import annotations

import threading

from textual import work
from textual.reactive import reactive

from ...search import LibraryResolver, SearchError, SearchIndex, Searcher, UserFacts, index_path, sync


class SearchControl:
    """Mixed into the App. The index is derived data beside the library: it is opened and
    brought up to date in a thread worker at start and after each fetch; queries run in
    workers of the screens, through ``searcher``. Until it is ready, search says so."""

    #: "" when idle, else what the indexer is doing ("indexing 1,200/5,000").
    index_status: reactive[str] = reactive("")
    searcher: Searcher | None = None
    _sync_again = False
    _syncing = False

    def start_search(self) -> None:
        self._stop = threading.Event()
        self._open_index()

    def stop_search(self) -> None:
        stop = getattr(self, "_stop", None)
        if stop is not None:
            stop.set()

    @work(thread=True, group="search-open", exit_on_error=False)
    def _open_index(self) -> None:
        store = self.services.store
        try:
            index = SearchIndex.open(index_path(store.home))
        except SearchError as error:
            self.call_from_thread(self.notify, f"Search is unavailable: {error}", severity="error", markup=False)
            return
        if index.notice:
            self.call_from_thread(self.notify, index.notice, title="Search", severity="warning", markup=False)

        def facts() -> UserFacts:
            return UserFacts.from_store(store)

        def entities():
            library = self.entity_library
            return LibraryResolver(library) if library is not None else None

        self.searcher = Searcher(index, store, facts=facts, entities=entities)
        self.call_from_thread(self.update_index)

    def update_index(self) -> None:
        """Bring the index up to date (after a fetch, a tag change...); calls fold into one."""
        if self.searcher is None or self.services.read_only_reason:
            return
        if self._syncing:
            self._sync_again = True
            return
        self._syncing = True
        self._sync_index()

    @work(thread=True, group="search-sync", exit_on_error=False)
    def _sync_index(self) -> None:
        def progress(done: int, total: int) -> None:
            if total > 500:
                self.call_from_thread(setattr, self, "index_status", f"indexing {done:,}/{total:,}" if done < total else "")

        try:
            sync(self.searcher.index, self.services.store, progress=progress, cancelled=self._stop.is_set)
        except SearchError as error:
            self.call_from_thread(self.notify, f"The search index could not be updated: {error}", severity="warning", markup=False)
        finally:
            self.searcher.index.release()  # this thread's connection
        self.call_from_thread(self._synced)

    def _synced(self) -> None:
        self._syncing = False
        self.index_status = ""
        if self._sync_again:
            self._sync_again = False
            self.update_index()
