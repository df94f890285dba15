"""Words around a name that only a place takes: "nearby Kaptagat", "residents of Nyanya", "its
El Teniente mine", "the Santa Monica company" (a town's name before what is based there)."""

from __future__ import annotations

import re

from .countries import is_nation
from .knowledge import knowledge
from .lexicon import ORG_NOUNS, PLACE_NOUNS, PLACE_PREPOSITIONS
from .model import RawSpan
from .normalise import fold
from .words import bare, demonym, previous_word

# Lower-case words that only stand before a place: "nearby Kaptagat", "neighbouring Seocho".
_NEAR_BEFORE = (
    r"(?<![\w-])(?:nearby|neighbouring|neighboring|downtown|rural|coastal|upstate|suburban|landlocked|"
    r"(?:north|south)(?:east|west)?ern|eastern|western|central)"
)
# A place's people and parts before "of": "residents of Nyanya", "the outskirts of Omeo"; also
# opening a sentence ("Residents of Tamsa say").
_PARTS_OF = (
    r"\b(?:[Rr]esidents|[Ii]nhabitants|people|outskirts|streets|centre|center|heart|edge|suburbs|mayor|"
    r"seat|shores|banks|coast|slopes|summit|foot|mouth) of(?: the)?"
)
# What stands before a list's first name is said of all of it: "residents of Tamsa and Orlov".
_LISTED = r"(?:[A-ZÀ-ÖØ-Þ][\w'’-]*(?: [A-ZÀ-ÖØ-Þ][\w'’-]*){0,2}(?:,|,? and|,? or) ){0,3}"
_BEFORE = re.compile(rf"(?:{_NEAR_BEFORE}|{_PARTS_OF}) {_LISTED}$")
# What is sited there, right after the name: "its El Teniente mine", "the Ormen Lange field",
# "the Llao Llao hotel". (A company's plant is written so too: see SITED.)
_SITE_AFTER = re.compile(
    r" (?:mine|mines|field|oilfield|gasfield|gas field|oil field|plant|refinery|terminal|hotel|resort|"
    r"complex|reserve|site|camp|crossing|pass|highlands|lowlands|wetlands|delta|basin|estuary)\b"
)
# A known town's name between a determiner and a noun: "the Santa Monica company", "a Nairobi
# court" (but "that Gavi would fund": a name of its own).
_DETERMINER = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir) $")
_NOUN_AFTER = re.compile(r" (?:" + "|".join(sorted(ORG_NOUNS | PLACE_NOUNS, key=len, reverse=True)) + r")\b")

#: Either of those: as much as a noun that says what the name is.
NEAR = 1.5
#: A company's plant or mine is written the same way ("the Tesla plant"): a lighter vote.
SITED = 1.0
TOWN_BEFORE_NOUN = 1.5


def place_votes(text: str, start: int, end: int, name: str) -> list[tuple[str, float]]:
    """A place's votes from the words around a name that only a place takes."""
    votes = []
    if text[start - 1:start] == " " and _BEFORE.search(text, max(0, start - 90), start):
        votes.append(("place", NEAR))
    if _SITE_AFTER.match(text, end):
        votes.append(("place", SITED))
    elif _NOUN_AFTER.match(text, end) and _DETERMINER.search(text, max(0, start - 6), start) \
            and knowledge().place(fold(name)) is not None:
        votes.append(("place", TOWN_BEFORE_NOUN))
    return votes


#: A place this populous (or a country or region) is the place when the model calls its name a
#: nationality after "in", "from", "near": "visitors from Togo", "its plant in Iizuka". (Smaller
#: places share their names with peoples and words too often; and before a noun, a region's
#: name is as often an adjective: "the Balkan route".)
NATIONALITY_PLACE = 50_000
#: A word this common in English (Zipf) is a word first.
EVERYDAY = 4.0


def places_for_nationalities(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    """The model's "nationalities" that are no people's word but a known place's name, as places."""
    result = []
    for span in spans:
        name = text[span.start:span.end]
        if span.label == "NORP" and name[:1].isupper() and not demonym(name):
            folded, known = fold(name), knowledge()
            place = known.place(folded)
            # (A common word is the people's even so: "Western" donors; but a country is a country.)
            nation = is_nation(folded)
            placed = nation or (bare(previous_word(text, span.start)) in PLACE_PREPOSITIONS
                                and known.frequency(name.lower()) < EVERYDAY)
            if place is not None and not place.alternate and placed \
                    and (place.region or place.population >= NATIONALITY_PLACE):
                span = RawSpan(span.start, span.end, "GPE")
        result.append(span)
    return result
