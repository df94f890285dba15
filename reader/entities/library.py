"""The library's entities at a glance: canonical entities over every stored result, and look-ups."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, KeysView, Mapping
from dataclasses import dataclass

from ..collector import collection_paused
from ..models.entities import Entity, Mention, StoredEntities
from .canonical import automatic_entities
from .corrections import Correction, apply_corrections, stale
from .normalise import fold
from .prominence import alias_index, rank


@dataclass(frozen=True, slots=True)
class ArticleEntity:
    """One entity as one article uses it."""

    entity: Entity
    mentions: int
    prominence: float
    in_headline: bool
    in_lead: bool


class EntityLibrary:
    """Canonical entities (corrections applied, hidden ones flagged) and what the sidebar, the
    entity screen and the command line ask of them. Immutable once built: rebuild it when new
    results or corrections arrive."""

    def __init__(
        self,
        entities: list[Entity],
        results: Mapping[str, StoredEntities],
        corrections: Iterable[Correction] = (),
        unmatched: Iterable[Correction] = (),
    ) -> None:
        #: Most mentioned first, hidden ones included (``Entity.hidden``).
        self.entities = entities
        self.corrections = tuple(corrections)
        #: Corrections that found nothing to act on (their entity is no longer named).
        self.unmatched = tuple(unmatched)
        self._results = results
        self._by_key = {e.key: e for e in entities}
        self._index = alias_index(entities)
        # Folded names and aliases of each entity, and every entity a folded name may mean.
        self._folded = {e.key: {fold(e.name), *map(fold, e.aliases)} for e in entities}
        self._names: dict[str, list[Entity]] = defaultdict(list)
        for entity in entities:
            for name in self._folded[entity.key] | {entity.key}:
                self._names[name].append(entity)
        # article id -> {key: mentions}, for the shown (not hidden) entities
        self._per_article: dict[str, dict[str, int]] = defaultdict(dict)
        for entity in entities:
            if entity.hidden:
                continue
            for occ in entity.occurrences:
                counts = self._per_article[occ.article_id]
                counts[entity.key] = counts.get(entity.key, 0) + occ.count
        self._ranked: dict[str, list[ArticleEntity]] = {}

    @classmethod
    def build(cls, results: Mapping[str, StoredEntities], corrections: Iterable[Correction] = ()) -> EntityLibrary:
        corrections = tuple(corrections)
        with collection_paused():
            automatic = automatic_entities([stored.article for stored in results.values()])
            entities = apply_corrections(automatic, corrections)
            unmatched = stale(automatic, corrections) if corrections else ()
            return cls(entities, results, corrections, unmatched)

    def __len__(self) -> int:
        return len(self.entities)

    @property
    def article_ids(self) -> KeysView[str]:
        """Every analysed article, whether or not it names anyone (a view: asked on every
        cursor move, so never copied)."""
        return self._results.keys()

    def get(self, key: str) -> Entity | None:
        return self._by_key.get(key)

    def for_article(self, article_id: str) -> list[ArticleEntity]:
        """The article's entities, most prominent first; hidden ones left out."""
        ranked = self._ranked.get(article_id)
        if ranked is None:
            stored = self._results.get(article_id)
            ranked = [] if stored is None else [
                ArticleEntity(self._by_key[p.key], p.mentions, p.score, p.in_title, p.in_lead)
                for p in rank(stored.article, self._index, stored.lead_end)
            ]
            self._ranked[article_id] = ranked
        return ranked

    def articles_mentioning(self, key: str) -> set[str]:
        """Ids of the articles that name the entity, by any of its names."""
        entity = self._by_key.get(key) or self.find(key)
        return set(entity.articles) if entity else set()

    def passages(self, name: str) -> tuple[dict[str, list[tuple[int, int]]], tuple[str, ...]] | None:
        """Where the entity (by key, name or alias) is named in article bodies: (start, end)
        ranges per article id, and every name it goes by; None when there is no such entity."""
        entity = self._by_key.get(name) or self.find(name)
        if entity is None:
            return None
        spans = {article_id: [(m.start, m.end) for m in self.mentions(article_id, entity.key) if m.part == "body"]
                 for article_id in entity.articles}
        return spans, (entity.name, *entity.aliases)

    def find(self, name: str) -> Entity | None:
        """The entity with this key, or with this name or alias, compared without case or
        accents; when several share it, the most mentioned."""
        if name in self._by_key:
            return self._by_key[name]
        found = self.named(name)
        return max(found, key=lambda e: (e.mention_count, not e.hidden)) if found else None

    def named(self, name: str) -> list[Entity]:
        """Every entity with this name or alias (folded), hidden ones too."""
        return list(self._names.get(fold(name), ()))

    def search(self, text: str, *, include_hidden: bool = False, limit: int | None = None) -> list[Entity]:
        """Entities one of whose names contains ``text`` (folded): whole names first, then
        names with a word starting with it, then the rest; the most mentioned first in each."""
        wanted = fold(text)
        if not wanted:
            return []
        scored = []
        for entity in self.entities:
            if entity.hidden and not include_hidden:
                continue
            best = 3
            for name in self._folded[entity.key]:
                if name == wanted:
                    best = 0
                    break
                if name.startswith(wanted) or f" {wanted}" in name:
                    best = min(best, 1)
                elif wanted in name:
                    best = min(best, 2)
            if best < 3:
                scored.append((best, -entity.mention_count, entity.name, entity))
        scored.sort(key=lambda row: row[:3])
        return [row[3] for row in scored[:limit]]

    def cooccurring(self, key: str, limit: int = 10) -> list[tuple[Entity, int]]:
        """The entities most often named in the same articles, with how many articles they share."""
        entity = self._by_key.get(key)
        if entity is None:
            return []
        shared: Counter[str] = Counter()
        for article_id in entity.articles:
            shared.update(k for k in self._per_article.get(article_id, ()) if k != key)
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], -self._by_key[kv[0]].mention_count, kv[0]))
        return [(self._by_key[k], n) for k, n in ranked[:limit]]

    def mentions(self, article_id: str, key: str) -> list[Mention]:
        """Where the article names the entity: offsets into its title or its ``Body.text``
        (``Mention.part`` says which), in the order they appear, title first."""
        return [mention for mention, entity in self._named(article_id) if entity.key == key]

    def resolved(self, article_id: str) -> list[tuple[Mention, Entity]]:
        """Every mention in the article with the entity it names (hidden entities left out),
        in the order they appear, title first."""
        return [(mention, self._by_key.get(entity.key, entity))
                for mention, entity in self._named(article_id) if not entity.hidden]

    def _named(self, article_id: str) -> list[tuple[Mention, Entity]]:
        """Each mention in the article that names an entity, with it, title first, in order."""
        stored = self._results.get(article_id)
        if stored is None:
            return []
        found = []
        for mention in stored.article.mentions:
            entity = self._index.get((article_id, fold(mention.text)))
            if entity is not None:
                found.append((mention, entity))
        return sorted(found, key=lambda pair: (pair[0].part != "title", pair[0].start))

    def across(self, article_ids: Iterable[str]) -> list[tuple[Entity, int, int]]:
        """(entity, mentions, articles) over a set of articles, most mentioned first; for the
        sidebar's whole-list view. Hidden entities are left out."""
        mentions: Counter[str] = Counter()
        articles: Counter[str] = Counter()
        per_article = self._per_article
        for article_id in dict.fromkeys(article_ids):
            counts = per_article.get(article_id)
            if counts:
                mentions.update(counts)
                articles.update(counts.keys())
        ranked = sorted(mentions.items(), key=lambda kv: (-kv[1], -articles[kv[0]], kv[0]))
        return [(self._by_key[k], n, articles[k]) for k, n in ranked]


