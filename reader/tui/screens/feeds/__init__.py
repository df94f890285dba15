"""The feeds screen: subscriptions with their status and errors; add, remove, fetch, open one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ....feeds.probe import Probe
from ....ingest.sanitize import clean_line
from ....models import FULL_TEXT_MODES, Feed
from ....store import FeedCounts, StoreError
from ....text import counted
from ...messages import FeedRemoved, Notice
from ...widgets.footer import KeysFooter
from ...widgets.sync_account import SyncAccount
from ...workers import run_in_thread
from ..closing import close
from ..dialogs import Confirm, Prompt
from .rows import COLUMNS, FULL_TEXT_HELP, feed_detail, feed_row
from .subscribing import Subscribing

if TYPE_CHECKING:
    from ...app import BroadsheetApp


class FeedsScreen(Screen[tuple[str, str] | None]):
    """Dismissed with (feed id, name) to list that feed's articles, or None."""

    BINDINGS = [
        Binding("enter", "open_feed", "Open", id="feeds.open"),
        Binding("a", "add_feed", "Add", id="feeds.add"),
        Binding("d,delete", "remove_feed", "Remove", id="feeds.remove"),
        Binding("r", "refresh_feed", "Fetch", id="feeds.refresh"),
        Binding("e", "rename_feed", "Rename", id="feeds.rename"),
        Binding("x", "full_text", "Full text", id="feeds.full_text",
                tooltip="When its items get their pages' whole text: ask (X on one), always, never"),
        Binding("escape,q", "close", "Back", id="feeds.close"),
        # The list keys of the article list, so moving around feels the same on every screen.
        Binding("j", "move(1)", "Down", show=False, id="feeds.down"),
        Binding("k", "move(-1)", "Up", show=False, id="feeds.up"),
    ]

    @dataclass
    class Loaded(Message):
        feeds: list[Feed]
        counts: dict[str, FeedCounts]
        #: Which load this was: loads run in threads and may answer out of order.
        number: int = 0

    @dataclass
    class Probed(Message):
        probe: Probe

    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[Feed] = []
        self._loads = 0  # loads started
        self._shown = 0  # the newest load shown

    @property
    def broadsheet(self) -> BroadsheetApp:
        return cast("BroadsheetApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        table: DataTable[Text] = FeedTable(cursor_type="row", zebra_stripes=True, id="feeds-table")
        table.add_columns(*COLUMNS)
        yield table
        yield Static(
            Text(
                "No feeds yet. Press a to subscribe to one (a feed's URL, or a web page that has one).", style="italic"
            ),
            id="feeds-empty",
        )
        yield Static("", id="feed-detail")
        yield SyncAccount(id="sync-account")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "broadsheet — feeds"
        self.subscribing = Subscribing(self.broadsheet, self)
        self.query_one("#feeds-empty").display = False
        self.watch(self.app, "feeds_version", lambda _: self._reload_soon(), init=False)
        self.watch(self.app, "fetch_status", self._show_status)
        self.load_feeds()
        self.broadsheet.syncing.look()  # a sync from the command line may have run meanwhile

    _reload_timer = None

    def _reload_soon(self) -> None:
        """A fetch reports feed after feed: the table is read again at most twice a second."""
        if self._reload_timer is None:
            self._reload_timer = self.set_timer(0.5, self._reload_now)

    def _reload_now(self) -> None:
        self._reload_timer = None
        self.load_feeds()

    def _show_status(self, status: str) -> None:
        count = len(self.feeds)
        self.sub_title = status or f"{count} feed{'s' * (count != 1)} · enter lists a feed's articles · R fetches all"

    def load_feeds(self) -> None:
        self._loads += 1
        number = self._loads
        run_in_thread(self, lambda: self._load_feeds(number), group="feeds.load", exclusive=True)

    def _load_feeds(self, number: int) -> None:
        store = self.broadsheet.services.store
        try:
            self.post_message(self.Loaded(store.feeds(), store.feed_counts(), number))
        except StoreError as error:
            self.post_message(Notice(str(error), severity="error"))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        if message.number < self._shown:
            return  # read before a newer load that is on screen already (a rename, say)
        self._shown = message.number
        table = self.query_one(DataTable)
        selected = self._selected()
        self.feeds = message.feeds
        table.clear()
        for feed in self.feeds:
            table.add_row(*feed_row(feed, message.counts.get(feed.id) or FeedCounts()), key=feed.id)
        if selected is not None:
            index = next((i for i, f in enumerate(self.feeds) if f.id == selected.id), 0)
            table.move_cursor(row=index, animate=False)
        table.display = bool(self.feeds)
        self.query_one("#feeds-empty").display = not self.feeds
        self._show_status(self.broadsheet.fetch_status)
        self._show_detail()

    def _selected(self) -> Feed | None:
        table = self.query_one(DataTable)
        if not self.feeds or not 0 <= table.cursor_row < len(self.feeds):
            return None
        return self.feeds[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        self.query_one("#feed-detail", Static).update(feed_detail(self._selected()))

    @on(DataTable.RowSelected)
    def action_open_feed(self) -> None:
        feed = self._selected()
        if feed is not None:
            close(self, (feed.id, feed.name))

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, min(table.cursor_row + step, table.row_count - 1)))

    def action_close(self) -> None:
        close(self, None)

    def action_refresh_feed(self) -> None:
        feed = self._selected()
        if feed is not None:
            self.broadsheet.refresh_feeds([feed.id])

    def action_full_text(self) -> None:
        """x: the feed's full-text setting, in turn ask → always → never."""
        feed = self._selected()
        if feed is None or not self.broadsheet.check_writable(self):
            return
        mode = FULL_TEXT_MODES[(FULL_TEXT_MODES.index(feed.full_text) + 1) % len(FULL_TEXT_MODES)]

        def done(changed: Feed) -> None:
            self.notify(f"{clean_line(changed.name)}: full text {mode} — {FULL_TEXT_HELP[mode]}.", timeout=4,
                        markup=False)
            self.load_feeds()

        self.broadsheet.writes.submit(lambda store: store.set_feed_full_text(feed.id, mode), on_done=done,
                                      on_error=lambda e: self.notify(f"Not changed: {e}", severity="error",
                                                                     markup=False))

    # Removing ----------------------------------------------------------------------------------

    def action_remove_feed(self) -> None:
        feed = self._selected()
        if feed is None or not self.broadsheet.check_writable(self):
            return
        question = (
            f"Unsubscribe from {clean_line(feed.name)}?\n\nIts articles are removed from the library, "
            "except those you starred, tagged or annotated."
        )
        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(feed)

        self.app.push_screen(Confirm(question, yes="Unsubscribe", no="Keep"), answered)

    def _remove(self, feed: Feed) -> None:
        def done(removal) -> None:
            kept = f"; kept {removal.kept} starred, tagged or annotated" if removal.kept else ""
            self.notify(
                f"Unsubscribed from {clean_line(feed.name)}: {counted(removal.removed, 'article')} removed{kept}.",
                markup=False,
            )
            self.post_message(FeedRemoved(feed.id))  # the app tells the main screen
            self.load_feeds()

        def failed(error: Exception) -> None:
            self.notify(f"Not removed: {error}", severity="error", markup=False)

        self.broadsheet.writes.submit(lambda store: store.remove_feed(feed.id), on_done=done, on_error=failed)

    def action_rename_feed(self) -> None:
        feed = self._selected()
        if feed is None or not self.broadsheet.check_writable(self):
            return

        def named(title: str | None) -> None:
            if title is not None and title != feed.name:
                self.broadsheet.writes.submit(
                    lambda store: store.rename_feed(feed.id, title), on_done=lambda _: self.load_feeds(),
                    on_error=lambda error: self.notify(f"Not renamed: {error}", severity="error", markup=False))

        self.app.push_screen(Prompt(f"A name for {clean_line(feed.url)}", placeholder="the feed's own title",
                                    hint="enter renames · its new articles show under this name · escape cancels",
                                    value=clean_line(feed.name)), named)

    # Adding (see subscribing.py) ----------------------------------------------------------------

    def action_add_feed(self) -> None:
        self.subscribing.start()

    @on(Probed)
    def probed(self, message: Probed) -> None:
        self.subscribing.probed(message.probe)


class FeedTable(DataTable[Text]):
    """The feeds, one a row. Its enter is the table's own (it selects the row, which opens the
    feed), given the screen's id so that the help lists it and the keymap reaches it."""

    BINDINGS = [Binding("enter", "select_cursor", "Open", show=False, id="feeds.open")]

