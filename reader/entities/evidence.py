"""Within one article: which names are one entity, and what kind each is by weighted evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .companies import shortens, town_company
from .coordination import coordinated, list_votes
from .knowledge import company_name, knowledge, shorter_forms
from .lexicon import HEAD_FIRST, ORG_WORDS, PARTICLES, PLACE_WORDS
from .namekinds import said_as_place
from .names import expands, is_acronym, loosely_expands, middle_name_of, part_of_person
from .normalise import fold
from .spans import Candidate
from .votes import context_votes
from .words import bare, next_word

#: What a surname of a person the article names says, against the model's label (1.0 per mention).
SURNAME_OF_PERSON = 2.0
#: A town this populous keeps its own name beside a mountain or lake named after it.
SITE_TOWN = 20_000
#: A word rarer than this (Zipf) ending a body's name stands for the body alone.
RARE_HEAD = 1.5
#: A region this populous is a country's size: never short for a company named after it.
COUNTRY_SIZED = 100_000
#: The folded long form of a state's name, and the name it is written short as.
_STATE_OF = re.compile(r"(?:[\w-]+ )*(?:republic|kingdom|federation|emirates|commonwealth|state) of (?:the )?(\w+)$")


@dataclass
class Group:
    """Names in one article taken to be one entity, and the evidence for its kind."""

    #: In the order the article first writes them: of two names as long, the one written first
    #: stands for the group ("Chattogram, formerly known as Chittagong"), whatever the hash seed.
    names: list[str] = field(default_factory=list)
    votes: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def kind(self) -> str | None:
        if not self.votes:
            return None
        return max(self.votes.items(), key=lambda item: (item[1], item[0] == "person"))[0]

    @property
    def longest(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n)))


def group_names(text: str, candidates: list[Candidate], links: list[tuple[str, str]],
                seen: dict[Candidate, list[tuple[str, float]]] | None = None) -> dict[str, Group]:
    """Folded name -> its group. Names group when the same, declared the same ("Democratic Unity
    Roundtable (MUD)"), an acronym of one another, or a shorter form of a person's name.

    ``seen``: each candidate's context votes, kept from an earlier grouping of the same text
    (the article's names are grouped twice, before and after they are searched for again, and
    reading the context was a quarter of the rules' time)."""
    seen = {} if seen is None else seen
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    # Each group's summed votes, made for all groups at once and dropped whenever a group or a
    # vote changes: the loops below ask a group's kind once per name they compare, which summed
    # afresh each time made this step quadratic in the names of a long article.
    tallies: dict[str, dict[str, float]] = {}

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)
        tallies.clear()

    display: dict[str, str] = {}
    votes: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for candidate in candidates:
        key = fold(candidate.text)
        display.setdefault(key, candidate.text)
        found = seen.get(candidate)
        if found is None:
            found = seen[candidate] = context_votes(text, candidate)
        votes[key].extend(found)
        find(key)
    for a, b in links:
        if fold(a) in display and fold(b) in display:
            union(fold(a), fold(b))
    for key, name in display.items():
        for base in shorter_forms(name):
            if fold(base) in display:
                union(key, fold(base))
    # Each group's leading kind, asked of every pair of names: kept until the tallies are made anew.
    kinds: dict[str, str | None] = {}

    def tally_of(key: str) -> dict[str, float]:
        if not tallies:
            kinds.clear()
            for k in display:
                tally = tallies.setdefault(find(k), defaultdict(float))
                for kind, weight in votes[k]:
                    tally[kind] += weight
        return tallies.get(find(key), {})

    def kind_of(key: str) -> str | None:
        tally = tally_of(key)
        root = find(key)
        if root not in kinds:
            kinds[root] = max(tally, key=tally.__getitem__) if tally else None
        return kinds[root]

    # ("BT" beside "BT Group plc" is the group, whatever else its letters spell: "Big Tech".)
    openers = {name.split()[0] for name in display.values() if " " in name}
    acronyms = [k for k, name in display.items() if is_acronym(name) and name not in openers]
    for key in acronyms:
        matches = {find(k) for k, name in display.items() if k != key and expands(display[key], name)}
        if not matches:
            matches = {find(k) for k, name in display.items()
                       if k != key and kind_of(k) != "person" and loosely_expands(display[key], name)}
        if len(matches) == 1:
            union(key, matches.pop())

    first_seen: dict[str, int] = {}
    # Per name, read once: the label of the first mention the model or a cue found (not one
    # found again by name), and whether every mention comes after "the".
    labelled: dict[str, str] = {}
    after_the: dict[str, bool] = {}
    for candidate in sorted(candidates, key=lambda c: c.start):
        key = fold(candidate.text)
        first_seen.setdefault(key, candidate.start)
        if candidate.source != "repeat" and candidate.votes:
            labelled.setdefault(key, candidate.votes[0][0])
        written_after = text[max(0, candidate.start - 4):candidate.start] in ("the ", "The ")
        after_the[key] = after_the.get(key, True) and written_after

    def introduced(root: str) -> int:
        return min(first_seen[k] for k in display if find(k) == root)

    persons = [k for k in display if len(display[k].split()) >= 2 and kind_of(k) == "person"]
    for key, name in sorted(display.items(), key=lambda item: len(item[1].split())):
        if is_acronym(name):
            continue
        owners = {find(p) for p in persons if p != key and part_of_person(name, display[p])} \
            or {find(p) for p in persons if p != key and middle_name_of(name, display[p])}
        if owners and said_as_place(name, votes[key], candidates):
            continue  # "the port town of Lüderitz", named after Adolf Lüderitz, is the town
        if owners:
            count = sum(1 for c in candidates if fold(c.text) == key)
            votes[key].extend([("person", SURNAME_OF_PERSON)] * count)
            tallies.clear()
        elif " " not in name and (_tally(votes[key]) == "person" or knowledge().place(key) is None
                                  or _model_says(candidates, key, "person") or regnal_name(key, persons)):
            # A first name alone ("Kylian is finding his rhythm") or a family name written first
            # ("Governor Pan Gongsheng ... Pan also promised") when one person has it: whatever
            # the model made of it, unless it is a place of that name.
            # Several people with that first word are a family ("Kwon Tae-ho", "Kwon Min-jae"):
            # it is their family name, and the lone word is the first of them, as below.
            owners = {find(p) for p in persons if p.split()[0] == key}
            if not owners:
                continue
        else:
            continue
        # Two people share the surname ("Shehbaz and Nawaz Sharif"): news introduces the one
        # the story is about first and spells out the other, so the lone surname is the first.
        union(key, min(owners, key=introduced))

    # "Sony" after "Sony Group Corp", "Oxfam" after "Oxfam International": the one company it
    # shortens.
    companies = [k for k in display if len(display[k].split()) >= 2 and kind_of(k) == "organisation"]
    for key, name in display.items():
        if (is_acronym(name) and len(name) < 4 and name not in openers) or len(name.split()) > 2 or find(key) != key:
            continue
        if _named_as_place(key, labelled.get(key)) and not town_company(name, [display[c] for c in companies]):
            continue  # "Sri Lanka" beside "Sri Lanka Cricket", "Kendal" beside its Chamber of Trade
        others = companies
        if kind_of(key) == "person":
            # "Red Bull" for Red Bull Racing, whatever the model made of it: only the opening words
            # of the name, and never a name some person in the article has.
            others = [c for c in companies if c.startswith(key + " ")]
            if not others or any(part_of_person(name, display[p]) for p in persons):
                continue
        fits = [c for c in others if c != key and shortens(name, display[c])]
        headed = fold(name) in ORG_WORDS
        if not fits and (headed or (" " not in name and (knowledge().frequency(name) < RARE_HEAD
                                                         or after_the[key]))):
            # "the Assembly" after "the National Assembly": a body's head word alone, when one
            # body of the article has it; so is a word no English text uses ("the Khural" after
            # "the State Great Khural") or one the text writes with "the" ("the Inquirer", "the
            # Wolves"), when it ends the body's name, no "of" before it ("Bank of Georgia").
            heads = {find(c) for c in others if fold(display[c]).split()[-1] == key
                     and (headed or not set(fold(display[c]).split()) & PARTICLES)}
            fits = [c for c in others if find(c) in heads] if len(heads) == 1 else []
        if any(find(c) == find(key) for c in fits):
            continue  # "Kestrel Bank", already Kestrel Bank Plc's, is not also Kestrel Bank Ghana Ltd
        owners = {find(c) for c in fits}
        if len(owners) > 1:
            # Of several, the one company written with its legal form (the company itself, not
            # a brand: "Suncorp" is Suncorp Group Limited, not Suncorp Insurance); else the one
            # the story introduced first, as with surnames: "the Fed" is the Federal Reserve, not
            # its Federal Open Market Committee; "Samsung" Samsung Electronics, not Samsung Display.
            legal = {find(c) for c in fits if company_name(display[c]) is not None}
            owners = legal if len(legal) == 1 else {min(owners, key=introduced)}
        if len(owners) == 1:
            union(key, owners.pop())

    # "Karura" after "Karura Forest": a word no gazetteer knows, alone, for the one place it
    # names with a head noun ("Nairobi" stays apart from "Nairobi River").
    # So is "Marapi" after "Mount Marapi", where the head comes first.
    sites = {k: core for k in display if kind_of(k) == "place" and (core := site_core(display[k])) is not None}
    same_site: dict[tuple[str, str], str] = {}
    for key, core in sites.items():  # "the Rio Doce" and "the Doce River": one river, two languages
        head = _HEAD_SYNONYMS.get(next(w for w in key.split() if w != core), "")
        if head and (head, core) in same_site:
            union(key, same_site[head, core])
        same_site.setdefault((head, core), key)
    for key, name in display.items() if sites else ():
        if " " in name or find(key) != key:
            continue
        owners = {find(k) for k, core in sites.items() if core == key}
        place = knowledge().place(key)
        # ("Davao" is Davao City, but "Mexico" no Mexico City: a country or a region is more.)
        city = place is not None and not place.region and any(k == f"{key} city" for k in sites)
        # A mountain or a lake written first keeps its name when a village shares it ("Marapi"),
        # not a town's ("Lake Geneva" is no Geneva).
        small = place is not None and not place.region and place.population < SITE_TOWN \
            and any(fold(k.split()[0]) in HEAD_FIRST for k, core in sites.items() if core == key)
        if len(owners) != 1 or (place is not None and not city and not small) or kind_of(key) == "organisation":
            continue  # ("Apple" keeps apart from "Apple Park")
        if not any(part_of_person(name, display[p]) for p in persons):
            union(key, owners.pop())

    # "Congo" after "the Democratic Republic of Congo": a country written short, for the one
    # state of that name the article spells out.
    states = {k: m.group(1) for k in display if " of " in k and (m := _STATE_OF.match(k)) is not None}
    for key in [k for k in display if " " not in k and k in states.values()]:
        owners = {find(k) for k, short in states.items() if short == key}
        if find(key) == key and kind_of(key) != "person" and len(owners) == 1:
            union(key, owners.pop())

    def lead_of(key: str) -> tuple[str, float] | None:
        tally = tally_of(key)
        ranked = sorted(tally.values(), reverse=True) + [0.0]
        return (max(tally, key=tally.__getitem__), ranked[0] - ranked[1]) if tally else None

    for key, extra in list_votes(coordinated(text, candidates), lead_of).items():
        votes[key].extend(extra)

    groups: dict[str, Group] = {}
    for key in display:
        group = groups.setdefault(find(key), Group())
        group.names.append(display[key])
        for kind, weight in votes[key]:
            group.votes[kind] += weight
    return {key: groups[find(key)] for key in display}


#: The same head in other languages, for telling one site written two ways.
_HEAD_SYNONYMS = {"rio": "river", "river": "river", "lago": "lake", "lac": "lake", "laguna": "lake", "lake": "lake",
                  "monte": "mount", "mont": "mount", "mt": "mount", "gunung": "mount", "mount": "mount",
                  "isla": "island", "pulau": "island", "island": "island"}


def site_core(name: str) -> str | None:
    """"Karura" of "Karura Forest", "Marapi" of "Mount Marapi": the folded word a two-word place
    name has beside its head noun, or None."""
    words = name.split()
    if len(words) != 2:
        return None
    first, second = bare(words[0]), bare(words[1])
    if second in PLACE_WORDS and first not in HEAD_FIRST:
        return fold(words[0])
    return fold(words[1]) if first in HEAD_FIRST else None


def regnal_name(key: str, persons: list[str]) -> bool:
    """"Leo" after "Leo XIV": a pope or a monarch is called by the regnal name alone."""
    return any(p.split()[0] == key and _REGNAL_NUMBER.fullmatch(p.split()[-1]) for p in persons)


_REGNAL_NUMBER = re.compile(r"[ivxl]+")


def _model_says(candidates: list[Candidate], key: str, kind: str) -> bool:
    """Whether the model labelled every mention of the name ``kind`` ("Bong said", though Bong is
    also a county of Liberia)."""
    labels = [c.votes[0][0] if c.votes else None for c in candidates if c.source == "model" and fold(c.text) == key]
    return bool(labels) and all(label == kind for label in labels)


def _named_as_place(key: str, label: str | None) -> bool:
    """A country, or a known place the model itself labelled one: not a company's short name,
    whatever company shares its first words. (A province's name often belongs to something else
    too: "Meta" for Meta Platforms.) The label is the first the model or a cue gave the name, not
    one of a mention found again by name ("Reform", of the Reform Party, is also a village in
    Alabama)."""
    place = knowledge().place(key)
    if place is None:
        return False
    return (place.region and place.population >= COUNTRY_SIZED) or label == "place"


def _tally(votes: list[tuple[str, float]]) -> str | None:
    tally: dict[str, float] = defaultdict(float)
    for kind, weight in votes:
        tally[kind] += weight
    return max(tally, key=tally.__getitem__) if tally else None


def follows_name(text: str, end: int) -> bool:
    """Whether a capitalised word continues right after ``end``: the match is part of a longer name."""
    word = next_word(text, end)
    return text[end:end + 1] == " " and word[:1].isupper() and bare(word) not in PARTICLES
