"""The widget holding an article's text in the reader pane."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich._wrap import divide_line
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, VisualType

from ..settled import SettledStatic


def wrapped_starts(plain: str, width: int) -> list[int]:
    """The first wrapped line of each line of ``plain`` at ``width`` cells (long words folded),
    and last the number of lines the whole text takes."""
    return [0, *accumulate(len(divide_line(line, width, fold=True)) + 1 for line in plain.split("\n"))]


def wrapped_height(plain: str, width: int) -> int:
    """The lines ``plain`` takes wrapped at ``width`` cells, long words folded."""
    return wrapped_starts(plain, width)[-1]


class BodyText(SettledStatic):
    """A Static whose height, for an article's text, is counted from the plain text, and which
    draws only the part of the text on screen.

    Textual finds a Static's height by wrapping a copy of its whole content stripped of
    styles, then wraps it again to draw it: a 6 KB body paid for both on every article. The
    lines ``divide_line`` cuts the plain text into are the ones Textual's wrap makes (it
    wraps each line with it, folding long words), so counting them gives the same height.

    Textual also draws every line of a Static whenever it changes, though the pane shows a
    screenful of a body two or three screens long. Knowing where each line of the text
    starts once wrapped, this widget draws the lines around the ones asked for, with
    Textual's own rendering: blank lines stand in for the lines above, so every line keeps
    its number (the mouse selection reads it from what is drawn). Text with tabs, which
    Textual expands first, and a text with a mouse selection on it are left to Textual.
    """

    def __init__(self, content: VisualType = "", *, id: str | None = None) -> None:
        super().__init__(content, id=id)
        #: The plain text whose height is counted here (None: Textual counts it).
        self._plain: str | None = None
        #: (width, the wrapped line each line of the text starts on, then the total).
        self._starts: tuple[int, list[int]] | None = None
        #: The lines drawn: (visual, width, style, first wrapped line, strips).
        self._window: tuple[Visual, int, object, int, list[Strip]] | None = None

    def show_text(self, text: Text) -> None:
        self.update(text)
        plain = text.plain
        self._plain = None if "\t" in plain else plain

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._plain, self._starts, self._window = None, None, None
        super().update(content, layout=layout)

    def _line_starts(self, width: int) -> list[int] | None:
        plain = self._plain
        rules = self.styles
        if plain is None or width < 1 or rules.text_wrap != "wrap" or rules.text_overflow != "fold" or rules.line_pad:
            return None
        if self._starts is None or self._starts[0] != width:
            self._starts = (width, wrapped_starts(plain, width))
        return self._starts[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        starts = self._line_starts(width)
        if starts is None:
            return super().get_content_height(container, viewport, width)
        return starts[-1]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        visual = self.visual
        starts = self._line_starts(width)
        if (starts is None or not isinstance(visual, Content) or self.text_selection is not None
                or self.styles.content_align != ("left", "top") or not 0 <= y < starts[-1]):
            return super().render_line(y)
        style = self.visual_style
        window = self._window
        if window is not None and window[0] is visual and window[1] == width and window[2] == style:
            index = y - window[3]
            if 0 <= index < len(window[4]):
                return window[4][index]
        strips = self._draw_window(visual, starts, y, width, style)
        if strips is None:
            return super().render_line(y)
        return strips[y - starts[bisect_right(starts, y) - 1]]

    def _draw_window(self, visual: Content, starts: list[int], y: int, width: int, style) -> list[Strip] | None:
        """Draw the lines of the text that cover a screenful from wrapped line ``y``."""
        # A screenful past y (the pane is never taller than the screen), from the start of y's line.
        first = bisect_right(starts, y) - 1
        last = min(bisect_right(starts, y + self.screen.size.height), len(starts) - 1)
        lines = visual.plain.split("\n")
        offsets = [0, *accumulate(len(line) + 1 for line in lines)]
        piece = visual[offsets[first]:offsets[last] - 1] if last > first else Content("")
        drawn = Visual.to_strips(self, Content("\n" * first) + piece, width, None, style)[first:]
        if len(drawn) != starts[last] - starts[first]:
            return None  # wrapped otherwise than counted: leave the drawing to Textual
        self._window = (visual, width, style, starts[first], drawn)
        return drawn
