"""The Store's deleting half: articles removed on request, and what a fetch must not bring back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import ArticleDraft, utc_now
from .storage import KeyedTable, open_tinydb

if TYPE_CHECKING:
    from .base import StoreBase
else:
    StoreBase = object


@dataclass(frozen=True, slots=True)
class ArticleRemoval:
    #: The ids deleted, and those kept because the user starred, tagged or annotated them.
    removed: tuple[str, ...]
    kept: tuple[str, ...]


class RemovalMethods(StoreBase):
    """Mixed into Store; uses its lock (``writing``) and parts."""

    def remove_articles(self, article_ids: Iterable[str], *, force: bool = False) -> ArticleRemoval:
        """Delete articles, except (without ``force``) those the user starred, tagged or annotated.

        With ``force`` their marks and annotations go too. A feed still subscribed would send a
        deleted item again: its key and link are remembered so a fetch leaves it out.
        """
        with self.writing():
            known = self.library.index()["ids"]
            wanted = list(dict.fromkeys(i for i in article_ids if i in known))
            keep = set() if force else self._kept_ids()
            doomed = [i for i in wanted if i not in keep]
            articles = [self.library.get(i) for i in doomed]
            self._forget_articles(doomed)
            if force and doomed:
                self.user.marks.delete_many(doomed)
                gone = set(doomed)
                notes = [key for key, doc in self.user.annotations.raw().items() if doc.get("article") in gone]
                if notes:
                    self.user.annotations.delete_many(notes)
            at = utc_now().isoformat()
            self._deleted().put_many(
                {f"{a.source}|{a.guid}": {"at": at, "url": a.url} for a in articles if a.source not in LOCAL}
            )
            return ArticleRemoval(tuple(doomed), tuple(i for i in wanted if i in keep))

    def _kept_ids(self) -> set[str]:
        """Articles the user marked: what removing a feed or a query keeps unless forced."""
        return set(self.user.all_marks()) | self.user.annotated_ids()

    def _forget_articles(self, doomed: list[str]) -> int:
        """Delete articles and what is derived from them; the caller holds the lock. The search
        index and the stories see the months' files change and drop them on their next sync."""
        if not doomed:
            return 0
        self._drop_entity_results(doomed)
        removed = self.library.remove(doomed)
        self.user.set_read(doomed, False)
        return removed

    def _not_deleted(self, drafts: list[ArticleDraft]) -> list[ArticleDraft]:
        """The drafts of a fetch less the items the user deleted (by feed and GUID, or by link)."""
        deleted = self._deleted().raw()
        if not deleted:
            return drafts
        links = {doc.get("url") for doc in deleted.values()} - {""}
        return [d for d in drafts if f"{d.source}|{d.guid}" not in deleted and d.url not in links]

    def _deleted(self) -> KeyedTable:
        return open_tinydb(self.home / "state" / "deleted.json", self.read_only).table("deleted")


#: Sources that are not feeds: an article imported again from its file is meant to come back.
LOCAL = ("seed", "import", "saved")
