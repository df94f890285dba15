"""The reader pane: an article's header and body drawn as plain text, never as markup, with
the user's highlights, search matches and the caret of visual mode drawn over it."""

from __future__ import annotations

from bisect import bisect_right

from rich._wrap import divide_line
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Static

from ...annotations.model import Annotation
from ...models import Article, ArticleState, Body
from .body_render import RenderedBody, render_body
from .caret import CaretKeys, HighlightKeys
from .reader_marks import Highlight, MarkLayers
from .reader_texts import article_header, changes_text, comments_text
from .reader_notes import article_note_text, highlight_note_text


class ReaderPane(CaretKeys, HighlightKeys, VerticalScroll, can_focus=True):
    """Shows one article; scrolls with j/k and space/b when focused. Visual mode (v) and
    the highlight keys come from the mixins; what they ask for is posted as messages."""

    BINDINGS = [
        *CaretKeys.CARET_BINDINGS,
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", key_display="space", id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", key_display="b", id="reader.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "End", show=False, id="reader.end"),
        Binding("c", "toggle_comments", "Comments", id="reader.comments"),
        *HighlightKeys.HIGHLIGHT_BINDINGS,
    ]

    def compose(self):
        yield Static(Text("Choose an article from the list.", style="dim"), id="reader-header")
        yield Static("", id="article-note")
        yield Static("", id="reader-body")
        with Collapsible(title="Reader comments", collapsed=True, id="reader-comments"):
            yield Static("", id="reader-comments-text")
        yield Static("", id="highlight-note")

    #: True while the body shows an edit's changes instead of the article.
    showing_changes = False
    _rendered: RenderedBody | None = None
    #: The open article's text (Body.text), which every offset refers to.
    body_text = ""
    article_id = ""

    def on_mount(self) -> None:
        self.mark_layers = MarkLayers()
        self.annotations: list[Annotation] = []
        for hidden in ("#reader-comments", "#article-note", "#highlight-note"):
            self.query_one(hidden).display = False

    def show_article(self, article: Article, state: ArticleState, body: Body | None) -> None:
        self.showing_changes = False
        if article.id != self.article_id:
            self.leave_visual()
            self.mark_layers, self.annotations = MarkLayers(), []
            self._show_notes()
        self.article_id = article.id
        self.query_one("#reader-header", Static).update(article_header(article, state))
        body_widget = self.query_one("#reader-body", Static)
        comments = self.query_one("#reader-comments", Collapsible)
        if body is None:
            self._rendered, self.body_text = None, ""
            body_widget.update(Text("Loading…", style="dim"))
            comments.display = False
            return
        self._rendered, self.body_text = render_body(body), body.text
        self.redraw()
        comments.display = bool(body.comments)
        if body.comments:
            count = len(body.comments)
            comments.title = f"Reader comments ({count}) — c shows or folds them"
            comments.collapsed = True
            self.query_one("#reader-comments-text", Static).update(comments_text(body))
        self.scroll_home(animate=False)

    def show_changes(self, article: Article, revisions: list, body: Body) -> None:
        self.showing_changes = True
        self.leave_visual()
        self.query_one("#reader-body", Static).update(changes_text(article, revisions, body))
        self.query_one("#reader-comments").display = False
        self.scroll_home(animate=False)

    def redraw(self) -> None:
        """Draw the article's text with the current layers (highlights, matches, caret)."""
        if self._rendered is not None and not self.showing_changes:
            self.query_one("#reader-body", Static).update(self.mark_layers.draw(self._rendered))

    def highlight(self, ranges: list[tuple[int, int]], current: int | None) -> bool:
        """Mark these Body.text ranges and scroll to the current one; False if it is not drawn."""
        if self._rendered is None or self.showing_changes:
            return False
        self.mark_layers.matches, self.mark_layers.current_match = list(ranges), current
        self.redraw()
        return current is None or self.scroll_to_offset(ranges[current][0])

    # The user's highlights ------------------------------------------------------------------------

    def show_annotations(self, annotations: list[Annotation]) -> None:
        """Draw the open article's highlights (placed ones in the text, orphans above it)."""
        current = self.current_annotation
        self.annotations = sorted((a for a in annotations if not a.is_article_note), key=lambda a: (a.orphaned, a.start))
        placed = self.placed
        self.mark_layers.highlights = [Highlight(a.id, a.start, a.end, a.kind) for a in placed]
        ids = [a.id for a in placed]
        self.mark_layers.current_highlight = ids.index(current.id) if current is not None and current.id in ids else None
        self._article_note = next((a for a in annotations if a.is_article_note), None)
        self._show_notes()
        self.redraw()

    _article_note: Annotation | None = None

    @property
    def placed(self) -> list[Annotation]:
        """The highlights drawn in the text (not the orphans), in reading order."""
        return [a for a in self.annotations if not a.orphaned]

    @property
    def current_annotation(self) -> Annotation | None:
        """The highlight stepped to with ] or [ (or just made), if any."""
        index = self.mark_layers.current_highlight if hasattr(self, "mark_layers") else None
        placed = self.placed
        return placed[index] if index is not None and index < len(placed) else None

    def step_highlight(self, step: int) -> Annotation | None:
        placed = self.placed
        if not placed:
            return None
        index = self.mark_layers.current_highlight
        if index is None:
            # From where the reader is: the first highlight below the top of the view.
            top = self._offset_at_top()
            after = [n for n, a in enumerate(placed) if a.start >= top]
            index = (after[0] if after else 0) if step > 0 else ((after[0] - 1) if after else len(placed) - 1) % len(placed)
        else:
            index = (index + step) % len(placed)
        self.select_highlight(placed[index].id)
        return placed[index]

    def select_highlight(self, annotation_id: str | None) -> None:
        """Make this highlight current (None: none), scroll to it and show its note."""
        placed = self.placed
        ids = [a.id for a in placed]
        self.mark_layers.current_highlight = ids.index(annotation_id) if annotation_id in ids else None
        self._show_notes()
        self.redraw()
        if self.mark_layers.current_highlight is not None:
            self.scroll_to_offset(placed[self.mark_layers.current_highlight].start)

    def _show_notes(self) -> None:
        note = self.query_one("#article-note", Static)
        orphans = [a for a in getattr(self, "annotations", []) if a.orphaned]
        text = article_note_text(self._article_note, orphans)
        note.update(text)
        note.display = bool(text.plain)
        current = self.current_annotation
        below = self.query_one("#highlight-note", Static)
        below.display = current is not None
        if current is not None:
            placed = self.placed
            below.update(highlight_note_text(current, placed.index(current) + 1, len(placed)))

    # Positions on screen ---------------------------------------------------------------------------

    _line_cache: tuple | None = None

    def _line_starts(self) -> list[int]:
        """The drawn offset where each screen line of the body starts, as the body wraps now.
        Kept until the text or the width changes: every caret move asks for it."""
        if self._rendered is None:
            return [0]
        width = max(self.query_one("#reader-body", Static).content_region.width, 10)
        if self._line_cache is not None and self._line_cache[0] is self._rendered and self._line_cache[1] == width:
            return self._line_cache[2]
        starts, offset = [], 0
        for line in self._rendered.text.plain.split("\n"):
            starts.append(offset)
            starts.extend(offset + cut for cut in divide_line(line, width, fold=True))
            offset += len(line) + 1
        self._line_cache = (self._rendered, width, starts)
        return starts

    def _line_of(self, drawn: int, starts: list[int]) -> int:
        return max(bisect_right(starts, drawn) - 1, 0)

    def scroll_to_offset(self, offset: int, *, only_if_hidden: bool = False) -> bool:
        """Scroll so the Body.text offset is in view (a third of the way down); False if the
        offset is not drawn."""
        if self._rendered is None:
            return False
        drawn = self._rendered.position(offset)
        if drawn is None:
            return False
        line = self._line_of(drawn, self._line_starts())
        y = self.query_one("#reader-body", Static).virtual_region.y + line
        if only_if_hidden and self.scroll_y <= y < self.scroll_y + self.size.height - 1:
            return True
        self.scroll_to(y=max(0, y - self.size.height // 3), animate=False)
        return True

    def _offset_at_top(self) -> int:
        """The Body.text offset of the first line of the body in view."""
        if self._rendered is None:
            return 0
        body = self.query_one("#reader-body", Static)
        line = max(int(self.scroll_y) - body.virtual_region.y, 0)
        starts = self._line_starts()
        return self._rendered.body_offset(starts[min(line, len(starts) - 1)])

    def show_state(self, article: Article, state: ArticleState) -> None:
        """Refresh the header only (read, star, tags changed)."""
        self.query_one("#reader-header", Static).update(article_header(article, state))

    def show_message(self, message: str) -> None:
        self._rendered, self.body_text = None, ""
        self.leave_visual()
        self.query_one("#reader-header", Static).update(Text(message, style="dim"))
        self.query_one("#reader-body", Static).update("")
        self.query_one("#reader-comments").display = False

    def action_toggle_comments(self) -> None:
        comments = self.query_one("#reader-comments", Collapsible)
        if comments.display:
            comments.collapsed = not comments.collapsed
            if not comments.collapsed:
                self.scroll_to_widget(comments, top=True, animate=False)

