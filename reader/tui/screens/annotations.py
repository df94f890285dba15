"""The annotations screen: every highlight and note in the library, newest first, filtered
as you type; enter goes to the passage in its article, a edits the note, d deletes, u undoes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Static

from ...annotations.model import Annotation, AnnotationError
from ...ingest.sanitize import clean_line, clean_text
from ...models import Article
from ...search.annotation_filter import AnnotationFilter, EntityPassages, QueryError, searchable
from ...store import StoreError
from ..annotation_edits import AnnotationEdits
from ..focusing import focus_now
from ..widgets.annotation_list import AnnotationList, AnnotationRow
from ..widgets.reader.notes import KIND_NAMES
from ..workers import run_in_thread
from .closing import close

if TYPE_CHECKING:
    from ..app import BroadsheetApp

#: Seconds of no typing before the filter runs again.
DEBOUNCE = 0.1


class AnnotationsScreen(Screen[tuple[str, str] | None]):
    """Dismissed with (article id, annotation id) to show that passage, or None."""

    BINDINGS = [
        Binding("slash", "filter", "Filter", id="annotations.filter"),
        Binding("a,e", "edit", "Edit note", id="annotations.edit"),
        Binding("d,delete", "delete", "Delete", id="annotations.delete"),
        Binding("u", "undo", "Undo", id="annotations.undo"),
        Binding("escape,q", "close", "Back", id="annotations.close"),
    ]

    @dataclass
    class Loaded(Message):
        rows: list[tuple[Annotation, Article | None]]
        error: str = ""

    @dataclass
    class Folded(Message):
        folded: dict[str, str]

    def __init__(self, articles: Mapping[str, Article], entity_passages: EntityPassages,
                 edits: AnnotationEdits) -> None:
        super().__init__()
        #: The articles the main screen already holds: no metadata is read again here.
        self.articles = articles
        self.entity_passages = entity_passages
        #: Shared with the reader pane: one undo history for the session.
        self.edits = edits
        self.all_rows: list[tuple[Annotation, Article | None]] = []
        #: Each annotation's folded words, worked out off the UI thread on the first filter.
        self.folded: dict[str, str] | None = None
        self._timer: Timer | None = None

    @property
    def broadsheet(self) -> BroadsheetApp:
        return cast("BroadsheetApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Input(placeholder='Filter: words, tag:T, outlet:NAME, entity:"Name", kind:question, is:orphaned, '
                    "OR, -, ( )  (/ to type, enter: to the list)",
                    id="annotations-filter")
        yield AnnotationList(id="annotations-list")
        yield Static("", id="annotation-detail")
        # A line of keys rather than a Footer: the Footer's widgets cost a third of the time
        # this screen takes to open, and the screen has four keys.
        # Short enough for 80 columns, every key on it.
        yield Static(Text.assemble((" enter", "bold"), " to the passage  ", ("/", "bold"), " filter  ",
                                   ("a", "bold"), " edit note  ", ("d", "bold"), " delete  ", ("u", "bold"),
                                   " undo  ", ("esc", "bold"), " back  ", ("?", "bold"), " Help"),
                     id="annotations-keys")

    def on_mount(self) -> None:
        self.title = "broadsheet — annotations"
        self.sub_title = "loading…"
        focus_now(self.query_one(AnnotationList))
        self.load()

    def load(self) -> None:
        run_in_thread(self, self._load, group="annotations.load", exclusive=True)

    def _load(self) -> None:
        try:
            annotations = self.broadsheet.services.store.annotations()
        except (StoreError, AnnotationError) as error:
            self.post_message(self.Loaded([], str(error)))
            return
        self.post_message(self.Loaded([(a, self.articles.get(a.article)) for a in annotations]))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(f"Your annotations cannot be read: {message.error}", severity="error", markup=False)
        self.all_rows, self.folded = message.rows, None
        self._apply_filter()

    def fold_rows(self) -> None:
        """Fold every annotation's words once, in a thread; the filter then only compares."""
        rows = self.all_rows

        def fold() -> None:
            self.post_message(
                self.Folded({annotation.id: searchable(annotation, article) for annotation, article in rows})
            )

        run_in_thread(self, fold, group="annotations.fold", exclusive=True)

    @on(Folded)
    def _folded(self, message: Folded) -> None:
        self.folded = message.folded
        self._apply_filter()

    @property
    def waiting(self) -> bool:
        """Whether typing has paused for less than DEBOUNCE: the filter has not run yet."""
        return self._timer is not None

    @on(Input.Changed, "#annotations-filter")
    def filter_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._typing_paused)

    def _typing_paused(self) -> None:
        self._timer = None
        self._apply_filter()

    @on(Input.Submitted, "#annotations-filter")
    def filter_submitted(self) -> None:
        focus_now(self.query_one(AnnotationList))

    def _apply_filter(self) -> None:
        text = self.query_one("#annotations-filter", Input).value
        listing = self.query_one(AnnotationList)
        try:
            chosen = AnnotationFilter.parse(text)
        except QueryError as error:
            listing.empty_message = f"The filter cannot be read: {error.message}"
            listing.set_rows([])
            self.sub_title = "the filter has a mistake"
            return
        if chosen.words and self.folded is None:
            self.fold_rows()  # filters again when done
            return
        rows = self.all_rows if chosen.empty else chosen.apply(self.all_rows, self.entity_passages, self.folded)
        listing.empty_message = ("No annotation matches the filter." if self.all_rows else
                                 "No highlights or notes yet. In the reader, v selects a passage and h highlights it.")
        listing.set_rows([AnnotationRow(a, article) for a, article in rows])
        articles = len({a.article for a, _ in rows})
        total = len(self.all_rows)
        shown = f"{len(rows):,} of {total:,}" if len(rows) != total else f"{total:,}"
        self.sub_title = (
            f"{shown} annotation{'s' if total != 1 else ''} on {articles:,} article{'s' if articles != 1 else ''}"
            " · newest first"
        )

    @on(AnnotationList.Moved)
    def moved(self, message: AnnotationList.Moved) -> None:
        detail = self.query_one("#annotation-detail", Static)
        detail.update(_detail(message.row) if message.row else "")
        detail.display = message.row is not None

    @on(AnnotationList.Chosen)
    def chosen(self, message: AnnotationList.Chosen) -> None:
        if message.row.article is None:
            self.notify("That article is no longer in the library; the annotation is kept.", timeout=4, markup=False)
            return
        close(self, (message.row.annotation.article, message.row.annotation.id))

    def action_filter(self) -> None:
        focus_now(self.query_one("#annotations-filter", Input))

    def _selected(self) -> Annotation | None:
        row = self.query_one(AnnotationList).highlighted
        if row is None:
            self.notify("No annotation is selected.", timeout=2, markup=False)
        return row.annotation if row is not None else None

    def _changed(self, _annotation: Annotation | None, message: str) -> None:
        """A change is durable: read the list again (the cursor stays on its row) and say so."""
        self.broadsheet.indexing.update()  # quotes and notes are searchable
        self.notify(message, timeout=3, markup=False)
        self.load()

    def action_edit(self) -> None:
        if (annotation := self._selected()) is None:
            return
        if annotation.is_article_note:
            self.notify("Open the article (enter) and press W to edit a note on the whole article.", timeout=4,
                        markup=False)
            return
        self.edits.edit(self, annotation, self._changed)

    def action_delete(self) -> None:
        if (annotation := self._selected()) is not None:
            self.edits.delete(self, annotation.id, self._changed)

    def action_undo(self) -> None:
        self.edits.undo(self, self._changed)

    def action_close(self) -> None:
        search = self.query_one("#annotations-filter", Input)
        if self.focused is search and search.value:
            search.value = ""
            focus_now(self.query_one(AnnotationList))
            return
        close(self, None)


