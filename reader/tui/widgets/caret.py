"""Selecting a passage by keys in the reader pane (visual mode), and the highlight keys.

Mixed into ReaderPane. Visual mode keys come first in its bindings and are enabled only
in visual mode (``check_action``), so j/k scroll normally and move the caret in visual
mode. What the user asks for (highlight this, edit that) is posted as a message: the
screen does the writing.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from ...annotations import passages

#: The actions of visual mode, enabled only in it.
_CARET_ACTIONS = {"caret", "caret_line", "select_unit", "restart_selection", "leave_visual_mode"}


class AnnotateRequested(Message):
    """Highlight Body.text[start:end] of the open article (with a note: open the editor)."""

    def __init__(self, article_id: str, start: int, end: int, *, with_note: bool = False) -> None:
        super().__init__()
        self.article_id, self.start, self.end, self.with_note = article_id, start, end, with_note


class AnnotationEditRequested(Message):
    def __init__(self, annotation_id: str) -> None:
        super().__init__()
        self.annotation_id = annotation_id


class AnnotationDeleteRequested(Message):
    def __init__(self, annotation_id: str) -> None:
        super().__init__()
        self.annotation_id = annotation_id


class ArticleNoteRequested(Message):
    """Write or edit the note on the whole open article."""


class CaretKeys:
    CARET_BINDINGS = [
        Binding("escape", "leave_visual_mode", "Leave visual", id="visual.leave"),
        Binding("left", "caret('char', -1)", "Left", show=False, id="visual.left"),
        Binding("right,l", "caret('char', 1)", "Right", show=False, id="visual.right"),
        Binding("w", "caret('word', 1)", "Word", show=False, id="visual.word"),
        Binding("b", "caret('word', -1)", "Word back", show=False, id="visual.word_back"),
        Binding("right_parenthesis", "caret('sentence', 1)", "Sentence", show=False, id="visual.sentence"),
        Binding("left_parenthesis", "caret('sentence', -1)", "Sentence back", show=False, id="visual.sentence_back"),
        Binding("right_curly_bracket", "caret('paragraph', 1)", "Paragraph", show=False, id="visual.paragraph"),
        Binding("left_curly_bracket", "caret('paragraph', -1)", "Paragraph back", show=False, id="visual.paragraph_back"),
        Binding("j,down", "caret_line(1)", "Line down", show=False, id="visual.down"),
        Binding("k,up", "caret_line(-1)", "Line up", show=False, id="visual.up"),
        Binding("s", "select_unit('sentence')", "Sentence", id="visual.select_sentence"),
        Binding("p", "select_unit('paragraph')", "Paragraph", id="visual.select_paragraph"),
        Binding("v", "restart_selection", "Restart", show=False, id="visual.restart"),
    ]

    #: In visual mode: where the caret is and where the selection started (Body.text offsets).
    visual = False
    anchor = 0
    caret_at = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _CARET_ACTIONS:
            return self.visual
        return super().check_action(action, parameters)

    def enter_visual(self, at: int | None = None) -> bool:
        if not self.body_text or self.showing_changes:
            return False
        self.visual = True
        start = self._offset_at_top() if at is None else at
        self.caret_at = self.anchor = passages.paragraph_bounds(self.body_text, start)[0] if at is None else start
        self._draw_selection()
        self.refresh_bindings()
        return True

    def leave_visual(self) -> None:
        if not self.visual:
            return
        self.visual = False
        self.mark_layers.selection, self.mark_layers.caret = None, None
        self.redraw()
        self.refresh_bindings()

    def action_leave_visual_mode(self) -> None:
        self.leave_visual()

    def selection(self) -> tuple[int, int] | None:
        """The selected range in visual mode, trimmed of spaces at its ends; None if empty."""
        if not self.visual or self.anchor == self.caret_at:
            # Nothing is selected until the caret moves (the caret alone is drawn).
            return None
        low, high = sorted((self.anchor, self.caret_at))
        start, end = passages.trimmed(self.body_text, low, high + 1)
        return (start, end) if end > start else None

    def action_caret(self, unit: str, step: int) -> None:
        """Forwards, the caret goes to the last character of the next word or sentence, so
        the selection takes in whole words; backwards, to the start of one."""
        text, at = self.body_text, self.caret_at
        if unit == "char":
            at = passages.clamp(text, at + step)
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
        self._move_caret(at)

    def action_caret_line(self, step: int) -> None:
        rendered = self._rendered
        drawn = rendered.position(self.caret_at) if rendered is not None else None
        if drawn is None:
            return
        starts = self._line_starts()
        line = self._line_of(drawn, starts)
        target = min(max(line + step, 0), len(starts) - 1)
        column = drawn - starts[line]
        end = starts[target + 1] - 1 if target + 1 < len(starts) else len(rendered.text.plain)
        self._move_caret(rendered.body_offset(min(starts[target] + column, max(end - 1, starts[target]))))

    def action_select_unit(self, unit: str) -> None:
        bounds = passages.sentence_bounds if unit == "sentence" else passages.paragraph_bounds
        start, end = bounds(self.body_text, self.caret_at)
        self.anchor = start
        self._move_caret(max(end - 1, start))

    def action_restart_selection(self) -> None:
        self.anchor = self.caret_at
        self._draw_selection()

    def _move_caret(self, at: int) -> None:
        self.caret_at = passages.clamp(self.body_text, at)
        self._draw_selection()
        self.scroll_to_offset(self.caret_at, only_if_hidden=True)

    def _draw_selection(self) -> None:
        low, high = sorted((self.anchor, self.caret_at))
        self.mark_layers.selection = (low, high + 1) if high > low else None
        self.mark_layers.caret = self.caret_at
        self.redraw()


class HighlightKeys:
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

    def action_visual_mode(self) -> None:
        if not self.enter_visual():
            self.notify("Open an article first.", timeout=3, markup=False)
        else:
            self.notify("Visual mode: ←/→ w/b ( ) { } j/k move, s/p take a sentence/paragraph; h highlights, "
                        "a adds a note, escape leaves.", timeout=6, markup=False)

    def action_highlight(self, with_note: bool) -> None:
        chosen = self.selection() or self._mouse_selection()
        if chosen is not None:
            self.post_message(AnnotateRequested(self.article_id, *chosen, with_note=with_note))
            self.leave_visual()
            self.screen.clear_selection()
        elif with_note and self.current_annotation is not None:
            self.post_message(AnnotationEditRequested(self.current_annotation.id))
        elif with_note and not self.visual and self.article_id:
            self.post_message(ArticleNoteRequested())
        elif self.visual:
            self.notify("Nothing is selected: move the caret to extend the selection (s: a sentence, p: a paragraph).",
                        severity="warning", timeout=4, markup=False)
        else:
            self.notify("Select a passage first: v starts a selection (or drag with the mouse); "
                        "S highlights the sentence at the top, P the paragraph.", timeout=5, markup=False)

    def action_highlight_unit(self, unit: str) -> None:
        if not self.body_text:
            return
        at = self.caret_at if self.visual else self._offset_at_top()
        bounds = passages.sentence_bounds if unit == "sentence" else passages.paragraph_bounds
        start, end = passages.trimmed(self.body_text, *bounds(self.body_text, at))
        if end > start:
            self.post_message(AnnotateRequested(self.article_id, start, end))
            self.leave_visual()

    def action_step_highlights(self, step: int) -> None:
        if self.step_highlight(step) is None:
            self.notify("No highlights in this article: select a passage with v and press h.", timeout=3, markup=False)

    def action_delete_highlight(self) -> None:
        current = self.current_annotation
        if current is None:
            self.notify("Step to a highlight first (] or [), then d deletes it.", timeout=3, markup=False)
        else:
            self.post_message(AnnotationDeleteRequested(current.id))

    def _mouse_selection(self) -> tuple[int, int] | None:
        """The passage selected with the mouse in the article's text, as Body.text offsets."""
        body = self.query_one("#reader-body", Static)
        selection = self.screen.selections.get(body)
        if selection is None or self._rendered is None or self.showing_changes:
            return None
        lines = self._rendered.text.plain.split("\n")

        def drawn(offset, default: int) -> int:
            if offset is None:
                return default
            x, y = offset
            return sum(len(line) + 1 for line in lines[:y]) + x

        low = drawn(selection.start, 0)
        high = drawn(selection.end, len(self._rendered.text.plain))
        start, end = passages.trimmed(self.body_text, self._rendered.body_offset(low), self._rendered.body_offset(high))
        return (start, end) if end > start else None
