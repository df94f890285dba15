"""Read state, stars and tags from the main screen's keys: shown at once, written in the background."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from ....models import Article, ArticleState
from ....store import Store
from ....text import counted
from ...annotation_edits import AnnotationEdits, Undo
from ...listing import Listing
from ..dialogs import Confirm
from ..tags import TagEditor

if TYPE_CHECKING:
    from ...app import BroadsheetApp


class Marking:
    """A mark shows in the list and the reader as soon as the key is pressed; the write follows in
    the app's writer, in order. A write that fails says so and the screen re-reads the store, so
    what is shown never stays ahead of what is saved."""

    def __init__(self, app: BroadsheetApp, screen: Screen, listing: Listing, *,
                 changed: Callable[[], None], failed: Callable[[Exception], None], edits: AnnotationEdits) -> None:
        self._app = app
        self._screen = screen
        self._listing = listing
        self._changed = changed
        self._failed = failed
        #: The session's undo history, shared with the highlights: `u` takes back the latest.
        self._edits = edits

    def set_read(self, article_ids: list[str], read: bool) -> None:
        if not self._app.check_writable(self._screen):
            return
        self._listing.note_read(article_ids, read)
        self._changed()
        write = self._app.writes.submit(lambda store: store.mark_read(article_ids, read), on_error=self._failed)
        self._listing.hold_read(article_ids, read, write)

    def toggle_read(self, article: Article) -> None:
        self.set_read([article.id], not self._listing.is_read(article.id))

    def mark_all_read(self, screenful: int) -> None:
        """Mark every unread article in the list read; more than ``screenful`` (what the user can
        see) is asked first, as a slip of the finger would otherwise cost a whole feed's state."""
        unread = [a.id for a in self._listing.rows if not self._listing.is_read(a.id)]
        if not unread:
            self._screen.notify("Every article in the list is read already.", timeout=3, markup=False)
            return
        if not self._app.check_writable(self._screen):
            return

        def mark(sure: bool | None = True) -> None:
            if not sure:
                return
            self.set_read(unread, True)
            self._edits.remember(Undo("marked-read", article_ids=tuple(unread), undone=self._unmarked))
            self._screen.notify(f"Marked {counted(len(unread), 'article')} read. u undoes.", timeout=4, markup=False)

        if len(unread) > screenful:
            question = f"Mark {counted(len(unread), 'article')} read, more than the screen shows?"
            self._app.push_screen(Confirm(question, yes="Mark read", no="Cancel"), mark)
        else:
            mark()

    def _unmarked(self, article_ids: tuple[str, ...]) -> None:
        """After an undo of `A`: show the articles unread again (the store has them so already)."""
        self._listing.note_read(list(article_ids), False)
        self._changed()

    def toggle_star(self, article: Article) -> None:
        self.set_marks(article, starred=not self._listing.is_starred(article.id))

    def edit_tags(self, article: Article) -> None:
        if not self._app.check_writable(self._screen):
            return

        def apply(tags: tuple[str, ...] | None) -> None:
            if tags is not None and tags != self._listing.tags(article.id):
                self.set_marks(article, tags=tags)

        editor = TagEditor(article.title, self._listing.tags(article.id), self._listing.known_tags())
        self._app.push_screen(editor, apply)

    def set_marks(self, article: Article, *, starred: bool | None = None, tags: tuple[str, ...] | None = None) -> None:
        if not self._app.check_writable(self._screen):
            return
        new_starred = self._listing.is_starred(article.id) if starred is None else starred
        # Sorted as the store keeps them, so the order shown does not change after a restart.
        new_tags = self._listing.tags(article.id) if tags is None else tuple(sorted(set(tags)))
        self._listing.note_mark(article.id, new_starred, new_tags)
        self._changed()

        def apply(store: Store) -> ArticleState | None:
            if starred is not None:
                store.set_starred(article.id, starred)
            if tags is not None:
                return store.set_tags(article.id, tags)
            return None

        def done(state: ArticleState | None) -> None:
            self._app.indexing.update()  # tags are searchable
            if state is not None:
                shown = " ".join("#" + t for t in state.tags) or "none"
                self._screen.notify(f"Tags saved: {shown}", timeout=3, markup=False)

        self._listing.hold_mark(article.id, self._app.writes.submit(apply, on_done=done, on_error=self._failed))
