"""Taking a batch of drafts into the month shards: new articles, changed ones, and repeats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..models import ArticleDraft, utc_now
from ..models.packed import PackedBody, packed
from .bodies import BodyPacks
from .docs import doc_from_draft
from .library_index import LibraryIndex, index_doc, new_id
from .months import MonthShards, shard_of


def merge_drafts(
    index: LibraryIndex, drafts: Iterable[ArticleDraft], months: MonthShards, bodies: BodyPacks
) -> tuple[list[str], list[str], list[str]]:
    """Write the new and changed drafts to their months and record them in ``index`` (which the
    caller saves); returns the ids added, updated and unchanged."""
    # A feed may repeat a GUID within one fetch: the later copy wins, stored once.
    drafts = {f"{d.source}|{d.guid}": d for d in drafts}.values()
    now = utc_now()
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    # Each body is packed once, for its hash and for its pack (drafts from a fetch come packed).
    per_shard: dict[str, list[tuple[str, ArticleDraft, dict[str, Any] | None, PackedBody]]] = {}
    old: dict[str, Any] | None  # the stored document of an article being updated
    sources: dict[str, str] = {}  # the source of each article added in this batch
    for draft in drafts:
        key = f"{draft.source}|{draft.guid}"
        existing = index["keys"].get(key)
        same_link = index["links"].get(draft.url) if existing is None and draft.url else None
        if same_link is not None and _source_of(index, months, same_link, sources) != draft.source:
            # The same story from another source: shown once, under its first copy. Two
            # items of one feed are not (a podcast's episodes may all link its home page).
            unchanged.append(same_link)
            continue
        body = packed(draft.body, draft.title)
        digest = body.digest
        if existing:
            shard = index["ids"][existing]
            old = months.docs(shard)[existing]
            # An article showing its page's full text still matches the feed's item it came from.
            if old["hash"] == digest or old.get("full_text", {}).get("feed_hash") == digest:
                unchanged.append(existing)
                continue
            per_shard.setdefault(shard, []).append((existing, draft, old, body))
            updated.append(existing)
        else:
            article_id = new_id(key, index["ids"])
            shard = shard_of(draft.published or now)
            # Reserve the id now so two drafts in one batch cannot take the same one.
            index["ids"][article_id] = shard
            index["keys"][key] = article_id
            sources[article_id] = draft.source
            if draft.url:
                index["links"].setdefault(draft.url, article_id)
            per_shard.setdefault(shard, []).append((article_id, draft, None, body))
            added.append(article_id)
    for shard, items in per_shard.items():
        refs = bodies.append(shard, [item[3].record for item in items])
        docs: dict[str, dict[str, Any]] = {}
        for (article_id, draft, old, body), ref in zip(items, refs, strict=True):
            doc = doc_from_draft(draft, body.digest, ref, now, body.comments)
            if old is not None:
                doc["first_seen"] = old["first_seen"]
                if draft.published is None:
                    # An undated edit keeps its place in the list rather than jumping to "now".
                    doc["published"] = old["published"]
                doc["revisions"] = old.get("revisions", []) + [
                    {"body": old["body"], "hash": old["hash"], "title": old["title"], "replaced": now.isoformat()}
                ]
            docs[article_id] = doc
            index_doc(index, article_id, shard, doc)
        months.write(shard, docs)
    return added, updated, unchanged


def _source_of(index: LibraryIndex, months: MonthShards, article_id: str, batch: dict[str, str]) -> str | None:
    if article_id in batch:
        return batch[article_id]
    shard = index["ids"].get(article_id)
    doc = months.docs(shard).get(article_id) if shard else None
    return doc.get("source") if doc else None
