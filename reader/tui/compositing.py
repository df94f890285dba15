"""The screen repainted only where it changed: widgets outside a repaint are not drawn for it.

Textual's compositor repaints the smallest rectangle around the changed parts of the screen.
It asks every widget whose *clip* (the area its container shows, often the whole screen)
meets that rectangle for its lines, rather than every widget whose own region does. Moving
to the next article changes the reader pane; the list beside it and the entity sidebar were
drawn anyway, every line of them cut at every edge on screen and then thrown away, which was
a third of the repaint's time. A widget that does not meet the rectangle cannot draw any part
of it, so leaving it out repaints the same cells.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

_get_renders = Compositor._get_renders


def _renders_in(self: Compositor, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
    if crop is None:
        yield from _get_renders(self, None)
        return
    for widget, (region, clip) in self.visible_widgets.items():
        shown = region.intersection(clip)
        if not (shown.width and shown.height and shown.overlaps(crop)):
            continue
        # The widget's lines in its own coordinates: all of them when it is wholly shown
        # (its lines are cached so), else the part its container shows.
        if shown == region:
            lines = widget.render_lines(Region(0, 0, region.width, region.height))
        else:
            lines = widget.render_lines(shown.translate(-region.offset))
        yield region, clip, lines


def repaint_only_what_changed() -> None:
    """Have the compositor draw, for a repaint, only the widgets that meet it."""
    Compositor._get_renders = _renders_in  # type: ignore[method-assign]
