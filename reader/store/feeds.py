"""Feed subscriptions and their fetch state, in one small TinyDB file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..models import utc_now
from .storage import KeyedTable, open_tinydb


def feed_id_for(url: str) -> str:
    return "f" + hashlib.sha256(url.encode()).hexdigest()[:7]


class Feeds:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self._db = open_tinydb(path, read_only)

    @property
    def table(self) -> KeyedTable:
        return self._db.table("feeds")

    def forget_caches(self) -> None:
        self._db.storage.forget()

    def all(self) -> dict[str, dict]:
        return dict(self.table.raw())

    def add(self, url: str, title: str = "", tags: list[str] | None = None) -> str:
        """Subscribe (the caller holds the store lock); adding a known URL returns its id."""
        feed_id = feed_id_for(url)
        if feed_id not in self.table.raw():
            self.table.put(feed_id, {"url": url, "title": title, "tags": tags or [], "added": utc_now().isoformat()})
        return feed_id
