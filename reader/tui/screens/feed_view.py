"""The main screen's side of feeds: new articles arriving, one feed's list, refreshing it."""

from __future__ import annotations

from textual import work

from ..messages import ArticlesArrived, FeedRemoved
from ...store import StoreError
from ..widgets.article_list import ArticleList
from ..widgets.reader_pane import ReaderPane


#: Seconds new articles wait to be listed, so that a fetch reporting feed after feed
#: re-sorts a long list once for many feeds rather than once for each.
ARRIVALS_PAUSE = 0.25


class FeedView:
    """Mixed into MainScreen."""

    #: Ids of new and changed articles waiting to be read and listed; None when none wait.
    _arrived: list[str] | None = None

    def watch_fetching(self) -> None:
        self.watch(self.app, "fetch_status", lambda _: self._update_header(), init=False)
        self.watch(self.app, "index_status", lambda _: self._update_header(), init=False)

    # Handlers are named on_*, not @on-decorated: @on only registers methods of the class
    # being defined, and this is a mixin.
    def on_articles_arrived(self, message: ArticlesArrived) -> None:
        # New and edited articles are analysed in the background, never holding up a fetch.
        self.app.analyse_later(message.article_ids)
        if self._arrived is None:
            self._arrived = []
            self.set_timer(ARRIVALS_PAUSE, self._list_arrivals)
        self._arrived.extend(message.article_ids)

    def _list_arrivals(self) -> None:
        article_ids, self._arrived = self._arrived or [], None
        self.read_arrivals(article_ids)

    @work(thread=True, group="arrivals", exit_on_error=False)
    def read_arrivals(self, article_ids: list[str]) -> None:
        store = self.services.store
        articles = []
        for article_id in dict.fromkeys(article_ids):
            try:
                articles.append(store.article(article_id))
            except StoreError:
                continue  # removed again meanwhile (its feed was unsubscribed): nothing to show
        if articles:
            self.app.call_from_thread(self._add_arrivals, articles)

    def _add_arrivals(self, articles) -> None:
        article_list = self.query_one(ArticleList)
        # The cursor stays on the article it was on, wherever the new rows land.
        keep = article_list.highlighted_id
        self.listing.extend(articles)
        article_list.rows_changed(keep=keep)
        if self.current is not None:
            changed = next((a for a in articles if a.id == self.current.id), None)
            if changed is not None and changed.content_hash != self.current.content_hash:
                # The open article was edited by its outlet: show the new text.
                self.current = None
                self.show_article(changed)
        self._update_header()

    def on_feed_removed(self, message: FeedRemoved) -> None:
        if self.listing.options.source == message.feed_id:
            self._change_view(source="", source_name="")
        # Re-read the library: the feed's unmarked articles are gone.
        self.check_store_now()

    def show_feed(self, feed_id: str, name: str) -> None:
        """List only one feed's articles (escape returns to every article)."""
        self._change_view(source=feed_id, source_name=name)
        self.query_one(ArticleList).focus()

    def action_refresh_feed(self) -> None:
        """Fetch the feed being listed, else the feed of the article under the cursor."""
        source = self.listing.options.source
        if not source:
            article = self._target
            source = article.source if article is not None else ""
        if not source or source in ("seed", "import"):
            self.notify("This article is not from a feed; R fetches every feed.", timeout=4, markup=False)
            return
        self.app.refresh_feeds([source])

    def action_show_changes(self) -> None:
        pane = self.query_one(ReaderPane)
        if self.current is None or not self.current.revisions:
            self.notify("This article has not changed since it was first fetched.", timeout=3, markup=False)
            return
        if pane.showing_changes:
            pane.show_article(self.current, self._state(self.current.id), self.current_body)
            return
        self.load_changes(self.current)

    @work(thread=True, group="body", exclusive=True, exit_on_error=False)
    def load_changes(self, article) -> None:
        try:
            revisions = self.services.store.revisions(article)
            body = self.services.store.body(article)
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show_changes, article, revisions, body)

    def _show_changes(self, article, revisions, body) -> None:
        if self.current is not None and self.current.id == article.id:
            self.query_one(ReaderPane).show_changes(article, revisions, body)
