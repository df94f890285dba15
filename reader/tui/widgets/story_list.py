"""The list by story: a row per story (its title, accounts, outlets, newest date, unread count),
opened with → into its articles, enter reading its first unread one. Drawn line by line like
the article list, so a library of 100,000 articles costs what a screenful does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...ingest.sanitize import clean_line
from ...models import Article
from ...stories import StoryLibrary
from ..commands import cursor_bindings
from ..dates import list_date
from ..listing import Listing
from .article_list import ArticleList
from .story_list_rows import Row, story_rows


class StoryList(ScrollView, can_focus=True):
    BINDINGS = [
        *cursor_bindings("stories"),
        # Enter reads, as in the list by article (on a story's row: its first unread account,
        # the one the reader shows, with the story opened around it); the arrows open and
        # close a story's accounts, as a tree's do, and never read.
        Binding("enter", "open", "Open", id="stories.open"),
        Binding("right,l", "expand(True)", "Show accounts", show=False, id="stories.expand"),
        Binding("left,h", "expand(False)", "Fold accounts", show=False, id="stories.collapse"),
    ]

    COMPONENT_CLASSES = {"story-list--cursor", "story-list--unread", "story-list--read", "story-list--meta",
                         "story-list--story", "story-list--empty"}

    cursor: reactive[int] = reactive(0, always_update=True)

    # The cursor on an article (on a story's row: its first unread account), and enter on one,
    # are told as the article list tells them: the screen handles both lists alike.
    Highlighted = ArticleList.Highlighted
    Opened = ArticleList.Opened

    def __init__(self, listing: Listing, *, date_format: str = "%d %b %Y", relative_dates: bool = True,
                 clock: Callable[[], datetime] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.listing = listing
        self.date_format = date_format
        self.relative_dates = relative_dates
        self.clock = clock or (lambda: datetime.now(UTC))
        self.library: StoryLibrary | None = None
        self.rows: list[Row] = []
        self.expanded: set[str] = set()
        self._announced: str | None = None

    # Data in ----------------------------------------------------------------------------------

    def rebuild(self, keep_article: str | None = None) -> None:
        """Rows again from the stories and the list's articles (a story shows when one of its
        articles is in the list: a search or a feed's list narrows the stories too)."""
        rows = story_rows(self.library, self.listing.rows, self.expanded) if self.library is not None else []
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        index = self._index_of(keep_article)
        self.set_cursor(index if index is not None else min(self.cursor, max(len(rows) - 1, 0)), announce=False)
        self.refresh()

    def _index_of(self, article_id: str | None) -> int | None:
        if article_id is None:
            return None
        for i, row in enumerate(self.rows):
            if row.article is not None and row.article.id == article_id:
                return i
        for i, row in enumerate(self.rows):
            if row.article is None and article_id in row.ids:
                return i
        return None

    def show_article(self, article_id: str) -> None:
        """Put the cursor on an article, opening its story."""
        story = self.library.story_of(article_id) if self.library else None
        if story is not None and len(story.accounts) > 1:
            self.expanded.add(story.id)
        self.rebuild(keep_article=article_id)

    def articles_shown(self) -> int:
        """How many listed articles the rows on the screen stand for."""
        top = int(self.scroll_y)
        listed = {a.id for a in self.listing.rows}  # a story's row may hold articles the view leaves out
        shown = {i for row in self.rows[top:top + max(self.size.height, 1)] for i in row.ids if i in listed}
        return len(shown)

    @property
    def highlighted(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def highlighted_article(self) -> Article | None:
        """The article under the cursor (for a story's row, the one the reader shows)."""
        row = self.highlighted
        return self._article_of(row) if row is not None else None

    def _article_of(self, row: Row) -> Article | None:
        if row.article is not None:
            return row.article
        articles = self.listing.articles
        present = [i for i in row.ids if i in articles]
        unread = [i for i in present if not self.listing.is_read(i)]
        return articles[(unread or present)[0]] if present else None

    def set_cursor(self, index: int, announce: bool = True) -> None:
        if not self.rows:
            self.cursor = 0
            return
        index = max(0, min(index, len(self.rows) - 1))
        previous = self.cursor
        self.set_reactive(StoryList.cursor, index)
        self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)
        self.refresh_line(previous)
        self.refresh_line(index)
        row = self.rows[index]
        article = self._article_of(row)
        if announce and article is not None and article.id != self._announced:
            self._announced = article.id
            self.post_message(self.Highlighted(article))

    def next_unread(self, step: int) -> Article | None:
        """The next unread article after the cursor (opening its story), or None."""
        order = [i for row in self.rows if row.article is None or not row.shared for i in row.ids]
        order = list(dict.fromkeys(order))  # an expanded story's articles are on its row too
        here = self.highlighted
        here_id = (here.article.id if here.article else here.ids[0]) if here and here.ids else None
        position = next((n for n, i in enumerate(order) if i == here_id), -1 if step > 0 else len(order))
        indices = range(position + 1, len(order)) if step > 0 else range(position - 1, -1, -1)
        for n in indices:
            article_id = order[n]
            if article_id in self.listing.articles and not self.listing.is_read(article_id):
                self.show_article(article_id)
                return self.listing.articles[article_id]
        return None

    # Keys ---------------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.set_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.set_cursor(self.cursor - 1)

    def action_cursor_first(self) -> None:
        self.set_cursor(0)

    def action_cursor_last(self) -> None:
        self.set_cursor(len(self.rows) - 1)

    def action_page_down(self) -> None:
        self.set_cursor(self.cursor + max(self.size.height - 1, 1))

    def action_page_up(self) -> None:
        self.set_cursor(self.cursor - max(self.size.height - 1, 1))

    def action_expand(self, open_: bool) -> None:
        row = self.highlighted
        if row is None or row.story is None or not row.shared:
            return
        keep = row.article.id if row.article is not None else None
        if open_:
            self.expanded.add(row.story.id)
        else:
            self.expanded.discard(row.story.id)
            keep = None
        story = row.story
        story_row = next((i for i, r in enumerate(self.rows) if r.story is story and r.article is None), 0)
        self.rebuild(keep_article=keep)
        if keep is None:
            self.set_cursor(next((i for i, r in enumerate(self.rows) if r.story is story), story_row))

    def action_open(self) -> None:
        row = self.highlighted
        article = self._article_of(row) if row is not None else None
        if article is None:
            return
        if row is not None and row.article is None and row.shared:
            self.show_article(article.id)  # the cursor goes onto the account being read
        self.post_message(self.Opened(article))

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            else:
                self.set_cursor(index)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # Drawing ------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        if not self.rows:
            if y == 0:
                text = " Grouping articles into stories…" if self.library is None else " No stories here."
                return Strip([Segment(text[:width].ljust(width), self.get_component_rich_style("story-list--empty"))],
                             width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        return self._row(self.rows[index], width, index == self.cursor)

    def _style(self, unread: bool, is_cursor: bool) -> Style:
        base = self.get_component_rich_style("story-list--unread" if unread else "story-list--read")
        if is_cursor:
            cursor = self.get_component_rich_style("story-list--cursor")
            if not self.has_focus and cursor.bgcolor:
                cursor = Style(bgcolor=cursor.bgcolor, dim=True)
            base = base + cursor
        return base

    def _row(self, row: Row, width: int, is_cursor: bool) -> Strip:
        listing, story = self.listing, row.story
        meta_style = self.get_component_rich_style("story-list--meta")
        if story is None:
            return self._lone(row.article, width, is_cursor, meta_style) if row.article else Strip.blank(width)
        if row.article is not None:
            article = row.article
            unread = not listing.is_read(article.id)
            base = self._style(unread, is_cursor)
            date = self._date(article.published, width)
            copy = " (copy)" if story.account(article.id).copy_of in story.article_ids else ""
            outlet_width = 16 if width >= 60 else 10
            star = "★" if listing.is_starred(article.id) else " "
            left = f"   {'●' if unread else ' '}{star} {_fit(clean_line(article.outlet) or '—', outlet_width)} "
            right = f"{copy} {date}" if date else copy
            title = _fit(clean_line(article.title), width - cell_len(left) - len(right))
            return Strip([Segment(left, base), Segment(title, base), Segment(right, base + meta_style)]
                         ).crop(0, width).extend_cell_length(width, base)
        unread_count = sum(1 for i in story.article_ids if i in listing.articles and not listing.is_read(i))
        base = self._style(unread_count > 0, is_cursor) + self.get_component_rich_style("story-list--story")
        date = self._date(story.last, width)
        if len(story.accounts) > 1:
            marker = "▾" if story.id in self.expanded else "▸"
            accounts, outlets = len(story.originals), len(story.outlets)
            if width < 60:
                counts = f" ×{accounts}" + (f" {unread_count}●" if unread_count else "")
            elif width < 90:
                counts = f" {accounts} account{'s' * (accounts != 1)}" + (
                    f" · {unread_count} unread" if unread_count else "")
            else:
                counts = f" {accounts} account{'s' * (accounts != 1)} · {outlets} outlet{'s' * (outlets != 1)}" + (
                    f" · {unread_count} unread" if unread_count else "")
        else:
            marker = "●" if unread_count else " "
            counts = f" {_fit(clean_line(story.accounts[0].outlet), 14)}" if width >= 50 else ""
        return self._line(f" {marker} ", story.title, f"{counts} {date}" if date else counts, width, base, meta_style)

    def _lone(self, article: Article, width: int, is_cursor: bool, meta_style: Style) -> Strip:
        """An article no other account tells: drawn as a story of one."""
        unread = not self.listing.is_read(article.id)
        base = self._style(unread, is_cursor) + self.get_component_rich_style("story-list--story")
        date = self._date(article.published, width)
        outlet = f" {_fit(clean_line(article.outlet), 14)}" if width >= 50 else ""
        return self._line(f" {'●' if unread else ' '} ", article.title, f"{outlet} {date}" if date else outlet,
                          width, base, meta_style)

    def _date(self, moment: datetime, width: int) -> str:
        """As the list by article writes it at this width: compact when narrow."""
        return list_date(moment, self.clock(), self.date_format, self.relative_dates, width)

    @staticmethod
    def _line(left: str, title: str, right: str, width: int, base: Style, meta_style: Style) -> Strip:
        text = _fit(clean_line(title), width - cell_len(left) - cell_len(right))
        return Strip([Segment(left, base), Segment(text, base), Segment(right, base + meta_style)]
                     ).crop(0, width).extend_cell_length(width, base)


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
