"""Article metadata in monthly TinyDB shards, with a derived index from ids and keys to shards."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

import orjson

from ..models import Article, ArticleDraft, Body, parse_datetime, utc_now
from .bodies import BodyPacks
from .errors import AmbiguousArticle, CorruptFile, UnknownArticle
from .files import write_atomically
from .storage import KeyedTinyDB, open_tinydb

#: Length of a new article id in hex digits; 40 bits keeps collisions rare at a
#: million articles, and a collision is resolved by lengthening the id.
ID_LENGTH = 10


def shard_of(moment: datetime) -> str:
    return moment.strftime("%Y-%m")


def content_hash(title: str, body: Body) -> str:
    digest = hashlib.sha256(title.encode())
    digest.update(orjson.dumps(body.to_json()))
    return digest.hexdigest()[:16]


def article_from_doc(article_id: str, shard: str, doc: dict) -> Article:
    return Article(
        id=article_id,
        source=doc["source"],
        guid=doc["guid"],
        title=doc["title"],
        outlet=doc.get("outlet", ""),
        outlet_url=doc.get("outlet_url", ""),
        author=doc.get("author", ""),
        url=doc.get("url", ""),
        published=parse_datetime(doc["published"]),
        first_seen=parse_datetime(doc["first_seen"]),
        kind=doc.get("kind", ""),
        shard=shard,
        content_hash=doc["hash"],
        revisions=len(doc.get("revisions", ())),
        comment_count=doc.get("comments", 0),
        body_ref=tuple(doc["body"]),
    )


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
        self._shards: dict[str, KeyedTinyDB] = {}
        self._index: dict | None = None
        self._index_signature: tuple | None = None

    @property
    def index_path(self) -> Path:
        return self.folder / "index.json"

    def shard_names(self) -> list[str]:
        """Shard names, newest first."""
        return sorted((p.stem for p in self.meta_folder.glob("*.json")), reverse=True)

    def _shard(self, name: str) -> KeyedTinyDB:
        db = self._shards.get(name)
        if db is None:
            db = self._shards[name] = open_tinydb(self.meta_folder / f"{name}.json", self.read_only)
        return db

    def _raw_shard(self, name: str) -> dict:
        return self._shard(name).table("articles").raw()

    def shard_articles(self, name: str) -> list[Article]:
        return [article_from_doc(i, name, doc) for i, doc in self._raw_shard(name).items()]

    def iter_newest_shards(self) -> Iterator[list[Article]]:
        for name in self.shard_names():
            yield self.shard_articles(name)

    def forget_caches(self) -> None:
        for db in self._shards.values():
            db.storage.forget()
        self._index = None

    # The index ---------------------------------------------------------------------------

    def index(self) -> dict:
        signature = _signature(self.index_path)
        if self._index is None or signature != self._index_signature:
            try:
                self._index = orjson.loads(self.index_path.read_bytes())
            except (FileNotFoundError, orjson.JSONDecodeError):
                self._index = None
            if not _is_index(self._index):
                self._index = self.rebuild_index(write=not self.read_only)
            else:
                self._index = self._up_to_date(self._index)
            self._index_signature = _signature(self.index_path)
        return self._index

    def _up_to_date(self, index: dict) -> dict:
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

    def shard_signatures(self) -> dict[str, list]:
        """Each shard file's identity, recorded in the index to tell when it fell behind."""
        return {p.stem: list(_signature(p) or ()) for p in self.meta_folder.glob("*.json")}

    def rebuild_index(self, write: bool = True) -> dict:
        index: dict = {"ids": {}, "keys": {}, "links": {}, "shards": self.shard_signatures()}
        for name in self.shard_names():
            for article_id, doc in self._raw_shard(name).items():
                _index_doc(index, article_id, name, doc)
        if write:
            self._write_index(index)
        return index

    def _write_index(self, index: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.index_path, orjson.dumps(index))
        self._index = index
        self._index_signature = _signature(self.index_path)

    def resolve(self, ref: str) -> str:
        """A full id, from a full id or an unambiguous prefix of one."""
        ids = self.index()["ids"]
        ref = ref.strip().lower()
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
        shard = self.index()["ids"].get(article_id)
        doc = self._raw_shard(shard).get(article_id) if shard else None
        if doc is None:
            raise UnknownArticle(article_id)
        return article_from_doc(article_id, shard, doc)

    def count(self) -> int:
        return len(self.index()["ids"])

    def body(self, article: Article) -> Body:
        # The article carries its body's address, so opening it never parses a month's metadata.
        return self.bodies.read(article.shard, article.body_ref)

    def revision_bodies(self, article: Article) -> list[tuple[str, Body]]:
        """Earlier versions of an article's body, oldest first, with when each was replaced."""
        doc = self._raw_shard(article.shard)[article.id]
        return [(rev["replaced"], self.bodies.read(article.shard, tuple(rev["body"]))) for rev in doc.get("revisions", ())]

    # Writing -----------------------------------------------------------------------------

    def add(self, drafts: Iterable[ArticleDraft]) -> tuple[list[str], list[str], list[str]]:
        """Insert new articles and update changed ones; the caller holds the store lock.

        An article is identified by (source, guid), and also by its link so the same
        story arriving from two feeds shows once. A changed article keeps its id (and so
        the user's marks) and its previous body is kept as a revision.
        """
        index = self._index = self._up_to_date(self.index())
        try:
            return self._add(index, drafts)
        except BaseException:
            # Ids are reserved in the cached index as the batch goes: a batch that fails
            # part-way (disk full...) must not leave ids behind that point at nothing.
            self._index = None
            raise

    def _add(self, index: dict, drafts: Iterable[ArticleDraft]) -> tuple[list[str], list[str], list[str]]:
        # A feed may repeat a GUID within one fetch: the later copy wins, stored once.
        drafts = {f"{d.source}|{d.guid}": d for d in drafts}.values()
        now = utc_now()
        added: list[str] = []
        updated: list[str] = []
        unchanged: list[str] = []
        per_shard: dict[str, list[tuple[str, ArticleDraft, str, dict | None]]] = {}
        for draft in drafts:
            key = f"{draft.source}|{draft.guid}"
            existing = index["keys"].get(key)
            if existing is None and draft.url and draft.url in index["links"]:
                # The same story from another source: shown once, under its first copy.
                unchanged.append(index["links"][draft.url])
                continue
            digest = content_hash(draft.title, draft.body)
            if existing:
                shard = index["ids"][existing]
                old = self._raw_shard(shard)[existing]
                if old["hash"] == digest:
                    unchanged.append(existing)
                    continue
                per_shard.setdefault(shard, []).append((existing, draft, digest, old))
                updated.append(existing)
            else:
                article_id = _new_id(key, index["ids"])
                shard = shard_of(draft.published or now)
                # Reserve the id now so two drafts in one batch cannot take the same one.
                index["ids"][article_id] = shard
                index["keys"][key] = article_id
                if draft.url:
                    index["links"].setdefault(draft.url, article_id)
                per_shard.setdefault(shard, []).append((article_id, draft, digest, None))
                added.append(article_id)
        for shard, items in per_shard.items():
            refs = self.bodies.append(shard, [draft.body for _, draft, _, _ in items])
            docs = {}
            for (article_id, draft, digest, old), ref in zip(items, refs):
                doc = _doc_from_draft(draft, digest, ref, now)
                if old is not None:
                    doc["first_seen"] = old["first_seen"]
                    doc["revisions"] = old.get("revisions", []) + [
                        {"body": old["body"], "hash": old["hash"], "title": old["title"], "replaced": now.isoformat()}
                    ]
                docs[article_id] = doc
                _index_doc(index, article_id, shard, doc)
            self._write_docs(shard, docs)
        if added or updated:
            index["shards"] = self.shard_signatures()
            self._write_index(index)
        return added, updated, unchanged

    def _write_docs(self, shard: str, docs: dict[str, dict]) -> None:
        self.meta_folder.mkdir(parents=True, exist_ok=True)
        self._shard(shard).table("articles").put_many(docs)

    def size_on_disk(self) -> int:
        meta = sum(p.stat().st_size for p in self.meta_folder.glob("*.json"))
        index = self.index_path.stat().st_size if self.index_path.exists() else 0
        return meta + index + self.bodies.size_on_disk()

    def check_shards(self) -> list[CorruptFile]:
        """Every unreadable shard, so the app can say which part of the library is damaged."""
        problems = []
        for name in self.shard_names():
            try:
                self._raw_shard(name)
            except CorruptFile as error:
                problems.append(error)
        return problems


def _doc_from_draft(draft: ArticleDraft, digest: str, ref: tuple[int, int], now: datetime) -> dict:
    return {
        "source": draft.source,
        "guid": draft.guid,
        "title": draft.title,
        "outlet": draft.outlet,
        "outlet_url": draft.outlet_url,
        "author": draft.author,
        "url": draft.url,
        "published": (draft.published or now).isoformat(),
        "first_seen": now.isoformat(),
        "kind": draft.kind,
        "hash": digest,
        "body": list(ref),
        "comments": len(draft.body.comments),
    }


def _index_doc(index: dict, article_id: str, shard: str, doc: dict) -> None:
    index["ids"][article_id] = shard
    index["keys"][f"{doc['source']}|{doc['guid']}"] = article_id
    if doc.get("url"):
        index["links"].setdefault(doc["url"], article_id)


def _new_id(key: str, taken: dict) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()
    length = ID_LENGTH
    while digest[:length] in taken:
        length += 2
    return digest[:length]


def _is_index(data) -> bool:
    return isinstance(data, dict) and all(isinstance(data.get(part), dict) for part in ("ids", "keys", "links"))


def _signature(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)
