"""Plain data for entities: mentions in one article, canonical entities across the library, the
user's corrections to them. The store keeps and hands out these; reader.entities makes them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from sys import intern
from typing import Any

#: The kinds of entity we keep. Nationality adjectives, dates, numbers and works are dropped.
KINDS = ("person", "organisation", "place")

#: Where a mention sits: offsets are into the article's title or into its ``Body.text``.
@dataclass(frozen=True, slots=True)
class Mention:
    """One place an entity is named. ``text`` is the name as written, less titles and "the"."""

    text: str
    kind: str
    #: Character offsets of ``text`` in the original (not normalised) title or body string.
    start: int
    end: int
    part: str = "body"

    def to_json(self) -> list[str | int]:
        return [self.text, self.kind, self.start, self.end, self.part]

    @classmethod
    def from_json(cls, data: list[Any]) -> Mention:
        text, kind, start, end, part = data
        # A library holds every analysed article's mentions: a name, its kind and its part
        # are each held once however many mentions repeat them.
        return cls(intern(text), intern(kind), start, end, intern(part))


@dataclass(frozen=True, slots=True)
class ArticleEntities:
    """What extraction found in one article, and which extractor found it."""

    article_id: str
    mentions: tuple[Mention, ...] = ()
    #: "spacy:<model>-<version>" or "fallback"; kept so a later model upgrade can re-extract.
    extractor: str = ""
    #: Why the fallback ran, or "" when the model did.
    note: str = ""
    #: (name, alias) pairs the article shows to be one entity: "Antonio Ledezma" and "Ledezma"
    #: in one story, "Democratic Unity Roundtable (MUD)". Canonical merging trusts these.
    links: tuple[tuple[str, str], ...] = ()
    #: (name, kind, weight): the evidence the article gives for each entity's kind, summed
    #: across the library to decide it.
    votes: tuple[tuple[str, str, float], ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"article_id": self.article_id, "mentions": [m.to_json() for m in self.mentions],
                "extractor": self.extractor}
        if self.note:
            data["note"] = self.note
        if self.links:
            data["links"] = [list(pair) for pair in self.links]
        if self.votes:
            data["votes"] = [list(vote) for vote in self.votes]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleEntities:
        return cls(
            article_id=data["article_id"],
            mentions=tuple(map(Mention.from_json, data.get("mentions", ()))),
            extractor=data.get("extractor", ""),
            note=data.get("note", ""),
            links=tuple((a, b) for a, b in data.get("links", ())),
            votes=tuple((intern(name), intern(kind), weight) for name, kind, weight in data.get("votes", ())),
        )


@dataclass(frozen=True, slots=True)
class Occurrence:
    """How often one alias of an entity is used in one article."""

    article_id: str
    alias: str
    count: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, organisation or place, with every way the library writes it."""

    #: Folded form of the automatic canonical name; stable while the name stays the same.
    key: str
    name: str
    kind: str
    occurrences: tuple[Occurrence, ...] = ()
    hidden: bool = False
    #: Set when a user correction renamed, retyped, merged or split this entity.
    corrected: bool = False
    #: Weighted votes per kind that decided ``kind``: shown to explain a type, and used to retype.
    votes: tuple[tuple[str, float], ...] = field(default=(), compare=False)

    @property
    def aliases(self) -> dict[str, int]:
        """Every spelling and how often it is used, most used first."""
        counts: dict[str, int] = {}
        for occ in self.occurrences:
            counts[occ.alias] = counts.get(occ.alias, 0) + occ.count
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    @property
    def articles(self) -> dict[str, int]:
        """Mentions per article id."""
        counts: dict[str, int] = {}
        for occ in self.occurrences:
            counts[occ.article_id] = counts.get(occ.article_id, 0) + occ.count
        return counts

    @property
    def mention_count(self) -> int:
        return sum(occ.count for occ in self.occurrences)

    def with_(self, **changes: Any) -> Entity:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "occurrences": [[o.article_id, o.alias, o.count] for o in self.occurrences],
        }
        if self.hidden:
            data["hidden"] = True
        if self.corrected:
            data["corrected"] = True
        if self.votes:
            data["votes"] = [list(vote) for vote in self.votes]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        return cls(
            key=data["key"],
            name=data["name"],
            kind=data["kind"],
            occurrences=tuple(Occurrence(a, alias, n) for a, alias, n in data.get("occurrences", ())),
            hidden=data.get("hidden", False),
            corrected=data.get("corrected", False),
            votes=tuple((kind, weight) for kind, weight in data.get("votes", ())),
        )


@dataclass(frozen=True, slots=True)
class StoredEntities:
    """An article's saved extraction, with where its first paragraph ends (for prominence)."""

    article: ArticleEntities
    #: End offset in ``Body.text`` of the first paragraph block: mentions before it are the lead.
    lead_end: int


ACTIONS = ("rename", "merge", "split", "retype", "hide", "show")


@dataclass(frozen=True, slots=True)
class Correction:
    """One thing the user said about an entity.

    ``alias`` names the entity by any spelling it has (or its key), never by a run's ids, so a
    correction still finds its entity after re-extraction. ``value`` is the new name (rename),
    an alias of the entity to fold in (merge), the kind (retype); unused for split, hide, show.
    A split takes ``alias`` itself off into an entity of its own.
    """

    action: str
    alias: str
    value: str = ""

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown correction {self.action!r}; expected one of {', '.join(ACTIONS)}")
        if self.action == "retype" and self.value not in KINDS:
            raise ValueError(f"unknown kind {self.value!r}; expected one of {', '.join(KINDS)}")

    def to_json(self) -> dict[str, str]:
        data = {"action": self.action, "alias": self.alias}
        if self.value:
            data["value"] = self.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Correction:
        return cls(action=data["action"], alias=data["alias"], value=data.get("value", ""))
