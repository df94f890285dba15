"""The footer of every screen: the keys that fit, most important first, and ? for the rest;
rebuilt once however often its keys change in one go."""

from __future__ import annotations

from typing import Protocol, cast

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

#: Terminals narrower than this get the footer's compact look: a cell less around each key.
COMPACT_BELOW = 100
#: The action of the key that lists every key of the screen: kept when others are left out.
HELP_ACTION = "help"


class FooterKey(Protocol):
    """What a key of Textual's footer tells (its class is not public)."""

    key_display: str
    description: str
    action: str


def _is_key(widget: Widget) -> bool:
    return hasattr(widget, "key_display") and not widget.has_class("-command-palette")


def key_width(key: FooterKey, compact: bool) -> int:
    """The cells a key takes in the footer, as Footer's own styles lay it out (the key padded
    by a cell each side and its description by one after; compact, one between and a margin
    after). Textual is pinned, so these stay true."""
    if not key.description:
        return cell_len(key.key_display) + (1 if compact else 0)
    return cell_len(key.key_display) + cell_len(key.description) + (2 if compact else 3)


def fitting(keys: list[FooterKey], width: int, compact: bool) -> list[FooterKey]:
    """The keys that fit in ``width`` cells, in their order (the focused pane's first, as the
    screen lists them), leaving out whole keys from the end rather than cutting one in two;
    the help key stays whenever any key is left out, so the rest are a key away."""
    if sum(key_width(key, compact) for key in keys) <= width:
        return keys
    helps = [key for key in keys if key.action == HELP_ACTION]
    room = width - sum(key_width(key, compact) for key in helps)
    kept: list[FooterKey] = []
    for key in keys:
        if key in helps:
            continue
        room -= key_width(key, compact)
        if room < 0:
            break
        kept.append(key)
    return kept + helps


class KeysFooter(Footer):
    """Textual's footer lays out every key of the screen in one line, and the ones past its
    width were cut off, the last in two ("L S"), and ? with them. Here only
    the keys that fit are shown, whole, and ? always is.

    Textual's footer also rebuilds all its keys each time its screen says the bindings changed,
    and opening a screen says so five or six times at once (the focus moves, the stack changes, a
    callback after the first paint): each rebuild restyles every key, a tenth of a second or more
    apiece on a busy machine, and together they held the story screen back for seconds. Here the
    rebuilds asked for before the next paint are one, and the footer of a screen under another
    (the main screen under the story screen) waits until its screen is on top again, which
    tells it then."""

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_queued = False
        #: The width the keys were chosen for.
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        shown = list(super().compose())
        keys = [cast(FooterKey, w) for w in shown if _is_key(w)]
        # The palette's key, docked at the right: a cell of padding and its border besides.
        others = [w for w in shown if not _is_key(w)]
        width = self.size.width or self.app.size.width
        self._laid_out_for = width
        self.compact = width < COMPACT_BELOW
        # At every width, not only narrow ones: the reader's keys overflow 160 columns too, and
        # ? went past the edge with the last of them.
        room = width - sum(key_width(cast(FooterKey, w), False) + 2 for w in others if hasattr(w, "key_display"))
        kept = {id(key) for key in fitting(keys, room, self.compact)}
        yield from (w for w in shown if not _is_key(w) or id(w) in kept)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for and self._laid_out_for:
            self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen) -> None:
        if screen is not self.app.screen and not self.app.screen.is_modal:
            return  # hidden: the screen's stack changes again when it comes back on top
        if self._rebuild_queued:
            return
        self._rebuild_queued = True
        self.call_after_refresh(self._rebuild, screen)

    def _rebuild(self, screen: Screen) -> None:
        self._rebuild_queued = False
        super().bindings_changed(screen)
