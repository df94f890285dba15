"""Highlights and notes from the reader pane: the note editor, the writes, undo, and showing the
open article's annotations.

Every write goes through the app's single writer and is durable (fsynced) before its
``on_done`` runs, and only then does the screen say "saved". A write that fails reopens the
editor with what was typed, so a full disk loses no words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen

from ....annotations.model import Annotation, AnnotationError
from ....store import StoreError
from ...annotation_edits import AnnotationEdits, Undo
from ...messages import Notice
from ...widgets.reader.pane import ReaderPane
from ...workers import run_in_thread
from ..note_editor import NoteDraft, NoteEditor

if TYPE_CHECKING:
    from ...app import BroadsheetApp

class Annotator:
    @dataclass
    class Loaded(Message):
        article_id: str
        annotations: list[Annotation]

    def __init__(self, app: BroadsheetApp, screen: Screen, pane: ReaderPane) -> None:
        self._app = app
        self._screen = screen
        self._pane = pane
        #: Edits, deletions and undo, shared with the annotations screen.
        self.edits = AnnotationEdits(app)
        #: A highlight to select once the article's annotations are drawn (just made, or chosen
        #: on the annotations screen).
        self.select_after_load: str | None = None

    # Reading ------------------------------------------------------------------------------------

    def load(self, article_id: str) -> None:
        run_in_thread(self._screen, lambda: self._load(article_id), group="main.annotations", exclusive=True)

    def _load(self, article_id: str) -> None:
        self._screen.post_message(self.read(article_id))

    def read(self, article_id: str) -> Loaded | Notice:
        """The article's annotations, read in the calling thread (a worker's), or what went wrong.
        The body's reader calls it too, so a new article's text and highlights are drawn at once."""
        try:
            annotations = self._app.services.store.annotations(article_id)
        except (StoreError, AnnotationError) as error:
            return Notice(f"Your highlights cannot be read: {error}", severity="error")
        return self.Loaded(article_id, annotations)

    def extra_loaded(self, message: Message) -> None:
        """What ``read`` gave with the body: the open article's annotations, or a notice to pass on."""
        if isinstance(message, Annotator.Loaded):
            self.loaded(message)
        else:
            self._screen.post_message(message)

    def warm(self) -> None:
        """Read every annotation now, in the background, so the annotations screen opens at once."""
        def read() -> None:
            try:
                self._app.services.store.annotations()
            except (StoreError, AnnotationError):
                pass  # the annotations screen reports it when opened

        run_in_thread(self._screen, read, group="main.annotations-warm")

    def loaded(self, message: Loaded) -> None:
        pane = self._pane
        if pane.article_id == message.article_id and pane.body_text:
            pane.highlights.show(message.annotations)
            pending, self.select_after_load = self.select_after_load, None
            if pending is not None:
                # After the refresh that lays the text out, so the passage can be scrolled to.
                self._screen.call_after_refresh(pane.highlights.select, pending)

    # Writing ------------------------------------------------------------------------------------

    def _write(self, apply: Any, done: Any, failed: Any) -> None:
        self._app.writes.submit(apply, on_done=done, on_error=failed)

    def _saved(self, annotation: Annotation | None, message: str, undo: Undo | None = None) -> None:
        """After a durable write: remember how to undo it, redraw the highlights and say so."""
        if undo is not None:
            self.edits.remember(undo)
        if annotation is not None and not annotation.is_article_note:
            self.select_after_load = annotation.id
        if self._pane.article_id:
            self.load(self._pane.article_id)
        self._app.indexing.update()  # quotes and notes are searchable
        self._screen.notify(message, timeout=3, markup=False)

    def _failed(self, error: Exception) -> None:
        self.edits.failed(self._screen, error)

    def requested(self, request: ReaderPane.AnnotateRequested | ReaderPane.EditRequested
                  | ReaderPane.DeleteRequested | ReaderPane.ReattachRequested) -> None:
        """What the reader pane asks for: a new highlight, or an edit, deletion or new passage of one."""
        if isinstance(request, ReaderPane.AnnotateRequested):
            self.annotate(request)
        elif isinstance(request, ReaderPane.ReattachRequested):
            self.reattach(request)
        elif isinstance(request, ReaderPane.EditRequested):
            self.edit(request.annotation_id)
        else:
            self.delete(request.annotation_id)

    def annotate(self, request: ReaderPane.AnnotateRequested) -> None:
        if not self._app.check_writable(self._screen):
            return
        text, start, end, article_id = self._pane.body_text, request.start, request.end, request.article_id
        same = self._same_passage(start, end)
        if same is not None:
            # A second highlight on the very same words would only be a duplicate to clean up.
            self._pane.highlights.select(same.id)
            self._screen.notify("Already highlighted: that is this highlight (a edits its note).", timeout=3,
                                markup=False)
            if request.with_note:
                self.edit(same.id)
            return

        def save(draft: NoteDraft) -> None:
            def failed(error: Exception) -> None:
                self._failed(error)
                if draft.note:
                    # What was typed is not lost: the editor comes back with it.
                    self._app.push_screen(NoteEditor("Your note (not saved yet)", text[start:end], draft.note,
                                                     draft.tags, draft.kind), save_or_drop)

            said = (
                "Saved: note and highlight."
                if draft.note
                else "Highlighted and saved. a adds a note, d deletes, u undoes."
            )
            self._write(
                lambda store: store.add_annotation(article_id, start, end, kind=draft.kind, note=draft.note,
                                                   tags=draft.tags, text=text),
                lambda saved: self._saved(saved, said, Undo("added", saved)),
                failed,
            )

        def save_or_drop(draft: NoteDraft | None) -> None:
            if draft is not None:
                save(draft)

        if request.with_note:
            self._app.push_screen(NoteEditor("A note on this passage", text[start:end]), save_or_drop)
        else:
            save(NoteDraft(""))

    def _same_passage(self, start: int, end: int) -> Annotation | None:
        """The placed highlight on exactly these words (spaces at either end aside), if any."""
        wanted = _trimmed(self._pane.body_text, start, end)
        return next((a for a in self._pane.highlights.placed
                     if _trimmed(self._pane.body_text, a.start, a.end) == wanted), None)

    def edit(self, annotation_id: str) -> None:
        before = next((a for a in self._pane.annotations if a.id == annotation_id), None)
        if before is not None:
            self.edits.edit(self._screen, before, self._saved)

    def delete(self, annotation_id: str) -> None:
        self.edits.delete(self._screen, annotation_id, self._saved)

    def reattach(self, request: ReaderPane.ReattachRequested) -> None:
        before = next((a for a in self._pane.annotations if a.id == request.annotation_id), None)
        if before is not None and self._pane.article_id == before.article:
            self.edits.reattach(self._screen, before, request.start, request.end, self._pane.body_text, self._saved)

    def article_note(self, article_id: str) -> None:
        if not self._app.check_writable(self._screen):
            return
        note = self._pane.article_note
        before = note.note if note is not None else ""

        def save(draft: NoteDraft | None) -> None:
            if draft is None or draft.note == before:
                return

            def failed(error: Exception) -> None:
                self._failed(error)
                self._app.push_screen(NoteEditor("Your note on the article (not saved yet)", note=draft.note,
                                                 with_kind=False), save)

            self._write(lambda store: store.set_article_note(article_id, draft.note),
                        lambda saved: self._saved(saved, "Note saved." if saved else "Note removed. u undoes.",
                                                  Undo("article-note", article_id=article_id, text=before)),
                        failed)

        title = "A note on the whole article" + ("" if not before else " (empty it to remove the note)")
        self._app.push_screen(NoteEditor(title, note=before, with_kind=False), save)

    def undo(self) -> None:
        self.edits.undo(self._screen, self._saved)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
