"""Selecting a passage by keys (visual mode): the caret, where the selection started, and how
they move through the article's text. The reader pane holds one and draws what it says."""

from __future__ import annotations

from textual.binding import Binding

from ....annotations import passages
from .body_render import RenderedBody

#: The keys of visual mode; they come first in the pane's bindings and are enabled only in
#: visual mode, so that j/k scroll normally and move the caret when selecting.
CARET_BINDINGS = [
    Binding("escape", "leave_visual_mode", "Leave visual", id="visual.leave"),
    Binding("left", "caret('char', -1)", "Left", show=False, id="visual.left"),
    Binding("right,l", "caret('char', 1)", "Right", show=False, id="visual.right"),
    Binding("w", "caret('word', 1)", "Next word", show=False, id="visual.word"),
    Binding("b", "caret('word', -1)", "Previous word", show=False, id="visual.word_back"),
    Binding("right_parenthesis", "caret('sentence', 1)", "Next sentence", show=False, id="visual.sentence"),
    Binding("left_parenthesis", "caret('sentence', -1)", "Previous sentence", show=False, id="visual.sentence_back"),
    Binding("right_curly_bracket", "caret('paragraph', 1)", "Next paragraph", show=False, id="visual.paragraph"),
    Binding("left_curly_bracket", "caret('paragraph', -1)", "Previous paragraph", show=False,
            id="visual.paragraph_back"),
    Binding("j,down", "caret_line(1)", "Line down", show=False, id="visual.down"),
    Binding("k,up", "caret_line(-1)", "Line up", show=False, id="visual.up"),
    Binding("s", "select_unit('sentence')", "Select sentence", id="visual.select_sentence"),
    Binding("p", "select_unit('paragraph')", "Select paragraph", id="visual.select_paragraph"),
    Binding("v", "restart_selection", "Restart", show=False, id="visual.restart"),
]
#: Their actions, which the pane enables only in visual mode.
CARET_ACTIONS = {"caret", "caret_line", "select_unit", "restart_selection", "leave_visual_mode"}

#: The keys that make highlights and notes, after the pane's own scrolling keys.
HIGHLIGHT_BINDINGS = [
    Binding("v", "visual_mode", "Select", id="reader.visual"),
    Binding("h", "highlight(False)", "Highlight", id="annotation.highlight"),
    Binding("a", "highlight(True)", "Note", id="annotation.note"),
    Binding("S", "highlight_unit('sentence')", "Highlight sentence", show=False, id="annotation.sentence"),
    Binding("P", "highlight_unit('paragraph')", "Highlight paragraph", show=False, id="annotation.paragraph"),
    Binding("right_square_bracket", "step_highlights(1)", "Next highlight", show=False, id="annotation.next"),
    Binding("left_square_bracket", "step_highlights(-1)", "Previous highlight", show=False, id="annotation.previous"),
    Binding("d", "delete_highlight", "Delete highlight", show=False, id="annotation.delete"),
]


class Caret:
    """Offsets into Body.text. Nothing is selected until the caret moves (the caret alone is
    drawn); forwards, the caret goes to the last character of the next word or sentence, so a
    selection takes in whole words; backwards, to the start of one."""

    def __init__(self) -> None:
        self.visual = False
        self.anchor = 0
        self.at = 0

    def enter(self, text: str, at: int, *, at_paragraph: bool) -> None:
        self.visual = True
        self.at = self.anchor = passages.paragraph_bounds(text, at)[0] if at_paragraph else at

    def leave(self) -> None:
        self.visual = False

    def selection(self, text: str) -> tuple[int, int] | None:
        """The selected range, trimmed of spaces at its ends; None if empty."""
        if not self.visual or self.anchor == self.at:
            return None
        low, high = sorted((self.anchor, self.at))
        start, end = passages.trimmed(text, low, high + 1)
        return (start, end) if end > start else None

    def drawn(self) -> tuple[tuple[int, int] | None, int]:
        """What to draw: the selected range (None before the caret moves) and the caret."""
        low, high = sorted((self.anchor, self.at))
        return ((low, high + 1) if high > low else None), self.at

    def move(self, text: str, unit: str, step: int) -> None:
        at = self.at
        if unit == "char":
            at = at + step
        elif unit == "word":
            at = passages.word_end(text, at + 1) - 1 if step > 0 else passages.next_word(text, at, -1)
        elif unit == "sentence":
            if step > 0:
                end = passages.sentence_bounds(text, at)[1]
                if at >= end - 1:
                    end = passages.sentence_bounds(text, passages.next_sentence(text, at, 1))[1]
                at = max(end - 1, at)
            else:
                at = passages.next_sentence(text, at, -1)
        else:
            at = passages.next_paragraph(text, at, step)
        self.at = passages.clamp(text, at)

    def move_line(self, text: str, rendered: RenderedBody, line_starts: list[int], line_of, step: int) -> None:
        """Up or down a screen line, keeping the column, as the body wraps now."""
        drawn = rendered.position(self.at)
        if drawn is None:
            return
        line = line_of(drawn, line_starts)
        target = min(max(line + step, 0), len(line_starts) - 1)
        column = drawn - line_starts[line]
        end = line_starts[target + 1] - 1 if target + 1 < len(line_starts) else len(rendered.text.plain)
        at = rendered.body_offset(min(line_starts[target] + column, max(end - 1, line_starts[target])))
        self.at = passages.clamp(text, at)

    def select_unit(self, text: str, unit: str) -> None:
        """The whole sentence or paragraph at the caret."""
        bounds = passages.sentence_bounds if unit == "sentence" else passages.paragraph_bounds
        start, end = bounds(text, self.at)
        self.anchor = start
        self.at = passages.clamp(text, max(end - 1, start))

    def restart(self) -> None:
        self.anchor = self.at


def unit_at(text: str, at: int, unit: str) -> tuple[int, int]:
    """The sentence or paragraph at ``at``, trimmed of spaces."""
    bounds = passages.sentence_bounds if unit == "sentence" else passages.paragraph_bounds
    return passages.trimmed(text, *bounds(text, at))
