"""Moving between the main screen's panes: focus, zoom and the sidebar; the layout, not the data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widget import Widget

from ....models import Article
from ...focusing import focus_now
from ...widgets.article_list import ArticleList
from ...widgets.entity_sidebar import EntitySidebar
from ...widgets.reader.pane import ReaderPane
from ...widgets.story_list import StoryList

if TYPE_CHECKING:
    from . import MainScreen

#: Below this width the sidebar folds away unless the user asks for it.
NARROW = 120


class Panes:
    def __init__(self, screen: Screen, articles: ArticleList, reader: ReaderPane, sidebar: EntitySidebar,
                 stories: Callable[[], StoryList | None]) -> None:
        self._screen = screen
        self._article_list = articles
        #: The story list when the list shows stories, else None.
        self._stories = stories
        self._reader = reader
        self._sidebar = sidebar
        #: The user's explicit choice for the sidebar; None follows the terminal's width.
        self.sidebar_choice: bool | None = None

    def target(self, current: Article | None) -> Article | None:
        """What the article keys act on: ``current`` when the reader has the focus, else the list's cursor."""
        if self._screen.focused is self._reader and current is not None:
            return current
        if (stories := self._stories()) is not None:
            return stories.highlighted_article or current
        return self._article_list.highlighted or current

    def screenful(self) -> int:
        """How many articles the list shows at once (at least one)."""
        stories = self._stories()
        # The list by story shows a story's articles on one row: what it shows is the articles
        # of its rows on the screen (the hidden list by article has no height to go by).
        screenful = stories.articles_shown() if stories is not None else self._article_list.size.height
        return max(screenful, 1)

    @property
    def _articles(self) -> Widget:
        """The list pane: the stories or the articles, whichever is shown."""
        return self._stories() or self._article_list

    @property
    def zoomed(self) -> bool:
        return self._screen.has_class("-zoomed")

    @property
    def _narrow(self) -> bool:
        """Too narrow for three panes: the open sidebar takes the list's place (styles/main.tcss)."""
        return self._screen.size.width < NARROW

    def focus_entities(self) -> None:
        if not self._sidebar.display:
            self.toggle_sidebar()
        focus_now(self._sidebar)

    def toggle_sidebar(self) -> None:
        self.sidebar_choice = not self._sidebar.display
        self._show_sidebar(self.sidebar_choice)

    def _show_sidebar(self, shown: bool) -> None:
        self._sidebar.display = shown
        self._screen.set_class(shown, "-sidebar")
        if shown and self._narrow and self._screen.focused is self._articles:
            # The list folds away under the sidebar: the keys go on to the article beside it.
            focus_now(self._reader)

    def focused(self, widget: Widget | None) -> None:
        """A pane got the focus: the list, folded under the sidebar in a narrow terminal, comes
        back in the sidebar's place (escape from the reader, L, an entity chosen...)."""
        if widget is self._articles and self._narrow and self._sidebar.display:
            self.sidebar_choice = None
            self._show_sidebar(False)

    def toggle_zoom(self) -> None:
        zoomed = not self.zoomed
        self._screen.set_class(zoomed, "-zoomed")
        if zoomed:
            focus_now(self._reader)

    def unzoom(self) -> None:
        self._screen.set_class(False, "-zoomed")

    def cycle(self, step: int) -> None:
        panes = [self._reader] if self.zoomed else [
            w for w in (self._articles, self._reader, self._sidebar) if w.display and w.parent and w.parent.display
        ]
        focused = self._screen.focused
        current = focused if focused in panes else panes[0]
        focus_now(panes[(panes.index(current) + step) % len(panes)])  # type: ignore[arg-type]

    def resized(self, width: int) -> None:
        if self.sidebar_choice is None:
            self._show_sidebar(width >= NARROW)
        elif self._sidebar.display:
            self.focused(self._screen.focused)  # narrowed with the list in use: it stays in view

    def go_back(self, screen: MainScreen) -> bool:
        """Step back one level: close the search box, unzoom, return to the list, then from a
        filtered list (an entity's, a search's, a view's, a feed's) to every article. False when
        there is nowhere further back (q then quits)."""
        if screen.focused is screen.search_box.input:
            screen.search_box.close()
            if screen.active_query or screen.view.query:
                screen.filters.clear_search()
        elif self.zoomed:
            self.unzoom()
        elif screen.focused is not self._articles:
            if screen.focused is screen.reader:
                focus_now(self._articles)
                self._agree_with_the_cursor(screen)
                return True
        elif screen.view.article_ids is not None:
            screen.filters.leave()
            return True
        elif screen.view.source:
            screen.change_view(source="", source_name="")
            return True
        else:
            return False
        focus_now(self._articles)
        return True

    @staticmethod
    def _agree_with_the_cursor(screen: MainScreen) -> None:
        """Back in the list, the keys act on its cursor's article: the reader shows that one, not
        an article opened from elsewhere (a story, an entity) that the list's filter hides."""
        cursor = screen.target
        if cursor is not None and screen.current is not None and cursor.id != screen.current.id:
            screen.show_article(cursor)
