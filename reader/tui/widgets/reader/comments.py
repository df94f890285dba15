"""The reader comments folded under an article's body in the reader pane (c shows or folds them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Collapsible, Static

from ....models import Body
from .texts import comments_text

if TYPE_CHECKING:
    from .pane import ReaderPane


class Comments:
    def __init__(self, pane: ReaderPane) -> None:
        self._pane = pane

    def _fold(self) -> Collapsible:
        return self._pane.query_one("#reader-comments", Collapsible)

    def show(self, body: Body) -> None:
        """The body's comments, folded; the fold is hidden when it has none."""
        comments = self._fold()
        comments.display = bool(body.comments)
        if body.comments:
            comments.title = f"Reader comments ({len(body.comments)}) — c shows or folds them"
            comments.collapsed = True
            self._pane.query_one("#reader-comments-text", Static).update(comments_text(body))

    def hide(self) -> None:
        self._fold().display = False

    def toggle(self) -> None:
        comments = self._fold()
        if comments.display:
            comments.collapsed = not comments.collapsed
            if not comments.collapsed:
                self._pane.scroll_to_widget(comments, top=True, animate=False)
        else:  # the key is always in the footer: say why it did nothing
            said = ("Open an article first (enter)." if self._pane.rendered is None
                    else "This article has no reader comments.")
            self._pane.notify(said, timeout=3, markup=False)
