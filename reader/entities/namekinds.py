"""What a name says of its own kind: its head word, the gazetteer, given names, a legal form."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from .knowledge import knowledge
from .lexicon import ARTICLE_OPENERS, ORG_WORDS, PARTICLES, PLACE_PREPOSITIONS, PLACE_WORDS
from .names import is_acronym, looks_like_person
from .normalise import fold
from .sites import site_head
from .spans import Candidate
from .words import bare, previous_word

#: A head noun ("Court", "Valley"), against the model's label (1.0 per mention).
HEAD_WORD = 2.5
#: A name the gazetteer knows: a country or region, a big town, a small one.
KNOWN_REGION, KNOWN_CITY, KNOWN_TOWN = 2.0, 1.5, 0.8
#: A company's legal form at the end ("Activision Blizzard Inc").
LEGAL_FORM = 3.0
#: Legal forms written before the name, in capitals: Indonesia's limited company ("PT Vale Indonesia").
LEADING_LEGAL_FORMS = frozenset(("PT",))
#: The first word of a person-shaped name is a known given name ("Yannick Jadot").
GIVEN_NAME = 1.2
#: Against the model's label of a one-word name no gazetteer or list of given names knows.
UNKNOWN_PLACE, UNKNOWN_PERSON = 0.7, 0.5
#: Against the model's "person" for a name of several words whose first is no known given name.
UNKNOWN_GIVEN = 0.5
#: A country or region as one word of a longer name ("Athletics Kenya").
REGION_IN_NAME = 1.5


@lru_cache(maxsize=1 << 14)  # a name is written many times: its own words are read once
def head_kind(name: str) -> str | None:
    """The kind a name's head noun says: "Supreme Court" an organisation, "Swat Valley" a place.

    English puts the head last ("Moncloa Palace"), before any "of" ("Bank of England"); Spanish
    first ("Universidad Santa María"): the head is read from the words before the first particle,
    the last one found winning.
    """
    words = name.split()
    if len(words) == 2 and bare(words[1]) == "house" and _housed(words[0]):
        return "place"
    if len(words) >= 2 and words[0] == "Río":
        return "place"  # Spanish's river, always one (but English's "Rio Tinto" is a company too)
    if len(words) == 2 and _club(words[0], words[1]):
        return "organisation"
    kind = None
    for index, word in enumerate(words):
        low = bare(word)
        if low in PARTICLES and index > 0 and low not in ("and", "y", "e"):
            break  # (but "National Search and Rescue Agency" is headed by its last word)
        if low in ORG_WORDS:
            kind = "organisation"
        elif low in PLACE_WORDS:
            kind = "place"
    return kind


#: A word this common (Zipf) is a noun English uses, not a surname that happens to end in "s".
CLUB_NOUN = 3.0
#: Plural heads a place takes ("Niagara Falls", "Golan Heights"): no team's.
_PLACE_PLURALS = frozenset("falls heights springs sands flats gardens docks plains lakes rapids woods fields".split())


def _club(first: str, second: str) -> bool:
    """"Karachi Kings", "Glasgow Rangers", "Rosario Central": a town's name and a plural noun, or
    "Central", names the town's team; a person's name does not open with a town that is no given
    name (and the names checked: few people's surname is a plural noun after a town's name)."""
    known = knowledge()
    town = fold(first)
    if not first[:1].isupper() or known.place(town) is None or known.place(fold(f"{first} {second}")) is not None:
        return False
    low = bare(second)
    if low == "central":
        return True
    if not low.endswith("s") or low in _PLACE_PLURALS or low in PLACE_WORDS or known.given_name(town):
        return False
    singular = low[:-2] if low.endswith(("ses", "xes", "ches", "shes")) else low[:-1]
    return known.frequency(singular) >= CLUB_NOUN


def _housed(word: str) -> bool:
    """"Parliament House", "State House", "Leinster House": a house named after the body that sits
    in it or the region it serves is the building (but "Chatham House", a town's, is as often
    the institute that works there)."""
    low = bare(word)
    place = knowledge().place(fold(word))
    return low in ORG_WORDS or low == "state" or (place is not None and place.region)


@lru_cache(maxsize=1 << 14)
def knowledge_votes(name: str) -> tuple[tuple[str, float], ...]:
    """What the gazetteer, the given names and the legal forms of companies say of a name."""
    known = knowledge()
    votes = []
    place = known.place(fold(name))
    if place is not None and is_acronym(name) and not place.region and place.population < 100_000:
        place = None  # "NATO" is also a village's name; a small town is seldom written in capitals
    if place is not None:
        if place.region:
            # A country (its population is known) more than a province, whose name often belongs
            # to something else as well ("Meta", a Colombian department).
            weight = KNOWN_REGION if place.population else KNOWN_CITY
        else:
            weight = KNOWN_CITY if place.population >= 100_000 else KNOWN_TOWN
        votes.append(("place", weight))
    # "Novi Sad" is a city, not a company with the Portuguese form "SAD": a known place's last
    # word is its legal form only when written as one, in capitals.
    if (known.legal_form(name) and (place is None or name.split()[-1].strip(".").isupper())) \
            or (name.split()[0].rstrip(".") in LEADING_LEGAL_FORMS and " " in name):
        votes.append(("organisation", LEGAL_FORM))
    words = name.split()
    # ("Il Gazzettino": an article, though a given name in Korean, opens no person's name.)
    given = known.given_name(fold(words[0]).split(" ")[0]) and fold(words[0]) not in ARTICLE_OPENERS
    if place is None and looks_like_person(name) and given:
        votes.append(("person", GIVEN_NAME))
    if place is None and len(words) >= 2 and not site_head(name):  # ("Brisbane Aquatic Centre")
        # A country or region in a name that is not a place's is an organisation's: "Athletics
        # Kenya", "Greenpeace Netherlands", "Three UK"; but "Jordan Henderson" is a person.
        regions = [i for i, w in enumerate(words) if (p := known.place(fold(w))) is not None and p.region]
        # A country of two words opening or closing it: "Sri Lanka Cricket", "Bank of South Korea".
        ends = [" ".join(words[:i]) for i in range(2, len(words))]
        ends += [" ".join(words[i:]) for i in range(1, len(words) - 1)]
        longer = any((p := known.place(fold(w))) is not None and p.region and p.population for w in ends)
        if longer or (regions and (regions != [0] or not given)):
            votes.append(("organisation", REGION_IN_NAME))
    return tuple(votes)


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
            # After "in", "at", "near" as for one word below: "at Agua Clara", "In Sefwi Wiawso"
            # (but "monitors from Mirador Electoral": people come from a body as from a town).
            at = _after_preposition(text, candidate.start) and bare(previous_word(text, candidate.start)) != "from"
            return [("place" if at else "organisation", UNKNOWN_GIVEN)]
        return []
    if label == "place" and known.place(fold(name)) is None:
        return [("organisation", UNKNOWN_PLACE)]
    if label == "person" and not known.given_name(fold(name)):
        # After "in", "at", "near": an unknown village more likely than a firm.
        return [("place" if _after_preposition(text, candidate.start) else "organisation", UNKNOWN_PERSON)]
    return []


def _after_preposition(text: str, start: int) -> bool:
    return bare(previous_word(text, start)) in PLACE_PREPOSITIONS


#: What the words around a lone word must say of a place, at least, to keep it from a person of
#: that surname: as much as "the town of", more than twice what they say of anything else.
TOWN_CONTEXT = 2.5


def said_as_place(name: str, votes: list[tuple[str, float]], candidates: list[Candidate]) -> bool:
    """Whether a lone word a person's name ends with is a town of that name: the gazetteer knows it,
    and the words written around its mentions, without the model's labels or the gazetteer's
    votes, say place much more than anything else (a surname that is also a town or a country,
    "Borges himself", "Jordan said", stays the person's)."""
    if " " in name or knowledge().place(fold(name)) is None:
        return False
    tally: dict[str, float] = defaultdict(float)
    for kind, weight in votes:
        tally[kind] += weight
    mentions = [c for c in candidates if fold(c.text) == fold(name)]
    for kind, weight in [*knowledge_votes(name) * len(mentions), *(v for c in mentions for v in c.votes)]:
        tally[kind] -= weight
    return tally["place"] >= TOWN_CONTEXT and tally["place"] > 2 * (tally["person"] + tally["organisation"])
