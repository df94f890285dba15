"""The saved views screen: named queries with their unread counts; open, add, rename, edit, delete."""

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

from ...ingest.sanitize import clean_line
from ...search.views import SavedViews, View, ViewCount, counts, name_problem, query_problem
from ..widgets.footer import KeysFooter
from ..workers import run_in_thread
from .closing import close
from .dialogs import Confirm, Prompt

if TYPE_CHECKING:
    from ..app import BroadsheetApp

#: How often the screen looks for views saved elsewhere.
POLL_SECONDS = 2.0


class ViewsScreen(Screen[tuple[str, str] | None]):
    """Dismissed with (name, query) to list that view's articles, or None."""

    BINDINGS = [
        Binding("a", "add", "Add", id="views.add"),
        Binding("r", "rename", "Rename", id="views.rename"),
        Binding("e", "edit", "Edit query", id="views.edit"),
        Binding("d,delete", "delete", "Delete", id="views.delete"),
        Binding("j", "move(1)", "Down", show=False, id="views.down"),
        Binding("k", "move(-1)", "Up", show=False, id="views.up"),
        Binding("escape,q", "close", "Back", id="views.close"),
    ]

    @dataclass
    class Loaded(Message):
        views: list[View]
        tallies: dict[str, ViewCount]
        error: str = ""

    def __init__(self, suggested_query: str = "") -> None:
        super().__init__()
        #: The search shown when the screen opened: what `a` offers to save.
        self.suggested_query = suggested_query
        self.views: list[View] = []

    @property
    def broadsheet(self) -> BroadsheetApp:
        return cast("BroadsheetApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="views-table")
        table.add_columns("View", "Unread", "Articles", "Query")
        yield table
        yield Static(
            Text("No saved views yet. Search with / and press a here to save the search as a view.", style="italic"),
            id="views-empty",
        )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "broadsheet — saved views"
        self.sub_title = "enter lists a view's articles"
        self.query_one("#views-empty").display = False
        self.load_views()
        # A view saved or changed by `broadsheet view add` (or another copy of the app) shows here.
        self.set_interval(POLL_SECONDS, lambda: run_in_thread(self, self._poll, group="views.poll", exclusive=True))

    def load_views(self) -> None:
        run_in_thread(self, self._load_views, group="views.load", exclusive=True)

    def _load_views(self) -> None:
        store = self.broadsheet.services.store
        try:
            views = SavedViews(store).list()
            searcher = self.broadsheet.indexing.searcher
            tallies = counts(views, searcher) if searcher is not None else {}
            self.post_message(self.Loaded(views, tallies))
        except Exception as error:  # noqa: BLE001 - any failure is shown to the user, never lost
            self.post_message(self.Loaded([], {}, str(error)))

    def _poll(self) -> None:
        try:
            views = SavedViews(self.broadsheet.services.store).list()
        except Exception:  # noqa: BLE001 - the next full load reports it
            return
        if [(v.key, v.name, v.query) for v in views] != [(v.key, v.name, v.query) for v in self.views]:
            self._load_views()

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(f"Saved views cannot be read: {message.error}", severity="error", markup=False)
        table = self.query_one(DataTable)
        row = table.cursor_row
        self.views = message.views
        table.clear()
        for view in self.views:
            tally = message.tallies.get(view.key)
            table.add_row(
                Text(clean_line(view.name), style="bold"),
                Text(f"{tally.unread:,}" if tally else "…"),
                Text(f"{tally.total:,}" if tally else "…"),
                Text(clean_line(view.query), style="dim"),
                key=view.key,
            )
        table.display = bool(self.views)
        self.query_one("#views-empty").display = not self.views
        if self.views:
            table.move_cursor(row=min(row, len(self.views) - 1))

    def _selected(self) -> View | None:
        table = self.query_one(DataTable)
        return self.views[table.cursor_row] if self.views and 0 <= table.cursor_row < len(self.views) else None

    @on(DataTable.RowSelected)
    def opened(self) -> None:
        view = self._selected()
        if view is not None:
            close(self, (view.name, view.query))

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, min(table.cursor_row + step, table.row_count - 1)))

    def action_close(self) -> None:
        close(self, None)

    def _write(self, change, done_message: str) -> None:
        if not self.broadsheet.check_writable(self):
            return

        def done(_) -> None:
            self.notify(done_message, timeout=3, markup=False)
            self.load_views()

        self.broadsheet.writes.submit(lambda store: change(SavedViews(store)), on_done=done,
                            on_error=lambda error: self.notify(str(error), severity="error", markup=False))

    def action_add(self) -> None:
        def named(name: str | None) -> None:
            if not name:
                return
            def save(query: str | None) -> None:
                if query:
                    self._write(lambda views: views.add(name, query), f"Saved “{clean_line(name)}”.")

            if self.suggested_query:
                save(self.suggested_query)
            else:
                self.app.push_screen(Prompt(f"The query for “{clean_line(name)}”",
                                            placeholder='e.g. entity:"Nicolás Maduro" is:unread',
                                            check=query_problem), save)

        hint = (
            f"Save “{clean_line(self.suggested_query)}” as a view called…"
            if self.suggested_query
            else "A name for the new view"
        )
        self.app.push_screen(Prompt(hint, check=lambda name: name_problem(name, self.views)), named)

    def action_rename(self) -> None:
        view = self._selected()
        if view is None:
            return

        def rename(name: str | None) -> None:
            if name:
                self._write(lambda views: views.rename(view.name, name), f"Renamed to “{clean_line(name)}”.")

        self.app.push_screen(Prompt(f"A new name for “{clean_line(view.name)}”", value=clean_line(view.name),
                                    check=lambda name: name_problem(name, self.views, renaming=view.name)), rename)

    def action_edit(self) -> None:
        view = self._selected()
        if view is None:
            return

        def change(query: str | None) -> None:
            if query:
                self._write(lambda views: views.change_query(view.name, query), "Query changed.")

        self.app.push_screen(Prompt(f"The query for “{clean_line(view.name)}”", value=clean_line(view.query),
                                    check=query_problem), change)

    def action_delete(self) -> None:
        view = self._selected()
        if view is None:
            return

        def delete(yes: bool | None) -> None:
            if yes:
                self._write(lambda views: views.remove(view.name), f"Deleted “{clean_line(view.name)}”.")

        self.app.push_screen(Confirm(f"Delete the view “{clean_line(view.name)}”? (Its articles stay.)",
                                     yes="Delete", no="Keep"), delete)
