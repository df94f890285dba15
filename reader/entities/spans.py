"""Span repair: turn the model's raw spans into clean names, with the evidence each one carries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import DETERMINERS, FACILITY_WORDS, FUNCTION_WORDS, ORG_WORDS, PARTICLES, PLACE_WORDS, PREFIXES, TITLES
from .normalise import fold

#: Words that soften a title ("former President") but say nothing about who follows.
MODIFIERS = frozenset("former late ex acting interim incumbent outgoing then designate elect".split())
#: Lower-case heads after a name that say it is a place or an organisation ("Aldao bridge").
FOLLOWING_PLACE = PLACE_WORDS - {"capital", "metro"}
FOLLOWING_ORG = frozenset("party movement coalition alliance foundation company group network".split())

_TOKEN = re.compile(r"\S+")
_EDGE = "\"'“”‘’«»()[]{},;:!?…*-–—|/"
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_JUNK = re.compile(r"[@#/\\=<>]|https?:|www\.|\.(?:com|org|net|png|jpg)\b", re.I)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A cleaned name in the prepared text and the kinds its context votes for."""

    start: int
    end: int
    text: str
    votes: tuple[tuple[str, float], ...] = ()
    #: The source of the span: "model", "repeat" (found again by name), "rule" (fallback).
    source: str = "model"

    def vote(self, kind: str, weight: float) -> Candidate:
        return Candidate(self.start, self.end, self.text, self.votes + ((kind, weight),), self.source)


def bare(token: str) -> str:
    """A token folded and stripped of edge punctuation and a possessive, for word tests."""
    return _POSSESSIVE.sub("", fold(token.strip(_EDGE)))


def tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def previous_word(text: str, start: int) -> str:
    match = re.search(r"(\S+)\s*$", text[max(0, start - 40):start])
    return match.group(1) if match else ""


def next_word(text: str, end: int) -> str:
    match = re.match(r"\s*(\S+)", text[end:end + 40])
    return match.group(1) if match else ""


def at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:;\n—–"


def clean(text: str, start: int, end: int, kind: str | None, source: str = "model") -> list[Candidate]:
    """The names inside one raw span: cut at line breaks, trimmed, split at an owner's possessive."""
    found = []
    for piece in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + piece.start(), start + piece.end()
        for s2, e2 in _split_owner(text, s, e):
            candidate = _trim(text, s2, e2, kind, source)
            if candidate is not None:
                found.append(candidate)
    return found


def _split_owner(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # "Ministry's Conventions Center": a building named after its owner is two things.
    parts = re.split(r"(?<=\w)['’]s\s+", text[start:end])
    if len(parts) == 2 and bare(parts[1].split()[-1]) in FACILITY_WORDS and parts[1][:1].isupper():
        cut = start + len(parts[0])
        return [(start, cut), (end - len(parts[1]), end)]
    return [(start, end)]


def _trim(text: str, start: int, end: int, kind: str | None, source: str) -> Candidate | None:
    spans = tokens(text, start, end)
    votes: list[tuple[str, float]] = [(kind, 1.0)] if kind else []
    # Trailing lower-case words: "CNE board", "Ramo Verde prison". Their head still says a kind.
    while spans and not _namelike(text[spans[-1][0]:spans[-1][1]], last=True):
        word = bare(text[spans[-1][0]:spans[-1][1]])
        if word in FOLLOWING_PLACE:
            votes.append(("place", 2.0))
        spans.pop()
    titled = False
    while spans:
        word = text[spans[0][0]:spans[0][1]]
        low = bare(word)
        if low in DETERMINERS or low in MODIFIERS:
            spans.pop(0)
        elif word.lower().startswith(PREFIXES) and len(word) > 4:
            cut = word.index("-") + 1
            spans[0] = (spans[0][0] + cut, spans[0][1])
        elif low in TITLES and len(spans) > 1 and not _possessive(word) and _person_tail(text, spans[1:]):
            spans.pop(0)
            titled = True
        else:
            break
    # A title inside: "Spanish President Mariano Rajoy", "Caracas Mayor Ledezma".
    for index in range(1, len(spans) - 1):
        word = text[spans[index][0]:spans[index][1]]
        if bare(word) in TITLES and not _possessive(word) and _person_tail(text, spans[index + 1:]):
            spans = spans[index + 1:]
            titled = True
            break
    if not spans:
        return None
    s, e = spans[0][0], spans[-1][1]
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE + ".":
        e -= 1
    name = text[s:e]
    possessive = _POSSESSIVE.search(name)
    if possessive:
        e -= len(possessive.group(0))
        name = text[s:e]
    if not _acceptable(text, s, e, name):
        return None
    if titled or bare(previous_word(text, s)) in TITLES:
        votes.append(("person", 3.0))
    following = bare(next_word(text, e))
    if following in FOLLOWING_PLACE:
        votes.append(("place", 2.0))
    elif following in FOLLOWING_ORG:
        votes.append(("organisation", 2.0))
    return Candidate(s, e, name, tuple(votes), source)


def _possessive(word: str) -> bool:
    return bool(_POSSESSIVE.search(word.rstrip(_EDGE)))


def _person_tail(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether what follows a title reads as a person's name: capitalised, no institution head."""
    if not spans or len(spans) > 5:
        return False
    for s, e in spans:
        word = text[s:e]
        low = bare(word)
        if low in PARTICLES or low in ORG_WORDS or low in PLACE_WORDS or low in TITLES:
            return False
        if not word[:1].isupper():
            return False
    return True


def _namelike(word: str, last: bool = False) -> bool:
    core = word.strip(_EDGE)
    if not core:
        return False
    if core[0].isupper() or core[0].isdigit():
        return True
    return not last and bare(core) in PARTICLES


def _acceptable(text: str, start: int, end: int, name: str) -> bool:
    if len(name) < 2 or not any(c.isupper() for c in name) or _JUNK.search(name):
        return False
    if not (name[0].isupper() or name[0].isdigit() or bare(name.split()[0]) in PARTICLES):
        return False
    if not any(c.isalpha() for c in name):
        return False
    words = name.split()
    if all(bare(w) in FUNCTION_WORDS or bare(w) in TITLES or bare(w) in MODIFIERS for w in words):
        return False
    if text[end:end + 1] == ":" and at_line_start(text, start):
        return False  # a field label: "Residence: Caracas"
    if len(words) == 1 and at_sentence_start(text, start) and _used_lowercase(text, name):
        return False  # "Escape from house arrest": an ordinary word that opens a line
    return True


def at_line_start(text: str, start: int) -> bool:
    line = text[text.rfind("\n", 0, start) + 1:start]
    return not line.strip(" -*•")


def _used_lowercase(text: str, name: str) -> bool:
    word = name.lower()
    return word != name and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None
