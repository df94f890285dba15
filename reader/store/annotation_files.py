"""Annotation documents in sixteen files, one per first hex digit of the article id.

One file for every annotation made each save rewrite all of them: at 10,000 annotations
(about 4 MB of JSON) a durable save took over 20 ms. Split by article, a save rewrites
about a sixteenth of that, and an article's annotations are always in one file, so
re-anchoring an edited article or setting its note writes once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .files import fsync_folder
from .storage import FileSignature, KeyedTable, KeyedTinyDB, open_tinydb

#: Article ids are hex digests; anything else (hand-edited files) goes to one more file.
SHARDS = tuple("0123456789abcdef") + ("other",)
TABLE = "annotations"


def shard_of(article_id: str) -> str:
    first = article_id[:1].lower()
    return first if first in SHARDS else "other"


class AnnotationFiles:
    """The same small API as a KeyedTable (``raw``, ``put_many``, ``delete_many``) over the shards.

    ``raw()`` merges every shard into one dict by annotation id, as the single table did,
    so readers such as ``UserState.annotated_ids`` and the search index do not change.
    The caller holds the store lock for every write.
    """

    def __init__(self, folder: Path, legacy: Path, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only
        self._dbs: dict[str, KeyedTinyDB] = {name: open_tinydb(folder / f"{name}.json", read_only) for name in SHARDS}
        #: Stores made before the split kept every annotation in state/annotations.json;
        #: it is read as one more shard and emptied into the others at the next write.
        self._legacy = open_tinydb(legacy, read_only)
        self._merged: dict[str, dict[str, Any]] | None = None
        self._merged_signature: tuple[FileSignature | None, ...] | None = None

    def databases(self) -> tuple[KeyedTinyDB, ...]:
        return (*self._dbs.values(), self._legacy)

    def _table(self, shard: str) -> KeyedTable:
        return self._dbs[shard].table(TABLE)

    def forget(self) -> None:
        for db in self.databases():
            db.storage.forget()
        self._merged = None

    def signature(self) -> tuple[FileSignature | None, ...]:
        return tuple(db.storage.signature() for db in self.databases())

    # Reading -----------------------------------------------------------------------------

    def raw(self) -> dict[str, dict[str, Any]]:
        """Every annotation document by id; callers must not mutate what they get."""
        signature = self.signature()
        if self._merged is None or signature != self._merged_signature:
            merged: dict[str, dict[str, Any]] = dict(self._legacy.table(TABLE).raw())
            for shard in SHARDS:
                merged.update(self._table(shard).raw())
            self._merged, self._merged_signature = merged, signature
        return self._merged

    def of_article(self, article_id: str) -> dict[str, dict[str, Any]]:
        """One article's documents by id, reading only the file that holds them."""
        found = {i: d for i, d in self._table(shard_of(article_id)).raw().items() if d.get("article") == article_id}
        legacy = self._legacy.table(TABLE).raw()
        if legacy:
            found.update({i: d for i, d in legacy.items() if d.get("article") == article_id})
        return found

    def get(self, annotation_id: str) -> dict[str, Any] | None:
        return self.raw().get(annotation_id)

    # Writing -----------------------------------------------------------------------------

    def put_many(self, docs: dict[str, dict[str, Any]]) -> None:
        """Insert or replace documents by id, one write per shard touched."""
        self._empty_legacy()
        current = self.raw()
        by_shard: dict[str, dict[str, dict[str, Any]]] = {}
        for annotation_id, doc in docs.items():
            shard = shard_of(doc.get("article", ""))
            old = current.get(annotation_id)
            if old is not None and shard_of(old.get("article", "")) != shard:
                self._table(shard_of(old.get("article", ""))).delete(annotation_id)
            by_shard.setdefault(shard, {})[annotation_id] = doc
        for shard, shard_docs in by_shard.items():
            self.folder.mkdir(parents=True, exist_ok=True)
            self._table(shard).put_many(shard_docs)

    def put(self, annotation_id: str, doc: dict[str, Any]) -> None:
        self.put_many({annotation_id: doc})

    def delete_many(self, annotation_ids: list[str]) -> int:
        self._empty_legacy()
        current = self.raw()
        by_shard: dict[str, list[str]] = {}
        for annotation_id in annotation_ids:
            if annotation_id in current:
                by_shard.setdefault(shard_of(current[annotation_id].get("article", "")), []).append(annotation_id)
        return sum(self._table(shard).delete_many(ids) for shard, ids in by_shard.items())

    def delete(self, annotation_id: str) -> bool:
        return self.delete_many([annotation_id]) == 1

    def _empty_legacy(self) -> None:
        """Move the old single file's documents into the shards, then remove it.

        Shards are written before the old file goes, so a crash in between leaves the
        documents in both places, and the next write moves them again: nothing is lost.
        """
        legacy = self._legacy.table(TABLE).raw()
        if not legacy:
            return
        by_shard: dict[str, dict[str, dict[str, Any]]] = {}
        for annotation_id, doc in legacy.items():
            by_shard.setdefault(shard_of(doc.get("article", "")), {})[annotation_id] = doc
        self.folder.mkdir(parents=True, exist_ok=True)
        for shard, docs in by_shard.items():
            self._table(shard).put_many(docs)
        self._legacy.storage.path.unlink()
        fsync_folder(self._legacy.storage.path.parent)
        self._legacy.storage.forget()
        self._merged = None
