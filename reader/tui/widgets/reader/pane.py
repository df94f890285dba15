"""The reader pane: an article's header and body drawn as plain text, never as markup, with
the user's highlights, search matches or an entity's mentions, and the caret of visual mode
drawn over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Collapsible, Static

from ....annotations import passages
from ....annotations.model import Annotation
from ....entities.library import EntityLibrary
from ....models import Article, ArticleState, Body, Revision
from ..settled import SettledStatic
from .body_render import RenderedBody, render_body
from .body_text import BodyText
from .caret import CARET_ACTIONS, CARET_BINDINGS, HIGHLIGHT_BINDINGS, Caret
from .highlights import HighlightKeys, Highlights
from .layout import BodyLayout
from .marks import MarkLayers
from .steps import Steps
from .texts import article_header, changes_text, comments_text

#: Seconds the previous article's text stays while the next one's is read, before "Loading…"
#: replaces it. A body is read in a few milliseconds: drawing a placeholder first would lay
#: out and paint the pane twice for every article passed on the way down the list.
LOADING_DELAY = 0.15


class ReaderPane(VerticalScroll, can_focus=True):
    """Shows one article; scrolls with j/k and space/b when focused. What the user asks of
    their highlights is posted as messages: the screen does the writing."""

    BINDINGS = [
        *CARET_BINDINGS,
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", key_display="space", id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", key_display="b", id="reader.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "End", show=False, id="reader.end"),
        Binding("c", "toggle_comments", "Comments", id="reader.comments"),
        *HIGHLIGHT_BINDINGS,
    ]

    @dataclass
    class AnnotateRequested(Message):
        """Highlight Body.text[start:end] of the open article (with a note: open the editor)."""

        article_id: str
        start: int
        end: int
        with_note: bool = False

    @dataclass
    class EditRequested(Message):
        annotation_id: str

    @dataclass
    class DeleteRequested(Message):
        annotation_id: str

    @dataclass
    class ReattachRequested(Message):
        """Give an orphaned highlight a new passage: Body.text[start:end] of the open article."""

        annotation_id: str
        start: int
        end: int

    @dataclass
    class ArticleNoteRequested(Message):
        """Write or edit the note on the whole open article."""

    def __init__(self, *, entities: Callable[[], EntityLibrary | None] = lambda: None, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The library-wide entities, for marking an entity: search's mentions (None until built).
        self.entities = entities
        self.article_id = ""
        #: The open article's text (Body.text), which every offset refers to.
        self.body_text = ""
        #: True while the body shows an edit's changes instead of the article.
        self.showing_changes = False
        self.mark_layers = MarkLayers()
        self.caret = Caret()
        self.highlights = Highlights(self)
        self.keys = HighlightKeys(self)
        self.body_layout = BodyLayout()
        self._rendered: RenderedBody | None = None
        self.steps = Steps(self)
        #: (article id, "Also told by ..."): the story line of the header, set by the screen.
        self.told_by = ("", "")
        self._shown: tuple[Article, ArticleState] | None = None
        #: The body drawn, kept to draw it again when the width changes (quotes wrap with it).
        self._body: Body | None = None
        #: The header last drawn: the header is asked for several times per article.
        self._header: Text | None = None
        self._loading: Timer | None = None
        #: What #reader-body holds when it shows the article's text: (rendered, layers), else None.
        self._drawn: tuple[RenderedBody, tuple] | None = None

    def compose(self):
        yield SettledStatic(Text("Choose an article from the list.", style="dim"), id="reader-header")
        yield Static("", id="article-note")
        yield BodyText("", id="reader-body")
        with Collapsible(title="Reader comments", collapsed=True, id="reader-comments"):
            yield Static("", id="reader-comments-text")
        yield Static("", id="highlight-note")

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # As SettledStatic: the layout that sets the pane's scrollable height has just placed
        # its contents; asking for another would lay out the screen twice per article.
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def on_mount(self) -> None:
        for hidden in ("#reader-comments", "#article-note", "#highlight-note"):
            self.query_one(hidden).display = False

    # What tests and the screen read of visual mode.
    @property
    def visual(self) -> bool:
        return self.caret.visual

    @property
    def caret_at(self) -> int:
        return self.caret.at

    # Shadows Widget.anchor() (keeping a scroll pinned to the bottom), which a reader pane never
    # uses: here the anchor is where the selection started, as tests and callers read it.
    @property
    def anchor(self) -> int:  # type: ignore[override]
        return self.caret.anchor

    @property
    def annotations(self) -> list[Annotation]:
        return self.highlights.annotations

    @property
    def current_annotation(self) -> Annotation | None:
        return self.highlights.current

    @property
    def article_note(self) -> Annotation | None:
        return self.highlights.article_note

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CARET_ACTIONS:
            return self.caret.visual
        return super().check_action(action, parameters)

    # The article ----------------------------------------------------------------------------------

    def show_article(self, article: Article, state: ArticleState, body: Body | None) -> None:
        self.showing_changes = False
        if article.id != self.article_id:
            self.leave_visual()
            self.mark_layers = MarkLayers()
            self.highlights.clear()
            self.steps.forget_mentions()
        self.article_id = article.id
        self._stop_loading()
        if body is None:
            # The header waits with the text (for the body, or for "Loading…"), so the pane is
            # laid out once per article and not for the header and again for the text.
            self._body = None
            self._rendered, self.body_text = None, ""
            self._shown = (article, state)
            self._loading = self.set_timer(LOADING_DELAY, self._show_loading)
            return
        self.show_state(article, state)
        comments = self.query_one("#reader-comments", Collapsible)
        self._body = body
        self._rendered, self.body_text = render_body(body, self._quote_width()), body.text
        self.steps.mark_query()
        self.redraw()
        comments.display = bool(body.comments)
        if body.comments:
            comments.title = f"Reader comments ({len(body.comments)}) — c shows or folds them"
            comments.collapsed = True
            self.query_one("#reader-comments-text", Static).update(comments_text(body))
        self.scroll_home(animate=False)

    def _show_loading(self) -> None:
        """The body is still being read: say so rather than leave the last article's text."""
        self._loading = None
        if self._shown is not None:
            self.show_state(*self._shown)
        if self._rendered is None and not self.showing_changes:
            self._drawn = None
            self.query_one("#reader-body", Static).update(Text("Loading…", style="dim"))
            self.query_one("#reader-comments", Collapsible).display = False

    def _stop_loading(self) -> None:
        if self._loading is not None:
            self._loading.stop()
            self._loading = None

    def show_state(self, article: Article, state: ArticleState) -> None:
        """Refresh the header only (read, star, tags changed)."""
        self._shown = (article, state)
        if self._loading is not None:
            return  # drawn with the text, shortly
        told = self.told_by[1] if self.told_by[0] == article.id else ""
        header = article_header(article, state, told)
        if header != self._header:
            self._header = header
            self.query_one("#reader-header", Static).update(header)

    def set_told_by(self, article_id: str, note: str) -> None:
        """The line naming the other outlets that told the article's story ("" for none)."""
        self.told_by = (article_id, note)
        if self._shown is not None and self._shown[0].id == article_id:
            self.show_state(*self._shown)

    def show_changes(self, article: Article, revisions: list[Revision], body: Body) -> None:
        self.showing_changes = True
        self._stop_loading()
        if self._shown is not None:
            self.show_state(*self._shown)  # were it still waiting for the body
        self.leave_visual()
        self._drawn = None
        self.query_one("#reader-body", Static).update(changes_text(article, revisions, body))
        self.query_one("#reader-comments").display = False
        self.scroll_home(animate=False)

    def show_message(self, message: str) -> None:
        self._body = None
        self._rendered, self.body_text = None, ""
        self._stop_loading()
        self.leave_visual()
        self._header = Text(message, style="dim")
        self.query_one("#reader-header", Static).update(self._header)
        self._drawn = None
        self.query_one("#reader-body", Static).update("")
        self.query_one("#reader-comments").display = False

    def _quote_width(self) -> int | None:
        """The cells a line of the body has (a cell kept for a scrollbar that may come and go);
        None before the pane is laid out."""
        width = self.query_one("#reader-body", Static).content_region.width
        return width - 1 if width > 12 else None

    def on_resize(self) -> None:
        if self._body is not None and self._rendered is not None and not self.showing_changes:
            width = self._quote_width()
            if width != self._rendered.width:
                self._rendered = render_body(self._body, width)
                self.redraw()

    def redraw(self) -> None:
        """Draw the article's text with the current layers (highlights, matches, caret)."""
        if self._rendered is not None and not self.showing_changes:
            # The annotations arrive just after the text, most often none: drawing the same
            # text again would lay out and wrap the whole body a second time.
            layers = self.mark_layers.snapshot()
            if self._drawn is None or self._drawn[0] is not self._rendered or self._drawn[1] != layers:
                self._drawn = (self._rendered, layers)
                self.query_one("#reader-body", BodyText).show_text(self.mark_layers.draw(self._rendered))

    def highlight(self, ranges: list[tuple[int, int]], current: int | None) -> bool:
        """Mark these Body.text ranges and scroll to the current one; False if it is not drawn."""
        if self._rendered is None or self.showing_changes:
            return False
        self.mark_layers.matches, self.mark_layers.current_match = list(ranges), current
        self.redraw()
        return current is None or self.scroll_to_offset(ranges[current][0])

    def action_toggle_comments(self) -> None:
        comments = self.query_one("#reader-comments", Collapsible)
        if comments.display:
            comments.collapsed = not comments.collapsed
            if not comments.collapsed:
                self.scroll_to_widget(comments, top=True, animate=False)
        else:  # the key is always in the footer: say why it did nothing
            said = ("Open an article first (enter)." if self._rendered is None
                    else "This article has no reader comments.")
            self.notify(said, timeout=3, markup=False)

    # Search matches and an entity's mentions, stepped through by > < and m.
    def set_query(self, query: str) -> None:
        self.steps.set_query(query)

    def step_match(self, step: int) -> None:
        self.steps.step_match(step)

    def step_mentions(self, library: EntityLibrary, key: str, name: str) -> None:
        self.steps.step_mentions(library, key, name)

    # Positions on screen ---------------------------------------------------------------------------

    def line_starts(self) -> list[int]:
        return self.body_layout.line_starts(self._rendered, self.query_one("#reader-body", Static).content_region.width)

    def scroll_to_offset(self, offset: int, *, only_if_hidden: bool = False, at_top: bool = False) -> bool:
        """Scroll so the Body.text offset is in view (a third of the way down, or on the top
        line); False if the offset is not drawn."""
        drawn = self._rendered.position(offset) if self._rendered is not None else None
        if drawn is None:
            return False
        line = self.body_layout.line_of(drawn, self.line_starts())
        y = self.query_one("#reader-body", Static).virtual_region.y + line
        if only_if_hidden and self.scroll_y <= y < self.scroll_y + self.size.height - 1:
            return True
        self.scroll_to(y=max(0, y - (0 if at_top else self.size.height // 3)), animate=False)
        return True

    def offset_at_top(self) -> int:
        """The Body.text offset of the first line of the body in view."""
        if self._rendered is None:
            return 0
        body = self.query_one("#reader-body", Static)
        line = max(int(self.scroll_y) - body.virtual_region.y, 0)
        starts = self.line_starts()
        return self._rendered.body_offset(starts[min(line, len(starts) - 1)])

    def mouse_selection(self) -> tuple[int, int] | None:
        """The passage selected with the mouse in the article's text, as Body.text offsets."""
        selection = self.screen.selections.get(self.query_one("#reader-body", Static))
        if selection is None or self._rendered is None or self.showing_changes:
            return None
        low, high = self._rendered.cells_to_range(selection.start, selection.end)
        start, end = passages.trimmed(self.body_text, low, high)
        return (start, end) if end > start else None

    # Visual mode -----------------------------------------------------------------------------------

    def enter_visual(self) -> bool:
        if not self.body_text or self.showing_changes:
            return False
        self.caret.enter(self.body_text, self.offset_at_top(), at_paragraph=True)
        self._caret_moved(scroll=False)
        self.refresh_bindings()
        return True

    def leave_visual(self) -> None:
        if not self.caret.visual:
            return
        self.caret.leave()
        self.mark_layers.selection, self.mark_layers.caret = None, None
        self.redraw()
        self.refresh_bindings()

    def _caret_moved(self, scroll: bool = True) -> None:
        self.mark_layers.selection, self.mark_layers.caret = self.caret.drawn()
        self.redraw()
        if scroll:
            self.scroll_to_offset(self.caret.at, only_if_hidden=True)

    def action_leave_visual_mode(self) -> None:
        self.leave_visual()

    def action_caret(self, unit: str, step: int) -> None:
        self.caret.move(self.body_text, unit, step)
        self._caret_moved()

    def action_caret_line(self, step: int) -> None:
        if self._rendered is not None:
            self.caret.move_line(self.body_text, self._rendered, self.line_starts(), self.body_layout.line_of, step)
            self._caret_moved()

    def action_select_unit(self, unit: str) -> None:
        self.caret.select_unit(self.body_text, unit)
        self._caret_moved()

    def action_restart_selection(self) -> None:
        self.caret.restart()
        self._caret_moved(scroll=False)

    # The highlight keys, kept with the highlights they act on.
    def action_visual_mode(self) -> None:
        self.keys.visual_mode()

    def action_highlight(self, with_note: bool) -> None:
        self.keys.highlight(with_note)

    def action_highlight_unit(self, unit: str) -> None:
        self.keys.highlight_unit(unit)

    def action_step_highlights(self, step: int) -> None:
        self.keys.step_highlights(step)

    def action_delete_highlight(self) -> None:
        self.keys.delete_highlight()
