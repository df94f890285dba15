"""Within one article: which names are one entity, and what kind each is by weighted evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .companies import shortens
from .knowledge import company_name, knowledge
from .lexicon import (
    ORG_NOUNS,
    ORG_WORDS,
    PARTICLES,
    PERSON_FOLLOWERS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    ROLE_NOUNS,
)
from .names import expands, is_acronym, looks_like_person, loosely_expands, part_of_person
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
#: A name the gazetteer knows: a country or region, a big town, a small one.
KNOWN_REGION, KNOWN_CITY, KNOWN_TOWN = 2.0, 1.5, 0.8
#: A company's legal form at the end ("Activision Blizzard Inc").
LEGAL_FORM = 3.0
#: The first word of a person-shaped name is a known given name ("Yannick Jadot").
GIVEN_NAME = 1.2
#: Against the model's label of a one-word name no gazetteer or list of given names knows.
UNKNOWN_PLACE, UNKNOWN_PERSON = 0.7, 0.5
#: Against the model's "person" for a name of several words whose first is no known given name.
UNKNOWN_GIVEN = 0.5
#: A country or region as one word of a longer name ("Athletics Kenya").
REGION_IN_NAME = 1.5


# "Jacqueline Faría, an official...", "Gul Bano, a 52-year-old widow".
_APPOSITION = re.compile(
    r", (?:a|an|the|his|her)? ?(?:[\w-]+ ){0,2}(?:" + "|".join(sorted(ROLE_NOUNS)) + r")\b"
)


def _nouns(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# What a name is, said by the noun just before it ("the newspaper Le Monde", "pollster Ifop") or
# in an apposition after it ("Ipsos, a polling firm,", "Senahú, a village in Alta Verapaz").
_NOUN_BEFORE = re.compile(r"\b(" + _nouns(ORG_NOUNS | PLACE_NOUNS) + r") $")
_NOUN_AFTER = re.compile(r", (?:a|an|the|its|their)? ?(?:[\w-]+ ){0,3}?(" + _nouns(ORG_NOUNS | PLACE_NOUNS) + r")\b")
# "Ubisoft's chief executive", "Jinotega's mayor": what the name has says what it is.
_OWNS = re.compile(
    r"['’]s? (?:(chief executive|chief|ceo|chairman|chairwoman|board|shares|shareholders|stake|founder|"
    r"subsidiary|headquarters|spokesperson|spokesman|spokeswoman|staff|employees|annual|profits?|revenue|"
    r"customers|products?)|(mayor|governor|residents|inhabitants|capital|outskirts|streets|population))\b"
)
_WITHIN = re.compile(r", ((?:[A-ZÀ-ÖØ-Þ][\w'’-]+)(?: [A-ZÀ-ÖØ-Þ][\w'’-]+){0,2})(?=[,.;:)]| and| on| in| —|$)")
_PLACES_AFTER = re.compile(
    r" and (?:the )?[A-ZÀ-ÖØ-Þ][\w'’-]+(?: [A-ZÀ-ÖØ-Þ][\w'’-]+)? "
    r"(?:rivers|lakes|islands|provinces|states|towns|cities|villages|districts|regions|valleys|departments)\b"
)
WITHIN_REGION = 2.0
_REPORTED = re.compile(r" (?:reported|reports|wrote|published)\b")
#: How much each of those says.
NOUN_CUE = 1.5
OWNED = 1.2
NOT_A_PERSON = 0.8


def noun_votes(text: str, start: int, end: int) -> list[tuple[str, float]]:
    """The kind the words around a name say: a noun before it, an apposition, what it owns."""
    votes = []
    before = _NOUN_BEFORE.search(text, max(0, start - 30), start)
    after = _NOUN_AFTER.match(text, end)
    for match in (before, after):
        if match is not None:
            votes.append(("place" if match.group(1) in PLACE_NOUNS else "organisation", NOUN_CUE))
    within = _WITHIN.match(text, end)
    if within is not None and (region := knowledge().place(fold(within.group(1)))) is not None and region.region:
        votes.append(("place", WITHIN_REGION))  # "Villanueva, Honduras", "Mauna Kea, Hawaii"
    if _PLACES_AFTER.match(text, end):
        votes.append(("place", NOUN_CUE))  # "the Surma and Kushiyara rivers"
    owns = _OWNS.match(text, end)
    if owns is not None:
        votes.append(("organisation" if owns.group(1) else "place", OWNED))
    rest = text[end:end + 12]
    if _REPORTED.match(rest):
        votes.append(("organisation", NOT_A_PERSON))  # "Bloomberg reported", "Le Monde wrote"
    if rest.startswith(", which"):
        votes.append(("organisation", NOT_A_PERSON))
    elif rest.startswith(", where"):
        votes.append(("place", NOT_A_PERSON))
    return votes


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


def knowledge_votes(name: str) -> list[tuple[str, float]]:
    """What the gazetteer, the given names and the legal forms of companies say of a name."""
    known = knowledge()
    votes = []
    place = known.place(fold(name))
    if place is not None:
        if place.region:
            # A country (its population is known) more than a province, whose name often belongs
            # to something else as well ("Meta", a Colombian department).
            weight = KNOWN_REGION if place.population else KNOWN_CITY
        else:
            weight = KNOWN_CITY if place.population >= 100_000 else KNOWN_TOWN
        votes.append(("place", weight))
    if known.legal_form(name):
        votes.append(("organisation", LEGAL_FORM))
    words = name.split()
    given = known.given_name(fold(words[0]).split(" ")[0])  # "Jean-Marie": Jean
    if place is None and looks_like_person(name) and given:
        votes.append(("person", GIVEN_NAME))
    if place is None and len(words) >= 2:
        # A country or region in a name that is not a place's is an organisation's: "Athletics
        # Kenya", "Greenpeace Netherlands", "Three UK"; but "Jordan Henderson" is a person.
        regions = [i for i, w in enumerate(words) if (p := known.place(fold(w))) is not None and p.region]
        if regions and (regions != [0] or not given):
            votes.append(("organisation", REGION_IN_NAME))
    return votes


def doubted_label(text: str, candidate: Candidate) -> list[tuple[str, float]]:
    """The model's label for a one-word name it cannot know: a "place" no gazetteer has, a "person"
    that is no given name, is as often an organisation it has not seen ("Ifop", "Ubisoft")."""
    name = candidate.text
    if candidate.source != "model" or not candidate.votes or is_acronym(name):
        return []
    label = candidate.votes[0][0]
    known = knowledge()
    if " " in name:
        # "Onda Libre", "Fundy Link": a "person" whose first word is no given name anywhere is as
        # often a firm, a station or a group named like one.
        first = fold(name.split()[0]).split(" ")[0]
        if label == "person" and len(candidate.votes) == 1 and not known.given_name(first):
            return [("organisation", UNKNOWN_GIVEN)]
        return []
    if label == "place" and known.place(fold(name)) is None:
        return [("organisation", UNKNOWN_PLACE)]
    if label == "person" and not known.given_name(fold(name)):
        # After "in", "at", "near": an unknown village more likely than a firm.
        after_preposition = bare(previous_word(text, candidate.start)) in PLACE_PREPOSITIONS
        return [("place" if after_preposition else "organisation", UNKNOWN_PERSON)]
    return []


def context_votes(text: str, candidate: Candidate) -> list[tuple[str, float]]:
    votes = list(candidate.votes)
    votes.extend(doubted_label(text, candidate))
    name = candidate.text
    head = head_kind(name)
    if head:
        votes.append((head, HEAD_WORD))
    votes.extend(knowledge_votes(name))
    votes.extend(noun_votes(text, candidate.start, candidate.end))
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
    for key, name in display.items():
        base = company_name(name)
        if base is not None and fold(base) in display:
            union(key, fold(base))
    def kind_of(key: str) -> str | None:
        tally: dict[str, float] = defaultdict(float)
        for k in display:
            if find(k) == find(key):
                for kind, weight in votes[k]:
                    tally[kind] += weight
        return max(tally, key=tally.__getitem__) if tally else None

    acronyms = [k for k, name in display.items() if is_acronym(name)]
    for key in acronyms:
        matches = {find(k) for k, name in display.items() if k != key and expands(display[key], name)}
        if not matches:
            matches = {find(k) for k, name in display.items()
                       if k != key and kind_of(k) != "person" and loosely_expands(display[key], name)}
        if len(matches) == 1:
            union(key, matches.pop())

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
        elif " " not in name and (_tally(votes[key]) == "person" or knowledge().place(key) is None):
            # A first name alone ("Kylian is finding his rhythm") or a family name written first
            # ("Governor Pan Gongsheng ... Pan also promised") when one person has it: whatever
            # the model made of it, unless it is a place of that name.
            owners = {find(p) for p in persons if p.split()[0] == key}
            if len(owners) != 1:
                continue
        else:
            continue
        # Two people share the surname ("Shehbaz and Nawaz Sharif"): news introduces the one
        # the story is about first and spells out the other, so the lone surname is the first.
        union(key, min(owners, key=introduced))

    # "Sony" after "Sony Group Corp", "Oxfam" after "Oxfam International": the one company it
    # shortens, if only one fits.
    companies = [k for k in display if len(display[k].split()) >= 2 and kind_of(k) == "organisation"]
    for key, name in display.items():
        if (is_acronym(name) and len(name) < 4) or len(name.split()) > 2 or kind_of(key) == "person" \
                or find(key) != key:
            continue
        owners = {find(c) for c in companies if c != key and shortens(name, display[c])}
        owners.discard(find(key))
        if len(owners) == 1:
            union(key, owners.pop())

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
