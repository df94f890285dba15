"""Every annotation in the library, one row each, drawn lazily (the Line API) so ten
thousand rows cost what a screenful does."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...annotations.model import Annotation
from ...ingest.sanitize import clean_line
from ...models import Article
from .reader.marks import KIND_STYLES

_MARKERS = {"highlight": "▌", "question": "?", "disagree": "✗", "article-note": "¶"}


@dataclass(frozen=True)
class AnnotationRow:
    annotation: Annotation
    #: None when the article is gone from the library (the annotation is kept).
    article: Article | None


class AnnotationList(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False, id="annotations.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="annotations.up"),
        Binding("g,home", "move(-1000000000)", "First", show=False, id="annotations.first"),
        Binding("G,end", "move(1000000000)", "Last", show=False, id="annotations.last"),
        Binding("pagedown,ctrl+f,space", "page(1)", "Page down", show=False, id="annotations.page_down"),
        Binding("pageup,ctrl+b,b", "page(-1)", "Page up", show=False, id="annotations.page_up"),
        Binding("enter", "choose", "Go to the passage", id="annotations.open"),
    ]
    COMPONENT_CLASSES = {"annotation-list--cursor", "annotation-list--meta", "annotation-list--empty"}

    cursor: reactive[int] = reactive(0, always_update=True)

    class Moved(Message):
        def __init__(self, row: AnnotationRow | None) -> None:
            super().__init__()
            self.row = row

    class Chosen(Message):
        def __init__(self, row: AnnotationRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[AnnotationRow] = []
        self.empty_message = "Loading…"

    def set_rows(self, rows: list[AnnotationRow]) -> None:
        keep = self.highlighted.annotation.id if self.highlighted else None
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        index = next((n for n, row in enumerate(rows) if row.annotation.id == keep), 0)
        self.set_cursor(index)
        self.refresh()

    @property
    def highlighted(self) -> AnnotationRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def set_cursor(self, index: int) -> None:
        index = max(0, min(index, len(self.rows) - 1)) if self.rows else 0
        self.set_reactive(AnnotationList.cursor, index)
        self.scroll_to_region(Region(0, index, 1, 1), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Moved(self.highlighted))

    def action_move(self, step: int) -> None:
        self.set_cursor(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.set_cursor(self.cursor + step * max(self.size.height - 1, 1))

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self.highlighted))

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_choose()
            else:
                self.set_cursor(index)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        if not self.rows:
            if y == 0:
                style = self.get_component_rich_style("annotation-list--empty")
                return Strip([Segment(f" {self.empty_message}"[:width].ljust(width), style)], width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        return self._row(self.rows[index], width, index == self.cursor)

    def _row(self, row: AnnotationRow, width: int, is_cursor: bool) -> Strip:
        """Kind, date, outlet, title, then the quote and the note: every field cleaned, and
        drawn from segments, never from markup."""
        annotation, article = row.annotation, row.article
        base = self.rich_style + (self.get_component_rich_style("annotation-list--cursor") if is_cursor else Style())
        meta = base + self.get_component_rich_style("annotation-list--meta")
        kind_style = base + Style.parse(KIND_STYLES.get(annotation.kind, "bold"))
        date = annotation.created.strftime("%d %b %Y") if annotation.created else ""
        outlet = clean_line(article.outlet) if article else "(article gone)"
        title = clean_line(article.title) if article else ""
        if annotation.is_article_note:
            words = "note on the article: " + clean_line(annotation.note)
        else:
            words = ("(passage gone) " if annotation.orphaned else "") + "“" + clean_line(annotation.quote) + "”"
            if annotation.original:
                words += " (was: “" + clean_line(annotation.original) + "”)"
            if annotation.note:
                words += " — " + clean_line(annotation.note)
        tags = " ".join("#" + clean_line(t) for t in annotation.tags)
        title_width = max(min(30, width // 5), 0)
        segments = [
            Segment(f" {_MARKERS.get(annotation.kind, '•')} ", kind_style),
            Segment(set_cell_size(date, 12), meta),
            Segment(set_cell_size(outlet, 14) + " ", meta),
            Segment(set_cell_size(title, title_width) + "  ", base + Style(bold=True)),
            Segment(words, base),
        ]
        strip = Strip(segments).crop(0, max(width - (len(tags) + 1 if tags else 0), 0))
        strip = strip.extend_cell_length(max(width - (len(tags) + 1 if tags else 0), 0), base)
        if tags:
            strip = Strip.join([strip, Strip([Segment(" " + tags, meta + Style(bold=True))])])
        return strip.crop(0, width).extend_cell_length(width, base)
