"""Buildings and grounds that news puts people in: "held at the Metropolitan Detention Center",
"marched to Fisher Library". A name headed by such a word, where someone is, is a place."""

from __future__ import annotations

import re

from .lexicon import FACILITY_WORDS, PARTICLES
from .words import bare

#: Heads of sites beside the facilities a name's owner is split from. (A hospital speaks and
#: treats as a body does: "the hospital said".)
SITE_WORDS = FACILITY_WORDS - {"hospital"} | frozenset(
    "library courts courthouse penitentiary stadion estadio centre center museum gallery terminal "
    "campus pier dock wharf barracks base camp".split()
)
# Where someone is or goes, right before the name: "at the", "outside the", "to".
_WHERE = re.compile(r"\b(?:at|outside|inside|to|from|near|into|in|on|towards|across|around) (?:the )?$")
#: Above the model's label and a region in the name ("Brisbane Aquatic Centre").
SITE = 2.0


def site_head(name: str) -> bool:
    """Whether the name's head, its last word before any "of", names a site."""
    words = name.split()
    for index, word in enumerate(words):
        if index > 0 and bare(word) in PARTICLES:  # "Museum of Modern Art"
            return bare(words[index - 1]) in SITE_WORDS
    return len(words) >= 2 and bare(words[-1]) in SITE_WORDS


def site_votes(text: str, start: int, name: str) -> list[tuple[str, float]]:
    if site_head(name) and _WHERE.search(text, max(0, start - 20), start):
        return [("place", SITE)]
    return []
