"""The Textual app: styles, global keys, the background parts it owns and what they report."""

from __future__ import annotations

import asyncio
import webbrowser
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from textual import events, on
from textual.app import App, SystemCommand
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..entities.library import EntityLibrary
from ..ingest.sanitize import clean_line
from ..paths import styles_dir
from ..stories import StoryLibrary
from ..text import counted
from .background.analysis import Analysis
from .background.fetching import Fetching
from .background.full_text import FullTextWork
from .background.indexing import Indexing
from .background.storying import Storying
from .background.syncing import Syncing, SyncStatus, show_synced
from .collecting import CHECK_SECONDS, IdleCollector
from .commands import Command, bindings, palette_entries
from .compositing import repaint_only_what_changed
from .heap import limit_arenas
from .key_order import KeyOrder
from .messages import FeedRemoved, Notice, StoreFailed
from .screens.help import HelpScreen, help_sections
from .screens.main import MainScreen
from .screens.main.keys import COMMANDS as MAIN_COMMANDS
from .screens.story import StoryScreen
from .services import Services
from .strips import keep_strips_acyclic
from .workers import run_in_thread
from .writer import Writes

STYLES = ("base.tcss", "main.tcss", "dialogs.tcss", "feeds.tcss", "entities.tcss", "annotations.tcss",
          "stories.tcss")

#: The keys that work on every screen; their palette entries act on the main screen.
APP_COMMANDS = (
    Command("app.help", "question_mark", "help", "Help", "Help",
            "List the keys of this screen, the focused pane's first", show=True),
    Command("app.refresh_all", "R", "refresh_all", "Fetch all", "Fetch all feeds", "Fetch every feed now",
            category="feed", show=True),
    Command("app.feeds", "F", "show_feeds", "Feeds", "Manage feeds", "List, add, remove and open feeds",
            category="feed", show=True),
    Command("app.views", "V", "show_views", "Views", "Saved views",
            "List, open, add, rename and delete saved views", category="view", show=True),
    Command("app.annotations", "M", "show_annotations", "Annotations", "All annotations",
            "Every highlight and note, newest first, filtered as you type", category="annotation", show=True),
    Command("app.sync", "Y", "sync_now", "Sync", "Sync now",
            "Send and take read, star, tag and note changes with the sync account's server", category="sync"),
    Command("app.quit", "ctrl+q", "quit", "Quit", "Quit", "Save where you are and leave broadsheet", priority=True),
)
#: Months of metadata the store keeps parsed in the app: the newest, where fetches and the
#: analysis work, and the one the open article is in.
HELD_MONTHS = 3
FIND_ENTITY = ("entity: Find an entity", "Show a person, organisation or place by any of its names")
THEME = ("app: Change theme", "Choose the colours (remembered for the next start)")


