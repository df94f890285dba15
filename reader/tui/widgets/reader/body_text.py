"""The widget holding an article's text in the reader pane."""

from __future__ import annotations

from rich._wrap import divide_line
from rich.text import Text
from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import Static


def wrapped_height(plain: str, width: int) -> int:
    """The lines ``plain`` takes wrapped at ``width`` cells, long words folded."""
    lines = plain.split("\n")
    return len(lines) + sum(len(divide_line(line, width, fold=True)) for line in lines)


class BodyText(Static):
    """A Static whose height, for an article's text, is counted from the plain text.

    Textual finds a Static's height by wrapping a copy of its whole content stripped of
    styles, then wraps it again to draw it: a 6 KB body paid for both on every article. The
    lines ``divide_line`` cuts the plain text into are the ones Textual's wrap makes (it
    wraps each line with it, folding long words), so counting them gives the same height.
    Text with tabs, which Textual expands first, is left to Textual.
    """

    def __init__(self, content: VisualType = "", *, id: str | None = None) -> None:
        super().__init__(content, id=id)
        #: The plain text whose height is counted here (None: Textual counts it).
        self._plain: str | None = None
        self._height: tuple[int, int] | None = None

    def show_text(self, text: Text) -> None:
        self.update(text)
        plain = text.plain
        self._plain = None if "\t" in plain else plain

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._plain, self._height = None, None
        super().update(content, layout=layout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        plain = self._plain
        rules = self.styles
        if plain is None or width < 1 or rules.text_wrap != "wrap" or rules.text_overflow != "fold" or rules.line_pad:
            return super().get_content_height(container, viewport, width)
        if self._height is None or self._height[0] != width:
            self._height = (width, wrapped_height(plain, width))
        return self._height[1]
