"""Article metadata in monthly TinyDB shards, with a derived index from ids and keys to shards."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from ..models import Article, ArticleDraft, Body, Revision
from .bodies import BodyPacks
from .docs import article_from_doc, replaced_by_full_text
from .errors import AmbiguousArticle, CorruptFile, StoreError, UnknownArticle
from .files import write_atomically
from .held_months import HeldMonths
from .id_list import IdList, read_id_list, write_id_list
from .library_index import LibraryIndex, ids_by_source, index_doc, is_index, signature, unindex
from .merging import merge_drafts
from .months import MonthShards
from .storage import FileSignature


class Library:
    """Metadata shards are split by publication month.

    New articles land in the newest shards, so a fetch rewrites a month's worth of
    metadata rather than the whole library, and "newest first" reads only recent files.
    The index (ids, source keys and links to shards) is derived data: rebuilt from the
    shards whenever it is missing or unreadable.
    """

    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.folder = folder
        self.meta_folder = folder / "meta"
        self.bodies = BodyPacks(folder / "bodies")
        self.read_only = read_only
        self.held = HeldMonths()
        self.months = MonthShards(self.meta_folder, self.held, read_only)
        self._index: LibraryIndex | None = None
        self._index_signature: FileSignature | None = None

    @property
    def index_path(self) -> Path:
        return self.folder / "index.json"

    @property
    def id_list_path(self) -> Path:
        return self.folder / "ids.txt"

    def shard_names(self) -> list[str]:
        """Shard names, newest first."""
        return self.months.names()

    def hashes(self, name: str) -> dict[str, str]:
        """A month's content hashes by article id, newest first (callers must not mutate it)."""
        return self.months.hashes(name)

    def shards_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The month of each of these ids that is stored: from the index when it is in memory,
        else from the id list, so that the index (70 MB parsed at 100,000 articles) is parsed
        for this only when the list is out of date."""
        id_list = self._id_list()
        if id_list is None:
            shards = self.index()["ids"]
            return {article_id: shards[article_id] for article_id in article_ids if article_id in shards}
        found = {}
        for article_id in article_ids:
            shard = id_list.shard_of(article_id)
            if shard:
                found[article_id] = shard
        return found

    def shard_docs(self, name: str) -> dict[str, dict[str, Any]]:
        """A month's documents as stored, by id; callers must not mutate them."""
        return self.months.docs(name)

    def shard_articles(self, name: str) -> list[Article]:
        return [article_from_doc(i, name, doc) for i, doc in self.months.docs(name).items()]

    def forget_caches(self) -> None:
        self.months.forget()
        self._index = None

    # The index ---------------------------------------------------------------------------

    def index(self) -> LibraryIndex:
        on_disk = signature(self.index_path)
        if self._index is None or on_disk != self._index_signature:
            try:
                self._index = orjson.loads(self.index_path.read_bytes())
            except (FileNotFoundError, orjson.JSONDecodeError):
                self._index = None
            if not is_index(self._index):
                self._index = self.rebuild_index(write=not self.read_only)
            else:
                loaded = self._index
                self._index = self._up_to_date(loaded)
                if self._index is loaded and on_disk == signature(self.index_path):
                    self._restore_id_list(loaded, on_disk)
            self._index_signature = signature(self.index_path)
        return self._index

    def _restore_id_list(self, index: LibraryIndex, on_disk: FileSignature | None) -> None:
        """Write the id list of an index read from disk that has none (an older version wrote it).

        Without the store lock, as the rebuild above: the list is only used while its header
        matches the index and the shards, so one written for an index just replaced is ignored.
        """
        if self.read_only or read_id_list(self.id_list_path, on_disk, index.get("shards", {})) is not None:
            return
        try:
            write_id_list(self.id_list_path, index["ids"], on_disk, index.get("shards", {}))
        except StoreError:
            pass  # a full disk or a read-only folder: the index still answers

    def _up_to_date(self, index: LibraryIndex) -> LibraryIndex:
        """The index, or a fresh one if a shard changed behind its back.

        That happens when a writer died between writing a shard and the index (or is
        between them now): the new one lives in memory only; the next add, under the
        lock, saves it.
        """
        if index.get("shards") == self.shard_signatures():
            return index
        try:
            return self.rebuild_index(write=False)
        except CorruptFile:
            # A damaged shard cannot be re-read; the index we have keeps the other months usable.
            return index

    def shard_signatures(self) -> dict[str, list[int]]:
        """Each shard file's identity, recorded in the index to tell when it fell behind."""
        return {p.stem: list(signature(p) or ()) for p in self.meta_folder.glob("*.json")}

    def rebuild_index(self, write: bool = True) -> LibraryIndex:
        index: LibraryIndex = {"ids": {}, "keys": {}, "links": {}, "shards": self.shard_signatures()}
        for name in self.shard_names():
            for article_id, doc in self.months.docs(name).items():
                index_doc(index, article_id, name, doc)
        if write:
            self._write_index(index)
        return index

    def _write_index(self, index: LibraryIndex) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.index_path, orjson.dumps(index))
        self._index = index
        self._index_signature = signature(self.index_path)
        write_id_list(self.id_list_path, index["ids"], self._index_signature, index.get("shards", {}))
        if self.held.limit is not None:
            # A process holding few months (the app) reads the id list, not the index: the next
            # write parses the index again (a tenth of a second) rather than holding it.
            self._index = None

    def _id_list(self) -> IdList | None:
        """The sorted ids, when the index is not in memory already and the file matches the index
        and the shards on disk; None sends the caller to the index (which may rebuild itself)."""
        on_disk = signature(self.index_path)
        if self._index is not None and on_disk == self._index_signature:
            return None
        return read_id_list(self.id_list_path, on_disk, self.shard_signatures())

    def resolve(self, ref: str) -> str:
        """A full id, from a full id or an unambiguous prefix of one."""
        ref = ref.strip().lower()
        id_list = self._id_list()
        if id_list is not None:
            matches = id_list.with_prefix(ref) if ref else []
            if ref in matches:
                return ref
        else:
            ids = self.index()["ids"]
            if ref in ids:
                return ref
            matches = [i for i in ids if i.startswith(ref)] if ref else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousArticle(ref, matches)
        raise UnknownArticle(ref)

    def id_for(self, source: str, guid: str) -> str | None:
        return self.index()["keys"].get(f"{source}|{guid}")

    def get(self, article_id: str) -> Article:
        id_list = self._id_list()
        shard = id_list.shard_of(article_id) if id_list is not None else self.index()["ids"].get(article_id)
        doc = self.months.docs(shard).get(article_id) if shard else None
        if not shard or doc is None:
            raise UnknownArticle(article_id)
        return article_from_doc(article_id, shard, doc)

    def get_many(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The stored ones of these articles by id, read a month at a time: with few months held
        (HeldMonths), ids in no order would parse a month for each."""
        per_month: dict[str, list[str]] = {}
        for article_id, shard in self.shards_of(article_ids).items():
            per_month.setdefault(shard, []).append(article_id)
        found: dict[str, Article] = {}
        for shard, ids in per_month.items():
            docs = self.months.docs(shard)
            found.update((i, article_from_doc(i, shard, docs[i])) for i in ids if i in docs)
        return found

    def count(self) -> int:
        id_list = self._id_list()
        return id_list.count if id_list is not None else len(self.index()["ids"])

    def month_sizes(self) -> dict[str, int]:
        """Articles stored per month, counted in the id list when it is up to date (the search
        index and the stories ask at every update, and must not make the app hold the index)."""
        id_list = self._id_list()
        if id_list is not None:
            return id_list.month_sizes()
        sizes: dict[str, int] = {}
        for shard in self.index()["ids"].values():
            sizes[shard] = sizes.get(shard, 0) + 1
        return sizes

    def article_ids(self) -> list[str]:
        id_list = self._id_list()
        return id_list.ids() if id_list is not None else list(self.index()["ids"])

    def body(self, article: Article) -> Body:
        # The article carries its body's address, so opening it never parses a month's metadata.
        return self.bodies.read(article.shard, article.body_ref)

    def revisions(self, article: Article) -> list[Revision]:
        """Earlier versions of an article, oldest first, with when each was replaced."""
        doc = self.months.docs(article.shard)[article.id]
        return [
            Revision(rev["replaced"], rev.get("title", ""), self.bodies.read(article.shard, tuple(rev["body"])),
                     replaced_by_full_text(rev, doc))
            for rev in doc.get("revisions", ())
        ]

    # Writing -----------------------------------------------------------------------------

    def add(self, drafts: Iterable[ArticleDraft]) -> tuple[list[str], list[str], list[str]]:
        """Insert new articles and update changed ones; the caller holds the store lock.

        An article is identified by (source, guid), and also by its link so the same
        story arriving from two feeds shows once. A changed article keeps its id (and so
        the user's marks) and its previous body is kept as a revision.
        """
        index = self._index = self._up_to_date(self.index())
        try:
            added, updated, unchanged = merge_drafts(index, drafts, self.months, self.bodies)
            if added or updated:
                index["shards"] = self.shard_signatures()
                self._write_index(index)
            return added, updated, unchanged
        except BaseException:
            # Ids are reserved in the cached index as the batch goes: a batch that fails
            # part-way (disk full...) must not leave ids behind that point at nothing.
            self._index = None
            raise

    def put_docs(self, shard: str, docs: dict[str, dict[str, Any]]) -> None:
        """Rewrite documents of articles already stored (the caller holds the store lock)."""
        self.months.write(shard, docs)
        index = self.index()
        index["shards"] = self.shard_signatures()
        self._write_index(index)

    def remove(self, article_ids: Iterable[str]) -> int:
        """Delete articles' metadata (the caller holds the store lock); returns how many went.

        Their bodies stay in the packs as dead bytes: packs are append-only, so a crash
        can never damage a body that is still in use.
        """
        index = self._index = self._up_to_date(self.index())
        per_shard: dict[str, list[str]] = {}
        for article_id in article_ids:
            shard = index["ids"].get(article_id)
            if shard:
                per_shard.setdefault(shard, []).append(article_id)
        removed: dict[str, dict[str, Any]] = {}
        try:
            for shard, ids in per_shard.items():
                docs = self.months.docs(shard)
                removed.update({i: docs[i] for i in ids if i in docs})
                self.months.delete(shard, ids)
            if removed:
                unindex(index, removed)
                index["shards"] = self.shard_signatures()
                self._write_index(index)
        except BaseException:
            self._index = None
            raise
        return len(removed)

    def ids_by_source(self) -> dict[str, list[str]]:
        return ids_by_source(self.index())

    def size_on_disk(self) -> int:
        meta = self.months.size_on_disk()
        index = sum(p.stat().st_size for p in (self.index_path, self.id_list_path) if p.exists())
        return meta + index + self.bodies.size_on_disk()

