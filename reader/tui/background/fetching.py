"""The app's side of fetching: start runs (R, r, the timer), show progress, hand new articles on."""

from __future__ import annotations

from textual import work
from textual.reactive import reactive

from ...feeds.refresh import FeedOutcome, RefreshReport
from ..messages import ArticlesArrived
from ...store import StoreError


class FetchControl:
    """Mixed into the App. The fetch itself runs on the FeedRunner's own thread; its
    callbacks hop onto the UI thread, update ``fetch_status`` (which screens watch) and
    pass the ids of new and changed articles to the main screen."""

    #: "" when idle, else the progress line the header shows ("fetching 37/200 feeds").
    fetch_status: reactive[str] = reactive("")
    #: Bumped after every fetched feed, so screens listing feeds know to re-read them.
    feeds_version: reactive[int] = reactive(0)

    def start_auto_refresh(self) -> None:
        seconds = self.services.refresh_seconds
        if seconds:
            self.set_interval(seconds, lambda: self.refresh_feeds(quiet=True), name="auto-refresh")

    def action_refresh_all(self) -> None:
        self.refresh_feeds()

    def refresh_feeds(self, feed_ids: list[str] | None = None, *, quiet: bool = False) -> None:
        """Fetch the given feeds (every feed when None) unless a fetch is already running."""
        if not self.check_writable(self.screen):
            return
        if self.services.feeds.running:
            if not quiet:
                self.notify("A fetch is already running.", timeout=3, markup=False)
            return
        self._gather_feeds(feed_ids, quiet)

    @work(thread=True, group="fetch-start", exclusive=True, exit_on_error=False)
    def _gather_feeds(self, feed_ids: list[str] | None, quiet: bool) -> None:
        store = self.services.store
        try:
            feeds = [store.feed(i) for i in feed_ids] if feed_ids else store.feeds()
        except StoreError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        feeds = [f for f in feeds if f.polled]
        if not feeds:
            if not quiet:
                self.call_from_thread(self.notify, "No feeds to fetch. Press F to add one.", timeout=5, markup=False)
            return
        self.call_from_thread(self._begin, feeds, quiet)

    def _begin(self, feeds, quiet: bool) -> None:
        call = self.services.call_on_ui
        started = self.services.feeds.start(
            feeds,
            on_progress=lambda outcome, done, total: call(self._fetched_one, outcome, done, total),
            on_done=lambda report, error: call(self._fetch_finished, report, error, quiet),
        )
        if started:
            self.fetch_status = f"fetching 0/{len(feeds)} feeds"

    def _fetched_one(self, outcome: FeedOutcome, done: int, total: int) -> None:
        self.fetch_status = f"fetching {done}/{total} feeds"
        self.feeds_version += 1
        arrived = outcome.added + outcome.updated
        if arrived:
            self.screen_stack[0].post_message(ArticlesArrived(list(arrived)))

    def _fetch_finished(self, report: RefreshReport | None, error: BaseException | None, quiet: bool) -> None:
        self.fetch_status = ""
        self.feeds_version += 1
        # New and changed articles become searchable; the index follows in the background.
        self.update_index()
        if error is not None:
            self.notify(f"The fetch stopped: {error}", severity="error", timeout=10, markup=False)
        elif report is not None and (not quiet or report.added):
            failed = len(report.failed)
            summary = f"Fetched {len(report.outcomes)} feeds: {len(report.added)} new, {len(report.updated)} changed"
            if failed:
                summary += f", {failed} failed (F shows why)"
            self.notify(summary + ".", severity="warning" if failed else "information", timeout=6, markup=False)
