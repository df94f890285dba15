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
from textual.widgets import Collapsible, Static

from ....annotations.model import Annotation
from ....entities.library import EntityLibrary
from ....models import Article, ArticleState, Body, Revision
from ..settled import SettledStatic
from .body_render import RenderedBody, render_body
from .body_text import BodyText
from .caret import CARET_ACTIONS, CARET_BINDINGS, HIGHLIGHT_BINDINGS, Caret
from .comments import Comments
from .heading import Heading
from .highlights import HighlightKeys, Highlights
from .layout import BodyLayout
from .marks import MarkLayers
from .positions import Positions
from .steps import Steps
from .texts import changes_text
from .visual import VisualMode


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
        self.positions = Positions(self)
        self.visual_mode = VisualMode(self)
        self.heading = Heading(self)
        self.comments = Comments(self)
        #: The body drawn, kept to draw it again when the width changes (quotes wrap with it).
        self._body: Body | None = None
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

    @property
    def rendered(self) -> RenderedBody | None:
        """The open article's text as drawn, with the map between its cells and Body.text."""
        return self._rendered

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
        self.heading.stop_waiting()
        if body is None:
            self._body = None
            self._rendered, self.body_text = None, ""
            self.heading.wait(article, state)
            return
        self.show_state(article, state)
        self._body = body
        self._rendered, self.body_text = render_body(body, self._quote_width()), body.text
        self.steps.mark_query()
        self.redraw()
        self.comments.show(body)
        self.scroll_home(animate=False)

    def body_cleared(self) -> None:
        """#reader-body is about to show something other than the article's text."""
        self._drawn = None

    def show_state(self, article: Article, state: ArticleState) -> None:
        """Refresh the header only (read, star, tags changed)."""
        self.heading.show(article, state)

    def set_told_by(self, article_id: str, note: str) -> None:
        """The line naming the other outlets that told the article's story ("" for none)."""
        self.heading.set_told_by(article_id, note)

    def show_changes(self, article: Article, revisions: list[Revision], body: Body) -> None:
        self.showing_changes = True
        self.heading.stop_waiting()
        if self.heading.shown is not None:
            self.show_state(*self.heading.shown)  # were it still waiting for the body
        self.leave_visual()
        self._drawn = None
        self.query_one("#reader-body", Static).update(changes_text(article, revisions, body))
        self.comments.hide()
        self.scroll_home(animate=False)

    def show_message(self, message: str) -> None:
        self._body = None
        self._rendered, self.body_text = None, ""
        self.heading.stop_waiting()
        self.leave_visual()
        self.heading.show_message(message)
        self._drawn = None
        self.query_one("#reader-body", Static).update("")
        self.comments.hide()

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
        self.comments.toggle()

    # Search matches and an entity's mentions, stepped through by > < and m.
    def set_query(self, query: str) -> None:
        self.steps.set_query(query)

    def step_match(self, step: int) -> None:
        self.steps.step_match(step)

    def step_mentions(self, library: EntityLibrary, key: str, name: str) -> None:
        self.steps.step_mentions(library, key, name)

    # Positions on screen (see positions.py).
    def line_starts(self) -> list[int]:
        return self.positions.line_starts()

    def scroll_to_offset(self, offset: int, *, only_if_hidden: bool = False, at_top: bool = False) -> bool:
        return self.positions.scroll_to_offset(offset, only_if_hidden=only_if_hidden, at_top=at_top)

    def offset_at_top(self) -> int:
        return self.positions.offset_at_top()

    # Visual mode (see visual.py).
    def enter_visual(self) -> bool:
        return self.visual_mode.enter()

    def leave_visual(self) -> None:
        self.visual_mode.leave()

    def action_leave_visual_mode(self) -> None:
        self.visual_mode.leave()

    def action_caret(self, unit: str, step: int) -> None:
        self.visual_mode.move(unit, step)

    def action_caret_line(self, step: int) -> None:
        self.visual_mode.move_line(step)

    def action_select_unit(self, unit: str) -> None:
        self.visual_mode.select_unit(unit)

    def action_restart_selection(self) -> None:
        self.visual_mode.restart()

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
