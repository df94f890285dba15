"""Textual's lines (``Strip``) freed when they are dropped, not left to the garbage collector.

A Strip keeps the lines made from it in small caches of its own. Two of its methods can
answer with the strip itself, and cache that answer too: ``divide`` at its own end (the
compositor divides every line it draws at the regions' edges, and a line seldom crosses one)
and ``crop_extend`` to its own length. The strip then refers to itself through its cache, a
cycle that reference counting never frees: every line the app replaced (thousands a move
through the articles, each with its seven caches) waited for a full collection, which holds
the whole library in memory and is kept for when the user is idle. So a long run of moves grew
by a megabyte a move. Answered without caching, these two give the same strips, and a line
no longer drawn is freed at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.style import Style
from textual.strip import Strip

_divide = Strip.divide
_crop_extend = Strip.crop_extend


def _divide_acyclic(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    cuts = list(cuts)
    length = self.cell_length
    if [cut for cut in cuts if cut <= length] == [length]:
        return [self]  # what Strip.divide answers here, without keeping itself in its cache
    return _divide(self, cuts)


def _crop_extend_acyclic(self: Strip, start: int, end: int, style: Style | None) -> Strip:
    if start <= 0 and end == self.cell_length:
        return self  # extended to its own length and cropped to all of it: itself
    return _crop_extend(self, start, end, style)


def keep_strips_acyclic() -> None:
    """Make Strip's two self-answering methods skip their cache (calling it again changes nothing)."""
    Strip.divide = _divide_acyclic  # type: ignore[method-assign]
    Strip.crop_extend = _crop_extend_acyclic  # type: ignore[method-assign]
