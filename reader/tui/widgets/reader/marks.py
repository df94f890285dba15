"""What the reader pane draws over an article's text: highlights, search matches or
mentions, the selection and the caret, each from Body.text offsets.

Kept apart from the drawing of the text itself (body_render.py): the text is laid out
once per article, and these layers are put on a copy whenever one of them changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text

from .body_render import CURRENT_STYLE, MENTION_STYLE, RenderedBody

#: One background per kind, so a question and a disagreement read differently at a glance.
KIND_STYLES = {
    "highlight": "on #5f5f00",
    "question": "on #005f87",
    "disagree": "on #875f5f",
}
#: The highlight stepped to with ] and [: its kind's colour, underlined and bold.
CURRENT_HIGHLIGHT = "bold underline"
SELECTION_STYLE = "black on #87afd7"
CARET_STYLE = "reverse"


@dataclass
class Highlight:
    """A highlight as the reader draws it."""

    annotation_id: str
    start: int
    end: int
    kind: str = "highlight"


@dataclass
class MarkLayers:
    #: Search matches or an entity's mentions, and the one stepped to.
    matches: list[tuple[int, int]] = field(default_factory=list)
    current_match: int | None = None
    highlights: list[Highlight] = field(default_factory=list)
    current_highlight: int | None = None
    selection: tuple[int, int] | None = None
    caret: int | None = None

    def snapshot(self) -> tuple:
        """Every layer as plain values: equal snapshots draw the same text."""
        return (
            tuple(self.matches), self.current_match,
            tuple((h.annotation_id, h.start, h.end, h.kind) for h in self.highlights), self.current_highlight,
            self.selection, self.caret,
        )

    def draw(self, rendered: RenderedBody) -> Text:
        """A copy of the article's text with every layer on it; later layers win."""
        text = rendered.text.copy()

        def paint(start: int, end: int, style: str) -> None:
            for drawn_start, drawn_end in rendered.spans(start, end):
                text.stylize(style, drawn_start, drawn_end)

        for number, highlight in enumerate(self.highlights):
            paint(highlight.start, highlight.end, KIND_STYLES.get(highlight.kind, KIND_STYLES["highlight"]))
            if number == self.current_highlight:
                paint(highlight.start, highlight.end, CURRENT_HIGHLIGHT)
        for number, (start, end) in enumerate(self.matches):
            paint(start, end, CURRENT_STYLE if number == self.current_match else MENTION_STYLE)
        if self.selection is not None:
            paint(*self.selection, SELECTION_STYLE)
        if self.caret is not None:
            drawn = rendered.position(self.caret)
            if drawn is not None:
                text.stylize(CARET_STYLE, drawn, drawn + 1)
        return text
