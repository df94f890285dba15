"""Narrowing a list of annotations: words, tag:, outlet:, entity:, kind: and is:orphaned.

The annotations screen filters in memory (ten thousand annotations take milliseconds), so
this is a small language of its own rather than the search index's: every term must hold,
words match the quote, the note, the tags and the article's title, ignoring case and accents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..models import Article
from ..text import fold
from .model import Annotation

_TERM = re.compile(r'(\w+):"([^"]*)"?|(\w+):(\S+)|"([^"]*)"?|(\S+)')
FIELDS = ("tag", "outlet", "entity", "kind", "is")


def searchable(annotation: Annotation, article: Article | None) -> str:
    """What free words are matched against, folded: worked out once per annotation, not per
    keystroke of the filter."""
    parts = (annotation.quote, annotation.note, " ".join(annotation.tags),
             article.title if article else "", article.outlet if article else "")
    return fold(" ".join(parts))


@dataclass
class AnnotationFilter:
    words: list[str] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> AnnotationFilter:
        parsed = cls()
        for match in _TERM.finditer(text):
            name = (match.group(1) or match.group(3) or "").lower()
            value = match.group(2) if match.group(1) else match.group(4)
            if name in FIELDS and value is not None:
                parsed.fields.setdefault(name, []).append(fold(value.strip()))
            else:
                word = match.group(5) if match.group(5) is not None else match.group(0)
                if word.strip():
                    parsed.words.append(fold(word.strip()))
        return parsed

    @property
    def empty(self) -> bool:
        return not self.words and not self.fields

    def apply(
        self,
        rows: Iterable[tuple[Annotation, Article | None]],
        entity_articles: Callable[[str], set[str] | None] | None = None,
        folded: Mapping[str, str] | None = None,
    ) -> list[tuple[Annotation, Article | None]]:
        """The rows that match every term. ``entity_articles(name)`` gives the ids of the
        articles naming an entity (None: no such entity); ``folded`` maps annotation ids to
        their ``searchable`` text, when worked out beforehand."""
        allowed: set[str] | None = None
        for name in self.fields.get("entity", []):
            ids = entity_articles(name) if entity_articles is not None else None
            ids = set(ids or ())
            allowed = ids if allowed is None else allowed & ids
        kept = []
        for annotation, article in rows:
            if allowed is not None and annotation.article not in allowed:
                continue
            if not self._fields_hold(annotation, article):
                continue
            if self.words:
                haystack = folded.get(annotation.id) if folded is not None else None
                if haystack is None:
                    haystack = searchable(annotation, article)
                if not all(word in haystack for word in self.words):
                    continue
            kept.append((annotation, article))
        return kept

    def _fields_hold(self, annotation: Annotation, article: Article | None) -> bool:
        for tag in self.fields.get("tag", []):
            if tag not in (fold(t) for t in annotation.tags):
                return False
        for outlet in self.fields.get("outlet", []):
            if article is None or outlet not in fold(article.outlet):
                return False
        for kind in self.fields.get("kind", []):
            if not annotation.kind.startswith(kind):
                return False
        for state in self.fields.get("is", []):
            if state == "orphaned" and not annotation.orphaned:
                return False
            if state in ("noted", "note") and not annotation.note:
                return False
        return True
