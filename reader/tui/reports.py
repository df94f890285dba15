"""What the app's background parts report, turned into the app's state, a screen's update or a notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .background.analysis import Analysis
from .background.fetching import Fetching, fetch_summary
from .background.full_text import FullTextWork
from .background.indexing import Indexing
from .background.storying import Storying
from .messages import Notice

if TYPE_CHECKING:
    from .app import BroadsheetApp

FetchReport = Fetching.Started | Fetching.Progressed | Fetching.Finished
FullTextReport = FullTextWork.Done | FullTextWork.Saved
AnalysisReport = (Analysis.Analysed | Analysis.Progressed | Analysis.Problem | Analysis.LibraryBuilt
                  | Analysis.ArticleBuilt)
IndexReport = Indexing.Opened | Indexing.Progressed | Indexing.Synced
StoryReport = Storying.Loaded | Storying.Compared | Storying.Progressed | Storying.Corrected


class Reports:
    """The app's handlers pass each part's messages here, on the UI thread: one method per part."""

    def __init__(self, app: BroadsheetApp) -> None:
        self._app = app

    def fetching(self, message: FetchReport) -> None:
        app = self._app
        match message:
            case Fetching.Started():
                app.fetch_status = f"fetching 0/{message.total} feeds"
            case Fetching.Progressed():
                app.fetch_status = f"fetching {message.done}/{message.total} feeds"
                app.feeds_version += 1
                arrived = list(message.outcome.added + message.outcome.updated)
                if arrived:
                    # New and edited articles are analysed in the background, never holding up a fetch.
                    app.analysis.enqueue(arrived)
                    app.main.feed.arrived(message.articles)
                    app.full_text.arrived(message.outcome)
            case Fetching.Finished():
                app.fetch_status = ""
                app.feeds_version += 1
                app.indexing.update()  # new and changed articles become searchable
                app.storying.update()  # and are placed in their stories
                report = message.report
                if message.error is not None:
                    app.notice(Notice(f"The fetch stopped: {message.error}", severity="error", timeout=10))
                elif report is not None and (not message.quiet or report.added):
                    app.notice(fetch_summary(report))

    def full_text(self, message: FullTextReport) -> None:
        match message:
            case FullTextWork.Done():
                self._app.full_text.done(message)
            case FullTextWork.Saved():
                self._app.full_text.saved(message)

    def analysis(self, message: AnalysisReport) -> None:
        app = self._app
        match message:
            case Analysis.Analysed():
                current = app.main.current
                if current is not None and current.id in message.article_ids:
                    app.analysis.build_for_article(current.id)
                app.analysis.analysed(message.article_ids)
            case Analysis.Progressed():
                done, total = message.done, message.total
                app.analysis_status = f"analysing {done:,}/{total:,}" if done < total else ""
                app.analysis.progressed(done, total)
            case Analysis.Problem():
                app.analysis_note = message.text
                app.notice(Notice(message.text, title="Entities", severity="warning", timeout=10))
            case Analysis.LibraryBuilt():
                if message.library is not None:
                    app.entity_library = message.library
                app.analysis.built(message)
            case Analysis.ArticleBuilt():
                app.main.sidebar.show_provisional(message.article_id, message.library)

    def indexing(self, message: IndexReport) -> None:
        app = self._app
        match message:
            case Indexing.Opened():
                app.indexing.opened(message.searcher)
                app.main.index_ready()
            case Indexing.Progressed():
                app.index_status = message.status
            case Indexing.Synced():
                app.index_status = ""
                app.indexing.synced()

    def storying(self, message: StoryReport) -> None:
        app = self._app
        match message:
            case Storying.Loaded():
                if message.library is not None:
                    app.story_library = message.library
                app.storying.loaded()
            case Storying.Compared():
                from .screens.story import StoryScreen  # loaded already: it asked for the comparison

                if isinstance(app.screen, StoryScreen):
                    app.screen.compared(message.comparison, message.error)
            case Storying.Progressed():
                from .screens.story import StoryScreen

                if isinstance(app.screen, StoryScreen):
                    app.screen.progressed(message.done, message.total)
            case Storying.Corrected():
                if message.error:
                    app.notice(Notice(f"Not saved: {message.error}", title="Stories", severity="error", timeout=10))
                else:
                    app.notice(Notice(message.done, timeout=4))
