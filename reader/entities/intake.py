"""Newly analysed articles taken into an entity library without merging the whole library again.

Each new article's names are resolved against the names the library already knows (the
entities as corrected, so a merge or a split the user made goes on applying); inside the
article, the in-article rules of canonical.py still join a surname to the full name beside
it and the pairs ``ArticleEntities.links`` gives. Names the library does not know become
entities of their own. The cross-article rules (merging.py) do not run here: the full build
catches up on them (see ``EntityLibrary.taking_in``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models.entities import KINDS, ArticleEntities, Correction, Entity, StoredEntities
from .canonical import _TEXT_AND_KIND, MENTION_WEIGHT, _one_word_of
from .corrections import apply_corrections
from .growing import Growing, free_key, rebuilt, votes_of
from .normalise import fold, plain

#: Occurrences up to which an entity's name is always chosen again (see Intake._finish).
FEW = 40


@dataclass(frozen=True, slots=True)
class Changes:
    """What taking in changed: entities by key (None: gone), and each taken article's names."""

    entities: dict[str, Entity | None]
    #: article id -> folded alias -> entity key, for every taken article.
    index: dict[str, dict[str, str]]
    #: Entity keys whose spellings were added (folded) or must be counted again (None).
    spellings: dict[str, set[str] | None]
    #: Mentions of each changed entity.
    mentions: dict[str, int]


