"""The Store's full-text half: an article's body replaced by its page's text, the feed's kept."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..models import Article, Body, utc_now
from ..models.packed import PackedBody
from .docs import article_from_doc

if TYPE_CHECKING:
    from .base import StoreBase
else:
    StoreBase = object


class FullTextMethods(StoreBase):
    """Mixed into Store."""

    def replace_with_full_text(self, article_id: str, body: Body, *, based_on: str, url: str,
                               author: str = "") -> Article | None:
        """Make ``body`` the article's text, keeping the one it replaces as a revision (`D` shows
        it), and move the article's highlights onto the new text.

        ``based_on`` is the content hash of the text the caller compared the page with: if the
        article changed meanwhile (an edit came in with a fetch), nothing is stored and None is
        returned. The feed's own text stays what a later fetch is compared with, so the feed
        sending the same item again leaves the full text in place.
        """
        with self.writing():
            library = self.library
            index = library.index()
            shard = index["ids"].get(article_id)
            old = library.shard_docs(shard).get(article_id) if shard else None
            if shard is None or old is None or old["hash"] != based_on:
                return None
            # The feed's reader comments stay with the article; the page's text replaces its text.
            kept = library.body(article_from_doc(article_id, shard, old))
            body = replace(body, comments=kept.comments)
            packed = PackedBody.pack(body, old["title"])
            digest = packed.digest
            if digest == old["hash"]:
                return article_from_doc(article_id, shard, old)
            (ref,) = library.bodies.append(shard, [packed.record])
            now = utc_now().isoformat()
            feed_hash = old.get("full_text", {}).get("feed_hash", old["hash"])
            doc: dict[str, Any] = {
                **old, "hash": digest, "body": list(ref),
                "revisions": [*old.get("revisions", []),
                              {"body": old["body"], "hash": old["hash"], "title": old["title"], "replaced": now,
                                "full_text": True}],
                "full_text": {"feed_hash": feed_hash, "url": url, "fetched": now},
            }
            if author and not old.get("author"):
                doc["author"] = author
            library.put_docs(shard, {article_id: doc})
            self._reanchor_changed([article_id])
            return article_from_doc(article_id, shard, doc)
