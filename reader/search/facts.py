"""What filters read besides the index: the user's marks, and entities through a pluggable resolver."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Protocol

from ..models import Marks

if TYPE_CHECKING:
    from ..entities import EntityLibrary
    from ..models.entities import Entity
    from ..store import Store


@dataclass(frozen=True)
class UserFacts:
    """The user's marks as ``is:`` and ``tag:`` read them; the app may pass the ones it holds."""

    read: Set[str] = frozenset()
    #: Stars and tags by article id, as ``Store.states()`` gives them.
    marks: Mapping[str, Marks] = field(default_factory=dict)
    annotated: Set[str] = frozenset()

    @classmethod
    def from_store(cls, store: Store) -> UserFacts:
        read, marks = store.states()
        return cls(read, marks, store.annotated_ids())

    def starred(self) -> set[str]:
        return {i for i, m in self.marks.items() if m.starred}

    def tagged(self, tag: str) -> set[str]:
        return {i for i, m in self.marks.items() if tag in m.tags}


class EntityResolver(Protocol):
    """Answers ``entity:`` and ``type:`` terms; search works without one (those terms then match nothing)."""

    #: Articles not analysed yet: no answer includes them, and the search says so.
    pending: int

    def articles_named(self, name: str) -> Set[str] | None:
        """Ids of the articles naming the entity called ``name`` (any alias); None if there is none."""

    def articles_of_kind(self, kind: str) -> Set[str]:
        """Ids of the articles naming any entity of this kind (person, organisation, place)."""

    def first_mention(self, article_id: str, name: str) -> tuple[int, int] | None:
        """Where the article's text (``Body.text``) first names the entity called ``name``, by
        any of its names: (start, end); None when only its title does, or it does not."""


class LibraryResolver:
    """An EntityResolver over an EntityLibrary: every entity with the name or alias, hidden ones too,
    since a user who types a name wants it whether or not the lists show it."""

    def __init__(self, library: EntityLibrary, pending: int = 0) -> None:
        self.library = library
        #: Articles not analysed yet, whose names no answer can include.
        self.pending = pending
        self._kinds: dict[str, set[str]] = {}

    def articles_named(self, name: str) -> Set[str] | None:
        entities = self._entities(name)
        if not entities:
            return None
        return {article_id for entity in entities for article_id in entity.articles}

    def first_mention(self, article_id: str, name: str) -> tuple[int, int] | None:
        found = [(m.start, m.end) for entity in self._entities(name)
                 for m in self.library.mentions(article_id, entity.key) if m.part == "body"]
        return min(found) if found else None

    def _entities(self, name: str) -> list[Entity]:
        return self.library.named(name) or [e for e in [self.library.find(name)] if e is not None]

    def articles_of_kind(self, kind: str) -> Set[str]:
        if kind not in self._kinds:
            self._kinds[kind] = {
                article_id
                for e in self.library.entities
                if e.kind == kind and not e.hidden
                for article_id in e.articles
            }
        return self._kinds[kind]


def store_resolver(store: Store) -> Callable[[], EntityResolver | None]:
    """Entities from the store's saved analysis, built on the first query that asks about
    entities (building an EntityLibrary takes a while), then kept; None if nothing is analysed."""

    @cache
    def build() -> EntityResolver | None:
        from ..entities import EntityLibrary

        results = store.entity_results()
        if not results:
            return None
        return LibraryResolver(EntityLibrary.build(results, store.entity_corrections()), len(store.unanalysed_ids()))

    return build
