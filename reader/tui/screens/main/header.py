"""The main screen's header line: what the list shows, how many are unread, and the app's
background work (fetching, analysis, indexing, sync), redrawn as any of them changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...app import BroadsheetApp
    from . import MainScreen

#: The app's reactives the header shows.
STATUSES = ("fetch_status", "index_status", "analysis_status", "sync_state", "read_only")


class HeaderLine:
    def __init__(self, app: BroadsheetApp, screen: MainScreen) -> None:
        self._app = app
        self._screen = screen

    def follow(self) -> None:
        """Redraw whenever the app's background work says something new."""
        for status in STATUSES:
            self._screen.watch(self._app, status, lambda _: self.update(), init=False)

    def update(self) -> None:
        app, screen = self._app, self._screen
        listing = screen.listing
        parts = [listing.describe(stories=screen.stories.active), f"{listing.unread_count:,} unread"]
        if screen.library_loading:
            parts.append("loading library…")
        if screen.stories.opening:
            parts.append("opening the story…")
        parts += [status for status in (app.fetch_status, app.analysis_status, app.index_status,
                                        app.sync_state.header) if status]
        if app.read_only:
            parts.append("READ-ONLY")
        screen.sub_title = " · ".join(parts)
