"""Full text for the app: X on an article, feeds set to `always` after each fetch, and pages
saved by URL. Pages are fetched on the FullTextRunner's thread and reported by message; what
they change reaches the list, the search index, the entities and the stories like a fetch's."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from ...ingest.sanitize import clean_line
from ...models import Article
from ..workers import run_in_thread

# The page fetcher and reader (httpx, trafilatura) load with the first page asked for.
if TYPE_CHECKING:
    from ...feeds.http_types import FetchLimits
    from ...feeds.refresh import FeedOutcome
    from ...fulltext import FullTextError, Upgrade
    from ...fulltext import Saved as SavedPage
    from ...fulltext.background import FullTextRunner
    from ..app import BroadsheetApp


class FullTextWork:
    @dataclass
    class Done(Message):
        """One article's page was read (``article`` as stored now), or could not be (``error``)."""

        article_id: str
        article: Article | None
        error: str = ""
        words: int = 0

    @dataclass
    class Saved(Message):
        saved: SavedPage | None
        url: str
        error: str = ""

    def __init__(self, app: BroadsheetApp) -> None:
        self._app = app
        self._started: FullTextRunner | None = None
        #: Articles the user asked for with X: only they are announced (a feed's 50 are not).
        self._asked: set[str] = set()

    @property
    def _limits(self) -> FetchLimits:
        from ...fulltext import page_limits

        return page_limits(self._app.services.settings)

    @property
    def _runner(self) -> FullTextRunner:
        """Started with the first page asked for (on the UI thread, as before)."""
        if self._started is None:
            from ...fulltext.background import FullTextRunner

            self._started = FullTextRunner(self._app.services.store, self._limits, done=self._finished)
        return self._started

    @property
    def busy(self) -> int:
        return self._started.busy if self._started is not None else 0

    def fetch(self, article: Article | None) -> None:
        """X: the whole text of ``article``, from its page."""
        app = self._app
        if article is None or not app.check_writable(app.screen):
            return
        if not article.url:
            app.notify("This article has no web link to fetch its text from.", timeout=4, markup=False)
            return
        self._asked.add(article.id)
        app.notify(f"Fetching the full text of “{clean_line(article.title)}”…", timeout=3, markup=False)
        self._runner.submit([article.id])

    def arrived(self, outcome: FeedOutcome) -> None:
        """A feed was fetched: its new and edited items' full text, if the feed is set to `always`."""
        if outcome.feed.full_text == "always" and not self._app.read_only:
            self._runner.submit(outcome.added + outcome.updated)

    def _finished(self, article_id: str, upgrade: Upgrade | None, error: FullTextError | None) -> None:
        # On the runner's thread: only a message goes back.
        if upgrade is not None:
            self._app.post_message(self.Done(article_id, upgrade.article, words=upgrade.words_after))
        else:
            self._app.post_message(self.Done(article_id, None, error.message if error else "no text"))

    def done(self, message: Done) -> None:
        app = self._app
        asked = message.article_id in self._asked
        self._asked.discard(message.article_id)
        if message.article is None:
            if asked:
                app.notify(f"No full text: {message.error}. The article keeps the feed's text.", title="Full text",
                           severity="warning", timeout=8, markup=False)
            return
        self.stored(message.article)
        if asked:
            app.notify(f"The full text: {message.words:,} words. D shows the feed's version.", timeout=5,
                       markup=False)

    def stored(self, article: Article) -> None:
        """A body changed or an article arrived: the list shows it, and the derived parts catch up."""
        app = self._app
        app.main.feed.arrived([article])
        app.analysis.enqueue([article.id])
        app.indexing.update()
        app.storying.update()

    # Saving a page -----------------------------------------------------------------------------

    def save(self, url: str, tags: tuple[str, ...] = ()) -> None:
        app = self._app
        if not app.check_writable(app.screen):
            return
        app.notify(f"Saving {clean_line(url)}…", timeout=3, markup=False)
        store = app.services.store

        limits = self._limits

        def work() -> None:
            from ...fulltext import FullTextError, save_page

            try:
                saved = asyncio.run(save_page(store, url, tags, limits))
            except FullTextError as error:
                app.post_message(self.Saved(None, url, error.message))
                return
            app.post_message(self.Saved(saved, url))

        run_in_thread(app, work, group="fulltext.save")

    def saved(self, message: Saved) -> None:
        app = self._app
        if message.saved is None:
            app.notify(f"Not saved: {message.error}.", title="Save a page", severity="warning", timeout=8,
                       markup=False)
            return
        article, state = message.saved.article, message.saved.state
        said = {"added": "Saved", "updated": "Saved again (the page had changed)",
                "unchanged": "Already saved", "exists": "Already in the library"}[state]
        app.notify(f"{said}: “{clean_line(article.title)}” — {clean_line(article.outlet)}.", timeout=6,
                   markup=False)
        if state in ("added", "updated"):
            self.stored(article)

    def close(self) -> None:
        if self._started is not None:
            self._started.close()
