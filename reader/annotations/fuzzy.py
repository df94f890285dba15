"""Finding a passage whose wording changed: a typo fixed, words changed or a sentence put inside it.

Used by ``anchoring.reattach`` once the quote is not found as it was. It looks between the
old context's ends where both are still there, else where pieces of the quote still occur;
either way only a few ``str.find`` scans and a difflib run over a window the quote's size.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from .context import CHAR_LEVEL, CONTEXT, LONG_WORDS, SHORT_WORDS, WORD, coverage, similarity, straight, words

if TYPE_CHECKING:
    from .anchoring import Selector

#: An approximate match must be at least this similar to the old quote (difflib ratio), and its
#: context must agree: enough that a deleted passage does not grab a reworded copy elsewhere.
MIN_SIMILARITY = 0.8
#: A short quote may have one word's letters corrected, the word still this alike ("mroe" -> "more").
MIN_SHORT = 0.75
#: Between the old context's ends, found again, the passage itself may have changed more.
MIN_BRACKETED = 0.6
#: ... or nearly all its old wording is still there, in order, with at most MAX_INSERTED
#: characters (a sentence or two) added: the outlet inserted text into the passage.
MIN_COVERAGE = 0.9
MAX_INSERTED = 240
#: Characters of each context end looked for to bracket an edited passage, and how many places.
ANCHOR = 16
MAX_ANCHORS = 20
#: Occurrences looked at for a quote (or a piece of one) that is everywhere: "the".
MAX_OCCURRENCES = 500

def occurrences(text: str, quote: str) -> list[int]:
    """Where ``quote`` occurs exactly, at most MAX_OCCURRENCES places."""
    found: list[int] = []
    at = text.find(quote)
    while at >= 0 and len(found) < MAX_OCCURRENCES:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


_MARKS = {"'": "['‘’]", "‘": "['‘’]", "’": "['‘’]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}


def loose_pattern(quote: str, prefix: str | None = None, suffix: str | None = None) -> re.Pattern[str]:
    """``quote`` as a regular expression that allows other spacing and straight or curly quote marks;
    given its context, one that starts (and ends) at a word's edge if the quote did ("A" of "Awards")."""
    parts = [r"(?<!\w)" if prefix is not None and quote[:1].isalnum() and not prefix[-1:].isalnum() else ""]
    for piece in re.finditer(r"\s+|\S+", quote):
        token = piece.group()
        parts.append(r"\s+" if token.isspace() else "".join(_MARKS.get(c) or re.escape(c) for c in token))
    if suffix is not None and quote[-1:].isalnum() and not suffix[:1].isalnum():
        parts.append(r"(?!\w)")
    return re.compile("".join(parts))


def approximate(text: str, old: Selector, fits: Callable[..., bool]) -> tuple[int, int] | None:
    """A range of ``text`` whose wording is close to the old quote's, e.g. a typo fixed or a few words
    changed inside it, where the context agrees too: a passage that was deleted must not grab a
    similar one elsewhere.

    Tried first between the old context's inner ends, where both are still there; else around
    where pieces of the quote still occur (see ``_voted``).
    """
    quote = old.quote
    size = len(words(quote))

    def alike(span: tuple[int, int], least: float) -> bool:
        found = text[slice(*span)]
        if size <= SHORT_WORDS:
            return _typo_fixed(quote, found)
        return similarity(quote, found) >= least or (size > LONG_WORDS and coverage(quote, found) >= MIN_COVERAGE)

    between = _between(text, old)
    if between is not None and alike(between, MIN_BRACKETED):
        return between
    voted = _voted(text, old)
    if voted is not None and alike(voted, MIN_SIMILARITY) and fits(*voted, strict=True):
        return voted
    return None


def _typo_fixed(old: str, new: str) -> bool:
    """Whether a short quote's new wording is the old one with a word's letters corrected: same words
    but one, and that one much like it ("Leedzma" -> "Ledezma"; "waiting for" is not "waiting at")."""
    before, after = words(old), words(new)
    if len(before) != len(after):
        return False
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    return len(changed) <= 1 and all(similarity(a, b) >= MIN_SHORT for a, b in changed)


