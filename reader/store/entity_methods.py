"""The Store's entity half: extraction results per article, and the user's corrections."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..models import Article

# The entity models are loaded by the methods that build them: every command opens the store.
if TYPE_CHECKING:
    from ..models.entities import ArticleEntities, Correction, StoredEntities
    from .base import StoreBase
else:
    StoreBase = object


class EntityMethods(StoreBase):
    """Mixed into Store; uses its lock (``writing``), mutex and parts."""

    def entity_results(self, article_ids: Iterable[str] | None = None, *,
                       months: Iterable[str] | None = None) -> dict[str, StoredEntities]:
        """Saved results of the given articles (default: all, or all of ``months``), leaving
        out any made from an older version of the article."""
        found: dict[str, StoredEntities] = {}
        for month, hashes in self._current_hashes(article_ids, months):
            with self._mutex:
                parsed = self.entity_files.parsed(month, _parse)
            for article_id, (made_from, stored) in parsed.items():
                if hashes.get(article_id) == made_from:
                    found[article_id] = stored
        return found

    def entity_signatures(self) -> dict[str, object]:
        """Each month's results file and its identity: a month whose identity moved was written
        (by this process or another), which is how a running app finds what `broadsheet
        analyse` saved without reading every result again."""
        return {month: self.entity_files.signature(month) for month in self.library.shard_names()}

    def analysed_ids(self, article_ids: Iterable[str] | None = None) -> set[str]:
        """Which of the articles (default: all) have results for their current content."""
        found: set[str] = set()
        for month, hashes in self._current_hashes(article_ids):
            with self._mutex:
                made_from = self.entity_files.hashes(month)
            found.update(i for i, h in made_from.items() if hashes.get(i) == h)
        return found

    def unanalysed_ids(self, limit: int | None = None, *, extractor: str | None = None) -> list[str]:
        """Articles with no results, or results of an older version, newest first.

        With ``extractor``, results another extractor made count as missing too: how results
        of the fallback are redone once the model is there. The lock is taken a month at a
        time, so that a large library does not keep the reader waiting.
        """
        found: list[str] = []
        # Months newest first, and each month's hashes newest first: the ids come newest first
        # without the documents (which the app does not keep parsed: see HeldMonths).
        for month in self.library.shard_names():
            with self._mutex:
                hashes = self.library.hashes(month)
                made = self.entity_files.summary(month)
                found += [i for i, digest in hashes.items() if _wanted(made.get(i), digest, extractor)]
            # Months are whole: once one is read and we have enough, no older one is newer.
            if limit is not None and len(found) >= limit:
                break
        return found[:limit]

    def save_entity_results(self, items: list[tuple[Article, ArticleEntities, int]]) -> list[str]:
        """Store (article, its entities, its lead's end) results: one write per month touched.

        Each is recorded against the content hash of the article as it was analysed; an
        article removed meanwhile is skipped, and so is one edited meanwhile: its old text's
        result must not replace one of the new text (another process may have written it).
        Returns the ids saved.
        """
        with self.writing():
            shards = self.library.shards_of(article.id for article, _, _ in items)
            per_month: dict[str, dict[str, dict[str, Any]]] = {}
            for article, entities, lead_end in items:
                if (shards.get(article.id) != article.shard
                        or self.library.hashes(article.shard).get(article.id) != article.content_hash):
                    continue
                per_month.setdefault(article.shard, {})[article.id] = {
                    "hash": article.content_hash,
                    "lead_end": lead_end,
                    "data": entities.to_json(),
                }
            for month, records in per_month.items():
                self.entity_files.put(month, records)
            return [article_id for records in per_month.values() for article_id in records]

    def entity_problems(self) -> list[str]:
        """Damaged results files met since the last call, each reported once."""
        with self._mutex:
            return self.entity_files.take_problems()

    def entity_corrections(self) -> list[Correction]:
        from ..models.entities import Correction

        with self._mutex:
            return [Correction.from_json(record) for record in self.corrections_file.all()]

    def add_entity_correction(self, correction: Correction) -> None:
        """Record a correction after the others; durable when this returns."""
        with self.writing():
            self.corrections_file.append(correction.to_json())

    def remove_last_entity_correction(self) -> Correction | None:
        """Undo the latest correction; returns it, or None when there was none."""
        from ..models.entities import Correction

        with self.writing():
            record = self.corrections_file.pop()
            return Correction.from_json(record) if record is not None else None

    def _drop_entity_results(self, article_ids: list[str]) -> None:
        """Forget removed articles' results; the caller holds the lock, before the library
        forgets which month they were in."""
        shards = self.library.index()["ids"]
        per_month: dict[str, list[str]] = {}
        for article_id in article_ids:
            if article_id in shards:
                per_month.setdefault(shards[article_id], []).append(article_id)
        for month, ids in per_month.items():
            self.entity_files.remove(month, ids)

    def _current_hashes(self, article_ids: Iterable[str] | None,
                        months: Iterable[str] | None = None) -> Iterator[tuple[str, dict[str, str]]]:
        """(month, {article id: current content hash}) for the articles asked about (default: all),
        of ``months`` only when given, a month at a time: no other month is read."""
        wanted = None if months is None else set(months)
        if article_ids is None:
            for month in self.library.shard_names():
                if wanted is not None and month not in wanted:
                    continue
                with self._mutex:
                    hashes = self.library.hashes(month)
                yield month, hashes
            return
        per_month: dict[str, dict[str, str]] = {}
        with self._mutex:
            for article_id, shard in self.library.shards_of(article_ids).items():
                if wanted is not None and shard not in wanted:
                    continue
                current = self.library.hashes(shard).get(article_id)
                if current is not None:
                    per_month.setdefault(shard, {})[article_id] = current
        yield from per_month.items()


def _wanted(made: tuple[str, str] | None, current_hash: str, extractor: str | None) -> bool:
    """Whether an article needs analysing, given (hash, extractor) of its saved result, if any."""
    if made is None or made[0] != current_hash:
        return True
    return extractor is not None and made[1] != extractor


def _parse(record: dict[str, Any]) -> StoredEntities:
    from ..models.entities import ArticleEntities, StoredEntities

    return StoredEntities(ArticleEntities.from_json(record["data"]), int(record.get("lead_end", 0)))
