"""Scrolling a long list without drawing its scrollbar again when the thumb has not moved."""

from __future__ import annotations

from math import ceil

from textual.scrollbar import ScrollBar, ScrollBarRender


def thumb(bar: ScrollBar, position: float) -> tuple[int, int] | None:
    """Where a vertical scrollbar's thumb starts and ends, in eighths of a cell, as Textual's
    own scrollbar draws it (``ScrollBarRender.render_bar``); None when it draws otherwise."""
    if bar.renderer is not ScrollBarRender:
        return None
    size, virtual_size = bar.size.height, ceil(bar.window_virtual_size)
    window_size = ceil(bar.window_size if bar.window_size < bar.window_virtual_size else 0)
    if not (window_size and size and virtual_size and size != virtual_size):
        return None
    thumb_size = max(1, window_size / (virtual_size / size))
    eighths = len(ScrollBarRender.VERTICAL_BARS)
    start = int((size - thumb_size) * (position / (virtual_size - window_size)) * eighths)
    return start, start + ceil(thumb_size * eighths)


def keep_thumb(bar: ScrollBar, old: float, new: float) -> bool:
    """Give the bar its new position without redrawing it, if it would look the same; whether it did.

    At 100,000 rows a scroll by one row moves the thumb by a few hundredths of an eighth of a
    cell, yet Textual draws the whole bar again for it, on every move down the list.
    """
    if thumb(bar, old) == thumb(bar, new) is not None:
        bar.set_reactive(ScrollBar.position, new)
        return True
    return False
