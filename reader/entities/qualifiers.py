"""Names qualified by a place, and the bare names they are: "Venezuelan Senate" and "Senate of
Venezuela", "Guárico State" and "Guárico"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .countries import country_code

if TYPE_CHECKING:
    from .merging import Forms

#: Words that only say what sort of unit a place is: "Guárico State" is Guárico.
DESIGNATORS = frozenset("state province municipality region county department prefecture governorate".split())


def merge_qualified(forms: Forms) -> None:
    """"Venezuelan Senate" = "Senate of Venezuela"; "Caracas Federal District" = "Federal
    District"; "Guárico State" = "Guárico". A bare name joins a qualified one only when a
    single qualifier is ever used with it: the Venezuelan and the Dominican foreign ministries
    stay apart from each other and from a bare "Foreign Ministry"."""
    # (A country is one whatever an article made of it: "US" in "US Federal Reserve".)
    places = _Places(k for k in forms.kinds
                     if len(k.split()) == 1 and (forms.kind(k) == "place" or country_code(k) is not None))
    cores: dict[str, set[str]] = defaultdict(set)
    for key in list(forms.kinds):
        if forms.kind(key) == "person":
            continue
        split = _qualified(key, places)
        if split and split[1] in places.names:
            split = None  # "Colombia-Venezuela" is two places, not a kind of Venezuela
        if split:
            qualifier, core = split
            cores[core].add(qualifier)
            cores[f"{qualifier}|{core}"].add(key)
        words = key.split()
        if len(words) >= 2 and words[-1] in DESIGNATORS:
            base = " ".join(words[:-1])
            if base in forms.kinds and forms.kind(base) == "place":
                forms.union(key, base)
    for core, qualifiers in cores.items():
        if "|" in core:
            same = sorted(qualifiers)
            for other in same[1:]:
                forms.union(other, same[0])
            continue
        if len(qualifiers) == 1 and core in forms.kinds and forms.kind(core) != "person":
            (qualifier,) = qualifiers
            for key in cores[f"{qualifier}|{core}"]:
                forms.union(key, core)


def _qualified(key: str, places: _Places) -> tuple[str, str] | None:
    words = key.split()
    if len(words) < 2:
        return None
    place = places.of(words[0].removesuffix("'s"))
    if place:
        return place, " ".join(words[1:])
    if len(words) >= 3 and words[-2] == "of":
        place = places.of(words[-1])
        if place:
            return place, " ".join(words[:-2])
    return None


#: Demonyms not made from their country's name by a suffix: "French Senate" is France's.
_IRREGULAR = {
    "french": "france", "dutch": "netherlands", "swiss": "switzerland", "greek": "greece", "hellenic": "greece",
    "thai": "thailand", "czech": "czechia", "filipino": "philippines", "philippine": "philippines",
    "welsh": "wales", "scottish": "scotland", "british": "uk", "spanish": "spain", "portuguese": "portugal",
    "lebanese": "lebanon", "saudi": "saudi arabia", "argentine": "argentina", "turkish": "turkey",
    "danish": "denmark", "swedish": "sweden", "polish": "poland", "finnish": "finland", "irish": "ireland",
}


class _Places:
    """One-word place names, found from themselves or from a demonym ("venezuelan", "kenyan")."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = set(names)
        self.stems = {name[:-1]: name for name in self.names if len(name) >= 5}

    def of(self, word: str) -> str | None:
        if word in self.names:
            return word
        if (country := _IRREGULAR.get(word)) in self.names:
            return country
        for cut in range(max(4, len(word) - 3), len(word)):
            place = self.stems.get(word[:cut])
            if place and place != word and len(word) - len(place) <= 2:
                return place
        return None
