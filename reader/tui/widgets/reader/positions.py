"""Where Body.text offsets are on screen in the reader pane, and back: for scrolling to a
highlight or match, the caret's line moves, and the passage selected with the mouse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from ....annotations import passages

if TYPE_CHECKING:
    from .pane import ReaderPane


class Positions:
    def __init__(self, pane: ReaderPane) -> None:
        self._pane = pane

    def _body(self) -> Static:
        return self._pane.query_one("#reader-body", Static)

    def line_starts(self) -> list[int]:
        pane = self._pane
        return pane.body_layout.line_starts(pane.rendered, self._body().content_region.width)

    def scroll_to_offset(self, offset: int, *, only_if_hidden: bool = False, at_top: bool = False) -> bool:
        """Scroll so the Body.text offset is in view (a third of the way down, or on the top
        line); False if the offset is not drawn."""
        pane = self._pane
        drawn = pane.rendered.position(offset) if pane.rendered is not None else None
        if drawn is None:
            return False
        line = pane.body_layout.line_of(drawn, self.line_starts())
        y = self._body().virtual_region.y + line
        if only_if_hidden and pane.scroll_y <= y < pane.scroll_y + pane.size.height - 1:
            return True
        pane.scroll_to(y=max(0, y - (0 if at_top else pane.size.height // 3)), animate=False)
        return True

    def offset_at_top(self) -> int:
        """The Body.text offset of the first line of the body in view."""
        pane = self._pane
        if pane.rendered is None:
            return 0
        line = max(int(pane.scroll_y) - self._body().virtual_region.y, 0)
        starts = self.line_starts()
        return pane.rendered.body_offset(starts[min(line, len(starts) - 1)])

    def mouse_selection(self) -> tuple[int, int] | None:
        """The passage selected with the mouse in the article's text, as Body.text offsets."""
        pane = self._pane
        selection = pane.screen.selections.get(self._body())
        if selection is None or pane.rendered is None or pane.showing_changes:
            return None
        low, high = pane.rendered.cells_to_range(selection.start, selection.end)
        start, end = passages.trimmed(pane.body_text, low, high)
        return (start, end) if end > start else None
