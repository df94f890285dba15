"""How an article lies in its month's metadata shard: draft to document to Article."""

from __future__ import annotations

import sys
from datetime import datetime
from functools import lru_cache
from typing import Any, cast

from ..models import Article, ArticleDraft, parse_datetime
from ..models.packed import content_hash, serialise_body

__all__ = ["article_from_doc", "content_hash", "doc_from_draft", "replaced_by_full_text", "serialise_body"]


#: The articles of one fetch share when they were first seen: one datetime for them all.
_first_seen = lru_cache(maxsize=256)(parse_datetime)


def article_from_doc(article_id: str, shard: str, doc: dict[str, Any], published: datetime | None = None) -> Article:
    """The Article a stored document describes; ``published`` when the caller has parsed it already.

    A list holds 100,000 of these: the few values many articles share (a feed's id, outlet,
    site, authors, kinds) are interned rather than held once per article, as parsing makes them.
    """
    url = doc.get("url", "")
    guid = doc["guid"]
    return Article(
        id=article_id,
        source=sys.intern(doc["source"]),
        guid=url if guid == url else guid,  # most feeds' GUID is the link
        title=doc["title"],
        outlet=sys.intern(doc.get("outlet", "")),
        outlet_url=sys.intern(doc.get("outlet_url", "")),
        author=sys.intern(doc.get("author", "")),
        url=url,
        # Both written by doc_from_draft from a datetime, so they always read back as one.
        published=published or cast(datetime, parse_datetime(doc["published"])),
        first_seen=cast(datetime, _first_seen(doc["first_seen"])),
        kind=sys.intern(doc.get("kind", "")),
        shard=shard,
        content_hash=doc["hash"],
        revisions=sum(1 for rev in doc.get("revisions", ()) if not replaced_by_full_text(rev, doc)),
        comment_count=doc.get("comments", 0),
        body_ref=tuple(doc["body"]),
        full_text="full_text" in doc,
    )


def doc_from_draft(
    draft: ArticleDraft, digest: str, ref: tuple[int, int], now: datetime, comments: int
) -> dict[str, Any]:
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
        "comments": comments,
        # A date the feed gave but we could not trust (unreadable, before 1970, in the
        # future): kept as it came, while "published" falls back to when we first saw it.
        **({"published_raw": draft.published_raw} if getattr(draft, "published_raw", "") else {}),
    }


def replaced_by_full_text(revision: dict[str, Any], doc: dict[str, Any]) -> bool:
    """Whether this earlier version gave way to the page's full text rather than to an edit.
    Libraries from before the mark was written tell by the time: the full text's fetch is the
    moment the feed's text was replaced."""
    if "full_text" in revision:
        return bool(revision["full_text"])
    return bool(revision.get("replaced") == doc.get("full_text", {}).get("fetched"))
