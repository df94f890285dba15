"""Words around a name that only a place takes: "nearby Kaptagat", "residents of Nyanya", "its
El Teniente mine", "the Santa Monica company" (a town's name before what is based there)."""

from __future__ import annotations

import re

from .knowledge import knowledge
from .lexicon import ORG_NOUNS, PLACE_NOUNS
from .normalise import fold

# Lower-case words that only stand before a place: "nearby Kaptagat", "neighbouring Seocho".
_NEAR_BEFORE = (
    r"(?<![\w-])(?:nearby|neighbouring|neighboring|downtown|rural|coastal|upstate|suburban|landlocked|"
    r"(?:north|south)(?:east|west)?ern|eastern|western|central)"
)
# A place's people and parts before "of": "residents of Nyanya", "the outskirts of Omeo".
_PARTS_OF = (
    r"\b(?:residents|inhabitants|people|outskirts|streets|centre|center|heart|edge|suburbs|mayor|"
    r"seat|shores|banks|coast|slopes|summit|foot|mouth) of(?: the)?"
)
_BEFORE = re.compile(rf"(?:{_NEAR_BEFORE}|{_PARTS_OF}) $")
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
    if text[start - 1:start] == " " and _BEFORE.search(text, max(0, start - 30), start):
        votes.append(("place", NEAR))
    if _SITE_AFTER.match(text, end):
        votes.append(("place", SITED))
    elif _NOUN_AFTER.match(text, end) and _DETERMINER.search(text, max(0, start - 6), start) \
            and knowledge().place(fold(name)) is not None:
        votes.append(("place", TOWN_BEFORE_NOUN))
    return votes
