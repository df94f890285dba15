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
from ....store import Store, StoreError
from ...messages import Notice
from ...widgets.reader.pane import ReaderPane
from ...workers import run_in_thread
from ..note_editor import NoteDraft, NoteEditor

if TYPE_CHECKING:
    from ...app import BroadsheetApp

#: Steps of undo kept for the session.
UNDO_DEPTH = 50


@dataclass(frozen=True)
class Undo:
    """How to take back one change, and what to say when it is taken back."""

    kind: str  # "added", "edited", "deleted" or "article-note"
    annotation: Annotation | None = None
    article_id: str = ""
    text: str = ""


class Annotator:
    @dataclass
    class Loaded(Message):
        article_id: str
        annotations: list[Annotation]

    def __init__(self, app: BroadsheetApp, screen: Screen, pane: ReaderPane) -> None:
        self._app = app
        self._screen = screen
        self._pane = pane
        self._undo: list[Undo] = []
        #: A highlight to select once the article's annotations are drawn (just made, or chosen
        #: on the annotations screen).
        self.select_after_load: str | None = None

    # Reading ------------------------------------------------------------------------------------

    def load(self, article_id: str) -> None:
        run_in_thread(self._screen, lambda: self._load(article_id), group="main.annotations", exclusive=True)

    def _load(self, article_id: str) -> None:
        try:
            annotations = self._app.services.store.annotations(article_id)
        except (StoreError, AnnotationError) as error:
            self._screen.post_message(Notice(f"Your highlights cannot be read: {error}", severity="error"))
            return
        self._screen.post_message(self.Loaded(article_id, annotations))

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

    def _saved(self, annotation: Annotation | None, message: str, undo: Undo | None) -> None:
        """After a durable write: remember how to undo it, redraw the highlights and say so."""
        if undo is not None:
            self._undo = [*self._undo[-(UNDO_DEPTH - 1):], undo]
        if annotation is not None and not annotation.is_article_note:
            self.select_after_load = annotation.id
        if self._pane.article_id:
            self.load(self._pane.article_id)
        self._app.indexing.update()  # quotes and notes are searchable
        self._screen.notify(message, timeout=3, markup=False)

    def _failed(self, error: Exception) -> None:
        self._screen.notify(f"Not saved: {error}", severity="error", timeout=8, markup=False)

    def requested(self, request: ReaderPane.AnnotateRequested | ReaderPane.EditRequested
                  | ReaderPane.DeleteRequested) -> None:
        """What the reader pane asks for: a new highlight, or an edit or deletion of one."""
        if isinstance(request, ReaderPane.AnnotateRequested):
            self.annotate(request)
        elif isinstance(request, ReaderPane.EditRequested):
            self.edit(request.annotation_id)
        else:
            self.delete(request.annotation_id)

    def annotate(self, request: ReaderPane.AnnotateRequested) -> None:
        if not self._app.check_writable(self._screen):
            return
        text, start, end, article_id = self._pane.body_text, request.start, request.end, request.article_id

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

    def edit(self, annotation_id: str) -> None:
        before = next((a for a in self._pane.annotations if a.id == annotation_id), None)
        if before is None or not self._app.check_writable(self._screen):
            return

        def save(draft: NoteDraft | None) -> None:
            if draft is None or draft == NoteDraft(before.note, before.tags, before.kind):
                return

            def failed(error: Exception) -> None:
                self._failed(error)
                self._app.push_screen(NoteEditor("Your note (not saved yet)", before.quote, draft.note, draft.tags,
                                                 draft.kind), save)

            self._write(lambda store: store.update_annotation(before.id, note=draft.note, tags=draft.tags,
                                                              kind=draft.kind),
                        lambda saved: self._saved(saved, "Saved.", Undo("edited", before)), failed)

        self._app.push_screen(NoteEditor("Edit the note", before.quote, before.note, before.tags, before.kind), save)

    def delete(self, annotation_id: str) -> None:
        if self._app.check_writable(self._screen):
            self._write(lambda store: store.delete_annotation(annotation_id),
                        lambda gone: self._saved(None, "Highlight deleted. u undoes.", Undo("deleted", gone)),
                        self._failed)

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
        if not self._undo:
            self._screen.notify("Nothing to undo.", timeout=2, markup=False)
            return
        if not self._app.check_writable(self._screen):
            return
        step, self._undo = self._undo[-1], self._undo[:-1]
        old = step.annotation

        def apply(store: Store) -> Annotation | None:
            if step.kind == "deleted" and old is not None:
                return store.restore_annotation(old)
            if step.kind == "added" and old is not None:
                store.delete_annotation(old.id)
                return None
            if step.kind == "edited" and old is not None:
                return store.update_annotation(old.id, note=old.note, tags=old.tags, kind=old.kind)
            return store.set_article_note(step.article_id, step.text)

        said = {"deleted": "Highlight restored.", "added": "Highlight removed.", "edited": "Note restored."}
        self._write(apply, lambda result: self._saved(result, said.get(step.kind, "Article note restored."), None),
                    self._failed)
