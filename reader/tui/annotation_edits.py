"""Changing the user's annotations from any screen: the note editor, durable writes through the
app's one writer, and one undo history for the session (which `A`'s marking all read joins).

The reader pane and the annotations screen both edit, delete and re-attach highlights; sharing
this object means `u` takes back the last change wherever it was made, and a write that fails
reopens the editor with what was typed on either screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.screen import Screen

from ..annotations.model import Annotation
from ..store import Store
from ..text import counted
from .screens.note_editor import NoteDraft, NoteEditor

if TYPE_CHECKING:
    from .app import BroadsheetApp

#: Steps of undo kept for the session.
UNDO_DEPTH = 50

#: Called on the UI thread once a change is durable: the annotation as it now is (None when
#: it is gone) and what to tell the user.
Done = Callable[[Annotation | None, str], None]


@dataclass(frozen=True)
class Undo:
    """How to take back one change, and what to say when it is taken back."""

    kind: str  # "added", "edited", "deleted", "reattached", "article-note" or "marked-read"
    annotation: Annotation | None = None
    article_id: str = ""
    text: str = ""
    article_ids: tuple[str, ...] = ()
    #: Run on the UI thread once the undo is stored, for what the screen shows beyond highlights.
    undone: Callable[[tuple[str, ...]], None] | None = None


_UNDONE = {"deleted": "Highlight restored.", "added": "Highlight removed.", "edited": "Note restored.",
           "reattached": "Highlight back where it was."}


class AnnotationEdits:
    def __init__(self, app: BroadsheetApp) -> None:
        self._app = app
        self._undo: list[Undo] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def remember(self, undo: Undo) -> None:
        self._undo = [*self._undo[-(UNDO_DEPTH - 1):], undo]

    def failed(self, screen: Screen, error: Exception) -> None:
        screen.notify(f"Not saved: {error}", severity="error", timeout=8, markup=False)

    def _write(self, screen: Screen, apply: Callable[[Store], object], done: Callable[[object], None],
               failed: Callable[[Exception], None] | None = None) -> None:
        self._app.writes.submit(apply, on_done=done, on_error=failed or (lambda error: self.failed(screen, error)))

    def edit(self, screen: Screen, before: Annotation, done: Done) -> None:
        """Open the note editor on a highlight; save what changed."""
        if not self._app.check_writable(screen):
            return

        def save(draft: NoteDraft | None) -> None:
            if draft is None or draft == NoteDraft(before.note, before.tags, before.kind):
                return

            def failed(error: Exception) -> None:
                self.failed(screen, error)
                # What was typed is not lost: the editor comes back with it.
                self._app.push_screen(NoteEditor("Your note (not saved yet)", before.quote, draft.note, draft.tags,
                                                 draft.kind), save)

            def saved(result: object) -> None:
                self.remember(Undo("edited", before))
                done(result if isinstance(result, Annotation) else None, "Saved.")

            self._write(screen, lambda store: store.update_annotation(before.id, note=draft.note, tags=draft.tags,
                                                                      kind=draft.kind), saved, failed)

        self._app.push_screen(NoteEditor("Edit the note", before.quote, before.note, before.tags, before.kind), save)

    def delete(self, screen: Screen, annotation_id: str, done: Done) -> None:
        if not self._app.check_writable(screen):
            return

        def deleted(gone: object) -> None:
            if isinstance(gone, Annotation):
                self.remember(Undo("deleted", gone))
            what = "Note" if isinstance(gone, Annotation) and gone.is_article_note else "Highlight"
            done(None, f"{what} deleted. u undoes.")

        self._write(screen, lambda store: store.delete_annotation(annotation_id), deleted)

    def reattach(self, screen: Screen, before: Annotation, start: int, end: int, text: str, done: Done) -> None:
        """Give an orphaned highlight a new passage: ``text[start:end]`` of its article."""
        if not self._app.check_writable(screen):
            return

        def saved(result: object) -> None:
            self.remember(Undo("reattached", before))
            done(result if isinstance(result, Annotation) else None, "Re-attached here. u undoes.")

        self._write(screen, lambda store: store.reattach_annotation(before.id, start, end, text=text), saved)

    def undo(self, screen: Screen, done: Done) -> None:
        if not self._undo:
            screen.notify("Nothing to undo.", timeout=2, markup=False)
            return
        if not self._app.check_writable(screen):
            return
        step, self._undo = self._undo[-1], self._undo[:-1]
        old = step.annotation

        def apply(store: Store) -> Annotation | None:
            if step.kind == "marked-read":
                store.mark_read(list(step.article_ids), False)
                return None
            if step.kind in ("deleted", "reattached") and old is not None:
                return store.restore_annotation(old)
            if step.kind == "added" and old is not None:
                store.delete_annotation(old.id)
                return None
            if step.kind == "edited" and old is not None:
                return store.update_annotation(old.id, note=old.note, tags=old.tags, kind=old.kind)
            return store.set_article_note(step.article_id, step.text)

        def undone(result: object) -> None:
            if step.undone is not None:
                step.undone(step.article_ids)
            if step.kind == "marked-read":
                said = f"{counted(len(step.article_ids), 'article')} unread again."
            else:
                said = _UNDONE.get(step.kind, "Article note restored.")
            done(result if isinstance(result, Annotation) else None, said)

        self._write(screen, apply, undone)
