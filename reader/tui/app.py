"""The Textual app: styles, global keys, the background parts it owns and what they report."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, SystemCommand
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..paths import styles_dir
from .app_keys import APP_COMMANDS, FIND_ENTITY, THEME
from .background.analysis import Analysis
from .background.fetching import Fetching
from .background.full_text import FullTextWork
from .background.indexing import Indexing
from .background.storying import Storying
from .background.syncing import Syncing, SyncStatus, show_synced
from .collecting import CHECK_SECONDS, IdleCollector
from .commands import bindings, palette_entries
from .compositing import repaint_only_what_changed
from .heap import limit_arenas
from .key_order import KeyOrder
from .links import open_link
from .messages import FeedRemoved, Notice, StoreFailed
from .reports import AnalysisReport, FetchReport, FullTextReport, IndexReport, Reports, StoryReport
from .screens.help import HelpScreen, help_sections
from .screens.main import MainScreen
from .screens.main.keys import COMMANDS as MAIN_COMMANDS
from .services import Services
from .startup import check_keymap, initial_theme, startup_notices
from .strips import keep_strips_acyclic
from .workers import run_in_thread
from .writer import Writes

if TYPE_CHECKING:  # the values arrive from workers; their modules load there, after the list
    from ..entities.library import EntityLibrary
    from ..stories import StoryLibrary

STYLES = ("base.tcss", "main.tcss", "dialogs.tcss", "feeds.tcss", "entities.tcss", "annotations.tcss",
          "stories.tcss")

#: Months of metadata the store keeps parsed in the app: the newest, where fetches and the
#: analysis work, and the one the open article is in.
HELD_MONTHS = 3
#: Seconds after mounting by which analysis and indexing start even if no list was shown.
BACKGROUND_AT_THE_LATEST = 3.0


#: Modules the app does not import to show the list, loaded once it shows (see warm_imports).
LOADED_AFTER_THE_LIST = (
    "reader.feeds.refresh", "reader.fulltext.background", "reader.fulltext", "reader.stories.desk",
    "reader.stories.comparison", "reader.sync.service", "reader.tui.screens.feeds", "reader.tui.screens.story",
    "reader.tui.screens.entity", "reader.tui.screens.annotations", "reader.tui.screens.views",
)


def warm_imports() -> None:
    """Import what the first fetch, page or screen opened needs, so that the key that opens one
    does not wait a tenth of a second or more for its modules on the UI thread."""
    for name in LOADED_AFTER_THE_LIST:
        importlib.import_module(name)


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
        self._background_started = False
        self.reports = Reports(self)
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
        self.theme = initial_theme(services, self.available_themes)
        self.theme_changed_signal.subscribe(self, lambda theme: self.save_session(theme=theme.name))
        services.writer.start()
        for notice in startup_notices(services, self.read_only):
            self.notice(notice)
        if services.settings.keymap and (config_path := services.config_path) is not None:
            # Knowing every binding id means importing every screen: a second of work, in a thread
            # after the list is up, not before it.
            run_in_thread(self, lambda: check_keymap(services, config_path, self.post_message), group="app.keymap")
        if services.refresh_seconds:
            self.set_interval(services.refresh_seconds, lambda: self.fetching.fetch(quiet=True), name="auto-refresh")
        # Analysis and search read every month; begun now, their threads would hold the GIL
        # while the list's first month is read and painted. The screen starts them once it
        # has shown that month (the timer is for a start that never lists one).
        self.set_timer(BACKGROUND_AT_THE_LATEST, self.start_background)
        self.collector.start()
        self.set_interval(CHECK_SECONDS, self.collector.check, name="idle-collector")

    def on_unmount(self) -> None:
        self.collector.stop()

    def start_background(self) -> None:
        """Start entity analysis and search indexing (once): after the list first shows."""
        if self._background_started:
            return
        self._background_started = True
        self.analysis.start()
        self.indexing.start()
        if (article := self.main.current) is not None:
            self.analysis.prioritise(article)  # opened (or restored) before the analyser was there
        # What the first fetch, page or screen would load on the UI thread, loaded in a thread now.
        run_in_thread(self, warm_imports, group="app.warm")

    def check_writable(self, screen: Screen) -> bool:
        if self.read_only:
            screen.notify(f"The library is read-only: {self.read_only}", severity="warning", timeout=6, markup=False)
        return not self.read_only

    def save_session(self, **values: object) -> None:
        """Remember where the user is (the article, the view, the theme) for the next start."""
        if not self.read_only:
            self.writes.submit(lambda store: store.save_session(**values))

    def open_link(self, screen: Screen, url: str) -> None:
        open_link(self, screen, url)

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
    @on(Fetching.Progressed)
    @on(Fetching.Finished)
    def fetch_reported(self, message: FetchReport) -> None:
        self.reports.fetching(message)

    @on(FullTextWork.Done)
    @on(FullTextWork.Saved)
    def full_text_reported(self, message: FullTextReport) -> None:
        self.reports.full_text(message)

    @on(Analysis.Analysed)
    @on(Analysis.Progressed)
    @on(Analysis.Problem)
    @on(Analysis.LibraryBuilt)
    @on(Analysis.ArticleBuilt)
    def analysis_reported(self, message: AnalysisReport) -> None:
        self.reports.analysis(message)

    @on(Indexing.Opened)
    @on(Indexing.Progressed)
    @on(Indexing.Synced)
    def index_reported(self, message: IndexReport) -> None:
        self.reports.indexing(message)

    @on(Storying.Loaded)
    @on(Storying.Compared)
    @on(Storying.Progressed)
    @on(Storying.Corrected)
    def story_reported(self, message: StoryReport) -> None:
        self.reports.storying(message)

    @on(Syncing.Started)
    @on(Syncing.Finished)
    @on(Syncing.Looked)
    def sync_reported(self, message: Syncing.Started | Syncing.Finished | Syncing.Looked) -> None:
        self.sync_state = self.syncing.reported(message, self.sync_state)
