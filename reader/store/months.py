"""The metadata shards, one TinyDB file per publication month, opened and parsed on demand."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from .held_months import HeldMonths
from .storage import KeyedTinyDB, open_tinydb


def shard_of(moment: datetime) -> str:
    return moment.strftime("%Y-%m")


#: Document fields that many articles share (a feed's id, its outlet and site, its authors,
#: the kind): parsing makes one string per article of each, interning makes one in all.
SHARED_FIELDS = ("source", "outlet", "outlet_url", "author", "kind", "first_seen")


class MonthShards:
    """The month files in ``folder``: each opened once, its documents made compact when parsed,
    and let go again past the limit of ``held`` (see HeldMonths)."""

    def __init__(self, folder: Path, held: HeldMonths, read_only: bool = False) -> None:
        self.folder = folder
        self.held = held
        self.read_only = read_only
        #: The months opened so far, by name.
        self.opened: dict[str, KeyedTinyDB] = {}
        #: Per shard, the parsed documents last made compact (by identity: a re-read replaces them).
        self._compacted: dict[str, int] = {}

    def names(self) -> list[str]:
        """Shard names, newest first."""
        return sorted((p.stem for p in self.folder.glob("*.json")), reverse=True)

    def db(self, name: str) -> KeyedTinyDB:
        db = self.opened.get(name)
        if db is None:
            db = self.opened[name] = open_tinydb(self.folder / f"{name}.json", self.read_only)
        return db

    def docs(self, name: str) -> dict[str, dict[str, Any]]:
        """A month's documents as stored, by id; callers must not mutate them."""
        docs = self.db(name).table("articles").raw()
        if self._compacted.get(name) != id(docs):
            # A month stays parsed in memory (every month, but in the app: see HeldMonths): the
            # values its documents repeat are held once, and a GUID that is the link shares its string.
            for doc in docs.values():
                for key in SHARED_FIELDS:
                    value = doc.get(key)
                    if type(value) is str:
                        doc[key] = sys.intern(value)
                if doc.get("guid") == doc.get("url"):
                    doc["guid"] = doc["url"]
            self._compacted[name] = id(docs)
            if self.held.limit is not None:  # parsed now, it may soon be let go: its hashes stay
                self.held.keep_hashes(name, self.db(name).storage.parsed_signature, hashes_of(docs))
        self.release(name)
        return docs

    def release(self, used: str) -> None:
        """Let go of the months used longest ago, past ``held.limit`` (see HeldMonths)."""
        for month in self.held.used(used):
            self.opened[month].storage.forget()
            self._compacted.pop(month, None)

    def hashes(self, name: str) -> dict[str, str]:
        """A month's content hashes by article id, newest first (callers must not mutate it),
        kept apart from its documents, so that asking for them never holds a month parsed."""
        storage = self.db(name).storage
        found = self.held.hashes(name, storage.signature())
        if found is None:
            found = hashes_of(self.docs(name))
            self.held.keep_hashes(name, storage.parsed_signature, found)
        return found

    def write(self, shard: str, docs: dict[str, dict[str, Any]]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.db(shard).table("articles").put_many(docs)
        self.release(shard)  # the write left the month parsed

    def delete(self, shard: str, ids: list[str]) -> None:
        self.db(shard).table("articles").delete_many(ids)

    def forget(self) -> None:
        for db in self.opened.values():
            db.storage.forget()
        self._compacted.clear()
        self.held.forget()

    def size_on_disk(self) -> int:
        return sum(p.stat().st_size for p in self.folder.glob("*.json"))


def hashes_of(docs: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each document's content hash by id, newest first (the order the analysis takes them in)."""
    newest = sorted(((doc["published"], article_id, doc["hash"]) for article_id, doc in docs.items()), reverse=True)
    return {article_id: digest for _, article_id, digest in newest}
