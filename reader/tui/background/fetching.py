"""Fetching feeds for the app (R, r, the timer): runs on the FeedRunner's thread, reports by message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message

from ...models import Article, Feed
from ...store import Store, StoreError
from ...text import counted
from ..messages import Notice
from ..workers import run_in_thread

if TYPE_CHECKING:  # HTTP and the parsers load on the fetch thread, with the first fetch
    from ...feeds.refresh import FeedOutcome, RefreshReport
    from ...feeds.runner import FeedRunner


class Fetching:
    """One fetch run at a time. The feeds to fetch are read in a worker of the app, the run
    itself happens on the FeedRunner's own thread, and the articles each feed stored are read
    back there too, so that nothing of a fetch ever runs on the UI thread."""

    @dataclass
    class Started(Message):
        total: int

    @dataclass
    class Progressed(Message):
        """One more feed is done; ``articles`` are the ones it added or changed, as stored."""

        outcome: FeedOutcome
        done: int
        total: int
        articles: list[Article]

    @dataclass
    class Finished(Message):
        report: RefreshReport | None
        error: BaseException | None
        quiet: bool

    def __init__(self, runner: FeedRunner, store: Store, app: DOMNode) -> None:
        self._runner = runner
        self._store = store
        self._app = app

    @property
    def running(self) -> bool:
        return self._runner.running

    def fetch(self, feed_ids: list[str] | None = None, *, quiet: bool = False) -> str:
        """Fetch the given feeds (every feed when None); the reason it did not start, or ""."""
        if self._runner.running:
            return "A fetch is already running."
        run_in_thread(self._app, lambda: self._gather(feed_ids, quiet), group="fetch.start", exclusive=True)
        return ""

    def _gather(self, feed_ids: list[str] | None, quiet: bool) -> None:
        try:
            feeds = [self._store.feed(i) for i in feed_ids] if feed_ids else self._store.feeds()
        except StoreError as error:
            self._app.post_message(Notice(str(error), severity="error"))
            return
        polled = [f for f in feeds if f.polled]
        if not polled:
            if not quiet:
                self._app.post_message(Notice("No feeds to fetch. Press F to add one.", timeout=5))
            return
        self._start(polled, quiet)

    def _start(self, feeds: list[Feed], quiet: bool) -> None:
        post = self._app.post_message

        def progressed(outcome: FeedOutcome, done: int, total: int) -> None:
            post(self.Progressed(outcome, done, total, self._stored(outcome)))

        def finished(report: RefreshReport | None, error: BaseException | None) -> None:
            post(self.Finished(report, error, quiet))

        if self._runner.start(feeds, on_progress=progressed, on_done=finished):
            post(self.Started(len(feeds)))

    def _stored(self, outcome: FeedOutcome) -> list[Article]:
        """The feed's new and changed articles as the store has them now (on the fetch thread)."""
        articles = []
        for article_id in dict.fromkeys(outcome.added + outcome.updated):
            try:
                articles.append(self._store.article(article_id))
            except StoreError:
                continue  # removed again meanwhile (its feed was unsubscribed)
        return articles

    def cancel(self) -> None:
        """Stop the run at once; what was already downloaded and parsed is kept."""
        self._runner.cancel()

    def close(self) -> None:
        self._runner.close()


def fetch_summary(report: RefreshReport) -> Notice:
    """What a finished fetch says: how many feeds, new and changed articles, and failures."""
    failed = len(report.failed)
    summary = (f"Fetched {counted(len(report.outcomes), 'feed')}: {len(report.added):,} new, "
               f"{len(report.updated):,} changed")
    if failed:
        summary += f", {failed} failed (F shows why)"
    return Notice(summary + ".", severity="warning" if failed else "information", timeout=6)
