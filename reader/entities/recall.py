"""Finding a name again: mentions the model missed, and names in the headline."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .companies import short_forms
from .evidence import follows_name
from .knowledge import knowledge
from .lexicon import FUNCTION_WORDS, PARTICLES, SURNAME_PARTICLES, TITLES
from .names import surnames
from .normalise import fold
from .repair import NICKNAMED
from .spans import Candidate
from .words import at_sentence_start, bare, previous_word

#: How rare (Zipf) a capitalised word before a person's surname must be to be taken for a given
#: name no list holds.
RARE_GIVEN_NAME = 2.0
#: A person's first name this rare (Zipf) is looked for alone too: where news calls someone by it,
#: it is seldom a word ("Kylian", "Budi"); "John" or "Grace" alone may be anyone or anything.
LONE_GIVEN_NAME = 3.0
#: A first name the lists know may be commoner: "Kayla", "Shan", "Rafael" alone, in quotes from
#: family and team-mates, are the person the article names in full.
LONE_KNOWN_GIVEN_NAME = 4.0
_ATTRIBUTIVE_AFTER = re.compile(
    r"-(?:linked|backed|led|owned|based|born|era|style|run|allied|aligned|controlled|funded|appointed|friendly)\b"
)


def search_names(groups_kinds: dict[str, str], extra_surnames: Iterable[str] = ()) -> list[str]:
    """The strings worth looking for: every name found, and the surnames of people."""
    names = set(groups_kinds)
    for name, kind in groups_kinds.items():
        if kind == "person":
            for word in _surname_spellings(name):
                names.add(word)
            first = name.split()[0]
            if " " in name and first[:1].isupper() and _lone_given_name(fold(first)):
                names.add(first)  # "Budi, a former Bekasi regent", after "Budi Santoso Wicaksono"
            nicknamed = NICKNAMED.fullmatch(name)
            if nicknamed is not None:  # "Pulong told supporters", "Baste Duterte Claims..."
                names.update((nicknamed.group(2), f"{nicknamed.group(2)} {nicknamed.group(3)}"))
        elif kind == "organisation" and " " in name:
            names.update(short_forms(name))  # "Takeda can supply", after "Takeda Pharmaceutical Co Ltd"
    names.update(extra_surnames)
    return sorted((n for n in names if len(n) >= 3 and bare(n) not in FUNCTION_WORDS),
                  key=len, reverse=True)


def _lone_given_name(word: str) -> bool:
    known = knowledge()
    frequency = known.frequency(word)
    # (Not a place's name too: "Shan" alone may be the Shan State.)
    return frequency < LONE_GIVEN_NAME or (frequency < LONE_KNOWN_GIVEN_NAME and known.given_name(word)
                                           and known.place(word) is None)


def _surname_spellings(name: str) -> list[str]:
    """The surnames as written in the name, each also with the particles before it: "Le Pen" and
    "Pen", "de Gaulle", "van den Heuvel" (surnames() folds, and drops particles)."""
    wanted = set(surnames(name))
    words = name.split()
    found = []
    for index, word in enumerate(words):
        # A double-barrelled surname is written whole: "Trujillo-Vega", "O'Connell-Byrne".
        if bare(word) not in wanted and not (index > 0 and set(bare(word).split()) <= wanted):
            continue
        found.append(word)
        start = index
        while start > 1 and bare(words[start - 1]) in SURNAME_PARTICLES:
            start -= 1
        if start < index:
            found.append(" ".join(words[start:index + 1]))
    return found


def find_again(text: str, names: list[str], taken: list[tuple[int, int]], source: str = "repeat") -> list[Candidate]:
    """Uncovered occurrences of ``names`` (the longest where several fit), as whole words, not
    inside a longer name.

    Names are matched with or without their accents ("Mbappe" for Mbappé), and in capitals
    for datelines ("FRANKFURT —").
    """
    forms = set()
    for name in names:
        forms.add(unaccented(name))
        if name[:1].islower():  # "van den Heuvel" opens a sentence as "Van den Heuvel"
            forms.add(unaccented(name[:1].upper() + name[1:]))
        if len(name) >= 4 and name.upper() != name:
            forms.add(unaccented(name.upper()))
        elif _written_as_a_word(name):
            forms.add(unaccented(name.capitalize()))  # "Acwa declined to comment", after "ACWA Power"
    if not forms:
        return []
    found: list[Candidate] = []
    occupied = sorted(taken)
    plain = unaccented(text)
    for start, end in _occurrences(plain, forms):
        if _overlaps(occupied, start, end):
            continue
        if follows_name(text, end):
            # "Starbucks Corp" where the model only found "Starbucks": the name and its legal form.
            form = re.match(r" ([A-Z][\w/.&]*)(?: ([A-Z][\w/.&]*))?", text[end:end + 30])
            full = next((text[start:end + len(" ".join(form.groups()[:n])) + 1] for n in (2, 1)
                         if form is not None and form.group(n) is not None
                         and knowledge().legal_form(text[start:end] + " " + " ".join(form.groups()[:n]))), None)
            if full is None or follows_name(text, start + len(full)):
                continue
            end = start + len(full.rstrip("."))
        if _preceded_by_name(text, start):
            given = _given_name_before(text, start)
            if given is None:
                continue
            start = given  # "Marine Le Pen" where only "Le Pen" was found: a given name and the surname
            # and a second given name before it: "Recep Tayyip Erdoğan", "Ana Lucía Ferrer Montoya".
            if _preceded_by_name(text, start) and (second := _given_name_before(text, start)) is not None:
                start = second
            if _overlaps(occupied, start, end):
                continue
        word = plain[start:end]
        if " " not in word and at_sentence_start(text, start) and word.lower() in _lower_words(text):
            continue
        found.append(Candidate(start, end, text[start:end], (), source))
    return found


#: How rare (Zipf) a name in capitals must be to be looked for written as a word: "Acwa" for
#: ACWA, "Finma" for FINMA; never "Care" for CARE.
RARE_CAPITALS = 3.0


def _written_as_a_word(name: str) -> bool:
    """Whether house styles may write the name in capitals as a word, first letter only."""
    return (" " not in name and len(name) >= 4 and name.isalpha() and name.isupper()
            and knowledge().frequency(name) < RARE_CAPITALS)


def _given_name_before(text: str, start: int) -> int | None:
    """Where a given name right before ``start`` begins, if there is one."""
    # (Any capital: "Žiga Kovačič", "Łukasz Nowak" open with letters beyond Latin-1.)
    match = re.search(r"([^\W\d_][\w'’-]+) $", text[max(0, start - 30):start])
    if match is None or not match.group(1)[0].isupper():
        return None
    word = match.group(1)
    known = knowledge()
    # A given name the lists know, or a word English never uses that is no place ("Sabastian
    # Sawe", "Tigst Assefa"): lists of given names hold few African or Asian ones.
    given = known.given_name(fold(word).split(" ")[0]) and known.frequency(word) < 5.0
    unknown = (known.frequency(word) < RARE_GIVEN_NAME and known.place(fold(word)) is None and not word.isupper()
               and word[-1].isalpha())  # (not the end of a nickname in quotes: El Ingeniero' Beltrán)
    if not (given or unknown):
        return None
    return start - len(match.group(0))


def _overlaps(occupied: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in occupied)


def _preceded_by_name(text: str, start: int) -> bool:
    if at_sentence_start(text, start) or text[start - 1:start] != " ":
        return False
    word = previous_word(text, start)
    low = bare(word)
    return word[:1].isupper() and low not in PARTICLES and low not in FUNCTION_WORDS and low not in TITLES \
        and not word.endswith((",", ".", ":", ";"))


def _occurrences(text: str, forms: set[str]) -> list[tuple[int, int]]:
    """Where the forms stand as words, left to right and never overlapping, the longest form
    where several start at one place; as one regex alternation of them all would find them, but
    without compiling a pattern for every article (that was a tenth of the rules' time)."""
    longest: dict[int, int] = {}
    for form in forms:
        size, index = len(form), text.find(form)
        while index >= 0:
            if size > longest.get(index, 0) and _stands_alone(text, index, index + size):
                longest[index] = size
            index = text.find(form, index + 1)
    spans, reached = [], 0
    for start in sorted(longest):
        if start >= reached:
            reached = start + longest[start]
            spans.append((start, reached))
    return spans


def _stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    if before.isalnum() or before in "_@#'’-":
        return False
    after = text[end] if end < len(text) else " "
    # "an Orbán-linked businessman", "the Kremlin-backed party": the name is written there too.
    return not (after.isalnum() or after in "_-") or _ATTRIBUTIVE_AFTER.match(text, end) is not None


def unaccented(text: str) -> str:
    """Accents dropped letter by letter, so offsets stay those of ``text``."""
    return text.translate(_BASE)


#: Each accented Latin letter to its base letter, one character for one.
_BASE = {
    ord(c): unicodedata.normalize("NFD", c)[0]
    for c in map(chr, range(0xC0, 0x250))
    if unicodedata.normalize("NFD", c)[0].isascii() and unicodedata.normalize("NFD", c) != c
}


@lru_cache(maxsize=4)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\b[a-z][\w-]*\b", text))
