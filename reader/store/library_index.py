"""The library's derived index: article ids to shards, source keys and links to ids."""

from __future__ import annotations

import hashlib
from pathlib import Path

#: Length of a new article id in hex digits; 40 bits keeps collisions rare at a
#: million articles, and a collision is resolved by lengthening the id.
ID_LENGTH = 10


def index_doc(index: dict, article_id: str, shard: str, doc: dict) -> None:
    index["ids"][article_id] = shard
    index["keys"][f"{doc['source']}|{doc['guid']}"] = article_id
    if doc.get("url"):
        index["links"].setdefault(doc["url"], article_id)


def unindex(index: dict, removed: dict[str, dict]) -> None:
    """Forget removed articles (id -> their doc); a link they shared passes to a kept copy."""
    for article_id, doc in removed.items():
        index["ids"].pop(article_id, None)
        index["keys"].pop(f"{doc['source']}|{doc['guid']}", None)
    gone_links = {doc["url"] for doc in removed.values() if doc.get("url")}
    for url in gone_links:
        if index["links"].get(url) in removed:
            del index["links"][url]


def new_id(key: str, taken: dict) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()
    length = ID_LENGTH
    while digest[:length] in taken:
        length += 2
    return digest[:length]


def ids_by_source(index: dict) -> dict[str, list[str]]:
    """Article ids grouped by source (feed id, "seed", "import")."""
    groups: dict[str, list[str]] = {}
    for key, article_id in index["keys"].items():
        groups.setdefault(key.partition("|")[0], []).append(article_id)
    return groups


def is_index(data) -> bool:
    return isinstance(data, dict) and all(isinstance(data.get(part), dict) for part in ("ids", "keys", "links"))


def signature(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)
