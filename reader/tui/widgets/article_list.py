"""The article list: one row per article, drawn lazily so 100,000 rows cost what a screenful does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...ingest.sanitize import clean_line
from ...models import Article
from ..commands import cursor_bindings
from ..dates import NARROW, list_date
from ..listing import Listing
from .scroll_thumb import keep_thumb
from .styled_rows import StyledRows

#: How the words a search matched stand out in a result's row.
MATCH_STYLE = Style(bold=True, underline=True)
#: Cells a title keeps before the tags column is given any room.
TITLE_ROOM = 40
#: Rows kept drawn: a few screenfuls, enough for moving back and forth around the cursor.
ROWS_KEPT = 256
#: The fewest cells of article text worth showing beside a search result's title.
SNIPPET_ROOM = 12


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
        #: Rows drawn, by everything they show: the list scrolls by a row at a time, and each
        #: scroll redraws every row on screen, most of them unchanged.
        self._drawn: dict[tuple, Strip] = {}
        #: The search result each cached result row was drawn from (its id alone could be reused).
        self._found_drawn: dict[tuple, tuple] = {}
        self._styled = StyledRows()
        #: A blank line past the last row, by width, drawn once (kept rows must stay the same object).
        self._blank: Strip | None = None
        #: The rows' width during a redraw (None outside one).
        self._pass_width: int | None = None
        #: The rows' styles by (unread, cursor, focused cursor): looked up in the sheets once, not per row drawn.
        self._styles: dict[tuple[bool, bool, bool], tuple[Style, ...]] = {}

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
        return self._row(rows[index], width, index == self.cursor)

    def _blank_line(self, width: int) -> Strip:
        if self._blank is None or self._blank.cell_length != width:
            self._blank = Strip.blank(width, self.rich_style)
        return self._blank

    def notify_style_update(self) -> None:
        self._drawn.clear()  # the theme or the sheets changed: the rows' colours with them
        self._styled.clear()
        self._styles.clear()
        self._blank = None
        super().notify_style_update()

    def _row(self, article: Article, width: int, is_cursor: bool) -> Strip:
        listing = self.listing
        # A narrow list keeps its room for the title: a two-digit year, or no date at all.
        date = list_date(article.published, self.clock(), self.date_format, self.relative_dates, width)
        found = self.snippets.get(article.id)
        key = (article.id, article.title, article.outlet, bool(article.revisions), date, width, is_cursor,
               is_cursor and self.has_focus, listing.is_read(article.id), listing.is_starred(article.id),
               listing.tags(article.id), id(found) if found is not None else None)
        drawn = self._drawn.get(key)
        if drawn is None or (found is not None and self._found_drawn.get(key) is not found):
            if len(self._drawn) >= ROWS_KEPT:
                self._drawn.clear()
                self._found_drawn.clear()
            drawn = self._drawn[key] = self._draw_row(article, width, is_cursor, date, found)
            if found is not None:
                self._found_drawn[key] = found
        return drawn

    def _draw_row(self, article: Article, width: int, is_cursor: bool, date: str, found: tuple | None) -> Strip:
        listing = self.listing
        unread = not listing.is_read(article.id)
        base, marker_style, star_style, meta_style, tags_style = self._row_styles(unread, is_cursor)

        outlet = clean_line(article.outlet)
        tags = " ".join(f"#{t}" for t in listing.tags(article.id))
        # The outlet never goes (comparing outlets is what the list is for): it narrows to its
        # first letters. Tags show only where the title keeps room; the reader shows them all.
        right = [(f" {date}", meta_style)] if date else []
        if outlet:
            outlet_width = 8 if width < NARROW else 12 if width < 70 else 14
            right.insert(0, (f" {_short(outlet, outlet_width)}", meta_style))
        tags_width = min(20, width // 4)
        if tags and width - 4 - sum(len(text) for text, _ in right) - tags_width - 1 >= TITLE_ROOM:
            right.insert(0, (f" {_short(clean_line(tags), tags_width)}", tags_style))
        right_width = sum(len(text) for text, _ in right)
        title_width = max(width - 4 - right_width, 0)
        title = clean_line(article.title)
        if article.revisions:
            # Edited by its outlet after we first fetched it (D in the reader shows how).
            title = "✎ " + title
        if found is not None:
            middle = self._found_segments(found, title_width, base, meta_style)
        else:
            if cell_len(title) > title_width:
                title = set_cell_size(title, max(title_width - 1, 0)) + "…" if title_width else ""
            middle = [Segment(set_cell_size(title, title_width), base)]
        segments = [
            Segment(" ●" if unread else "  ", marker_style),
            Segment("★ " if listing.is_starred(article.id) else "  ", star_style),
            *middle,
            *(Segment(text, style) for text, style in right),
        ]
        return Strip(segments).crop(0, width).extend_cell_length(width, base)

    def _row_styles(self, unread: bool, is_cursor: bool) -> tuple[Style, ...]:
        """A row's base style, then its marker's, star's, date's and tags'."""
        key = (unread, is_cursor, is_cursor and self.has_focus)
        kept = self._styles.get(key)
        if kept is not None:
            return kept
        style = self.get_component_rich_style
        base = style("article-list--unread" if unread else "article-list--read")
        if is_cursor:
            cursor_style = style("article-list--cursor")
            if not self.has_focus:
                cursor_style = Style(bgcolor=cursor_style.bgcolor, dim=True) if cursor_style.bgcolor else cursor_style
            base = base + cursor_style
        parts = ("marker", "star", "meta", "tags")
        kept = self._styles[key] = (base, *(base + style(f"article-list--{part}") for part in parts))
        return kept

    def _found_segments(self, found, width: int, base: Style, meta: Style) -> list[Segment]:
        """A search result: its title, then a piece of the text around the match, the matched
        words underlined in both; built from spans, never from markup."""
        title, snippet = found
        title_text, title_marks = clean_line(title.text), title.marks
        # A column too narrow for a shortened title and a readable piece of text shows the title.
        with_text = bool(snippet.text) and width - max(width // 3, 12) - 3 >= SNIPPET_ROOM
        if with_text and not (title_marks and title_marks[0][1] <= width):
            # The match is not in the visible title: shorten the title so the words that
            # matched in the text are on screen.
            keep = min(len(title_text), max(width // 3, 12))
            if keep < len(title_text):
                title_text, title_marks = title_text[: keep - 1] + "…", ()
        text = Text(title_text, style=base, no_wrap=True)
        for start, end in title_marks:
            text.stylize(MATCH_STYLE, start, end)
        if with_text:
            shown, marks = _around_first_mark(clean_line(snippet.text), snippet.marks, width - len(text) - 3)
            offset = len(text) + 3
            text.append(" — " + shown, style=meta)
            for start, end in marks:
                text.stylize(MATCH_STYLE, offset + start, offset + end)
        text.truncate(width, overflow="ellipsis", pad=True)
        return list(text.render(self.app.console))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def _around_first_mark(text: str, marks, room: int) -> tuple[str, tuple]:
    """The snippet from a word or so before its first match, so the match fits in ``room``."""
    lead = max(2, min(24, room // 4))
    if not marks or marks[0][1] <= room - 1:
        return text, tuple(marks)
    cut = text.rfind(" ", marks[0][0] - 2 * lead, marks[0][0] - lead) + 1 or marks[0][0] - lead
    shift = cut - 1  # one character for the ellipsis
    return "…" + text[cut:], tuple((start - shift, end - shift) for start, end in marks if start >= cut)


def _short(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells, cut with an ellipsis when longer."""
    return set_cell_size(text, width - 1) + "…" if cell_len(text) > width else set_cell_size(text, width)