class Intake:
    """Resolves new articles against a library's names and returns what changes.

    ``known`` gives the keys of the entities a folded name means, ``entity`` an entity by key,
    ``old_index`` the folded aliases an already taken article had (to take them away), and
    ``keys`` tells whether a key is in use.
    """

    def __init__(
        self,
        known: Callable[[str], Sequence[str]],
        entity: Callable[[str], Entity | None],
        old_index: Callable[[str], Mapping[str, str] | None],
        old_results: Mapping[str, StoredEntities],
        mentions: Callable[[str], int],
        unmatched: Iterable[Correction] = (),
    ) -> None:
        self._mentions = mentions
        self._known = known
        self._entity = entity
        self._old_index = old_index
        self._old_results = old_results
        self._unmatched = tuple(unmatched)
        self._growing: dict[str, Growing] = {}
        self._fresh: dict[int, Growing] = {}  # new entities, by their group number
        self._index: dict[str, dict[str, str | int]] = {}
        #: Names met earlier in the batch that the library does not know (a key or a group).
        self._batch: dict[str, str | int] = {}

    def taken(self, results: Mapping[str, StoredEntities], free: Callable[[str], bool]) -> Changes:
        forgotten: set[str] = set()
        for article_id in results:
            self._forget(article_id, forgotten)
        for growing in self._growing.values():  # one pass over each entity, however many articles
            if growing.shrunk:
                growing.kept = [o for o in growing.kept if o.article_id not in forgotten]
        for stored in results.values():
            self._take(stored.article)
        return self._finish(free)

    # Taking away an article analysed again ---------------------------------------------------

    def _forget(self, article_id: str, forgotten: set[str]) -> None:
        old = self._old_index(article_id)
        if not old:
            return
        forgotten.add(article_id)
        for key in set(old.values()):
            growing = self._grow(key)
            if growing is not None:
                growing.shrunk = True
        stored = self._old_results.get(article_id)
        if stored is not None:
            for mention in stored.article.mentions:  # an occurrence counts its article's mentions
                shrinking = self._growing.get(old.get(fold(mention.text), ""))
                if shrinking is not None:
                    shrinking.removed += 1
            for old_key, votes in votes_of(stored.article, old.get).items():
                shrinking = self._grow(str(old_key))
                if shrinking is not None:
                    shrinking.votes.subtract(votes)

    def _grow(self, key: str) -> Growing | None:
        growing = self._growing.get(key)
        if growing is None:
            entity = self._entity(key)
            if entity is None:
                return None
            growing = Growing(entity, list(entity.occurrences), Counter(dict(entity.votes)))
            self._growing[key] = growing
        return growing

    # Resolving a new article -----------------------------------------------------------------

    def _resolve(self, folded: str) -> str | int | None:
        """The one entity a folded name means: the one keyed by it, else the only one named so,
        else what an earlier article of the batch made of it."""
        keys = self._known(folded)
        if len(keys) == 1:
            return keys[0]
        if folded in keys:
            return folded
        return self._batch.get(folded)

    def _take(self, article: ArticleEntities) -> None:
        article_id = article.article_id
        links = [(fold(long), fold(short), _one_word_of(short, long)) for long, short in article.links]
        local = {short: long for long, short, one_word in links if one_word}
        written = Counter(map(_TEXT_AND_KIND, article.mentions))
        folded = {text: fold(text) for text, _ in written}
        effective = {name: local.get(name, name) for name in folded.values()}
        known = {name: self._resolve(name) for name in effective.values()}
        target: dict[str, str | int] = {}
        if links:
            # Inside the article, a link makes its two names one (canonical.py does the same).
            parent = {name: name for name in known}

            def find(name: str) -> str:
                while parent.setdefault(name, name) != name:
                    parent[name] = parent[parent[name]]
                    name = parent[name]
                return name

            for long, short, _ in links:
                a, b = find(local.get(short, short)), find(local.get(long, long))
                if a != b:
                    parent[a] = b
            for name in parent:
                if name not in known:
                    known[name] = self._resolve(name)
            components: dict[str, list[str]] = defaultdict(list)
            for name in parent:
                components[find(name)].append(name)
        else:
            components = {name: [name] for name in known}
        # A name the library does not know joins a known one it is linked to, the longest
        # first; names known to nobody are a new entity together.
        for members in components.values():
            found = [m for m in members if known[m] is not None]
            if len(found) > 1:
                found.sort(key=lambda m: (-len(m.split()), m))
            fallback = known[found[0]] if found else self._new_group()
            for member in members:
                where = known[member]
                target[member] = fallback if where is None else where  # type: ignore[assignment]
        index: dict[str, str | int] = {}
        weight = MENTION_WEIGHT if article.votes else 1.0
        for (text, kind), count in written.items():
            name = folded[text]
            where = target[effective[name]]
            index[name] = where
            growing = self._target(where)
            alias = plain(text)
            growing.new[(article_id, alias)] += count
            growing.added.add(fold(alias))
            growing.votes[kind] += weight * count  # type: ignore[assignment]  # float weights
            if name not in known and self._resolve(name) is None:
                self._batch[name] = where
        for key, votes in votes_of(article, index.get, mentions=False).items():
            self._target(key).votes.update(votes)
        for name, where in target.items():
            if known[name] is None:
                self._batch[name] = where
        self._index[article_id] = index

    def _new_group(self) -> int:
        number = len(self._fresh)
        self._fresh[number] = Growing(None, [], Counter())
        return number

    def _target(self, where: str | int) -> Growing:
        if isinstance(where, int):
            return self._fresh[where]
        growing = self._grow(where)
        assert growing is not None  # resolved from the library's own names
        return growing

    # The changed entities ------------------------------------------------------------------

    def _finish(self, free: Callable[[str], bool]) -> Changes:
        entities: dict[str, Entity | None] = {}
        spellings: dict[str, set[str] | None] = {}
        mentions: dict[str, int] = {}
        for key, growing in self._growing.items():
            assert growing.base is not None
            # A large entity is named again only when a spelling new to it comes: one more
            # article of its usual spellings hardly changes which one leads, nor does one
            # analysed again; the next full build settles it.
            renamed = len(growing.kept) <= FEW or any(key not in self._known(spelling) for spelling in growing.added)
            entity = rebuilt(growing.base, growing, renamed=renamed)
            entities[key] = entity
            # Its names are counted again when some may have gone with an article taken again.
            spellings[key] = None if entity is None or (growing.shrunk and renamed) else growing.added
            mentions[key] = self._mentions(key) - growing.removed + sum(growing.new.values())
        numbered: dict[int, str] = {}
        fresh = []
        taken: set[str] = set()
        for number, growing in self._fresh.items():
            entity = rebuilt(Entity("", "", KINDS[0]), growing, named=True)
            if entity is None:
                continue
            key = free_key(fold(entity.name), lambda k: free(k) and k not in taken)
            taken.add(key)
            numbered[number] = key
            fresh.append(entity.with_(key=key))
        # A correction that found nothing before may find one of the new entities.
        for entity in apply_corrections(fresh, self._unmatched) if self._unmatched else fresh:
            entities[entity.key] = entity
            spellings[entity.key] = None
            mentions[entity.key] = entity.mention_count
        index = {article_id: {name: numbered.get(where, where) if isinstance(where, int) else where
                              for name, where in names.items()}
                 for article_id, names in self._index.items()}
        return Changes(entities, index, spellings, mentions)  # type: ignore[arg-type]  # numbers all renamed
