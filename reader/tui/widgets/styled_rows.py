"""Keeping a Line API list's rows as styled for the screen, so a scroll styles only the new row."""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Region
from textual.strip import Strip

#: Styled rows kept: a few screenfuls, as the list keeps its drawn rows.
KEPT = 256


class StyledRows:
    """The screen lines of a list's rows, by the row drawn.

    Textual keeps a widget's styled lines (its border, background and the app's filters
    applied) by their place on screen, so when a list scrolls by a row it styles every row
    on screen again, and the screen cuts each new line up again: at 46 rows, most of the
    list's cost of a move down from the bottom of the pane. Kept by the row's own drawing
    (the list draws an unchanged row as the same ``Strip``), a scroll styles one row.
    """

    def __init__(self) -> None:
        self._lines: dict[tuple[int, int, int], tuple[Strip, Strip]] = {}
        self._context: tuple | None = None

    def clear(self) -> None:
        self._lines.clear()

    def lines(self, crop: Region, context: tuple, row: Callable[[int], Strip],
              style: Callable[[Region], list[Strip]]) -> list[Strip]:
        """The styled lines of ``crop``: ``row(y)`` draws a row, ``style(region)`` styles the
        lines of a region as Textual does; ``context`` is all else a styled line depends on."""
        if context != self._context:
            self._lines.clear()
            self._context = context
        x1, x2 = crop.column_span
        lines = self._lines
        styled = []
        for y in crop.line_range:
            drawn = row(y)
            key = (id(drawn), x1, x2)
            kept = lines.get(key)
            if kept is None or kept[0] is not drawn:
                if len(lines) >= KEPT:
                    lines.clear()
                kept = lines[key] = (drawn, style(Region(x1, y, x2 - x1, 1))[0])
            styled.append(kept[1])
        return styled
