"""The library's derived index: article ids to shards, source keys and links to ids."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, NotRequired, TypedDict, TypeGuard

from .storage import FileSignature

#: Length of a new article id in hex digits; 40 bits keeps collisions rare at a
#: million articles, and a collision is resolved by lengthening the id.
ID_LENGTH = 10


class LibraryIndex(TypedDict):
    """``library/index.json``."""

    #: Article id -> its shard ("2017-11").
    ids: dict[str, str]
    #: "source|guid" -> article id.
    keys: dict[str, str]
    #: Article URL -> the id of its first copy.
    links: dict[str, str]
    #: Shard -> the signature of its file when this index was made (``Library.shard_signatures``).
    shards: NotRequired[dict[str, list[int]]]


def index_doc(index: LibraryIndex, article_id: str, shard: str, doc: dict[str, Any]) -> None:
    index["ids"][article_id] = shard
    index["keys"][f"{doc['source']}|{doc['guid']}"] = article_id
    if doc.get("url"):
        index["links"].setdefault(doc["url"], article_id)


def unindex(index: LibraryIndex, removed: dict[str, dict[str, Any]]) -> None:
    """Forget removed articles (id -> their doc); a link they shared passes to a kept copy."""
    for article_id, doc in removed.items():
        index["ids"].pop(article_id, None)
        index["keys"].pop(f"{doc['source']}|{doc['guid']}", None)
    gone_links = {doc["url"] for doc in removed.values() if doc.get("url")}
    for url in gone_links:
        if index["links"].get(url) in removed:
            del index["links"][url]


def new_id(key: str, taken: dict[str, str]) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()
    length = ID_LENGTH
    while digest[:length] in taken:
        length += 2
    return digest[:length]


def ids_by_source(index: LibraryIndex) -> dict[str, list[str]]:
    """Article ids grouped by source (feed id, "seed", "import")."""
    groups: dict[str, list[str]] = {}
    for key, article_id in index["keys"].items():
        groups.setdefault(key.partition("|")[0], []).append(article_id)
    return groups


def is_index(data: object) -> TypeGuard[LibraryIndex]:
    return isinstance(data, dict) and all(isinstance(data.get(part), dict) for part in ("ids", "keys", "links"))


def signature(path: Path) -> FileSignature | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)
