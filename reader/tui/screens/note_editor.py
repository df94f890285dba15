"""The note editor: a multi-line note, the highlight's tags and its kind; ctrl+s saves."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static, TextArea

from ...annotations.model import KINDS
from ...ingest.sanitize import clean_text
from ..focusing import focus_now
from .closing import close

#: How a kind is named in the editor and in the reader's note line.
KIND_LABELS = {"highlight": "Highlight", "question": "Question", "disagree": "Disagree"}


@dataclass(frozen=True)
class NoteDraft:
    """What the editor returns on save."""

    note: str
    tags: tuple[str, ...] = ()
    kind: str = "highlight"


class NoteEditor(ModalScreen[NoteDraft | None]):
    """Edit a note. ``quote`` is the passage it is about ("" for a note on the whole article,
    which has no tags or kind). Dismissed with the draft, or None on escape."""

    #: Under 32 rows the quote and the note's box shrink, so tags, kind and the hint stay on screen.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    BINDINGS = [
        # Not a priority binding: ctrl+s must queue behind the keys typed just before it, or
        # a fast typist's last letters would be missing from what is saved.
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, title: str, quote: str = "", note: str = "", tags: tuple[str, ...] = (),
                 kind: str = "highlight", *, with_kind: bool = True) -> None:
        super().__init__(classes="dialog")
        self.heading, self.quote, self.note = title, quote, note
        self.tags, self.kind, self.with_kind = tags, kind, with_kind

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="note-dialog"):
            yield Label(self.heading, markup=False, classes="heading")
            if self.quote:
                shown = clean_text(self.quote)
                yield Static(
                    Text("“" + (shown if len(shown) <= 600 else shown[:600] + "…") + "”", style="italic"),
                    id="note-quote",
                )
            editor = TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            yield editor
            if self.with_kind:
                yield Input(", ".join(self.tags), placeholder="tags, separated by commas", id="note-tags")
                with RadioSet(id="note-kind"):
                    for kind in KINDS:
                        yield RadioButton(KIND_LABELS[kind], value=kind == self.kind, name=kind)
            # Only a dialog with more than the note has fields to move between.
            hint = "ctrl+s saves · escape cancels" + (" · tab moves between fields" if self.with_kind else "")
            yield Label(hint, classes="hint", markup=False)

    def on_mount(self) -> None:
        editor = self.query_one("#note-text", TextArea)
        focus_now(editor)
        editor.move_cursor(editor.document.end)

    def draft(self) -> NoteDraft:
        note = self.query_one("#note-text", TextArea).text
        if not self.with_kind:
            return NoteDraft(note)
        tags = tuple(t.strip() for t in self.query_one("#note-tags", Input).value.split(",") if t.strip())
        pressed = self.query_one("#note-kind", RadioSet).pressed_button
        return NoteDraft(note, tags, pressed.name if pressed is not None and pressed.name else self.kind)

    @on(Input.Submitted, "#note-tags")
    def action_save(self) -> None:
        close(self, self.draft())

    def action_cancel(self) -> None:
        close(self, None)
