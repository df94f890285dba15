"""Keeping the main screen in step with the library: the first load, and changes made elsewhere."""

from __future__ import annotations

import gc

from textual import work

from ..messages import LibraryChanged, LibraryLoaded, StoreFailed
from ..listing import ViewOptions
from ...seeds import ensure_seeded
from ...store import StoreError
from ..widgets.article_list import ArticleList
from ..widgets.reader_pane import ReaderPane

SORTS = ("date", "outlet", "title")


class LibrarySync:
    """Mixed into MainScreen. Reads happen in thread workers that only post messages;
    the handlers, on the UI thread, update the listing and the panes."""

    _article_to_restore: str | None = None
    #: Set by the loading thread once it has posted all it read (or given up): the first
    #: load is over once the messages it posted are handled.
    load_done = False

    @work(thread=True, group="load", exit_on_error=False)
    def load_library(self) -> None:
        try:
            self._load_library()
        finally:
            self.load_done = True

    def _load_library(self) -> None:
        store = self.services.store
        try:
            ensure_seeded(store)
        except StoreError as error:
            self.post_message(StoreFailed(f"Could not add the sample articles: {error}"))
        # Each part of the library is read on its own, so a damaged file costs only its part:
        # a broken read.json still lists every article (read-only), and a broken month
        # still lists the others.
        session = self._read_part(store.session, {})
        read_ids, marks = self._read_part(store.states, (set(), {}))
        months = self._read_part(store.months, [])
        first = self._read_part(lambda: store.articles_of_month(months[0]), []) if months else []
        self.post_message(LibraryLoaded(first, read_ids, marks, final=False, session=session))
        rest = []
        for month in months[1:]:
            rest.extend(self._read_part(lambda: store.articles_of_month(month), []))
        # A library of 100,000 articles is long-lived: keep the collector from
        # re-scanning it on every later allocation burst (pauses of 60-250 ms measured).
        gc.freeze()
        self.post_message(LibraryLoaded(rest, read_ids, marks, final=True, session=session))

    def _read_part(self, read, fallback):
        """Run one read; on a store error, report it, go read-only, and use ``fallback``."""
        try:
            return read()
        except StoreError as error:
            self.post_message(StoreFailed(str(error), read_only=True))
            return fallback

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        self.listing.set_states(message.read_ids, message.marks)
        article_list = self.query_one(ArticleList)
        first_batch = not self.listing.articles
        if first_batch:
            self._restore_view(message.session)
        self.listing.extend(message.articles)
        if first_batch:
            # The article left open may be in any month: look for it in every batch.
            self._article_to_restore = message.session.get("article")
        keep = self._article_to_restore or article_list.highlighted_id
        article_list.rows_changed(keep=keep)
        if self.listing.index_of(self._article_to_restore) is not None or message.final:
            self._article_to_restore = None
        if message.final:
            self.library_loading = False
            # The seeds may have just been added: the search index catches up.
            self.app.update_index()
            # Read the annotations now, in the background, so the annotations screen opens at once.
            self.warm_annotations()
            self.set_interval(self.services.poll_seconds, self.poll_store)
            article_list.empty_message = "No articles here. Press / to change the filter, H to show read articles."
            article_list.refresh()
        self._update_header()

    def _restore_view(self, session: dict) -> None:
        options = self.listing.options
        sort = session.get("sort", options.sort)
        self.listing.options = ViewOptions(
            sort=sort if sort in SORTS else options.sort,
            hide_read=bool(session.get("hide_read", options.hide_read)),
        )

    def poll_store(self) -> None:
        self.check_store()

    @work(thread=True, group="watch", exclusive=True, exit_on_error=False)
    def check_store(self) -> None:
        """Pick up what another process wrote (a cron fetch, a `broadsheet tag`)."""
        store = self.services.store
        try:
            if not store.changed_elsewhere():
                return
            count_before = len(self.listing.articles)
            read_ids, marks = store.states()
            articles = store.articles() if store.article_count() != count_before else None
        except StoreError as error:
            self.post_message(StoreFailed(str(error)))
            return
        self.post_message(LibraryChanged(articles, read_ids, marks))

    def on_library_changed(self, message: LibraryChanged) -> None:
        article_list = self.query_one(ArticleList)
        keep = article_list.highlighted_id
        self.listing.set_states(message.read_ids, message.marks)
        if message.articles is not None:
            self.listing.replace(message.articles)
            self.app.update_index()
        article_list.rows_changed(keep=keep)
        if self.current is not None:
            self.query_one(ReaderPane).show_state(self.current, self._state(self.current.id))
        self._update_header()

    def on_store_failed(self, message: StoreFailed) -> None:
        if message.read_only:
            self.services.read_only_reason = message.message
        self.notify(message.message, title="Library problem", severity="error", timeout=12, markup=False)
        self._update_header()
