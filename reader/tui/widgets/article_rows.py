"""The article list's rows: each drawn from its article, its marks and a search's snippet,
and kept while nothing it shows changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ...ingest.sanitize import clean_line
from ...models import Article
from ..dates import NARROW, list_date

if TYPE_CHECKING:
    from .article_list import ArticleList

#: How the words a search matched stand out in a result's row.
MATCH_STYLE = Style(bold=True, underline=True)
#: Cells a title keeps before the tags column is given any room.
TITLE_ROOM = 40
#: Rows kept drawn: a few screenfuls, enough for moving back and forth around the cursor.
ROWS_KEPT = 256
#: The fewest cells of article text worth showing beside a search result's title.
SNIPPET_ROOM = 12



class ArticleRows:
    """Draws rows for the list it is given, with that list's styles, focus, dates and snippets."""

    def __init__(self, article_list: ArticleList) -> None:
        self._list = article_list
        #: Rows drawn, by everything they show: the list scrolls by a row at a time, and each
        #: scroll redraws every row on screen, most of them unchanged.
        self._drawn: dict[tuple, Strip] = {}
        #: The search result each cached result row was drawn from (its id alone could be reused).
        self._found_drawn: dict[tuple, tuple] = {}
        #: The rows' styles by (unread, cursor, focused cursor): looked up in the sheets once, not per row drawn.
        self._styles: dict[tuple[bool, bool, bool], tuple[Style, ...]] = {}

    def clear(self) -> None:
        self._drawn.clear()
        self._styles.clear()

    def row(self, article: Article, width: int, is_cursor: bool) -> Strip:
        shown_in = self._list
        listing = shown_in.listing
        # A narrow list keeps its room for the title: a two-digit year, or no date at all.
        date = list_date(article.published, shown_in.clock(), shown_in.date_format, shown_in.relative_dates, width)
        found = shown_in.snippets.get(article.id)
        key = (article.id, article.title, article.outlet, bool(article.revisions), date, width, is_cursor,
               is_cursor and shown_in.has_focus, listing.is_read(article.id), listing.is_starred(article.id),
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
        listing = self._list.listing
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
        key = (unread, is_cursor, is_cursor and self._list.has_focus)
        kept = self._styles.get(key)
        if kept is not None:
            return kept
        style = self._list.get_component_rich_style
        base = style("article-list--unread" if unread else "article-list--read")
        if is_cursor:
            cursor_style = style("article-list--cursor")
            if not self._list.has_focus:
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
        return list(text.render(self._list.app.console))


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
