"""Where the user was when they quit, and coming back to it: the filter (a search, a saved view,
a feed's or an entity's articles), the focused pane and how far down the article they had read.

The open article, the sort and hide-read are remembered as they change (library_feed.py); what
is here is saved once, on quit, because it changes with every keystroke and scroll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...focusing import focus_now

if TYPE_CHECKING:
    from ...app import BroadsheetApp
    from . import MainScreen

#: How often, and how many times, the restored place is scrolled to while the pane settles.
SCROLL_RETRY = 0.05
SCROLL_TRIES = 20


class SessionMemory:
    def __init__(self, app: BroadsheetApp, screen: MainScreen) -> None:
        self._app = app
        self._screen = screen
        #: (article id, offset at the top of the reader) to scroll to once that body is drawn.
        self._reading_at: tuple[str, int] | None = None
        #: An entity's articles to list once the entity library has loaded.
        self._entity: tuple[str, str] | None = None
        #: The offset just restored, and the scroll, scroll range and size of the reader when it
        #: was put on top (None: not scrolled yet).
        self._restoring: tuple[int, tuple[float, float, Any] | None] | None = None
        #: The article to keep under the cursor when the restored search answers.
        self.keep_article: str | None = None

    def save(self) -> None:
        """On quit: what changes too often to be saved as it changes."""
        screen = self._screen
        focused = screen.focused
        pane = ("reader" if focused is screen.reader else "entities" if focused is screen.sidebar else "list")
        values: dict[str, Any] = {
            "focus": pane,
            "query": screen.active_query,
            "view_name": screen.filters.view_name,
            "source": screen.view.source,
            "source_name": screen.view.source_name,
            "entity": list(screen.filters.entity) if screen.filters.entity else None,
            "reading_at": [screen.current.id, screen.reader.offset_at_top()] if screen.current else None,
        }
        self._app.save_session(**values)

    def restore(self, session: dict[str, Any]) -> None:
        """Once the library is loaded: the filter, the pane and the place in the article."""
        screen = self._screen
        source = session.get("source")
        if isinstance(source, str) and source and any(a.source == source for a in screen.listing.articles.values()):
            screen.change_view(source=source, source_name=str(session.get("source_name") or source))
        query, view_name = session.get("query"), session.get("view_name")
        entity = session.get("entity")
        if isinstance(query, str) and query:
            article = session.get("article")
            self.keep_article = article if isinstance(article, str) else None
            screen.search_box.show(query, view_name=view_name if isinstance(view_name, str) else "")
        elif isinstance(entity, list) and len(entity) == 2 and all(isinstance(e, str) for e in entity):
            self._entity = (entity[0], entity[1])
            self.entities_loaded()
        reading = session.get("reading_at")
        if (isinstance(reading, list) and len(reading) == 2 and isinstance(reading[0], str)
                and isinstance(reading[1], int) and reading[1] > 0):
            self._reading_at = (reading[0], reading[1])
            self.body_shown()
        pane = session.get("focus")
        if pane == "reader" and (screen.current is not None or session.get("article")):
            focus_now(screen.reader)
        elif pane == "entities" and screen.sidebar.display:
            focus_now(screen.sidebar)

    def entities_loaded(self) -> None:
        if self._entity is not None and self._app.entity_library is not None:
            key, name = self._entity
            self._entity = None
            self._screen.filters.show_entity(key, name, quiet=True)

    def body_shown(self) -> None:
        """The open article's body is drawn: scroll to where the user was reading it."""
        screen = self._screen
        if self._reading_at is None or screen.current is None or screen.current_body is None:
            return
        article_id, offset = self._reading_at
        if screen.current.id == article_id:
            self._reading_at = None
            self._restoring = (offset, None)
            screen.call_after_refresh(lambda: self._scroll_to(SCROLL_TRIES))

    def header_changed(self) -> None:
        """The header above the text grew or shrank (the story's other outlets arrived): a place
        just restored is scrolled to again, unless the user has scrolled since."""
        if self._restoring is not None:
            self._screen.call_after_refresh(lambda: self._scroll_to(SCROLL_TRIES))

    def _scroll_to(self, tries: int) -> None:
        """Scroll the reader to the restored offset, and again, briefly, as the pane is sized to
        its new body (a scroll before that stops short near the end); never against the user."""
        if self._restoring is None:
            return
        offset, set_at = self._restoring
        reader = self._screen.reader
        layout = (reader.scroll_y, reader.max_scroll_y, reader.size)
        if set_at is not None and layout[0] != set_at[0] and layout[1:] == set_at[1:]:
            self._restoring = None  # the user scrolled meanwhile (the pane itself did not change)
            return
        reader.scroll_to_offset(offset, at_top=True)
        self._restoring = (offset, (reader.scroll_y, reader.max_scroll_y, reader.size))
        if tries > 1 and reader.offset_at_top() != offset:
            self._screen.set_timer(SCROLL_RETRY, lambda: self._scroll_to(tries - 1))
