"""Visual mode in the reader pane: the caret and the selection it makes, kept drawn and in view."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pane import ReaderPane


class VisualMode:
    """Moves the pane's Caret over its text and draws what it selects; the pane's keys call it."""

    def __init__(self, pane: ReaderPane) -> None:
        self._pane = pane

    def enter(self) -> bool:
        pane = self._pane
        if not pane.body_text or pane.showing_changes:
            return False
        pane.caret.enter(pane.body_text, pane.offset_at_top(), at_paragraph=True)
        self.moved(scroll=False)
        pane.refresh_bindings()
        return True

    def leave(self) -> None:
        pane = self._pane
        if not pane.caret.visual:
            return
        pane.caret.leave()
        pane.mark_layers.selection, pane.mark_layers.caret = None, None
        pane.redraw()
        pane.refresh_bindings()

    def moved(self, scroll: bool = True) -> None:
        pane = self._pane
        pane.mark_layers.selection, pane.mark_layers.caret = pane.caret.drawn()
        pane.redraw()
        if scroll:
            pane.scroll_to_offset(pane.caret.at, only_if_hidden=True)

    def move(self, unit: str, step: int) -> None:
        self._pane.caret.move(self._pane.body_text, unit, step)
        self.moved()

    def move_line(self, step: int) -> None:
        pane = self._pane
        if pane.rendered is not None:
            pane.caret.move_line(pane.body_text, pane.rendered, pane.line_starts(), pane.body_layout.line_of, step)
            self.moved()

    def select_unit(self, unit: str) -> None:
        self._pane.caret.select_unit(self._pane.body_text, unit)
        self.moved()

    def restart(self) -> None:
        self._pane.caret.restart()
        self.moved(scroll=False)
