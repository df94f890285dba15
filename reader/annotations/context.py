"""How far a place in a text still looks like where a quote was: its surrounding words, and its wording.

Context is compared word by word, not character by character outward from the quote's edge,
so one changed neighbouring word costs one word of agreement rather than all of it.
Words are compared lower-cased with curly quotes made straight, so an outlet's restyling
does not count as an edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

#: Characters of context a selector keeps either side of its quote.
CONTEXT = 32
#: A word: letters and digits, with inner apostrophes and hyphens ("Ledezma’s", "right-wing").
WORD = re.compile(r"\w+(?:['’-]\w+)*")
_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
#: Characters of the new text looked at beyond the old context's length, so that a word or two
#: inserted next to the quote does not push the rest of the context out of view.
SLACK = 16
#: Quotes of at most this many words are common enough to occur elsewhere by chance: they
#: attach only where their context agrees. Up to LONG_WORDS, some agreement is asked for.
SHORT_WORDS = 3
LONG_WORDS = 6
#: A sentence or paragraph break right next to a quote, in its prefix (at the end) or suffix (at the start).
_BREAK_BEFORE = re.compile(r"(?:[.!?:][\"'”’)]*\s+|\n\s*(?:[-*•–]|\d+[.)])?\s*)$")
_BREAK_AFTER = re.compile(r"[\"'”’)]*(?:[.!?:][\"'”’)]*(?:\s|$)|\s*\n)")
#: Char-level comparison up to this length; longer quotes are compared word by word, which is
#: as telling for a sentence and keeps difflib's cost (quadratic in characters) down.
CHAR_LEVEL = 120


def straight(text: str) -> str:
    return text.translate(_STRAIGHT)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(straight(text))]


def same_words(a: str, b: str) -> bool:
    """True when two quotes differ at most in spacing, case of quote marks or punctuation."""
    return words(a) == words(b)


def _lcs(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence: both lists are a handful of words."""
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal = 0
        for j, y in enumerate(b):
            diagonal, row[j + 1] = row[j + 1], diagonal + 1 if x == y else max(row[j + 1], row[j])
    return row[-1]


@dataclass(frozen=True, slots=True)
class Side:
    """How one side of the old context compares with the words beside a place in the new text."""

    #: The share of the old side's words still there, in order.
    share: float
    #: The old side's words, all of them unchanged right beside the place, and of the quote's own
    #: sentence (not across a sentence break next to it); and how many there are.
    intact: bool
    words: int
    #: The old side ran to the text's start (or end), and so does the new one: it is all there is.
    whole: bool = False


def _side(old: list[str], new: list[str], own: bool, edge: bool, *, before: bool) -> Side | None:
    """None when either side has no words to compare (the text starts or ends there)."""
    if not old or not new:
        return None
    beside = new[-len(old) :] if before else new[: len(old)]
    intact = own and beside == old
    return Side(_lcs(old, new) / len(old), intact, len(old), intact and edge and len(new) == len(old))


def sides(text: str, start: int, end: int, prefix: str, suffix: str, full: int) -> tuple[Side | None, Side | None]:
    """Agreement of the words before and after ``text[start:end]`` with the old prefix and suffix.

    ``full`` is the context length selectors keep: an old side that long may end in part of a
    word ("po" of "political"), which is left out; so is the new window's outer word, cut the same way.
    """
    lo = max(0, start - len(prefix) - SLACK)
    hi = min(len(text), end + len(suffix) + SLACK)
    before, after = words(text[lo:start]), words(text[end:hi])
    if lo > 0:
        before = before[1:]
    if hi < len(text):
        after = after[:-1]
    old_before, old_after = words(prefix), words(suffix)
    # A side that starts across a sentence break is only as good as the next sentence: sentences
    # are what outlets insert and delete, so it being intact says less.
    own_before = not _BREAK_BEFORE.search(prefix)
    own_after = not _BREAK_AFTER.match(suffix)
    if len(prefix) >= full and prefix[:1].isalnum():
        old_before = old_before[1:]
    if len(suffix) >= full and suffix[-1:].isalnum():
        old_after = old_after[:-1]
    return (
        _side(old_before, before, own_before, len(prefix) < full and lo == 0, before=True),
        _side(old_after, after, own_after, len(suffix) < full and hi == len(text), before=False),
    )


def agrees(quote_words: int, agreement: tuple[Side | None, Side | None], *, strict: bool = False) -> bool:
    """Whether the context is enough to accept a place for a quote of this many words.

    A short quote needs one side intact (text inserted, or a paragraph moved, changes only
    the other) or both sides mostly there (a word or two changed around it); with only one
    side to compare (the text starts or ends there) that side must be nearly intact.
    ``strict`` is for a passage found only approximately, whatever its length: both sides
    must mostly agree, since a similar passage elsewhere often shares one side's words.
    """
    known = [side for side in agreement if side is not None]
    if not known:
        return True
    shares = [side.share for side in known]
    best, worst, mean = max(shares), min(shares), sum(shares) / len(shares)
    # One side intact counts only if it has words enough not to agree by chance ("for"), or is
    # the whole rest of the text either way.
    intact = any(side.intact and (side.words >= 4 or side.whole) for side in known)
    if len(known) == 1:
        return best >= 0.8 or quote_words > LONG_WORDS and not strict
    if strict:
        return mean >= 0.7
    if quote_words <= SHORT_WORDS:
        return intact or (mean >= 0.7 and worst >= 0.5)
    if quote_words <= LONG_WORDS:
        return best >= 0.5 or mean >= 0.35
    return True


def similarity(old: str, new: str) -> float:
    """How alike two wordings are, 0 to 1 (difflib's ratio): by characters for short quotes (a
    typo costs a little), by words for long ones (difflib over characters is quadratic in the
    passage's length)."""
    a: str | list[str]
    b: str | list[str]
    if len(old) <= CHAR_LEVEL and len(new) <= CHAR_LEVEL * 2:
        a, b = " ".join(words(old)), " ".join(words(new))
    else:
        a, b = words(old), words(new)
    if not a or not b:
        return 0.0
    matched = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return 2 * matched / (len(a) + len(b))


def coverage(old: str, new: str) -> float:
    """The share of the old wording's words found in the new, in order: text inserted into a
    passage keeps it whole. Words, not characters: a one-word quote's letters are everywhere."""
    a, b = words(old), words(new)
    if not a or not b:
        return 0.0
    return sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()) / len(a)
