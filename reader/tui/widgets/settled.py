"""Widgets that take the size a layout found without asking for another layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Static


class SettledStatic(Static):
    """A Static that does not lay the screen out twice when its size changes.

    When a layout gives a widget a new size, Textual sets its ``virtual_size`` as a reactive
    that asks for a layout, so every article shown (the header and the body change height)
    laid out and repainted the whole screen a second time, finding nothing new. The layout
    that called this has just placed everything at these sizes; what a size change does
    need (the widget redrawn, its scrollbars updated) ``Widget._size_updated`` still does.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
