"""The main screen's side of annotations: saving what the reader pane asks for, undo, and
showing the open article's highlights.

Every write goes through the app's single writer and is durable (fsynced) before its
callback runs, and only then does the screen say "saved". A write that fails reopens the
editor with what was typed, so a full disk loses no words.
"""

from __future__ import annotations

from textual import work
from textual.message import Message

from ...annotations.model import Annotation, AnnotationError
from ...store import StoreError
from ..widgets.caret import AnnotateRequested, AnnotationDeleteRequested, AnnotationEditRequested, ArticleNoteRequested
from ..widgets.reader_pane import ReaderPane
from .note_editor import NoteDraft, NoteEditor

#: Steps of undo kept for the session.
UNDO_DEPTH = 50


class AnnotationsLoaded(Message):
    def __init__(self, article_id: str, annotations: list[Annotation]) -> None:
        super().__init__()
        self.article_id, self.annotations = article_id, annotations


class AnnotationView:
    """Mixed into MainScreen. Handlers are named on_*: @on only registers methods of the
    class being defined, and this is a mixin."""

    #: (what to undo, how to describe it): a deleted annotation to restore, or the
    #: annotation (or article note text) as it was before an edit.
    _undo: list[tuple] = []

    @work(thread=True, group="annotations", exclusive=True, exit_on_error=False)
    def load_annotations(self, article_id: str) -> None:
        try:
            annotations = self.services.store.annotations(article_id)
        except (StoreError, AnnotationError) as error:
            self.app.call_from_thread(self.notify, f"Your highlights cannot be read: {error}", severity="error", markup=False)
            return
        self.post_message(AnnotationsLoaded(article_id, annotations))

    @work(thread=True, group="annotations-warm", exit_on_error=False)
    def warm_annotations(self) -> None:
        try:
            self.services.store.annotations()
        except (StoreError, AnnotationError):
            pass  # the annotations screen reports it when opened

    def on_annotations_loaded(self, message: AnnotationsLoaded) -> None:
        pane = self.query_one(ReaderPane)
        if pane.article_id == message.article_id and pane.body_text:
            pane.show_annotations(message.annotations)
            pending, self._select_after_load = self._select_after_load, None
            if pending is not None:
                # After the refresh that lays the text out, so the passage can be scrolled to.
                self.call_after_refresh(pane.select_highlight, pending)

    _select_after_load: str | None = None

    def _annotation_saved(self, annotation: Annotation | None, message: str, *, select: bool = True) -> None:
        """After a durable write: redraw the article's highlights and say so."""
        pane = self.query_one(ReaderPane)
        if annotation is not None and select and not annotation.is_article_note:
            self._select_after_load = annotation.id
        if pane.article_id:
            self.load_annotations(pane.article_id)
        self.app.update_index()  # quotes and notes are searchable
        self.notify(message, timeout=3, markup=False)

    def _remember(self, undo: tuple) -> None:
        self._undo = [*self._undo[-(UNDO_DEPTH - 1):], undo]

    # What the reader pane asks for ----------------------------------------------------------------

    def on_annotate_requested(self, message: AnnotateRequested) -> None:
        if not self.app.check_writable(self):
            return
        pane = self.query_one(ReaderPane)
        text, start, end = pane.body_text, message.start, message.end
        article_id = message.article_id

        def save(draft: NoteDraft) -> None:
            def failed(error: Exception) -> None:
                self._failed(error)
                if draft.note:
                    # What was typed is not lost: the editor comes back with it.
                    self.app.push_screen(NoteEditor("Your note (not saved yet)", text[start:end], draft.note, draft.tags, draft.kind), save_or_drop)

            self.services.write(
                lambda store: store.add_annotation(article_id, start, end, kind=draft.kind, note=draft.note, tags=draft.tags, text=text),
                on_done=lambda saved: (self._remember(("added", saved)), self._annotation_saved(saved, "Saved: note and highlight." if draft.note else "Highlighted and saved. a adds a note, d deletes, u undoes.")),
                on_error=failed,
            )

        def save_or_drop(draft: NoteDraft | None) -> None:
            if draft is not None:
                save(draft)

        if message.with_note:
            self.app.push_screen(NoteEditor("A note on this passage", text[start:end]), save_or_drop)
        else:
            save(NoteDraft(""))

    def on_annotation_edit_requested(self, message: AnnotationEditRequested) -> None:
        pane = self.query_one(ReaderPane)
        before = next((a for a in pane.annotations if a.id == message.annotation_id), None)
        if before is None or not self.app.check_writable(self):
            return

        def save(draft: NoteDraft | None) -> None:
            if draft is None or draft == NoteDraft(before.note, before.tags, before.kind):
                return
            self.services.write(
                lambda store: store.update_annotation(before.id, note=draft.note, tags=draft.tags, kind=draft.kind),
                on_done=lambda saved: (self._remember(("edited", before)), self._annotation_saved(saved, "Saved.")),
                on_error=lambda error: (self._failed(error), self.app.push_screen(
                    NoteEditor("Your note (not saved yet)", before.quote, draft.note, draft.tags, draft.kind), save)),
            )

        self.app.push_screen(NoteEditor("Edit the note", before.quote, before.note, before.tags, before.kind), save)

    def on_annotation_delete_requested(self, message: AnnotationDeleteRequested) -> None:
        if not self.app.check_writable(self):
            return
        self.services.write(
            lambda store: store.delete_annotation(message.annotation_id),
            on_done=lambda gone: (self._remember(("deleted", gone)), self._annotation_saved(None, "Highlight deleted. u undoes.")),
            on_error=self._failed,
        )

    def on_article_note_requested(self, _message: ArticleNoteRequested | None = None) -> None:
        article = self.current
        if article is None or not self.app.check_writable(self):
            return
        pane = self.query_one(ReaderPane)
        before = pane._article_note.note if pane._article_note is not None else ""

        def save(draft: NoteDraft | None) -> None:
            if draft is None or draft.note == before:
                return
            self.services.write(
                lambda store: store.set_article_note(article.id, draft.note),
                on_done=lambda saved: (self._remember(("article-note", article.id, before)),
                                       self._annotation_saved(saved, "Note saved." if saved else "Note removed. u undoes.")),
                on_error=lambda error: (self._failed(error), self.app.push_screen(
                    NoteEditor("Your note on the article (not saved yet)", note=draft.note, with_kind=False), save)),
            )

        title = "A note on the whole article" + ("" if not before else " (empty it to remove the note)")
        self.app.push_screen(NoteEditor(title, note=before, with_kind=False), save)

    def jump_to_annotation(self, article_id: str, annotation_id: str) -> None:
        """From the annotations screen: open the article at the passage, its note shown."""
        if self.listing.articles.get(article_id) is None:
            self.notify("That article is not in the library any more.", timeout=4, markup=False)
            return
        if self.listing.index_of(article_id) is None:
            # Hidden by a search, an entity's or a feed's list, or by hiding read articles:
            # go back to every article.
            self.clear_search()
            self._change_view(article_ids=None, ranked=None, filter_name="", source="", source_name="", hide_read=False)
        self._select_after_load = annotation_id
        already_open = self.current is not None and self.current.id == article_id and self.current_body is not None
        self.jump_to_article(article_id)
        if already_open:
            self.load_annotations(article_id)

    def action_article_note(self) -> None:
        self.on_article_note_requested()

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo.", timeout=2, markup=False)
            return
        if not self.app.check_writable(self):
            return
        step = self._undo[-1]
        self._undo = self._undo[:-1]
        kind = step[0]
        if kind == "deleted":
            apply, said = (lambda store: store.restore_annotation(step[1])), "Highlight restored."
        elif kind == "added":
            apply, said = (lambda store: store.delete_annotation(step[1].id)), "Highlight removed."
        elif kind == "edited":
            old = step[1]
            apply, said = (lambda store: store.update_annotation(old.id, note=old.note, tags=old.tags, kind=old.kind)), "Note restored."
        else:
            article_id, text = step[1], step[2]
            apply, said = (lambda store: store.set_article_note(article_id, text)), "Article note restored."
        self.services.write(apply, on_done=lambda result: self._annotation_saved(result if isinstance(result, Annotation) else None, said),
                            on_error=self._failed)

    def _failed(self, error: Exception) -> None:
        self.notify(f"Not saved: {error}", severity="error", timeout=8, markup=False)
