"""Moving between the main screen's panes: focus, zoom, the sidebar, and stepping back."""

from __future__ import annotations

from textual.widgets import Input

from ..widgets.article_list import ArticleList
from ..widgets.entity_sidebar import EntitySidebar
from ..widgets.reader_pane import ReaderPane

#: Below this width the sidebar folds away unless the user asks for it.
NARROW = 120


class PaneNavigation:
    """Mixed into MainScreen: the keys that move focus or change the layout, not the data."""

    #: The user's explicit choice for the sidebar; None follows the terminal's width.
    sidebar_choice: bool | None = None

    def action_focus_entities(self) -> None:
        sidebar = self.query_one(EntitySidebar)
        if not sidebar.display:
            self.action_toggle_sidebar()
        sidebar.focus()

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one(EntitySidebar)
        self.sidebar_choice = not sidebar.display
        sidebar.display = self.sidebar_choice

    def action_toggle_zoom(self) -> None:
        zoomed = not self.has_class("-zoomed")
        self.set_class(zoomed, "-zoomed")
        if zoomed:
            self.query_one(ReaderPane).focus()

    def action_cycle_panes(self, step: int) -> None:
        panes = [w for w in (self.query_one(ArticleList), self.query_one(ReaderPane), self.query_one(EntitySidebar)) if w.display and w.parent.display]
        if self.has_class("-zoomed"):
            panes = [self.query_one(ReaderPane)]
        current = self.focused if self.focused in panes else panes[0]
        panes[(panes.index(current) + step) % len(panes)].focus()

    async def action_back(self) -> None:
        if not self._go_back():
            await self.app.action_quit()

    def action_back_only(self) -> None:
        self._go_back()

    def _go_back(self) -> bool:
        """Step back one level (close search, unzoom, return to the list); False at the top."""
        search = self.query_one("#search", Input)
        article_list = self.query_one(ArticleList)
        if self.focused is search:
            self.close_search_box()
            self.clear_search()
            article_list.focus()
            return True
        if self.has_class("-zoomed"):
            self.set_class(False, "-zoomed")
            article_list.focus()
            return True
        if self.focused is not article_list:
            article_list.focus()
            return True
        if self.listing.options.article_ids is not None:
            # Leaving an entity's articles (or a search's, or a view's) returns to the list.
            self._entity_filter = None
            if self.active_query:
                self.close_search_box()
            self.active_query = ""
            self.query_one(ArticleList).snippets = {}
            self._change_view(article_ids=None, ranked=None, filter_name="")
            return True
        if self.listing.options.source:
            # Leaving one feed's list returns to every article.
            self._change_view(source="", source_name="")
            return True
        return False

    def on_resize(self) -> None:
        if self.sidebar_choice is None:
            self.query_one(EntitySidebar).display = self.size.width >= NARROW
