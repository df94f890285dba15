"""The footer of every screen, rebuilt once however often its keys change in one go."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer rebuilds all its keys each time its screen says the bindings changed, and
    opening a screen says so five or six times at once (the focus moves, the stack changes, a
    callback after the first paint): each rebuild restyles every key, a tenth of a second or more
    apiece on a busy machine, and together they held the story screen back for seconds. Here the
    rebuilds asked for before the next paint are one, and the footer of a screen under another
    (the main screen under the story screen) waits until its screen is on top again, which
    tells it then."""

    def __init__(self) -> None:
        super().__init__()
        self._rebuild_queued = False

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
