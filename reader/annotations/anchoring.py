"""Where a quote lies in an article's text, and finding it again after the article changed.

Anchors follow the W3C Web Annotation selectors, as Hypothesis uses them: the exact quote,
some context either side, and the character range. Re-attaching tries, in order: the old
position, the quote elsewhere (the occurrence whose context matches best, then nearest),
an approximate match for a quote edited inside, and else reports the annotation orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .model import AnnotationError

#: Characters of context kept either side of a quote.
CONTEXT = 32
#: An approximate match must be at least this similar to the old quote (difflib ratio).
MIN_SIMILARITY = 0.75
#: Occurrences looked at for a quote (or a piece of one) that is everywhere: "the".
MAX_OCCURRENCES = 500

EXACT, MOVED, FUZZY, ORPHANED = "exact", "moved", "fuzzy", "orphaned"


@dataclass(frozen=True, slots=True)
class Selector:
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Placement:
    """How an annotation was re-attached (EXACT, MOVED, FUZZY or ORPHANED) and where it is now.

    For an orphan the selector is the old one, unchanged.
    """

    how: str
    selector: Selector

    @property
    def orphaned(self) -> bool:
        return self.how == ORPHANED


class QuoteNotFound(AnnotationError):
    pass


class AmbiguousQuote(AnnotationError):
    pass


def select(text: str, start: int, end: int) -> Selector:
    """The selector for ``text[start:end]``, with up to CONTEXT characters either side."""
    if start == end:
        raise AnnotationError("nothing is selected: a highlight needs some text of the article")
    if not 0 <= start < end <= len(text):
        raise AnnotationError(f"the selection {start}-{end} is not a range of the article's text")
    if not text[start:end].strip():
        raise AnnotationError("nothing is selected: a highlight needs some text of the article")
    return Selector(text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], start, end)


def find_quote(text: str, quote: str, prefix: str = "", suffix: str = "") -> Selector:
    """Where ``quote`` occurs in ``text`` just after ``prefix`` and before ``suffix``.

    Raises QuoteNotFound, or AmbiguousQuote when it occurs more than once, saying how often.
    """
    if not quote.strip():
        raise AnnotationError("the quote is empty")
    occurrences = _occurrences(text, quote)
    if not occurrences:
        raise QuoteNotFound(f"the quote {_short(quote)} is not in the article's text")
    fitting = [i for i in occurrences if text.endswith(prefix, 0, i) and text.startswith(suffix, i + len(quote))]
    if not fitting:
        raise QuoteNotFound(
            f"the quote {_short(quote)} is in the article {len(occurrences)} time(s), but never with that prefix/suffix"
        )
    if len(fitting) > 1:
        raise AmbiguousQuote(
            f"the quote {_short(quote)} occurs {len(fitting)} times in the article; "
            "give --prefix and/or --suffix (text just before or after it) to say which"
        )
    return select(text, fitting[0], fitting[0] + len(quote))


def reattach(text: str, old: Selector) -> Placement:
    """Find an annotation's passage in the article's current ``text``."""
    quote = old.quote
    if quote and text[old.start : old.end] == quote:
        return Placement(EXACT, select(text, old.start, old.end))
    occurrences = _occurrences(text, quote) if quote else []
    if occurrences:
        best = max(occurrences, key=lambda i: (_context_score(text, i, i + len(quote), old), -abs(i - old.start)))
        return Placement(MOVED, select(text, best, best + len(quote)))
    found = _approximate(text, old)
    if found is not None:
        return Placement(FUZZY, select(text, *found))
    return Placement(ORPHANED, old)


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    at = text.find(quote)
    while at >= 0 and len(found) < MAX_OCCURRENCES:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _context_score(text: str, start: int, end: int, old: Selector) -> int:
    """How many characters of the old prefix and suffix still sit next to this occurrence."""
    before = text[max(0, start - len(old.prefix)) : start]
    after = text[end : end + len(old.suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(old.prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, old.suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _approximate(text: str, old: Selector) -> tuple[int, int] | None:
    """A range of ``text`` closely matching the old quote, e.g. after a few words inside it changed.

    Pieces of the quote (and the ends of its context) that still occur exactly each vote
    for where the quote now starts; difflib then sizes the match inside a window around
    the most voted place only, so a long article costs a few ``str.find`` scans.
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
    window = text[lo:hi]
    blocks = [b for b in SequenceMatcher(None, quote, window, autojunk=False).get_matching_blocks() if b.size >= 3]
    if not blocks:
        return None
    # Each matching block implies where the quote starts (if nothing before it changed length)
    # and where it ends (if nothing after it did): try the first few of each, keep the closest.
    starts = {lo + max(0, b.b - b.a) for b in blocks[:3]}
    ends = {lo + min(len(window), b.b + len(quote) - b.a) for b in blocks[-3:]}
    best, best_ratio = None, MIN_SIMILARITY
    for guess_start in starts:
        for guess_end in ends:
            start, end = _to_words(text, *_trim(text, guess_start, guess_end), old)
            if end <= start:
                continue
            ratio = SequenceMatcher(None, quote, text[start:end], autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = (start, end), ratio
    return best


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
        found = _occurrences(text, piece)
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


def _short(quote: str) -> str:
    shown = " ".join(quote.split())
    return repr(shown if len(shown) <= 60 else shown[:57] + "…")
