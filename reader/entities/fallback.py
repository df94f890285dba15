"""A rule-based recogniser for when the model is missing: runs of capitalised words, no gazetteer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import FUNCTION_WORDS, PARTICLES, TITLES
from .namekinds import head_kind
from .spans import Candidate, clean
from .words import at_sentence_start, bare

# Words, with an initial's dot ("J. Smith") but not a sentence's full stop.
_WORD = re.compile(r"[^\W\d_](?:\.(?=\s[A-Z])|[\w'’\-–]*)|\d+\w*", re.UNICODE)
# Nationality words and their plurals: "Venezuelan", "Spanish", "Europeans", "Congolese".
_DEMONYM = re.compile(r"(?:ian|ean|can|lan|ese|ish)s?$|ans$")
# Connectors allowed inside a run only when a capitalised word follows ("Bank of England").
_CONNECTORS = PARTICLES - {"the", "and", "y", "e"} | {"and"}
#: Without a model a bare name is most often a place; everything else outvotes this.
DEFAULT = ("place", 0.1)


def rule_candidates(text: str) -> list[Candidate]:
    """Capitalised runs, with sentence-opening ordinary words and field labels left out."""
    lower_words = set(re.findall(r"\b[a-z][\w-]*\b", text))
    found: list[Candidate] = []
    start: int | None
    for start, end in _runs(text):
        if text[start - 1:start] in ("@", "#"):
            continue  # a handle or a hashtag
        start = _skip_opening_word(text, start, end, lower_words)
        if start is None:
            continue
        for candidate in _split_and(text, start, end):
            for found_one in clean(text, candidate[0], candidate[1], None, "rule"):
                if " " not in found_one.text and (
                    _DEMONYM.search(found_one.text) or _only_opens_sentences(text, found_one)
                ):
                    continue
                found.append(found_one.vote(*DEFAULT))
    return found


def _only_opens_sentences(text: str, candidate: Candidate) -> bool:
    """A lone word never seen capitalised mid-sentence is an ordinary word ("Upon", "Greetings")."""
    if not at_sentence_start(text, candidate.start):
        return False
    pattern = re.compile(rf"(?<![\w-]){re.escape(candidate.text)}(?![\w-])")
    return all(at_sentence_start(text, m.start()) for m in pattern.finditer(text))


def _runs(text: str) -> Iterator[tuple[int, int]]:
    words = list(_WORD.finditer(text))
    index = 0
    while index < len(words):
        if not _capitalised(words[index].group()):
            index += 1
            continue
        first = last = index
        probe = index + 1
        while probe < len(words) and _adjacent(text, words[probe - 1], words[probe]):
            word = words[probe].group()
            if _capitalised(word):
                last = probe
            elif fold_word(word) not in _CONNECTORS:
                break
            probe += 1
        yield words[first].start(), words[last].end()
        index = last + 1


def _adjacent(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    gap = text[left.end():right.start()]
    return gap == " " or gap == "-"


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and bare(word) not in FUNCTION_WORDS


def fold_word(word: str) -> str:
    return bare(word)


def _skip_opening_word(text: str, start: int, end: int, lower_words: set[str]) -> int | None:
    """Drop a sentence's first word when it is an ordinary word ("Meanwhile", "Following")."""
    while start < end and at_sentence_start(text, start):
        match = _WORD.match(text, start)
        if match is None:
            return start
        word = match.group()
        if bare(word) in FUNCTION_WORDS or (word.lower() in lower_words and bare(word) not in TITLES):
            rest = re.match(r"\S*\s*", text[match.end():end])
            start = match.end() + (rest.end() if rest and text[match.end():match.end() + 1] != " " else 1)
            if start >= end:
                return None
            continue
        return start
    return start if start < end else None


def _split_and(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # "Spain and Colombia" is two names; "Water and Power Development Authority" is one.
    name = text[start:end]
    match = re.search(r" and ", name)
    if match is None:
        return [(start, end)]
    if head_kind(name[match.end():]) == "organisation":
        return [(start, end)]
    return [(start, start + match.start()), (start + match.end(), end)]
