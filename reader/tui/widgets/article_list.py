"""The article list: one row per article, drawn lazily so 100,000 rows cost what a screenful does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...models import Article
from ..commands import cursor_bindings
from ..listing import Listing
from .article_rows import ArticleRows
from .scroll_thumb import keep_thumb
from .styled_rows import StyledRows


class ArticleList(ScrollView, can_focus=True):
    """A Line API list: ``render_line`` draws only the rows on screen.

    Textual's OptionList and DataTable build every row up front (9-12 s for 100,000);
    here the cost of a redraw is the height of the pane, whatever the library's size.
    The rows come from a ``Listing`` owned by the screen; this widget only draws them
    and reports what the user highlighted or opened.
    """

    BINDINGS = [
        *cursor_bindings("list"),
        Binding("enter", "open", "Open", id="list.open"),
    ]

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--marker",
        "article-list--star",
        "article-list--meta",
        "article-list--tags",
        "article-list--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the highlighted row."""

    class Highlighted(Message):
        """The cursor moved onto an article."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class Opened(Message):
        """The user asked to open the highlighted article."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(
        self,
        listing: Listing,
        *,
        date_format: str = "%d %b %Y",
        relative_dates: bool = True,
        clock: Callable[[], datetime] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.listing = listing
        self.date_format = date_format
        self.relative_dates = relative_dates
        self.clock = clock or (lambda: datetime.now(UTC))
        self.empty_message = "Loading…"
        #: Search results' marked titles and snippets by article id, set by the screen.
        self.snippets: dict[str, tuple] = {}
        #: The article last reported as highlighted, so a refresh of the rows reports a
        #: change of article (or the first one) and nothing else.
        self._announced: str | None = None
        #: (size, virtual size, container size) at the last layout that updated the scrollbars.
        self._laid_out: tuple[Size, Size, Size] | None = None
        self.drawing = ArticleRows(self)
        self._styled = StyledRows()
        #: A blank line past the last row, by width, drawn once (kept rows must stay the same object).
        self._blank: Strip | None = None
        #: The rows' width during a redraw (None outside one).
        self._pass_width: int | None = None

    # Data in ----------------------------------------------------------------------------------

    def rows_changed(self, keep: str | None = None) -> None:
        """The listing's rows changed: resize, and keep the cursor on ``keep`` if it is still there."""
        self.virtual_size = Size(self.size.width, len(self.listing.rows))
        index = self.listing.index_of(keep)
        if index is None:
            index = min(self.cursor, max(len(self.listing.rows) - 1, 0))
        rows = self.listing.rows
        moved = bool(rows) and rows[max(0, min(index, len(rows) - 1))].id != self._announced
        self.set_cursor(index, announce=moved)
        self.refresh()

    @property
    def highlighted(self) -> Article | None:
        rows = self.listing.rows
        return rows[self.cursor] if 0 <= self.cursor < len(rows) else None

    @property
    def highlighted_id(self) -> str | None:
        article = self.highlighted
        return article.id if article else None

    def set_cursor(self, index: int, announce: bool = True) -> None:
        rows = self.listing.rows
        if not rows:
            self.cursor = 0
            return
        index = max(0, min(index, len(rows) - 1))
        previous, scroll_before = self.cursor, self.scroll_y
        self.set_reactive(ArticleList.cursor, index)
        self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)
        if self.scroll_y == scroll_before:
            # Only two rows changed: redrawing just them keeps a keypress cheap.
            self.refresh_line(previous)
            self.refresh_line(index)
        else:
            self.refresh()
        if announce:
            self._announced = rows[index].id
            self.post_message(self.Highlighted(rows[index]))

    # Keys ---------------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.set_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.set_cursor(self.cursor - 1)

    def action_cursor_first(self) -> None:
        self.set_cursor(0)

    def action_cursor_last(self) -> None:
        self.set_cursor(len(self.listing.rows) - 1)

    def action_page_down(self) -> None:
        self.set_cursor(self.cursor + max(self.size.height - 1, 1))

    def action_page_up(self) -> None:
        self.set_cursor(self.cursor - max(self.size.height - 1, 1))

    def action_open(self) -> None:
        article = self.highlighted
        if article is not None:
            self.post_message(self.Opened(article))

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self.listing.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            else:
                self.set_cursor(index)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.listing.rows))

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # ScrollView compares the virtual size the compositor found (this widget's region: it
        # has no children) with the one set here (one line per row), which never match: every
        # layout of the screen, one per article shown, would reset and redraw the scrollbar.
        # Compare with what the last update saw instead.
        seen = (size, self.virtual_size, container_size)
        if seen == self._laid_out and size == self._size:
            return self._container_size != container_size
        self._laid_out = seen
        return super()._size_updated(size, virtual_size, container_size, layout)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if self.show_vertical_scrollbar and keep_thumb(self.vertical_scrollbar, old_value, new_value):
            if round(old_value) != round(new_value):
                self.refresh(self.size.region)
            return
        super().watch_scroll_y(old_value, new_value)

    # Drawing ------------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        styles = self.styles
        if styles.gutter.top or styles.gutter.bottom or any(edge for edge, _ in styles.outline):
            return super().render_lines(crop)  # a top or bottom edge: lines differ by their place
        context = (self.size, self.has_focus, self.background_colors, tuple(map(id, self.get_line_filters())))
        # Every row of a redraw has the same width: found once, not once a row (and again when
        # a new row is styled), as finding it walks the styles each time.
        self._pass_width = self.scrollable_content_region.width
        try:
            return self._styled.lines(crop, context, self.render_line, super().render_lines)
        finally:
            self._pass_width = None

    def render_line(self, y: int) -> Strip:
        # Not size.width: that includes the scrollbar, which would hide the date's last letter.
        width = self._pass_width if self._pass_width is not None else self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        rows = self.listing.rows
        if not rows:
            if y == 0:
                style = self.get_component_rich_style("article-list--empty")
                return Strip([Segment(f" {self.empty_message}"[:width].ljust(width), style)], width)
            return self._blank_line(width)
        if index >= len(rows):
            return self._blank_line(width)
        return self.drawing.row(rows[index], width, index == self.cursor)

    def _blank_line(self, width: int) -> Strip:
        if self._blank is None or self._blank.cell_length != width:
            self._blank = Strip.blank(width, self.rich_style)
        return self._blank

    def notify_style_update(self) -> None:
        self.drawing.clear()  # the theme or the sheets changed: the rows' colours with them
        self._styled.clear()
        self._blank = None
        super().notify_style_update()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

