"""The reader pane's header (title, outlet, read and star state, the story line), drawn once per
change, and held back with the text while an article's body is being read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from ....models import Article, ArticleState
from .texts import article_header

if TYPE_CHECKING:
    from .pane import ReaderPane

#: Seconds the previous article's text stays while the next one's is read, before "Loading…"
#: replaces it. A body is read in a few milliseconds: drawing a placeholder first would lay
#: out and paint the pane twice for every article passed on the way down the list.
LOADING_DELAY = 0.15


class Heading:
    def __init__(self, pane: ReaderPane) -> None:
        self._pane = pane
        #: (article id, "Also told by ..."): the story line of the header, set by the screen.
        self.told_by = ("", "")
        self.shown: tuple[Article, ArticleState] | None = None
        #: The header last drawn: the header is asked for several times per article.
        self._header: Text | None = None
        self._loading: Timer | None = None

    def wait(self, article: Article, state: ArticleState) -> None:
        """The body is on its way: the header waits with the text (for the body, or for
        "Loading…"), so the pane is laid out once per article and not for the header and
        again for the text."""
        self.shown = (article, state)
        self._loading = self._pane.set_timer(LOADING_DELAY, self._show_loading)

    def _show_loading(self) -> None:
        """The body is still being read: say so rather than leave the last article's text."""
        self._loading = None
        pane = self._pane
        if self.shown is not None:
            self.show(*self.shown)
        if pane.rendered is None and not pane.showing_changes:
            pane.body_cleared()
            pane.query_one("#reader-body", Static).update(Text("Loading…", style="dim"))
            pane.comments.hide()

    def stop_waiting(self) -> None:
        if self._loading is not None:
            self._loading.stop()
            self._loading = None

    def show(self, article: Article, state: ArticleState) -> None:
        """Refresh the header only (read, star, tags changed)."""
        self.shown = (article, state)
        if self._loading is not None:
            return  # drawn with the text, shortly
        told = self.told_by[1] if self.told_by[0] == article.id else ""
        header = article_header(article, state, told)
        if header != self._header:
            self._header = header
            self._pane.query_one("#reader-header", Static).update(header)

    def set_told_by(self, article_id: str, note: str) -> None:
        """The line naming the other outlets that told the article's story ("" for none)."""
        self.told_by = (article_id, note)
        if self.shown is not None and self.shown[0].id == article_id:
            self.show(*self.shown)

    def show_message(self, message: str) -> None:
        self._header = Text(message, style="dim")
        self._pane.query_one("#reader-header", Static).update(self._header)
