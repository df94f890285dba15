"""The library's entities at a glance: canonical entities over every stored result, and look-ups."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, KeysView, Mapping
from dataclasses import dataclass

from ..collector import collection_paused
from ..models.entities import Entity, Mention, StoredEntities
from .canonical import automatic_entities
from .corrections import Correction, apply_corrections, stale
from .intake import Changes, Intake
from .normalise import fold
from .prominence import rank


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
    entity screen and the command line ask of them. Immutable once built: new results are taken
    into a new library (``taking_in``, a fraction of a second), and it is built again (``build``,
    every rule over every result) for corrections and, now and then, to catch up."""

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
        self._counts = {e.key: e.mention_count for e in entities}
        # article id -> folded alias -> key: how an article's mentions find their entity.
        self._index: dict[str, dict[str, str]] = defaultdict(dict)
        for entity in entities:
            for occ in entity.occurrences:
                self._index[occ.article_id][fold(occ.alias)] = entity.key
        # Folded names and aliases of each entity, and the keys of every entity a folded name may mean.
        self._folded = {e.key: {fold(e.name), *map(fold, e.aliases)} for e in entities}
        self._names: dict[str, list[str]] = defaultdict(list)
        for entity in entities:
            for name in self._folded[entity.key] | {entity.key}:
                self._names[name].append(entity.key)
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
        """Every rule over every result: seconds for a large library (the app builds it off the
        UI thread, when the analysis goes idle or every few batches; see ``taking_in``)."""
        corrections = tuple(corrections)
        with collection_paused():
            automatic = automatic_entities([stored.article for stored in results.values()])
            entities = apply_corrections(automatic, corrections)
            unmatched = stale(automatic, corrections) if corrections else ()
            return cls(entities, results, corrections, unmatched)

    def taking_in(self, results: Mapping[str, StoredEntities]) -> EntityLibrary:
        """A new library with these newly analysed articles in it, this one left as it was.

        Each article's names join the entities already named so (as corrected: a merged
        entity goes on getting the mentions), the in-article rules join its own spellings,
        and names nobody has yet are new entities; an article taken again replaces its old
        mentions. The rules across articles (typos, acronyms, lone surnames in other
        articles) wait for the next ``build``, which the app runs when the analysis goes idle.
        Only the entities changed and the indexes of their names are touched.
        """
        with collection_paused():
            intake = Intake(lambda name: self._names.get(name, ()), self._by_key.get, self._index.get, self._results,
                            self._counts.__getitem__, self.unmatched)
            return self._with(intake.taken(results, lambda key: key not in self._by_key), results)

    def _with(self, changes: Changes, results: Mapping[str, StoredEntities]) -> EntityLibrary:
        """A copy of this library with the changed entities in it: the indexes are copied (a
        dict copy is quick) and only the changed entities' entries in them redone."""
        new = object.__new__(EntityLibrary)
        new.corrections, new.unmatched = self.corrections, self.unmatched
        new._results = {**self._results, **results}
        by_key, counts, folded, names = dict(self._by_key), dict(self._counts), dict(self._folded), dict(self._names)
        for key, entity in changes.entities.items():
            before = folded.pop(key, set()) | {key} if key in by_key else set()
            after: set[str] = set()
            if entity is None:
                del by_key[key], counts[key]
            else:
                by_key[key], counts[key] = entity, changes.mentions[key]
                added = changes.spellings[key]
                if added is None or key not in self._folded:
                    folded[key] = {fold(entity.name), *map(fold, entity.aliases)}
                else:
                    folded[key] = self._folded[key] | added | {fold(entity.name)}
                after = folded[key] | {key}
            for name in before - after:
                left = [k for k in names[name] if k != key]
                if left:
                    names[name] = left
                else:
                    del names[name]
            for name in after - before:
                names[name] = [*names.get(name, ()), key]
        new._by_key, new._counts, new._folded, new._names = by_key, counts, folded, names
        new._index = {**self._index, **changes.index}
        new._per_article = dict(self._per_article)
        for article_id, index in changes.index.items():
            row: dict[str, int] = {}
            for mention in results[article_id].article.mentions:
                key = index[fold(mention.text)]
                if not by_key[key].hidden:
                    row[key] = row.get(key, 0) + 1
            new._per_article[article_id] = row
        new.entities = _placed(self.entities, changes.entities, counts)
        # Listed first: the UI thread may be filling the cache while this runs in a worker.
        new._ranked = {article_id: ranked for article_id, ranked in list(self._ranked.items())
                       if article_id not in results and not any(r.entity.key in changes.entities for r in ranked)}
        return new

    def __len__(self) -> int:
        return len(self.entities)

    @property
    def article_ids(self) -> KeysView[str]:
        """Every analysed article, whether or not it names anyone (a view: asked on every
        cursor move, so never copied)."""
        return self._results.keys()

    def result(self, article_id: str) -> StoredEntities | None:
        """The article's result the library was made from (to tell a result saved since)."""
        return self._results.get(article_id)

    def get(self, key: str) -> Entity | None:
        return self._by_key.get(key)

    def for_article(self, article_id: str) -> list[ArticleEntity]:
        """The article's entities, most prominent first; hidden ones left out."""
        ranked = self._ranked.get(article_id)
        if ranked is None:
            stored = self._results.get(article_id)
            ranked = [] if stored is None else [
                ArticleEntity(self._by_key[p.key], p.mentions, p.score, p.in_title, p.in_lead)
                for p in rank(stored.article, self._article_index(article_id), stored.lead_end)
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
        return max(found, key=lambda e: (self._counts[e.key], not e.hidden)) if found else None

    def named(self, name: str) -> list[Entity]:
        """Every entity with this name or alias (folded), hidden ones too."""
        return [self._by_key[key] for key in self._names.get(fold(name), ())]

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
                scored.append((best, -self._counts[entity.key], entity.name, entity))
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
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], -self._counts[kv[0]], kv[0]))
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
        index = self._article_index(article_id)
        for mention in stored.article.mentions:
            entity = index.get((article_id, fold(mention.text)))
            if entity is not None:
                found.append((mention, entity))
        return sorted(found, key=lambda pair: (pair[0].part != "title", pair[0].start))

    def _article_index(self, article_id: str) -> dict[tuple[str, str], Entity]:
        """(article id, folded alias) -> entity for one article, as ``prominence.rank`` takes it."""
        by_key = self._by_key
        return {(article_id, name): by_key[key] for name, key in self._index.get(article_id, {}).items()}

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




def _placed(entities: list[Entity], changed: Mapping[str, Entity | None], counts: Mapping[str, int]) -> list[Entity]:
    """The list, most mentioned first, with the changed entities out of their old places and in
    their new ones; the others are not compared again."""

    def order(entity: Entity) -> tuple[int, str]:
        return -counts[entity.key], entity.key

    kept = [e for e in entities if e.key not in changed]
    placed = sorted((e for e in changed.values() if e is not None), key=order)
    result: list[Entity] = []
    start = 0
    for entity in placed:
        at = bisect_right(kept, order(entity), lo=start, key=order)
        result += kept[start:at]
        result.append(entity)
        start = at
    result += kept[start:]
    return result
