"""Finding the library's copy of a server article (by link, then by GUID) and adding the ones the
library lacks, so that a second machine starts from the same articles."""

from __future__ import annotations

from collections.abc import Iterable

from ..ingest.html import html_to_body
from ..models import ArticleDraft
from ..store import Store
from .provider import RemoteArticle, SyncProvider

SOURCE = "sync:{provider}"
_BATCH = 500


class Matcher:
    def __init__(self, store: Store, provider: SyncProvider) -> None:
        self.store = store
        self.provider = provider
        self._guids: dict[str, str] | None = None

    def _guid_index(self) -> dict[str, str]:
        # Built only when some article has no link we know: reading every month costs a second
        # or so on a large library.
        if self._guids is None:
            self._guids = {}
            for chunk in self.store.iter_articles():
                for article in chunk:
                    self._guids.setdefault(article.guid, article.id)
                    self._guids.setdefault(self.provider.guid_key(article.guid, remote=False), article.id)
        return self._guids

    def find(self, remote: RemoteArticle) -> str | None:
        found = self.store.article_id_for_url(remote.link) if remote.link else None
        if found is None and remote.guid:
            index = self._guid_index()
            found = index.get(remote.guid) or index.get(self.provider.guid_key(remote.guid, remote=True))
        return found

    def add(self, remote_ids: list[str]) -> dict[str, str]:
        """Fetch these articles' content and add them; returns remote id -> local id."""
        mapped: dict[str, str] = {}
        for start in range(0, len(remote_ids), _BATCH):
            fetched = list(self.provider.contents(remote_ids[start:start + _BATCH]))
            with self.store.journal.paused():
                self.store.add_articles(self._draft(r) for r in fetched)
            self._guids = None
            for remote in fetched:
                local = self.find(remote)
                if local is not None:
                    mapped[remote.remote_id] = local
        return mapped

    def _draft(self, remote: RemoteArticle) -> ArticleDraft:
        return ArticleDraft(
            source=SOURCE.format(provider=self.provider.name), guid=remote.guid or remote.link,
            title=remote.title or remote.link or "(untitled)", body=html_to_body(remote.content, remote.link),
            outlet=remote.feed_title, author=remote.author, url=remote.link, published=remote.published,
        )


def unmatched(remotes: Iterable[RemoteArticle], known: dict[str, object]) -> list[RemoteArticle]:
    return [r for r in remotes if r.remote_id not in known]