class BroadsheetApp(App[None]):
    CSS_PATH = [styles_dir() / name for name in STYLES]
    TITLE = "broadsheet"
    BINDINGS = bindings(APP_COMMANDS)

    # ``var``, not ``reactive``: a reactive of the app repaints the whole screen on each change
    # (progress lines change many times a second); the watchers redraw what shows them.
    #: Why the library cannot be written ("" when it can): from the start, or a failure since.
    read_only: var[str] = var("")
    #: "" when idle, else the progress line the header shows ("fetching 37/200 feeds").
    fetch_status: var[str] = var("")
    #: Bumped after every fetched feed, so screens listing feeds know to read them again.
    feeds_version: var[int] = var(0)
    #: Canonical entities across the library; None until first built.
    entity_library: var[EntityLibrary | None] = var(None, always_update=True)
    #: "" when idle, else a progress line ("analysing 37/1,000").
    analysis_status: var[str] = var("")
    #: Why the simpler extractor is in use, when it is ("" otherwise).
    analysis_note: var[str] = var("")
    #: "" when idle, else what the indexer is doing ("indexing 1,200/5,000").
    index_status: var[str] = var("")
    #: The library's stories (corrections applied); None until first loaded.
    story_library: var[StoryLibrary | None] = var(None, always_update=True)
    #: The sync account and how its last sync went; its ``header`` is the header's part.
    sync_state: var[SyncStatus] = var(SyncStatus)

    def __init__(self, services: Services) -> None:
        limit_arenas()  # before the worker threads: each would keep an arena of its own
        keep_strips_acyclic()  # a line no longer drawn is freed at once, not at a full collection
        repaint_only_what_changed()  # a repaint of the reader pane leaves the list and sidebar be
        super().__init__()
        self.services = services
        self.set_reactive(BroadsheetApp.read_only, services.read_only_reason)
        store = services.store
        # The list holds every article: the store's parsed months would be a second copy.
        store.hold_months(HELD_MONTHS)
        self.writes = Writes(services.writer, store, self)
        self.fetching = Fetching(services.feeds, store, self)
        self.full_text = FullTextWork(self)
        self.analysis = Analysis(store, self, enabled=services.analyse_entities and not services.read_only_reason,
                                 use_model=services.entity_model)
        # Indexing and placing run in this process's threads: they give way to the user's moves.
        self.collector = IdleCollector()
        self.indexing = Indexing(store, self, entities=lambda: self.entity_library, writable=lambda: not self.read_only,
                                 give_way=self.collector.user.give_way)
        self.storying = Storying(store, self, self.writes, writable=lambda: not self.read_only,
                                 give_way=self.collector.user.give_way)
        self.syncing = Syncing(store, self, connect=services.sync_connect, every=services.sync_seconds or 0.0,
                               clock=services.clock, writable=lambda: not self.read_only,
                               pulled=lambda: show_synced(self.main, self.indexing))
        self.main = MainScreen()
        self.keys = KeyOrder(self._send_key, lambda seconds, check: self.set_interval(seconds, check),
                             ready=self._screen_ready)

    def get_default_screen(self) -> Screen:
        return self.main

    # Typed keys, in order (see key_order.py) --------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.collector.activity()
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
        elif not self.keys.hold(event):  # a key as typed, not one on its way back up
            await super().on_event(event)
            self.keys.sent(event)

    async def on_key(self, event: events.Key) -> None:
        # Runs before App's own handler, which runs the key's binding: the held keys go after it.
        if self.keys.returned(event):
            self.call_later(self.keys.release)

    def _screen_ready(self) -> bool:
        """Whether the screen on top has focused what it will (a dialog mounting has not yet)."""
        screen = self.screen
        return screen.is_mounted and (screen.focused is not None or not screen.focus_chain)

    async def _send_key(self, key: events.Key) -> bool:
        """A held key, sent as App.on_event sends a typed one; whether it went to a widget."""
        if await self._check_bindings(key.key, priority=True):
            return False
        (self.focused or self.screen)._forward_event(key)
        return True

    def on_mount(self) -> None:
        services = self.services
        if services.settings.keymap:
            self.set_keymap(services.settings.keymap)
        self.theme = self._initial_theme()
        self.theme_changed_signal.subscribe(self, lambda theme: self.save_session(theme=theme.name))
        services.writer.start()
        for problem in services.config_problems:
            self.notify(str(problem), title="Config problem", severity="warning", timeout=15, markup=False)
        if services.settings.keymap and (config_path := services.config_path) is not None:
            # Knowing every binding id means importing every screen: a second of work, in a thread
            # after the list is up, not before it.
            run_in_thread(self, lambda: self._check_keymap(config_path), group="app.keymap")
        if services.store.migration_backup:
            self.notify(f"The library was upgraded; the old version is kept in {services.store.migration_backup}",
                        timeout=10, markup=False)
        if self.read_only:
            self.notify(self.read_only, title="Read-only", severity="error", timeout=15, markup=False)
        if services.refresh_seconds:
            self.set_interval(services.refresh_seconds, lambda: self.fetching.fetch(quiet=True), name="auto-refresh")
        self.analysis.start()
        self.indexing.start()
        self.collector.start()
        self.set_interval(CHECK_SECONDS, self.collector.check, name="idle-collector")

    def on_unmount(self) -> None:
        self.collector.stop()

    def _initial_theme(self) -> str:
        try:
            remembered = self.services.store.session().get("theme")
        except Exception:  # noqa: BLE001 - an unreadable session must not stop the app
            remembered = None
        for theme in (remembered, self.services.settings.theme):
            if theme and theme in self.available_themes:
                return theme
        return "textual-dark"

    def check_writable(self, screen: Screen) -> bool:
        if self.read_only:
            screen.notify(f"The library is read-only: {self.read_only}", severity="warning", timeout=6, markup=False)
        return not self.read_only

    def save_session(self, **values: object) -> None:
        """Remember where the user is (the article, the view, the theme) for the next start."""
        if not self.read_only:
            self.writes.submit(lambda store: store.save_session(**values))

    def open_link(self, screen: Screen, url: str) -> None:
        url = clean_line(url)
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            screen.notify("This article has no web link to open." if not url else
                          f"Not opening {url}: only http and https links are opened.", severity="warning", markup=False)
            return
        screen.notify(f"Opening {url}", timeout=4, markup=False)
        # webbrowser runs the browser with an argument list, never through a shell.
        run_in_thread(self, lambda: webbrowser.open(url) or self.post_message(
            Notice(f"No web browser found. The link is: {url}", severity="warning", timeout=10)), group="app.browser")

    # Keys ---------------------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections(self.screen, self.focused, self)))

    def action_refresh_all(self) -> None:
        self.refresh_feeds()

    def refresh_feeds(self, feed_ids: list[str] | None = None) -> None:
        if self.check_writable(self.screen) and (refused := self.fetching.fetch(feed_ids)):
            self.notify(refused, timeout=3, markup=False)

    def action_sync_now(self) -> None:
        if self.check_writable(self.screen) and (refused := self.syncing.sync(asked=True)):
            self.notify(refused, timeout=3, markup=False)

    def action_show_feeds(self) -> None:
        self.main.go.feeds()

    def action_show_views(self) -> None:
        self.main.go.views()

    def action_show_annotations(self) -> None:
        self.main.go.annotations()

    async def action_quit(self) -> None:
        # A fetch stops at once (what it already parsed is still saved); queued writes
        # finish, so nothing the user did is lost by leaving.
        self.fetching.cancel()
        self.full_text.close()
        if not self.read_only:
            self.main.session.save()
        self.indexing.stop()
        self.storying.stop()
        await asyncio.to_thread(self.analysis.stop)
        await asyncio.to_thread(self.services.writer.drain, 5.0)
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Not Textual's own list: its keys panel and maximise repeat our help (?) and zoom (z)
        # in other words, and a screenshot is for developers. Quit is among the app's commands
        # ("app: Quit", with its key); of Textual's, the theme switcher stays, since the app
        # remembers the theme chosen, titled as the app's commands are.
        yield SystemCommand(*THEME, self.action_change_theme)
        if isinstance(screen, MainScreen):
            yield from palette_entries(screen, MAIN_COMMANDS, screen.run_action)
        yield from palette_entries(screen, APP_COMMANDS, self.run_action)
        yield SystemCommand(*FIND_ENTITY, self.main.go.find_entity)

    # What the background parts report -------------------------------------------------------------

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        """The one place an unexpected error in any worker surfaces: every worker runs on the
        app (workers.run_in_thread), and expected failures are reported by the work itself."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.log.error(f"worker {event.worker.name!r} failed: {error!r}")
            self.notify(f"Something went wrong ({event.worker.name}): {error}", title="Unexpected error",
                        severity="error", timeout=15, markup=False)

    @on(Writes.Done)
    def written(self, message: Writes.Done) -> None:
        if message.then is not None:
            message.then(message.result)

    @on(Writes.Failed)
    def write_failed(self, message: Writes.Failed) -> None:
        if message.then is not None:
            message.then(message.error)
        else:
            self.notify(
                f"Not saved: {message.error}", title="Library problem", severity="error", timeout=12, markup=False
            )

    def _check_keymap(self, path: Path) -> None:
        from .keymap_check import keymap_problems

        for problem in keymap_problems(self.services.settings, path):
            self.post_message(Notice(str(problem), title="Config problem", severity="warning", timeout=15))

    @on(Notice)
    def notice(self, message: Notice) -> None:
        self.notify(message.text, title=message.title, severity=message.severity,  # type: ignore[arg-type]
                    timeout=message.timeout, markup=False)

    @on(StoreFailed)
    def store_failed(self, message: StoreFailed) -> None:
        if message.read_only:
            self.read_only = message.message
        self.notify(message.message, title="Library problem", severity="error", timeout=12, markup=False)

    @on(FeedRemoved)
    def feed_removed(self, message: FeedRemoved) -> None:
        self.main.feed.feed_removed(message.feed_id)

    @on(Fetching.Started)
    def fetch_started(self, message: Fetching.Started) -> None:
        self.fetch_status = f"fetching 0/{message.total} feeds"

    @on(Fetching.Progressed)
    def fetched_one(self, message: Fetching.Progressed) -> None:
        self.fetch_status = f"fetching {message.done}/{message.total} feeds"
        self.feeds_version += 1
        arrived = list(message.outcome.added + message.outcome.updated)
        if arrived:
            # New and edited articles are analysed in the background, never holding up a fetch.
            self.analysis.enqueue(arrived)
            self.main.feed.arrived(message.articles)
            self.full_text.arrived(message.outcome)

    @on(Fetching.Finished)
    def fetch_finished(self, message: Fetching.Finished) -> None:
        self.fetch_status = ""
        self.feeds_version += 1
        self.indexing.update()  # new and changed articles become searchable
        self.storying.update()  # and are placed in their stories
        report = message.report
        if message.error is not None:
            self.notify(f"The fetch stopped: {message.error}", severity="error", timeout=10, markup=False)
        elif report is not None and (not message.quiet or report.added):
            failed = len(report.failed)
            summary = (f"Fetched {counted(len(report.outcomes), 'feed')}: {len(report.added):,} new, "
                       f"{len(report.updated):,} changed")
            if failed:
                summary += f", {failed} failed (F shows why)"
            self.notify(summary + ".", severity="warning" if failed else "information", timeout=6, markup=False)

    @on(FullTextWork.Done)
    def full_text_done(self, message: FullTextWork.Done) -> None:
        self.full_text.done(message)

    @on(FullTextWork.Saved)
    def page_saved(self, message: FullTextWork.Saved) -> None:
        self.full_text.saved(message)

    @on(Analysis.Analysed)
    def analysed(self, message: Analysis.Analysed) -> None:
        current = self.main.current
        if current is not None and current.id in message.article_ids:
            self.analysis.build_for_article(current.id)
        self.analysis.analysed(message.article_ids)

    @on(Analysis.Progressed)
    def analysis_progressed(self, message: Analysis.Progressed) -> None:
        self.analysis_status = f"analysing {message.done:,}/{message.total:,}" if message.done < message.total else ""
        self.analysis.progressed(message.done, message.total)

    @on(Analysis.Problem)
    def analysis_problem(self, message: Analysis.Problem) -> None:
        self.analysis_note = message.text
        self.notify(message.text, title="Entities", severity="warning", timeout=10, markup=False)

    @on(Analysis.LibraryBuilt)
    def entities_built(self, message: Analysis.LibraryBuilt) -> None:
        if message.library is not None:
            self.entity_library = message.library
        self.analysis.built(message)

    @on(Analysis.ArticleBuilt)
    def article_entities_built(self, message: Analysis.ArticleBuilt) -> None:
        self.main.sidebar.show_provisional(message.article_id, message.library)

    @on(Indexing.Opened)
    def index_opened(self, message: Indexing.Opened) -> None:
        self.indexing.opened(message.searcher)
        self.main.index_ready()

    @on(Indexing.Progressed)
    def index_progressed(self, message: Indexing.Progressed) -> None:
        self.index_status = message.status

    @on(Storying.Loaded)
    def stories_loaded(self, message: Storying.Loaded) -> None:
        if message.library is not None:
            self.story_library = message.library
        self.storying.loaded()

    @on(Storying.Compared)
    def story_compared(self, message: Storying.Compared) -> None:
        if isinstance(self.screen, StoryScreen):
            self.screen.compared(message.comparison, message.error)

    @on(Storying.Progressed)
    def story_progressed(self, message: Storying.Progressed) -> None:
        if isinstance(self.screen, StoryScreen):
            self.screen.progressed(message.done, message.total)

    @on(Storying.Corrected)
    def story_corrected(self, message: Storying.Corrected) -> None:
        if message.error:
            self.notify(f"Not saved: {message.error}", title="Stories", severity="error", timeout=10, markup=False)
        else:
            self.notify(message.done, timeout=4, markup=False)

    @on(Syncing.Started)
    @on(Syncing.Finished)
    @on(Syncing.Looked)
    def sync_reported(self, message: Syncing.Started | Syncing.Finished | Syncing.Looked) -> None:
        self.sync_state = self.syncing.reported(message, self.sync_state)

    @on(Indexing.Synced)
    def index_synced(self) -> None:
        self.index_status = ""
        self.indexing.synced()