def _detail(row: AnnotationRow) -> Text:
    """The selected annotation in full: its article, the passage, the note and tags."""
    annotation, article = row.annotation, row.article
    text = Text()
    if article is not None:
        text.append(clean_line(article.title) + "\n", style="bold")
        text.append(f"{clean_line(article.outlet)} · {article.published:%d %B %Y}\n", style="italic")
    kind = "Note on the article" if annotation.is_article_note else KIND_NAMES.get(annotation.kind, annotation.kind)
    text.append(kind + ("  (the passage is gone from the current text: enter shows the article, where ] steps "
                        "to it and a new selection re-attaches it; d deletes it)" if annotation.orphaned else ""),
                style="dim")
    if annotation.tags:
        text.append("  " + " ".join("#" + clean_line(t) for t in annotation.tags), style="bold")
    text.append("\n")
    if annotation.quote:
        quote = clean_text(annotation.quote)
        text.append("“" + (quote if len(quote) < 800 else quote[:800] + "…") + "”\n", style="italic")
    if annotation.original:
        # The outlet changed the passage's wording; what the user highlighted was this.
        original = clean_text(annotation.original)
        text.append("was: “" + (original if len(original) < 800 else original[:800] + "…") + "”\n", style="dim")
    if annotation.note:
        note = clean_text(annotation.note)
        text.append(note if len(note) < 1500 else note[:1500] + "…")
    return text
