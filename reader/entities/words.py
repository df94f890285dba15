"""Word tests the name rules share: a token bare of punctuation, its neighbours, where a sentence
starts, and whether a word is a title or a nationality."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .knowledge import knowledge
from .lexicon import IRREGULAR_DEMONYMS, TITLES
from .normalise import fold

_TOKEN = re.compile(r"\S+")
#: Suffixes that make a nationality of a place, and what the place's name ends with instead:
#: Guatemal-an (Guatemala), Philippin-e (Philippines), Antarctic (Antarctica), Kenya-n,
#: Greenland-ic.
_DEMONYM_ENDINGS = (
    ("ian", ("ia", "y", "")), ("ean", ("ea", "")), ("an", ("a", "")), ("ese", ("", "a", "e")),
    ("ish", ("", "y", "land", "en", "and")), ("i", ("", "istan")), ("ic", ("ica", "y", "")), ("e", ("es", "")),
    ("n", ("",)), ("er", ("",)),  # Queensland-er
)
#: A nationality's man or woman: "Frenchman", "Englishwomen", "Irishman".
_NATIONAL = re.compile(r"(?:wo)?m[ae]n$")
EDGE = "\"'“”‘’«»()[]{},;:!?…*-–—|/"
POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
#: A word of initials, each with its dot: "S.A.", "N.V.", "U.S.", whose last dot is its own, not
#: the sentence's, so "Centrais Elétricas Brasileiras S.A." keeps the spelling the company uses.
_DOTTED = re.compile(r"(?:^|\s)(?:[^\W\d_]{1,3}\.){2,}$")


def dotted_abbreviation(text: str, end: int) -> bool:
    """Whether the dot just before ``end`` closes a word of initials ("S.A.", "N.V.")."""
    return end > 0 and text[end - 1] == "." and _DOTTED.search(text, max(0, end - 16), end) is not None


def whole_word_starts(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands in ``text`` as a word of its own: neither a word character nor a
    hyphen on either side (the regex ``(?<![\\w-])word(?![\\w-])``). A search loop, not a pattern
    built for each word: the names of a few hundred articles would push the rules' own patterns
    out of the regex module's cache, and compiling took an eighth of the rules' time."""
    if not word:
        return
    size, index = len(word), text.find(word)
    while index >= 0:
        before = text[index - 1] if index else " "
        after = text[index + size] if index + size < len(text) else " "
        if not (before.isalnum() or before in "_-" or after.isalnum() or after in "_-"):
            yield index
        index = text.find(word, index + 1)


@lru_cache(maxsize=1 << 16)  # asked of the same words around every candidate, for each rule
def bare(token: str) -> str:
    """A token folded and stripped of edge punctuation and a possessive, for word tests."""
    return POSSESSIVE.sub("", fold(token.strip(EDGE)))


@lru_cache(maxsize=1 << 16)  # asked of each word of every span, in several rules
def is_title(word: str) -> bool:
    """A title or office, also hyphenated: "President", "Secretary-General", "Vice-President"."""
    low = bare(word)
    return low in TITLES or ("-" in word and all(part in TITLES for part in low.split(" ") if part))


def tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


_LAST_WORD = re.compile(r"(\S+)\s*$")
_FIRST_WORD = re.compile(r"\s*(\S+)")


def previous_word(text: str, start: int) -> str:
    match = _LAST_WORD.search(text[max(0, start - 40):start])
    return match.group(1) if match else ""


def next_word(text: str, end: int) -> str:
    match = _FIRST_WORD.match(text[end:end + 40])
    return match.group(1) if match else ""


def at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:;\n—–"


# Asked of every candidate's words (about a hundred times an article), and each answer costs up to
# a dozen gazetteer lookups; the answer depends on the word alone, and a worker meets the same
# words article after article.
@lru_cache(maxsize=16_384)
def demonym(word: str) -> bool:
    """"Guatemalan", "Philippine", "Antarctic": a word made from a place's name, or a nationality."""
    low = bare(word)
    if low in IRREGULAR_DEMONYMS:
        return True
    if (man := _NATIONAL.search(low)) and man.start() > 3 and demonym(low[:man.start()]):
        return True
    if low.endswith("ns") and len(low) > 5 and demonym(low[:-1]):
        return True  # the people: "Kenyans", "Guatemalans"
    known = knowledge()
    # Kazakh (Kazakhstan), Afghan (Afghanistan): before the place test, as "Kazakh" names a town too
    if len(low) > 3 and any((p := known.place(low + s)) is not None and p.region for s in ("stan", "istan")):
        return True
    if _peoples_plural(low):
        return True
    if known.place(low) is not None:
        return False
    for suffix, endings in _DEMONYM_ENDINGS:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            # "Finnish" doubles the country's last letter (Finland)
            stems = (stem, stem[:-1]) if len(stem) > 3 and stem[-1] == stem[-2] else (stem,)
            # Only a country or region's people have a word: "Apple" is not of Apples, Switzerland.
            if any((place := known.place(s + ending)) is not None and place.region
                   for s in stems for ending in endings):
                return True
    return False


#: A village named like a people's plural ("Danes", a village in Romania) is outnumbered in news.
_VILLAGE = 100_000


def _peoples_plural(low: str) -> bool:
    """"Danes", "Swedes", "Finns", "Poles", "Scots": a plural whose singular, with "-ish", is the
    people's language or adjective (Dan-ish, Swed-ish, Finn-ish, Pol-ish, Scott-ish)."""
    if not low.endswith("s") or len(low) < 5 or " " in low:
        return False
    place = knowledge().place(low)
    if place is not None and (place.region or place.population >= _VILLAGE):
        return False
    stem = low[:-1].removesuffix("e")
    known = knowledge()
    return any(known.language(s + "ish") or fold(s + "ish") in IRREGULAR_DEMONYMS for s in (stem, stem + stem[-1]))
