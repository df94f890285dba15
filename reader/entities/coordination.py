"""Names in one list are one kind: "Goldman Sachs and Morgan Stanley", "Odesa, Chornomorsk and
Pivdennyi", "Britain's Centrica, Germany's Uniper and Finland's Fortum Oyj". A name the model
and the other cues are unsure of takes the kind its clearly typed neighbours have."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from .lexicon import FUNCTION_WORDS
from .normalise import fold
from .spans import Candidate
from .words import bare

#: What may stand between two items of a list; a possessive before the second is its owner
#: ("..., Germany's Uniper").
_JOINER = re.compile(r"(,|,? (?:and|or|&)) (?:the )?(?:[A-ZÀ-ÖØ-Þ][\w-]*['’]s )?")
_POSSESSIVE = re.compile(r"['’]s?\b")
#: Per clearly typed neighbour in a list, and at most this many neighbours counted.
COORDINATED = 1.5
NEIGHBOURS = 2
#: A neighbour's kind is clear when its evidence leads the next kind by this much.
CLEAR_MARGIN = 1.0


def coordinated(text: str, candidates: list[Candidate]) -> list[list[str]]:
    """Lists of folded names written as one list, each of two names or more. Items joined only
    by commas count only in a list that ends with "and" or "or" ("Caracas, Venezuela" is a place
    and its country, not a list)."""
    items = [c for c in sorted(candidates, key=lambda c: c.start) if not _POSSESSIVE.match(text, c.end)]
    lists: list[list[str]] = []
    current: list[str] = []
    joined = False
    for before, after in zip(items, items[1:], strict=False):
        match = _JOINER.fullmatch(text, before.end, after.start)
        # A list ends at its "and": "Omeo, Buchan and Bruthen, and the Country Fire Authority"
        # joins two clauses after it.
        if match is None or joined:
            if joined and len(current) >= 2:
                lists.append(current)
            current, joined = [], False
            continue
        if not current:
            current = [fold(before.text)]
        current.append(fold(after.text))
        joined = joined or match.group(1) != ","
    if joined and len(current) >= 2:
        lists.append(current)
    return lists


def list_votes(lists: list[list[str]], kind_of: Callable[[str], tuple[str, float] | None]
               ) -> dict[str, list[tuple[str, float]]]:
    """Votes each listed name takes from its clearly typed neighbours. ``kind_of`` gives a name's
    leading kind and its margin over the next, from the evidence before lists were looked at."""
    votes: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for names in lists:
        clear = {name: found[0] for name in names
                 if (found := kind_of(name)) is not None and found[1] >= CLEAR_MARGIN}
        for name in names:
            others = [kind for other, kind in clear.items() if other != name]
            for kind in set(others):
                weight = COORDINATED * min(NEIGHBOURS, others.count(kind))
                votes[name].append((kind, weight))
    return votes


# A list's joiner right before a name, and the capitalised name before that: "Carrowbeg or ", "Dunmore
# Party and ", "Ballyvane, ".
_LISTED_BEFORE = re.compile(
    r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]*(?: (?:de |del |la |of )?[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3}(?:,|,? and|,? or) $"
)
#: At most this many names back along a list.
LIST_REACH = 3


def list_start(text: str, start: int) -> int:
    """Where the list a name ends starts: the first name's start ("in Carrowbeg or Ballyvane" -> Carrowbeg's),
    or ``start`` itself for a name in no list."""
    for _ in range(LIST_REACH):
        match = _LISTED_BEFORE.search(text, max(0, start - 60), start)
        if match is None or bare(match.group().split()[0]) in FUNCTION_WORDS:
            break  # ("in November, and Moody's": a month is no item of a list of names)
        start = match.start()
    return start
