"""What a story's comparison is made of: value types that the app, the command line and an
export read, each item with the article and offsets of its passage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .library import Story
from .wording import Term


@dataclass(frozen=True, slots=True)
class Passage:
    """Where an item is: an article, its title or body, and offsets there."""

    article_id: str
    part: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """One account in the timeline."""

    article_id: str
    outlet: str
    published: datetime
    title: str
    words: int
    group: str
    #: The outlet's earlier account of this story, when this one follows it up.
    follows: str | None
    #: Outlets that carried this account word for word (a wire copy).
    carried_by: tuple[str, ...]
    copy_of: str | None


@dataclass(frozen=True, slots=True)
class Named:
    """One entity across the accounts."""

    key: str
    name: str
    kind: str
    by_outlet: dict[str, int]
    by_article: dict[str, int]
    #: Where each account first names it.
    first: dict[str, Passage]


@dataclass(frozen=True, slots=True)
class Omission:
    outlet: str
    article_id: str
    key: str
    name: str
    named_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    entity: str
    outlet: str
    phrase: str
    kind: str
    passage: Passage


@dataclass(frozen=True, slots=True)
class Quote:
    #: The canonical name of the speaker, or None (unnamed or unattributed).
    speaker: str | None
    key: str | None
    #: The words that name the speaker as written ("a ministry source"); "" when none.
    speaker_words: str
    outlet: str
    text: str
    direct: bool
    passage: Passage

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Comparison:
    story: Story
    coverage: tuple[Coverage, ...]
    #: Group name -> outlets of the story in it ("" for outlets in no group).
    groups: dict[str, tuple[str, ...]]
    entities: tuple[Named, ...]
    omissions: tuple[Omission, ...]
    labels: tuple[Label, ...]
    quotes: tuple[Quote, ...]
    distinctive: dict[str, tuple[Term, ...]]
    #: Articles whose parse or entities are not there yet: their labels and quotes are missing.
    pending: tuple[str, ...] = ()
    outlets: tuple[str, ...] = field(default=())
    #: Article id -> (title, Body.text): what the offsets of every passage are into.
    texts: Mapping[str, tuple[str, str]] = field(default_factory=dict, repr=False)

    @property
    def one_sided(self) -> str | None:
        """The only group that covered the story, when the user grouped outlets and just one
        group did; None otherwise."""
        named = [g for g in self.groups if g]
        return named[0] if len(named) == 1 and "" not in self.groups else None

    def speakers(self, outlet: str) -> list[tuple[str, int, int]]:
        """(speaker, quotes, words) an outlet gives, most words first; unnamed speakers as ""."""
        counts: dict[str, list[int]] = {}
        for quote in self.quotes:
            if quote.outlet == outlet and quote.direct:
                row = counts.setdefault(quote.speaker or "", [0, 0])
                row[0] += 1
                row[1] += quote.words
        return sorted(((s, n, w) for s, (n, w) in counts.items()), key=lambda r: (-r[2], r[0]))
