"""The open article's highlights in the reader pane: drawn in the text, stepped through with ] and
[, their notes shown; and what the highlight keys ask of the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from ....annotations.model import Annotation
from .caret import unit_at
from .marks import Highlight
from .notes import article_note_text, highlight_note_text

if TYPE_CHECKING:
    from .pane import ReaderPane


class Highlights:
    """The article's annotations as the pane shows them: placed ones in reading order in the
    text, orphans (their passage gone) and the article note above it."""

    def __init__(self, pane: ReaderPane) -> None:
        self._pane = pane
        self.annotations: list[Annotation] = []
        self.article_note: Annotation | None = None
        #: The orphan stepped to (its passage gone): d deletes it, a selection re-attaches it.
        self.current_orphan: str | None = None

    def clear(self) -> None:
        self.annotations, self.article_note, self.current_orphan = [], None, None
        self._show_notes()

    @property
    def placed(self) -> list[Annotation]:
        """The highlights drawn in the text (not the orphans), in reading order."""
        return [a for a in self.annotations if not a.orphaned]

    @property
    def orphans(self) -> list[Annotation]:
        """The highlights whose passage is gone from the text, listed above it."""
        return [a for a in self.annotations if a.orphaned]

    @property
    def current(self) -> Annotation | None:
        """The highlight (or orphan) stepped to with ] or [ (or just made), if any."""
        if self.current_orphan is not None:
            return next((a for a in self.annotations if a.id == self.current_orphan), None)
        index = self._pane.mark_layers.current_highlight
        placed = self.placed
        return placed[index] if index is not None and index < len(placed) else None

    def show(self, annotations: list[Annotation]) -> None:
        """Draw the article's highlights (placed ones in the text, orphans above it)."""
        layers = self._pane.mark_layers
        current = self.current
        self.annotations = sorted(
            (a for a in annotations if not a.is_article_note), key=lambda a: (a.orphaned, a.start)
        )
        placed = self.placed
        layers.highlights = [Highlight(a.id, a.start, a.end, a.kind) for a in placed]
        ids = [a.id for a in placed]
        layers.current_highlight = ids.index(current.id) if current is not None and current.id in ids else None
        if self.current_orphan not in {a.id for a in self.orphans}:
            self.current_orphan = None
        self.article_note = next((a for a in annotations if a.is_article_note), None)
        self._show_notes()
        self._pane.redraw()

    def step(self, step: int) -> Annotation | None:
        """The next (or previous) highlight, placed ones in reading order and then the orphans."""
        placed, orphans = self.placed, self.orphans
        ring = placed + orphans
        if not ring:
            return None
        ids = [a.id for a in ring]
        current = self.current
        if current is not None and current.id in ids:
            index = (ids.index(current.id) + step) % len(ring)
        elif placed:
            # From where the reader is: the first highlight below the top of the view.
            top = self._pane.offset_at_top()
            after = [n for n, a in enumerate(placed) if a.start >= top]
            index = (after[0] if after else 0) if step > 0 else ((after[0] - 1) if after else len(placed) - 1)
            index %= len(placed)
        else:
            index = 0 if step > 0 else len(ring) - 1
        self.select(ring[index].id)
        return ring[index]

    def select(self, annotation_id: str | None) -> None:
        """Make this highlight current (None: none), scroll to it and show its note. An orphan
        is shown in the list above the text, so that is scrolled to."""
        placed = self.placed
        ids = [a.id for a in placed]
        layers = self._pane.mark_layers
        layers.current_highlight = ids.index(annotation_id) if annotation_id in ids else None
        self.current_orphan = annotation_id if annotation_id in {a.id for a in self.orphans} else None
        self._show_notes()
        self._pane.redraw()
        if layers.current_highlight is not None:
            self._pane.scroll_to_offset(placed[layers.current_highlight].start)
        elif self.current_orphan is not None:
            self._pane.scroll_home(animate=False)

    def _show_notes(self) -> None:
        # Most articles have no notes: an update that changes nothing would still lay the pane out.
        note = self._pane.query_one("#article-note", Static)
        orphans = self.orphans
        text = article_note_text(self.article_note, orphans, self.current_orphan)
        if text != note.content:
            note.update(text)
        note.display = bool(text.plain)
        current = self.current
        below = self._pane.query_one("#highlight-note", Static)
        below.display = current is not None
        if current is not None:
            among = [a.id for a in (orphans if current.orphaned else self.placed)]
            below.update(highlight_note_text(current, among.index(current.id) + 1, len(among)))


class HighlightKeys:
    """What v, h, a, S, P, ], [ and d do in the pane: a selection becomes a request to the screen
    (which writes it), never a write here."""

    def __init__(self, pane: ReaderPane) -> None:
        self._pane = pane

    def visual_mode(self) -> None:
        if not self._pane.enter_visual():
            self._pane.notify("Open an article first.", timeout=3, markup=False)
        else:
            self._pane.notify("Visual mode: ←/→ w/b ( ) { } j/k move, s/p take a sentence/paragraph; h highlights, "
                              "a adds a note, escape leaves.", timeout=6, markup=False)

    def highlight(self, with_note: bool) -> None:
        pane = self._pane
        chosen = pane.caret.selection(pane.body_text) or pane.positions.mouse_selection()
        current = pane.highlights.current
        if chosen is not None and current is not None and current.orphaned and not with_note:
            pane.post_message(pane.ReattachRequested(current.id, *chosen))
            pane.leave_visual()
            pane.screen.clear_selection()
        elif chosen is not None:
            pane.post_message(pane.AnnotateRequested(pane.article_id, *chosen, with_note=with_note))
            pane.leave_visual()
            pane.screen.clear_selection()
        elif with_note and current is not None:
            pane.post_message(pane.EditRequested(current.id))
        elif with_note and not pane.visual and pane.article_id:
            pane.post_message(pane.ArticleNoteRequested())
        elif pane.visual:
            pane.notify("Nothing is selected: move the caret to extend the selection (s: a sentence, p: a paragraph).",
                        severity="warning", timeout=4, markup=False)
        else:
            pane.notify("Select a passage first: v starts a selection (or drag with the mouse); "
                        "S highlights the sentence at the top, P the paragraph.", timeout=5, markup=False)

    def highlight_unit(self, unit: str) -> None:
        pane = self._pane
        if not pane.body_text:
            return
        at = pane.caret.at if pane.visual else pane.offset_at_top()
        start, end = unit_at(pane.body_text, at, unit)
        if end > start:
            pane.post_message(pane.AnnotateRequested(pane.article_id, start, end))
            pane.leave_visual()

    def step_highlights(self, step: int) -> None:
        if self._pane.highlights.step(step) is None:
            self._pane.notify(
                "No highlights in this article: select a passage with v and press h.", timeout=3, markup=False
            )

    def delete_highlight(self) -> None:
        current = self._pane.highlights.current
        if current is None:
            self._pane.notify("Step to a highlight first (] or [, orphans too), then d deletes it.", timeout=3,
                              markup=False)
        else:
            self._pane.post_message(self._pane.DeleteRequested(current.id))
