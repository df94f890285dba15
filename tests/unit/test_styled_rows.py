"""A list's styled rows are kept by the row drawn: a scroll styles only the row that came into view."""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip

from reader.tui.widgets.styled_rows import StyledRows


def test_a_scroll_styles_only_the_new_row_and_a_changed_row_or_look_is_styled_again():
    rows = [Strip([Segment(str(n) * 10)]) for n in range(6)]
    styled_lines: list[int] = []

    def style(region: Region) -> list[Strip]:
        styled_lines.append(region.y)
        return [Strip.blank(region.width)]

    kept = StyledRows()
    first = kept.lines(Region(0, 0, 10, 4), ("focused",), lambda y: rows[y], style)
    assert styled_lines == [0, 1, 2, 3]
    styled_lines.clear()
    # Scrolled by one row: the screen's lines 0-3 now show rows 1-4.
    scrolled = kept.lines(Region(0, 0, 10, 4), ("focused",), lambda y: rows[y + 1], style)
    assert styled_lines == [3] and scrolled[:3] == first[1:]
    styled_lines.clear()
    rows[2] = Strip([Segment("changed!!!")])  # the row changed (read, starred): drawn anew
    kept.lines(Region(0, 0, 10, 4), ("focused",), lambda y: rows[y + 1], style)
    assert styled_lines == [1]
    styled_lines.clear()
    kept.lines(Region(0, 0, 10, 4), ("blurred",), lambda y: rows[y + 1], style)
    assert styled_lines == [0, 1, 2, 3]
