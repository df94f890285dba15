"""An entity being changed by newly taken articles, and the entity it becomes: its occurrences
merged in order, its kind and name chosen again as the full build would choose them."""

from __future__ import annotations

from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from ..models.entities import KINDS, ArticleEntities, Entity, Occurrence
from .canonical import MENTION_WEIGHT, _best_name
from .normalise import fold

#: Occurrences are kept in (article id, alias) order; an article's are all new or all old, so
#: the article id alone finds a new one's place (in C, which a key function would not be).
_article_of = attrgetter("article_id")


@dataclass
class Growing:
    """An entity being changed: its occurrences by (article id, alias) and its kind votes."""

    base: Entity | None
    #: The old occurrences still standing, in order, and the new mentions per (article, alias).
    kept: list[Occurrence]
    votes: Counter[str]
    new: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Spellings added (folded), and whether some article's occurrences were taken away.
    added: set[str] = field(default_factory=set)
    shrunk: bool = False
    removed: int = 0  # mentions taken away with articles analysed again


def votes_of(article: ArticleEntities, key_of: Callable[[str], str | int | None], *,
             mentions: bool = True) -> dict[str | int, Counter[str]]:
    """The article's evidence for each entity's kind, as canonical.py weighs it."""
    votes: dict[str | int, Counter[str]] = defaultdict(Counter)
    if mentions:
        weight = MENTION_WEIGHT if article.votes else 1.0
        for mention in article.mentions:
            key = key_of(fold(mention.text))
            if key is not None:
                votes[key][mention.kind] += weight  # type: ignore[assignment]  # float weights
    for name, kind, vote in article.votes:
        key = key_of(fold(name))
        if key is not None:
            votes[key][kind] += vote  # type: ignore[assignment]  # float weights
    return votes


def rebuilt(base: Entity, growing: Growing, *, named: bool = False, renamed: bool = True) -> Entity | None:
    """The entity with its occurrences and votes as they now are; None when none is left.

    An uncorrected entity's name and kind follow its spellings and votes as the full build
    would decide them; a corrected one keeps what the user (or the last build) made of it.
    """
    occurrences = merged(growing.kept, growing.new)
    if not occurrences:
        return None
    tally = {k: v for k, v in growing.votes.items() if v > 0}
    votes = tuple(sorted(((k, round(v, 2)) for k, v in tally.items()), key=lambda kv: -kv[1]))
    kind = max(KINDS, key=lambda k: (tally.get(k, 0.0), -KINDS.index(k)))
    if base.corrected:
        return base.with_(occurrences=occurrences, votes=votes)
    if not renamed:
        return base.with_(kind=kind, occurrences=occurrences, votes=votes)
    aliases: Counter[str] = Counter()
    spread: dict[str, set[str]] = defaultdict(set)
    for occ in occurrences:
        aliases[occ.alias] += occ.count
        spread[occ.alias].add(occ.article_id)
    name = _best_name(aliases, spread)
    if named:
        return Entity(fold(name), name, kind, occurrences, votes=votes)
    return base.with_(name=name, kind=kind, occurrences=occurrences, votes=votes)


def merged(kept: list[Occurrence], new: Counter[tuple[str, str]]) -> tuple[Occurrence, ...]:
    """The occurrences in (article id, alias) order: those kept are in order already, so only
    the new ones are put in their places (an article's are all new, or all kept)."""
    if not new:
        return tuple(kept)
    added = [Occurrence(article_id, alias, n) for (article_id, alias), n in sorted(new.items())]
    if not kept or kept[-1].article_id < added[0].article_id:
        return (*kept, *added)
    ordered = list(kept)
    for occ in added:
        insort(ordered, occ, key=_article_of)
    return tuple(ordered)


def free_key(key: str, free: Callable[[str], bool]) -> str:
    candidate, n = key, 1
    while not free(candidate):
        n += 1
        candidate = f"{key}#{n}"
    return candidate
