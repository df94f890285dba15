"""The Store's feed half: subscriptions, their counts, and saving what a fetch brought."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..models import FULL_TEXT_MODES, AddResult, ArticleDraft, Feed
from ..text import normalise_tag

if TYPE_CHECKING:
    from .base import StoreBase
else:
    StoreBase = object


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """One feed's share of a fetch: its new and changed articles and its new fetch state."""

    feed_id: str
    drafts: tuple[ArticleDraft, ...] = ()
    #: Fetch fields for the feed record (status, error, etag, item_digests...).
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FeedCounts:
    articles: int = 0
    unread: int = 0


@dataclass(frozen=True, slots=True)
class FeedRemoval:
    feed: Feed
    #: Articles deleted with the feed, and articles kept because the user marked them.
    removed: int
    kept: int


#: Sources of articles that no feed brought: the seeds, imported files, pages saved by URL.
LOCAL_SOURCES = ("seed", "import", "saved")


class FeedMethods(StoreBase):
    """Mixed into Store; uses its lock (``writing``), mutex and parts."""

    def feeds(self) -> list[Feed]:
        with self._mutex:
            return sorted(self.feeds_file.feeds(), key=lambda f: (f.name.casefold(), f.url))

    def feed(self, ref: str) -> Feed:
        with self._mutex:
            return self.feeds_file.get(self.feeds_file.resolve(ref))

    def add_feed(
        self, url: str, title: str = "", tags: Iterable[str] = (), *, feed_title: str = ""
    ) -> tuple[Feed, bool]:
        """Subscribe to ``url`` (already checked to be http/https); a known URL is left alone.

        ``title`` is the user's name for the feed; ``feed_title`` the name the feed gave itself
        when it was checked, shown until a fetch brings the current one.
        """
        with self.writing():
            feed_id, created = self.feeds_file.add(url, title, _tags(tags))
            if created and feed_title:
                self.feeds_file.record_fetches({feed_id: {"feed_title": feed_title}})
            return self.feeds_file.get(feed_id), created

    def rename_feed(self, ref: str, title: str) -> Feed:
        """Give the feed (by URL or id) the user's name; "" goes back to the feed's own. Its
        articles from now on show under it."""
        with self.writing():
            feed_id = self.feeds_file.resolve(ref)
            self.feeds_file.rename(feed_id, " ".join(title.split()))
            return self.feeds_file.get(feed_id)

    def set_feed_full_text(self, ref: str, mode: str) -> Feed:
        """Whether the feed's new items get their pages' full text: "always", "never" or "ask"."""
        if mode not in FULL_TEXT_MODES:
            raise ValueError(f"full text must be one of {', '.join(FULL_TEXT_MODES)}")
        with self.writing():
            feed_id = self.feeds_file.resolve(ref)
            self.feeds_file.set_full_text(feed_id, mode)
            return self.feeds_file.get(feed_id)

    def add_feeds(self, subscriptions: Iterable[tuple[str, str, Iterable[str]]]) -> list[tuple[Feed, bool]]:
        """Subscribe to many (url, title, tags) at once, as an import does; one write."""
        with self.writing():
            added = self.feeds_file.add_many([(url, title, _tags(tags)) for url, title, tags in subscriptions])
            return [(self.feeds_file.get(feed_id), created) for feed_id, created in added]

    def remove_feed(self, ref: str) -> FeedRemoval:
        """Unsubscribe, deleting the feed's articles except those the user starred, tagged or annotated."""
        with self.writing():
            feed_id = self.feeds_file.resolve(ref)
            feed = self.feeds_file.get(feed_id)
            ids = self.library.ids_by_source().get(feed_id, [])
            keep = self._kept_ids()
            doomed = [i for i in ids if i not in keep]
            removed = self._forget_articles(doomed)
            self.feeds_file.remove(feed_id)
            if removed:
                # Another feed may carry a removed story under the same link (stored once, under
                # this feed): its next fetch reads every item again, so the story comes back.
                self.feeds_file.forget_item_digests()
            return FeedRemoval(feed, removed, len(ids) - len(doomed))

    def feed_article_ids(self, ref: str) -> list[str]:
        """The ids of the articles a feed (by URL or id) brought."""
        with self._mutex:
            if ref in LOCAL_SOURCES:  # not feeds, but listed like one: `list --feed saved`
                return list(self.library.ids_by_source().get(ref, []))
            return list(self.library.ids_by_source().get(self.feeds_file.resolve(ref), []))

    def feed_counts(self) -> dict[str, FeedCounts]:
        """Articles and unread articles per source (feed id, or "seed" / "import")."""
        with self._mutex:
            read_ids = self.user.read_ids()
            return {
                source: FeedCounts(len(ids), sum(1 for i in ids if i not in read_ids))
                for source, ids in self.library.ids_by_source().items()
            }

    def feed_item_digests(self, feed_id: str) -> frozenset[str]:
        """Fingerprints of the items the feed sent last time, so unchanged ones skip parsing."""
        with self._mutex:
            return self.feeds_file.item_digests(feed_id)

    def feed_user_title(self, feed_id: str) -> str:
        """The name the user gave the feed; "" when it goes by the title the feed gives itself."""
        with self._mutex:
            return self.feeds_file.user_title(feed_id)

    def save_fetches(self, updates: list[FeedUpdate]) -> dict[str, AddResult]:
        """Store several feeds' fetch results in one locked write; returns each feed's share.

        A feed removed while it was being fetched gets nothing stored.
        """
        with self.writing():
            subscribed = self.feeds_file.all()
            updates = [u for u in updates if u.feed_id in subscribed]
            # Items the user deleted stay deleted, however often the feed sends them.
            drafts = self._not_deleted([d for u in updates for d in u.drafts])
            added, updated, _ = self.library.add(drafts) if drafts else ([], [], [])
            if updated:
                # An outlet edited these articles: highlights on them move with the text.
                self._reanchor_changed(updated)
            keys = self.library.index()["keys"]
            added_set, updated_set = set(added), set(updated)
            results: dict[str, AddResult] = {}
            for update in updates:
                ids = [keys.get(f"{d.source}|{d.guid}") for d in update.drafts]
                results[update.feed_id] = AddResult(
                    added=tuple(i for i in ids if i in added_set),
                    updated=tuple(i for i in ids if i in updated_set),
                    unchanged=tuple(i for i in ids if i and i not in added_set and i not in updated_set),
                )
            self.feeds_file.record_fetches({u.feed_id: u.changes for u in updates if u.changes})
            return results


def _tags(tags: Iterable[str]) -> list[str]:
    return sorted({normalise_tag(t) for t in tags if normalise_tag(t)})
