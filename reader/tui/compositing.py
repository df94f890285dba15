"""The screen repainted only where it changed, by the widgets that show there.

Textual's compositor repaints the smallest rectangle around the changed parts of the screen.
It asks every widget whose *clip* (the area its container shows, often the whole screen)
meets that rectangle for its lines, rather than every widget whose own region does, and it
asks containers whose children cover them entirely: the screen and the row of panes were
drawn and cut at every edge on screen for each repaint, and the list and the entity
sidebar for a change of the reader pane between them. None of those lines could be seen.

Here a widget is drawn for a repaint when its region meets the rectangle and the widgets in
front of it do not already cover its part of it. The compositor does not blend a widget with
what is behind it (each widget draws its own background, blended with its ancestors' in its
own rendering): the front widget's cells are the cells on screen, so leaving out the hidden
ones repaints the same cells.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

_get_renders = Compositor._get_renders


def _minus(piece: Region, cover: Region) -> list[Region]:
    """What is left of ``piece`` outside ``cover``: up to four rectangles."""
    inside = piece.intersection(cover)
    if not (inside.width and inside.height):
        return [piece]
    left = [
        Region(piece.x, piece.y, piece.width, inside.y - piece.y),  # above
        Region(piece.x, inside.bottom, piece.width, piece.bottom - inside.bottom),  # below
        Region(piece.x, inside.y, inside.x - piece.x, inside.height),  # to the left
        Region(inside.right, inside.y, piece.right - inside.right, inside.height),  # to the right
    ]
    return [part for part in left if part.width > 0 and part.height > 0]


def _covered(area: Region, covers: list[Region]) -> bool:
    pieces = [area]
    for cover in covers:
        pieces = [part for piece in pieces for part in _minus(piece, cover)]
        if not pieces:
            return True
    return False


def _renders_in(self: Compositor, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
    if crop is None:
        yield from _get_renders(self, None)
        return
    drawn: list[Region] = []  # what the widgets in front (the first ones) show of the repaint
    for widget, (region, clip) in self.visible_widgets.items():
        shown = region.intersection(clip)
        if not (shown.width and shown.height and shown.overlaps(crop)):
            continue
        needed = shown.intersection(crop)
        if _covered(needed, drawn):
            continue
        drawn.append(needed)
        # The widget's lines in its own coordinates: all of them when it is wholly shown
        # (its lines are cached so), else the part its container shows.
        if shown == region:
            lines = widget.render_lines(Region(0, 0, region.width, region.height))
        else:
            lines = widget.render_lines(shown.translate(-region.offset))
        yield region, clip, lines


def repaint_only_what_changed() -> None:
    """Have the compositor draw, for a repaint, only the widgets seen in it."""
    Compositor._get_renders = _renders_in  # type: ignore[method-assign]