def _between(text: str, old: Selector) -> tuple[int, int] | None:
    """The text between where the old prefix now ends and the old suffix now starts, if both are
    found (or the quote was at the text's edge) at about the quote's length apart."""
    left, right = old.prefix[-ANCHOR:].lstrip(), old.suffix[:ANCHOR].rstrip()
    # A context shorter than selectors keep ends at the text's start (or end): so must the new one.
    if len(old.prefix) < CONTEXT:
        left_at = re.compile(r"\A\s*" + loose_pattern(old.prefix.strip()).pattern)
    elif len(left) >= ANCHOR // 2:
        left_at = loose_pattern(left)
    else:
        return None  # a context end of mostly spaces would be found anywhere
    if len(old.suffix) < CONTEXT:
        right_at = re.compile(loose_pattern(old.suffix.strip()).pattern + r"\s*\Z")
    elif len(right) >= ANCHOR // 2:
        right_at = loose_pattern(right)
    else:
        return None
    lefts = [m.end() for m in left_at.finditer(text)][:MAX_ANCHORS]
    rights = [m.start() for m in right_at.finditer(text)][:MAX_ANCHORS]
    length = len(old.quote)
    pairs = [(a, b) for a in lefts for b in rights if length // 2 <= b - a <= 2 * length + MAX_INSERTED]
    if not pairs:
        return None
    start, end = min(pairs, key=lambda p: (abs(p[1] - p[0] - length), abs(p[0] - old.start)))
    start, end = _trim(text, start, end) if old.quote.strip() == old.quote else (start, end)
    return (start, end) if start < end else None


def _voted(text: str, old: Selector) -> tuple[int, int] | None:
    """The closest match around where most pieces of the quote (and its context's ends) still occur.

    Each piece found votes for where the quote now starts; the match is then sized inside a
    window around the most voted place only, so a long article costs a few scans. Long quotes
    are aligned word by word: difflib over characters is quadratic in the passage's length.
    """
    quote = old.quote
    if len(quote) < 4:
        return None
    votes = _votes(text, old)
    if not votes:
        return None
    slack = max(16, len(quote) // 4)
    start_guess = _densest(votes, slack, old.start)
    lo = max(0, start_guess - slack)
    hi = min(len(text), start_guess + len(quote) + slack)
    best, best_ratio = None, 0.0
    for guess_start, guess_end in _guesses(quote, text, lo, hi):
        start, end = _to_words(text, *_trim(text, guess_start, guess_end), old)
        if end <= start:
            continue
        ratio = similarity(quote, text[start:end])
        if ratio > best_ratio:
            best, best_ratio = (start, end), ratio
    return best


def _guesses(quote: str, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Where the quote may start and end in ``text[lo:hi]``: each matching block implies a start (if
    nothing before it changed length) and an end (if nothing after it did); the first and last few."""
    if len(quote) <= CHAR_LEVEL:
        old_tokens = [(c, i, i + 1) for i, c in enumerate(quote)]
        new_tokens = [(c, i, i + 1) for i, c in enumerate(text[lo:hi], lo)]
        least = 3
    else:
        old_tokens = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(straight(quote))]
        new_tokens = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(straight(text), lo, hi)]
        least = 2
    if not old_tokens or not new_tokens:
        return []
    matcher = SequenceMatcher(None, [t[0] for t in old_tokens], [t[0] for t in new_tokens], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= least]
    lead, trail = old_tokens[0][1], len(quote) - old_tokens[-1][2]
    last = len(new_tokens) - 1
    starts = {max(lo, new_tokens[min(last, max(0, b.b - b.a))][1] - lead) for b in blocks[:3]}
    ends = {min(hi, new_tokens[min(last, max(0, b.b + len(old_tokens) - b.a - 1))][2] + trail) for b in blocks[-3:]}
    return [(s, e) for s in starts for e in ends if s < e]


def _votes(text: str, old: Selector) -> list[int]:
    quote = old.quote
    size = max(4, min(16, len(quote) // 4))
    pieces = [(offset, quote[offset : offset + size]) for offset in range(0, len(quote) - size + 1, size)]
    if old.prefix:
        pieces.append((-min(size, len(old.prefix)), old.prefix[-size:]))
    if old.suffix:
        pieces.append((len(quote), old.suffix[:size]))
    votes: list[int] = []
    for offset, piece in pieces:
        if not piece.strip():
            continue
        found = occurrences(text, piece)
        # A piece found everywhere ("the ") says nothing about where the quote is.
        if 0 < len(found) <= 20:
            votes.extend(at - offset for at in found)
    return votes


def _densest(votes: list[int], slack: int, near: int) -> int:
    """The median of the largest cluster of votes (within ``slack``); ties go to the one nearest ``near``."""
    votes.sort()
    best: tuple[int, int] = (0, 0)
    best_cluster: list[int] = []
    left = 0
    for right, vote in enumerate(votes):
        while vote - votes[left] > slack:
            left += 1
        cluster = votes[left : right + 1]
        centre = cluster[len(cluster) // 2]
        key = (len(cluster), -abs(centre - near))
        if key > best or not best_cluster:
            best, best_cluster = key, cluster
    return best_cluster[len(best_cluster) // 2]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace at either end, so a fuzzy match does not begin or end in a gap."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _to_words(text: str, start: int, end: int, old: Selector) -> tuple[int, int]:
    """Widen a match to whole words where the old quote began or ended on a word boundary."""
    if old.quote[:1].isalnum() and not old.prefix[-1:].isalnum():
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    if old.quote[-1:].isalnum() and not old.suffix[:1].isalnum():
        while end < len(text) and text[end].isalnum():
            end += 1
    return start, end
