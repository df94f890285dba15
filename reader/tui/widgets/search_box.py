"""The search box: the query language typed in, run once typing pauses, its answer or its mistake."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from ...ingest.sanitize import clean_line
from ...search import QueryError, Searcher, SearchError
from ...search.searcher import Hit
from ..focusing import focus_now
from ..messages import Notice
from ..workers import run_in_thread

#: Seconds of no typing before a query runs: every keystroke would be a search otherwise.
DEBOUNCE = 0.15
#: Snippets are fetched for this many of the best results (the rows a user looks at).
SNIPPETS = 300
PLACEHOLDER = ('Search: words, "phrases", vene*, is:unread, tag:T, outlet:X, entity:"Name", after:2017-11-01, '
               "OR, -word… (enter: to the list, escape: clear)")


class SearchBox(Vertical):
    """The box (``#search``) and the line under it that shows where a query goes wrong
    (``#search-error``); both hidden until ``/``. Queries run in a worker against the index."""

    DEFAULT_CSS = """
    SearchBox {
        height: auto;
    }
    """

    @dataclass
    class Answered(Message):
        """The ids matching ``query``, best first, and the marked rows of the best of them."""

        query: str
        ids: list[str]
        hits: list[Hit]
        #: The saved view this is the answer for ("" for a search typed here).
        view_name: str = ""
        #: What the query's terms could not answer ("no person ... is called 'X'").
        notes: tuple[str, ...] = ()

    @dataclass
    class Cleared(Message):
        """The box was emptied: the list shows every article again."""

    @dataclass
    class Unindexed(Message):
        """The index is still opening: words in titles and outlets narrow the list meanwhile."""

        text: str
        view_name: str = ""

    @dataclass
    class Submitted(Message):
        """Enter: on to the results."""

    @dataclass
    class _Failed(Message):
        text: str
        error: QueryError

    def __init__(self, searcher: Callable[[], Searcher | None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._searcher = searcher
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="search")
        yield Static("", id="search-error")

    def on_mount(self) -> None:
        self.input.display = False
        self.query_one("#search-error").display = False

    @property
    def waiting(self) -> bool:
        """Whether typing has paused for less than DEBOUNCE: the query has not run yet."""
        return self._timer is not None

    @property
    def input(self) -> Input:
        return self.query_one("#search", Input)

    def show(self, text: str, view_name: str = "") -> None:
        """Put a query in the box, shown, and run it (a search the last session left)."""
        with self.input.prevent(Input.Changed):
            self.input.value = text
        self.input.display = True
        self.run(text, view_name=view_name)

    def open(self) -> None:
        self.input.display = True
        focus_now(self.input)

    def close(self) -> None:
        """Hide the box and its error and empty it, without searching for the empty text."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        search = self.input
        with search.prevent(Input.Changed):
            search.value = ""
        search.display = False
        self.query_one("#search-error").display = False

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        text = event.value.strip()
        self._timer = self.set_timer(DEBOUNCE, lambda: self._typed_pause(text))

    def _typed_pause(self, text: str) -> None:
        self._timer = None
        self.run(text)

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())

    def run(self, text: str, view_name: str = "") -> None:
        """Run a query now (as typed, or a saved view's)."""
        if view_name:
            # What was last typed is not what runs now: the box shows the view's query, so /
            # edits that, not a search the user has left.
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            with self.input.prevent(Input.Changed):
                self.input.value = text
        if not text:
            self.query_one("#search-error").display = False
            self.post_message(self.Cleared())
            return
        searcher = self._searcher()
        if searcher is None:
            self.post_message(self.Unindexed(text, view_name))
            return
        run_in_thread(self, lambda: self._search(searcher, text, view_name), group="main.search", exclusive=True)

    def _search(self, searcher: Searcher, text: str, view_name: str) -> None:
        try:
            ids, notes = searcher.matching(text)
            hits = searcher.hits_for(text, ids[:SNIPPETS])
        except QueryError as error:
            self.post_message(self._Failed(text, error))
            return
        except SearchError as error:
            self.post_message(Notice(f"Search failed: {error}", severity="error"))
            return
        self.post_message(self.Answered(text, ids, hits, view_name, notes))

    @on(_Failed)
    def _show_mistake(self, message: _Failed) -> None:
        line, caret = message.error.caret_lines()
        error = self.query_one("#search-error", Static)
        error.update(Text.assemble((str(message.error) + "\n", "bold red"), (line + "\n", ""), (caret, "bold red")))
        error.display = True

    def answered(self, notes: tuple[str, ...] = ()) -> None:
        """The answer is shown: the mistake of an earlier query is not, what this one's terms
        could not answer is (an empty list alone would not say that no entity has the name)."""
        error = self.query_one("#search-error", Static)
        if notes:
            error.update(Text("\n".join(clean_line(n) for n in notes), style="italic"))
        error.display = bool(notes)
