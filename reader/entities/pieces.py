"""Cutting one raw span into the names it holds: what the model runs together is often two things.

"National Union of Airline Pilots (SNPL" holds a name and the start of its acronym; "Eni in Milan"
a company and a city; "Guadeloupe and Martinique", "López and María Corina Machado" two places,
two people; "Liberty Global Ltd Ofcom" a company (its legal form ends it) and a regulator. And a
span may stop inside a word ("Moon Jae" of "Moon Jae-in"): names are made of whole words.
"""

from __future__ import annotations

import re

from .knowledge import knowledge
from .lexicon import DESCRIBING_SUFFIXES, ORG_WORDS, PLACE_WORDS
from .normalise import fold

#: Lower-case words that join a name to a place ("Eni in Milan", "Prefontaine Classic in
#: Eugene"): cut there when what follows is a place the gazetteer knows.
_BEFORE_PLACE = re.compile(r" (?:in|at|from|near|into|via|outside) (?=\S)")
#: Lower-case words that join two names ("Call of Duty on PlayStation"), unless the first is an
#: institution that takes them ("Committee on Foreign Affairs", "Coalition Against Hunger").
_JOINING = re.compile(r" (?:on|with|over|against|versus|vs\.?|after|before) (?=\S)")
_AND = re.compile(r" (?:and|or) ")
#: Linking words before which an "and" joins parts of one name ("Department of Health and Human
#: Services", "Summit for Human Rights and Democracy").
_LINKS = frozenset("of for de del di du da".split())
_BRACKETS = re.compile(r"[^()\[\]]+")


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span that stops inside a word to the word's end ("Moon Jae" of "Moon Jae-in"), and
    one that starts inside a word back to its start."""
    while end < len(text):
        if text[end].isalnum():
            end += 1
        elif text[end] == "-" and text[end + 1:end + 2].islower() and not _describing(text, end + 1):
            end += 2
        else:
            break
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return start, end


def _describing(text: str, start: int) -> bool:
    word = re.match(r"[a-z]+", text[start:start + 20])
    return word is not None and word.group() in DESCRIBING_SUFFIXES


def pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of one span that may each be a name, in order."""
    found: list[tuple[int, int]] = []
    for bracketed in _BRACKETS.finditer(text, start, end):
        for located in _cut(text, bracketed.start(), bracketed.end(), _BEFORE_PLACE, _place_follows):
            for part in _cut(text, *located, _JOINING, _not_an_institution):
                for piece in _cut(text, *part, _AND, _is_two_names):
                    found.extend(_after_legal_form(text, *piece))
    return [(s, e) for s, e in found if text[s:e].strip()]


def _cut(text: str, start: int, end: int, pattern: re.Pattern[str], wanted) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    name = text[start:end]
    for match in pattern.finditer(name):
        left, right = name[:match.start()].strip(), name[match.end():].strip()
        if left[:1].isupper() and right[:1].isupper() and wanted(name, match):
            cut = start + match.start()
            return [(start, cut), *_cut(text, start + match.end(), end, pattern, wanted)]
    return [(start, end)]


def _words(text: str) -> list[str]:
    return [fold(w) for w in re.findall(r"[\w'’-]+", text)]


def _place_follows(name: str, match: re.Match[str]) -> bool:
    return knowledge().place(fold(name[match.end():])) is not None


def _not_an_institution(name: str, match: re.Match[str]) -> bool:
    return not any(w in ORG_WORDS for w in _words(name[:match.start()]))


def _is_two_names(name: str, match: re.Match[str]) -> bool:
    """"Guadeloupe and Martinique" is two; "Trinidad and Tobago" (a country), "Food and Drug
    Administration", "Department of Health and Human Services" are one."""
    if knowledge().place(fold(name)) is not None:
        return False
    # A head word before the "and" or at the end is the whole name's; one that opens the second
    # name is its own ("Cilincing and Tanjung Priok").
    left = _words(name[:match.start()])
    words = [*left, *_words(name)[-1:]]
    if any(w in ORG_WORDS or w in PLACE_WORDS for w in words):
        return False
    return not any(w in _LINKS for w in left)


def _after_legal_form(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A company's legal form ends its name: "Liberty Global Ltd Ofcom" is two names."""
    words = list(re.finditer(r"\S+", text[start:end]))
    known = knowledge()
    for index in range(1, len(words) - 1):
        upto = text[start:start + words[index].end()]
        rest = text[start + words[index + 1].start():end]
        if rest[:1].isupper() and known.legal_form(upto) and not known.legal_form("X " + rest.split()[0]):
            cut = start + words[index].end()
            return [(start, cut), *_after_legal_form(text, start + words[index + 1].start(), end)]
    return [(start, end)]
