"""The Store's marks half: what the user read, starred and tagged, and where the app was left."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..models import ArticleState, Marks
from ..text import normalise_tag

if TYPE_CHECKING:
    from .base import StoreBase
else:
    StoreBase = object


class MarkMethods(StoreBase):
    """A change to a mark is recorded in the journal too, for the next sync (see Journal)."""

    def state(self, article_id: str) -> ArticleState:
        with self._mutex:
            return self.user.state(article_id)

    def states(self) -> tuple[set[str], dict[str, Marks]]:
        """(ids read, stars and tags by id of the articles that have any): what a list needs to
        draw every row."""
        with self._mutex:
            read_ids, marks = self.user.read_ids(), self.user.all_marks()
        return read_ids, {i: Marks(bool(m.get("starred")), tuple(m.get("tags", ()))) for i, m in marks.items()}

    def states_of(self, article_ids: Iterable[str]) -> tuple[set[str], dict[str, Marks]]:
        """``states()`` for these articles only: a listing of 20 need not convert 100,000 marks."""
        wanted = set(article_ids)
        with self._mutex:
            read, marks = self.user.read.raw(), self.user.marks.raw()
            return read.keys() & wanted, {
                i: Marks(bool(m.get("starred")), tuple(m.get("tags", ()))) for i in marks.keys() & wanted
                if (m := marks[i])
            }

    def mark_read(self, article_ids: Iterable[str], read: bool = True) -> list[str]:
        with self.writing():
            changed = self.user.set_read(list(article_ids), read)
            self.journal.record([(i, "read", read) for i in changed])
            return changed

    def _update_mark(self, article_id: str, *, starred: bool | None = None,
                     tags: list[str] | None = None) -> ArticleState:
        before = self.user.state(article_id)
        after = self.user.update_mark(article_id, starred=starred, tags=tags)
        self.journal.record([
            *([(article_id, "starred", after.starred)] if after.starred != before.starred else []),
            *([(article_id, "tags", list(after.tags))] if after.tags != before.tags else []),
        ])
        return after

    def set_starred(self, article_id: str, starred: bool) -> ArticleState:
        with self.writing():
            return self._update_mark(article_id, starred=starred)

    def set_tags(self, article_id: str, tags: Iterable[str]) -> ArticleState:
        with self.writing():
            return self._update_mark(article_id, tags=list(tags))

    def add_tags(self, article_id: str, tags: Iterable[str]) -> ArticleState:
        with self.writing():
            current = self.user.state(article_id).tags
            return self._update_mark(article_id, tags=[*current, *tags])

    def remove_tags(self, article_id: str, tags: Iterable[str]) -> ArticleState:
        with self.writing():
            drop = {normalise_tag(t) for t in tags}
            current = self.user.state(article_id).tags
            return self._update_mark(article_id, tags=[t for t in current if t not in drop])

    def change_marks(
        self, article_ids: Iterable[str], *, starred: bool | None = None,
        add_tags: Iterable[str] = (), remove_tags: Iterable[str] = (),
    ) -> list[str]:
        """Star, unstar, tag or untag many articles in one write; returns the ids that changed."""
        add = [normalise_tag(t) for t in add_tags]
        drop = {normalise_tag(t) for t in remove_tags}
        with self.writing():
            changed = self.user.change_marks(list(article_ids), starred=starred, add_tags=add, remove_tags=drop)
            if changed and self.journal.active:
                marks = self.user.all_marks()
                self.journal.record([
                    *((i, "starred", bool(marks.get(i, {}).get("starred"))) for i in changed if starred is not None),
                    *((i, "tags", list(marks.get(i, {}).get("tags", ()))) for i in changed if add or drop),
                ])
            return changed

    def tag_counts(self) -> Counter[str]:
        with self._mutex:
            return Counter(tag for mark in self.user.all_marks().values() for tag in mark.get("tags", ()))

    # Session (where the app was left) ------------------------------------------------------

    def session(self) -> dict[str, Any]:
        with self._mutex:
            return dict(self.user.session.raw().get("app", {}))

    def save_session(self, **values: Any) -> None:
        with self.writing():
            current = dict(self.user.session.raw().get("app", {}))
            if all(current.get(k) == v for k, v in values.items()):
                return
            current.update(values)
            self.user.session.put("app", current)
