"""The main screen's search: the query box, ranked results with snippets, matches in the reader."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.widgets import Input, Static

from ...search import QueryError, SearchError, body_matches
from ..widgets.article_list import ArticleList
from ..widgets.reader_pane import ReaderPane

#: Seconds of no typing before a query runs: every keystroke would be a search otherwise.
DEBOUNCE = 0.15
#: Snippets are fetched for this many of the best results (the rows a user looks at).
SNIPPETS = 300


class SearchView:
    """Mixed into MainScreen. Handlers are named on_* or called from it: @on only registers
    methods of the class being defined, and this is a mixin."""

    _search_timer = None
    #: The query whose results the list shows ("" when none), and its matches in the open article.
    active_query = ""
    _matches: list[tuple[int, int]] = []
    _match_index = -1

    def search_for(self, text: str) -> None:
        """Called as the user types: run the query once typing pauses."""
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(DEBOUNCE, lambda: self._run_query(text.strip()))

    def _run_query(self, text: str) -> None:
        error = self.query_one("#search-error", Static)
        if not text:
            error.display = False
            self.active_query = ""
            self.query_one(ArticleList).snippets = {}
            self._change_view(article_ids=None, ranked=None, filter_name="", query="")
            return
        if self.app.searcher is None:
            # The index is still opening: words in titles and outlets still narrow the list.
            self._change_view(query=text)
            return
        self.run_search(text)

    @work(thread=True, group="search", exclusive=True, exit_on_error=False)
    def run_search(self, text: str) -> None:
        searcher = self.app.searcher
        try:
            ids = searcher.matching_ids(text)
            hits = searcher.hits_for(text, ids[:SNIPPETS])
        except QueryError as error:
            self.app.call_from_thread(self._query_failed, text, error)
            return
        except SearchError as error:
            self.app.call_from_thread(self.notify, f"Search failed: {error}", severity="error", markup=False)
            return
        self.app.call_from_thread(self._show_results, text, ids, hits)

    def _query_failed(self, text: str, error: QueryError) -> None:
        line, caret = error.caret_lines()
        widget = self.query_one("#search-error", Static)
        widget.update(Text.assemble((str(error) + "\n", "bold red"), (line + "\n", ""), (caret, "bold red")))
        widget.display = True

    def _show_results(self, text: str, ids: list[str], hits) -> None:
        self.query_one("#search-error", Static).display = False
        self.active_query = text
        self.query_one(ArticleList).snippets = {hit.article_id: (hit.title, hit.snippet) for hit in hits}
        label = f"view: {self._view_name}" if self._view_name else f"search: {text}"
        self._view_name = ""
        self._change_view(article_ids=frozenset(ids), ranked=tuple(ids), filter_name=label, query="")
        if ids:
            # A new search starts at its best match.
            self.query_one(ArticleList).set_cursor(0)
        self._mark_matches()

    def open_view(self, name: str, query: str) -> None:
        """List a saved view's articles: its query, run like a search, named in the header."""
        self._view_name = name
        self.run_search(query)

    _view_name = ""

    def close_search_box(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        search.display = False
        self.query_one("#search-error").display = False

    def clear_search(self) -> None:
        if self.active_query or self.listing.options.query:
            self._run_query("")

    # Matches in the open article ------------------------------------------------------------------

    def _mark_matches(self) -> None:
        """Highlight the query's words in the open article (called when it shows)."""
        self._matches, self._match_index = [], -1
        if not self.active_query or self.current_body is None:
            return
        try:
            marks = body_matches(self.active_query, self.current_body.text)
        except SearchError:
            return
        self._matches = list(marks)
        if self._matches:
            self.query_one(ReaderPane).highlight(self._matches, None)

    def action_next_match(self, step: int = 1) -> None:
        if not self._matches:
            self.notify("No search matches in this article." if self.active_query else "Search first (/): > and < step through its matches.", timeout=3, markup=False)
            return
        self._match_index = (self._match_index + step) % len(self._matches)
        self.query_one(ReaderPane).highlight(self._matches, self._match_index)
        self.notify(f"Match {self._match_index + 1} of {len(self._matches)} (> next, < previous)", timeout=2, markup=False)
