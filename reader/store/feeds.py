"""Feed subscriptions and their fetch state, in one small TinyDB file."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..models import Feed, parse_datetime, utc_now
from .errors import UnknownFeed
from .storage import KeyedTable, open_tinydb

#: Fields a fetch may change on a feed record; anything else is the user's (title, tags).
FETCH_FIELDS = frozenset(
    "url site_url last_fetch last_success status error error_kind warning etag last_modified item_digests feed_title"
    .split()
)


def feed_id_for(url: str) -> str:
    return "f" + hashlib.sha256(url.encode()).hexdigest()[:7]


def feed_from_doc(feed_id: str, doc: dict[str, Any]) -> Feed:
    return Feed(
        id=feed_id,
        url=doc["url"],
        # A title the user gave wins over the one the feed calls itself.
        title=doc.get("title") or doc.get("feed_title", ""),
        tags=tuple(doc.get("tags", ())),
        site_url=doc.get("site_url", ""),
        added=parse_datetime(doc.get("added")),
        last_fetch=parse_datetime(doc.get("last_fetch")),
        last_success=parse_datetime(doc.get("last_success")),
        status=doc.get("status", "new"),
        error=doc.get("error", ""),
        warning=doc.get("warning", ""),
        etag=doc.get("etag", ""),
        last_modified=doc.get("last_modified", ""),
        full_text=doc.get("full_text", "ask"),
    )


class Feeds:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self._db = open_tinydb(path, read_only)

    @property
    def table(self) -> KeyedTable:
        return self._db.table("feeds")

    def forget_caches(self) -> None:
        self._db.storage.forget()

    def all(self) -> dict[str, dict[str, Any]]:
        return dict(self.table.raw())

    def feeds(self) -> list[Feed]:
        return [feed_from_doc(i, doc) for i, doc in self.table.raw().items()]

    def get(self, feed_id: str) -> Feed:
        doc = self.table.raw().get(feed_id)
        if doc is None:
            raise UnknownFeed(feed_id)
        return feed_from_doc(feed_id, doc)

    def resolve(self, ref: str) -> str:
        """A feed id from its id, an unambiguous id prefix, or its URL."""
        docs = self.table.raw()
        ref = ref.strip()
        if ref in docs:
            return ref
        by_url = [i for i, doc in docs.items() if doc["url"] == ref or doc["url"].rstrip("/") == ref.rstrip("/")]
        if len(by_url) == 1:
            return by_url[0]
        prefix = [i for i in docs if i.startswith(ref.lower())] if len(ref) >= 2 else []
        if len(prefix) == 1:
            return prefix[0]
        raise UnknownFeed(ref, prefix if len(prefix) > 1 else None)

    def user_title(self, feed_id: str) -> str:
        title: str = self.table.raw().get(feed_id, {}).get("title", "")
        return title

    def item_digests(self, feed_id: str) -> frozenset[str]:
        return frozenset(self.table.raw().get(feed_id, {}).get("item_digests", ()))

    # Writing: the caller holds the store lock ----------------------------------------------

    def add(self, url: str, title: str = "", tags: list[str] | None = None) -> tuple[str, bool]:
        """Subscribe; returns the feed's id and whether it is new (a known URL is left alone)."""
        return self.add_many([(url, title, tags or [])])[0]

    def add_many(self, subscriptions: list[tuple[str, str, list[str]]]) -> list[tuple[str, bool]]:
        """Subscribe to several (url, title, tags) in one write."""
        by_url = {doc["url"]: feed_id for feed_id, doc in self.table.raw().items()}
        new_docs: dict[str, dict[str, Any]] = {}
        results: list[tuple[str, bool]] = []
        now = utc_now().isoformat()
        for url, title, tags in subscriptions:
            if url in by_url:
                results.append((by_url[url], False))
                continue
            feed_id = by_url[url] = feed_id_for(url)
            new_docs[feed_id] = {"url": url, "title": title, "tags": list(tags), "added": now}
            results.append((feed_id, True))
        if new_docs:
            self.table.put_many(new_docs)
        return results

    def rename(self, feed_id: str, title: str) -> None:
        """The user's name for the feed ("" for the feed's own again)."""
        doc = dict(self.table.raw()[feed_id])
        doc["title"] = title
        self.table.put_many({feed_id: doc})

    def set_full_text(self, feed_id: str, mode: str) -> None:
        """When the feed's items get their pages' full text (one of FULL_TEXT_MODES)."""
        self.table.put_many({feed_id: {**self.table.raw()[feed_id], "full_text": mode}})

    def remove(self, feed_id: str) -> None:
        self.table.delete(feed_id)

    def forget_item_digests(self) -> None:
        """Make every feed's next fetch parse all its items, known or not."""
        stale = {
            feed_id: {k: v for k, v in doc.items() if k != "item_digests"}
            for feed_id, doc in self.table.raw().items()
            if "item_digests" in doc
        }
        if stale:
            self.table.put_many(stale)

    def record_fetches(self, changes: dict[str, dict[str, Any]]) -> None:
        """Apply many feeds' fetch outcomes in one write; feeds removed meanwhile are skipped."""
        docs = self.table.raw()
        merged: dict[str, dict[str, Any]] = {}
        for feed_id, fields in changes.items():
            if feed_id in docs:
                unknown = set(fields) - FETCH_FIELDS
                if unknown:
                    raise ValueError(f"not fetch fields: {sorted(unknown)}")
                merged[feed_id] = {**docs[feed_id], **fields}
        if merged:
            self.table.put_many(merged)
