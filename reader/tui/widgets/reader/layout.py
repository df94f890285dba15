"""Where the body's text falls on screen lines as it wraps now, for scrolling to an offset and
for moving the caret a line up or down."""

from __future__ import annotations

from bisect import bisect_right

from rich._wrap import divide_line

from .body_render import RenderedBody


class BodyLayout:
    """The drawn offset at which each screen line of the body starts. Kept until the text or the
    width changes: every caret move asks for it."""

    def __init__(self) -> None:
        self._cache: tuple[RenderedBody, int, list[int]] | None = None

    def line_starts(self, rendered: RenderedBody | None, width: int) -> list[int]:
        if rendered is None:
            return [0]
        width = max(width, 10)
        cache = self._cache
        if cache is not None and cache[0] is rendered and cache[1] == width:
            return cache[2]
        starts, offset = [], 0
        for line in rendered.text.plain.split("\n"):
            starts.append(offset)
            starts.extend(offset + cut for cut in divide_line(line, width, fold=True))
            offset += len(line) + 1
        self._cache = (rendered, width, starts)
        return starts

    @staticmethod
    def line_of(drawn: int, starts: list[int]) -> int:
        return max(bisect_right(starts, drawn) - 1, 0)
