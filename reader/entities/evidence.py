"""Within one article: which names are one entity, and what kind each is by weighted evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .lexicon import ORG_WORDS, PARTICLES, PERSON_FOLLOWERS, PLACE_PREPOSITIONS, PLACE_WORDS, ROLE_NOUNS
from .names import expands, is_acronym, looks_like_person, part_of_person
from .normalise import fold
from .spans import Candidate, bare, next_word, previous_word

#: How much each cue weighs against the model's own label (1.0 per mention).
SURNAME_OF_PERSON = 2.0
HEAD_WORD = 2.5
PLACE_OF = 2.5
PERSON_SHAPE = 0.6
PERSON_CLAUSE = 1.5
PLACE_PREPOSITION = 0.6
ACRONYM = 0.4


# "Jacqueline Faría, an official...", "Gul Bano, a 52-year-old widow".
_APPOSITION = re.compile(
    r", (?:a|an|the|his|her)? ?(?:[\w-]+ ){0,2}(?:" + "|".join(sorted(ROLE_NOUNS)) + r")\b"
)


# "the city of Cúcuta", "the border state of Tachira", "the capital of Norte de Santander".
_PLACE_OF = re.compile(
    r"\b(?:city|town|village|state|province|region|municipality|capital|island|market|north|south|east|west) of $"
)


@dataclass
class Group:
    """Names in one article taken to be one entity, and the evidence for its kind."""

    names: set[str] = field(default_factory=set)
    votes: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def kind(self) -> str | None:
        if not self.votes:
            return None
        return max(self.votes.items(), key=lambda item: (item[1], item[0] == "person"))[0]

    @property
    def longest(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n)))


def head_kind(name: str) -> str | None:
    """The kind a name's head noun says: "Supreme Court" an organisation, "Swat Valley" a place.

    English puts the head last ("Moncloa Palace"), before any "of" ("Bank of England"); Spanish
    first ("Universidad Santa María"): the head is read from the words before the first particle,
    the last one found winning.
    """
    kind = None
    for index, word in enumerate(name.split()):
        low = bare(word)
        if low in PARTICLES and index > 0:
            break
        if low in ORG_WORDS:
            kind = "organisation"
        elif low in PLACE_WORDS:
            kind = "place"
    return kind


def context_votes(text: str, candidate: Candidate) -> list[tuple[str, float]]:
    votes = list(candidate.votes)
    name = candidate.text
    head = head_kind(name)
    if head:
        votes.append((head, HEAD_WORD))
    if looks_like_person(name) and head is None:
        votes.append(("person", PERSON_SHAPE))
    if is_acronym(name):
        votes.append(("organisation", ACRONYM))
    after = text[candidate.end:candidate.end + 12].lstrip(" ,")
    if after.split(" ", 1)[0].strip(",.") in PERSON_FOLLOWERS or _APPOSITION.match(text, candidate.end):
        votes.append(("person", PERSON_CLAUSE))
    if bare(previous_word(text, candidate.start)) in PLACE_PREPOSITIONS and not is_acronym(name):
        votes.append(("place", PLACE_PREPOSITION))
    if _PLACE_OF.search(text, max(0, candidate.start - 30), candidate.start):
        votes.append(("place", PLACE_OF))
    return votes


def group_names(text: str, candidates: list[Candidate], links: list[tuple[str, str]]) -> dict[str, Group]:
    """Folded name -> its group. Names group when the same, declared the same ("Democratic Unity
    Roundtable (MUD)"), an acronym of one another, or a shorter form of a person's name."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    display: dict[str, str] = {}
    votes: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for candidate in candidates:
        key = fold(candidate.text)
        display.setdefault(key, candidate.text)
        votes[key].extend(context_votes(text, candidate))
        find(key)
    for a, b in links:
        if fold(a) in display and fold(b) in display:
            union(fold(a), fold(b))
    acronyms = [k for k, name in display.items() if is_acronym(name)]
    for key in acronyms:
        matches = {find(k) for k, name in display.items() if k != key and expands(display[key], name)}
        if len(matches) == 1:
            union(key, matches.pop())

    def kind_of(key: str) -> str | None:
        tally: dict[str, float] = defaultdict(float)
        for k in display:
            if find(k) == find(key):
                for kind, weight in votes[k]:
                    tally[kind] += weight
        return max(tally, key=tally.__getitem__) if tally else None

    first_seen: dict[str, int] = {}
    for candidate in sorted(candidates, key=lambda c: c.start):
        first_seen.setdefault(fold(candidate.text), candidate.start)

    def introduced(root: str) -> int:
        return min(first_seen[k] for k in display if find(k) == root)

    persons = [k for k in display if len(display[k].split()) >= 2 and kind_of(k) == "person"]
    for key, name in sorted(display.items(), key=lambda item: len(item[1].split())):
        if is_acronym(name):
            continue
        owners = {find(p) for p in persons if p != key and part_of_person(name, display[p])}
        if owners:
            count = sum(1 for c in candidates if fold(c.text) == key)
            votes[key].extend([("person", SURNAME_OF_PERSON)] * count)
        elif " " not in name and _tally(votes[key]) == "person":
            # A first name alone ("Kylian is finding his rhythm") when one person has it.
            owners = {find(p) for p in persons if p.split()[0] == key}
            if len(owners) != 1:
                continue
        else:
            continue
        # Two people share the surname ("Shehbaz and Nawaz Sharif"): news introduces the one
        # the story is about first and spells out the other, so the lone surname is the first.
        union(key, min(owners, key=introduced))

    groups: dict[str, Group] = {}
    for key in display:
        group = groups.setdefault(find(key), Group())
        group.names.add(display[key])
        for kind, weight in votes[key]:
            group.votes[kind] += weight
    return {key: groups[find(key)] for key in display}


def _tally(votes: list[tuple[str, float]]) -> str | None:
    tally: dict[str, float] = defaultdict(float)
    for kind, weight in votes:
        tally[kind] += weight
    return max(tally, key=tally.__getitem__) if tally else None


def declared_links(text: str, candidates: list[Candidate]) -> tuple[list[tuple[str, str]], list[Candidate]]:
    """Pairs the text itself declares equal: "Name (ACR)" or "ACR (Name)"; a bracketed short form
    the model missed becomes a candidate too."""
    links, extra = [], []
    known = {(c.start, c.end) for c in candidates}
    for candidate in candidates:
        rest = text[candidate.end:candidate.end + 60]
        if not rest.startswith(" ("):
            continue
        close = rest.find(")")
        inner = rest[2:close] if close > 2 else ""
        if not inner or "\n" in inner or len(inner.split()) > 8 or not inner[:1].isupper():
            continue
        one_word = len(inner.split()) == 1
        long_name = len(candidate.text.split()) >= 2
        if (one_word and long_name) or (is_acronym(candidate.text) and not one_word):
            start = candidate.end + 2
            links.append((candidate.text, inner))
            if (start, start + len(inner)) not in known:
                extra.append(Candidate(start, start + len(inner), inner, (), "link"))
    return links, extra


def follows_name(text: str, end: int) -> bool:
    """Whether a capitalised word continues right after ``end``: the match is part of a longer name."""
    word = next_word(text, end)
    return text[end:end + 1] == " " and word[:1].isupper() and bare(word) not in PARTICLES
