"""Narrowing a list of annotations with the search language's syntax: words, "phrases",
tag:, outlet:, entity:, kind:, is:orphaned, after:/before: (when it was made), OR, NOT and
parentheses.

The annotations screen filters in memory (ten thousand annotations take milliseconds), so the
query is evaluated here rather than by the search index; the parser is the main search's, with
this screen's own fields, so ``(tag:x OR tag:y) -kind:question`` means what it means there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ..annotations.model import ALL_KINDS, Annotation
from ..models import Article
from ..text import fold
from .errors import QueryError
from .parser import Dialect, parse
from .query import And, DateFilter, Everything, Filter, Node, Not, Or, Text, leaves

#: "noted": has a note. "orphaned": its passage is gone from the article's current text.
STATES = ("orphaned", "noted", "placed")
DIALECT = Dialect(fields=("tag", "outlet", "entity", "kind", "is", "after", "before"), states=STATES,
                  choices={"kind": ALL_KINDS})

#: Where an entity is named: (start, end) of each mention in article bodies, per article id,
#: and every name it goes by. None: the library knows no such entity.
Passages = tuple[Mapping[str, Sequence[tuple[int, int]]], Sequence[str]]
EntityPassages = Callable[[str], Passages | None]


def searchable(annotation: Annotation, article: Article | None) -> str:
    """What free words are matched against, folded: worked out once per annotation, not per
    keystroke of the filter."""
    parts = (annotation.quote, annotation.note, " ".join(annotation.tags),
             article.title if article else "", article.outlet if article else "")
    return fold(" ".join(parts))


@dataclass(frozen=True)
class AnnotationFilter:
    tree: Node

    @classmethod
    def parse(cls, text: str) -> AnnotationFilter:
        """Raises QueryError (with the position) for a query that cannot be read."""
        return cls(parse(text, DIALECT))

    @property
    def empty(self) -> bool:
        return isinstance(self.tree, Everything)

    @property
    def words(self) -> bool:
        """Whether the query has words to look for (so the folded texts are needed)."""
        return any(isinstance(leaf, Text) for leaf, _ in leaves(self.tree))

    def apply(
        self,
        rows: Iterable[tuple[Annotation, Article | None]],
        entity_passages: EntityPassages | None = None,
        folded: Mapping[str, str] | None = None,
    ) -> list[tuple[Annotation, Article | None]]:
        """The rows the query holds for. ``folded`` maps annotation ids to their ``searchable``
        text, when worked out beforehand."""
        entities: dict[str, Passages | None] = {}
        for leaf, _ in leaves(self.tree):
            if isinstance(leaf, Filter) and leaf.field == "entity" and leaf.value not in entities:
                entities[leaf.value] = entity_passages(leaf.value) if entity_passages is not None else None
        check = _Check(entities, folded or {})
        return [(a, article) for a, article in rows if check.holds(self.tree, a, article)]


class _Check:
    def __init__(self, entities: Mapping[str, Passages | None], folded: Mapping[str, str]) -> None:
        self.entities = entities
        self.folded = folded

    def holds(self, node: Node, annotation: Annotation, article: Article | None) -> bool:
        if isinstance(node, And):
            return all(self.holds(child, annotation, article) for child in node.children)
        if isinstance(node, Or):
            return any(self.holds(child, annotation, article) for child in node.children)
        if isinstance(node, Not):
            return not self.holds(node.child, annotation, article)
        if isinstance(node, Text):
            haystack = self.folded.get(annotation.id)
            if haystack is None:
                haystack = searchable(annotation, article)
            return " ".join(fold(node.text).split()) in haystack
        if isinstance(node, DateFilter):
            if annotation.created is None:
                return False
            day = datetime(node.day.year, node.day.month, node.day.day, tzinfo=UTC)
            return annotation.created >= day if node.field == "after" else annotation.created < day
        if isinstance(node, Filter):
            return self.field(node, annotation, article)
        return True  # Everything

    def field(self, node: Filter, annotation: Annotation, article: Article | None) -> bool:
        value = node.value
        if node.field == "tag":
            return value in {fold(t) for t in annotation.tags}
        if node.field == "outlet":
            return article is not None and fold(value) in fold(article.outlet)
        if node.field == "kind":
            return annotation.kind == value
        if node.field == "is":
            if value == "orphaned":
                return annotation.orphaned
            if value == "placed":
                return not annotation.orphaned and not annotation.is_article_note
            return bool(annotation.note.strip())
        return self.names(self.entities.get(value), annotation)

    def names(self, found: Passages | None, annotation: Annotation) -> bool:
        """Whether the annotation's passage names the entity: a mention inside the highlight, or
        (for an orphan, whose offsets no longer hold, or a note) one of its names in the words."""
        if found is None:
            return False
        spans, names = found
        if not annotation.orphaned and not annotation.is_article_note:
            for start, end in spans.get(annotation.article, ()):
                if start < annotation.end and annotation.start < end:
                    return True
        words = fold(annotation.note if annotation.is_article_note else annotation.quote)
        return any(re.search(r"(?<!\w)" + re.escape(fold(name)) + r"(?!\w)", words) for name in names if name)


__all__ = ["DIALECT", "AnnotationFilter", "EntityPassages", "QueryError", "searchable"]
