"""Where a quote lies in an article's text, and finding it again after the article changed.

Anchors follow the W3C Web Annotation selectors, as Hypothesis uses them: the exact quote,
some context either side, and the character range. Re-attaching tries, in order: the old
position, the quote's one occurrence if it has only one (a summary replaced by the full text
changes the context on both sides), the quote elsewhere (the occurrence whose context matches
best, then nearest), an approximate match for a quote edited inside, and else reports the
annotation orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import CONTEXT, LONG_WORDS, agrees, sides, words
from .fuzzy import MAX_OCCURRENCES, approximate, loose_pattern, occurrences
from .model import AnnotationError

EXACT, MOVED, FUZZY, ORPHANED = "exact", "moved", "fuzzy", "orphaned"
#: A quote of more words than this that occurs once in the new text is taken there whatever its
#: context. Shorter ones ("Prime Minister", "in Spain") are left to the context: once their passage
#: is deleted, the one other place they occur is another passage (on the generated edit set, one- and
#: two-word quotes taken this way attach 16 deletions wrongly; three words and more, none).
UNIQUE_WORDS = 2


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
    found = occurrences(text, quote)
    if not found:
        raise QuoteNotFound(f"the quote {_short(quote)} is not in the article's text")
    fitting = [i for i in found if text.endswith(prefix, 0, i) and text.startswith(suffix, i + len(quote))]
    if not fitting:
        raise QuoteNotFound(
            f"the quote {_short(quote)} is in the article {len(found)} time(s), but never with that prefix/suffix"
        )
    if len(fitting) > 1:
        raise AmbiguousQuote(
            f"the quote {_short(quote)} occurs {len(fitting)} times in the article; "
            "give --prefix and/or --suffix (text just before or after it) to say which"
        )
    return select(text, fitting[0], fitting[0] + len(quote))


def reattach(text: str, old: Selector) -> Placement:
    """Find an annotation's passage in the article's current ``text``.

    A short quote ("Ledezma", "the opposition") occurs elsewhere by chance, so it is accepted,
    even at its old offset, only where the words around it still agree with its old context;
    where they do not, it is orphaned: a highlight on the wrong passage is worse than none.
    """
    quote = old.quote
    if not quote.strip():
        return Placement(ORPHANED, old)
    size = len(words(quote))

    def fits(start: int, end: int, strict: bool = False) -> bool:
        return agrees(size, sides(text, start, end, old.prefix, old.suffix, CONTEXT), strict=strict)

    at_old = text[old.start : old.end] == quote
    # A long quote at its old offset is the passage; a short one only if nothing around it changed,
    # else an edit that shifted another occurrence onto the offset would capture it.
    if at_old and (size > LONG_WORDS or _score(text, (old.start, old.end), old) == 2.0):
        return Placement(EXACT, select(text, old.start, old.end))
    # Exact occurrences first (str.find is cheap); else, give or take spacing and quote marks.
    exact = {(at, at + len(quote)) for at in occurrences(text, quote)}
    unique = _unique(text, exact, old) if size > UNIQUE_WORDS else None
    if unique is not None:
        start, end = unique
        return Placement(EXACT if at_old and start == old.start else MOVED, select(text, start, end))
    fitting = [span for span in sorted(exact) if fits(*span)] or [
        span for span in _loose_occurrences(text, old) if span not in exact and fits(*span)
    ]
    if fitting:
        scores = {span: _score(text, span, old) for span in fitting}
        top = [span for span in fitting if scores[span] == max(scores.values())]
        start, end = min(_unrepeated(text, top) or top, key=lambda span: abs(span[0] - old.start))
        same = at_old and (start, end) == (old.start, old.end)
        return Placement(EXACT if same else MOVED, select(text, start, end))
    found = approximate(text, old, fits)
    if found is not None:
        return Placement(FUZZY, select(text, *found))
    return Placement(ORPHANED, old)


def _unique(text: str, exact: set[tuple[int, int]], old: Selector) -> tuple[int, int] | None:
    """The one place the quote occurs, as whole words where it began and ended on a word's edge.

    When the full text replaces a summary, or an update rewrites the paragraph, the words either
    side change and no context agrees; a passage of several words that occurs once is still it.
    """
    whole = [span for span in exact if _on_edges(text, *span, old)]
    return whole[0] if len(whole) == 1 and len(exact) == 1 else None


def _on_edges(text: str, start: int, end: int, old: Selector) -> bool:
    """Whether ``text[start:end]`` starts and ends at a word's edge where the old quote did."""
    quote = old.quote
    if quote[:1].isalnum() and not old.prefix[-1:].isalnum() and text[start - 1 : start].isalnum():
        return False
    return not (quote[-1:].isalnum() and not old.suffix[:1].isalnum() and text[end : end + 1].isalnum())


def _score(text: str, span: tuple[int, int], old: Selector) -> float:
    """Agreement of both sides' context, up to 2; a side with nothing to compare counts as agreeing
    (the text starts or ends there, as it did, or the summary it was stops there)."""
    return sum(1.0 if side is None else side.share for side in sides(text, *span, old.prefix, old.suffix, CONTEXT))


def _unrepeated(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of places whose context agrees equally, those whose paragraph is not repeated elsewhere: a
    pull quote repeats a sentence as a paragraph of its own; the passage is where it was written."""
    if len(spans) < 2:
        return spans
    kept = []
    for start, end in spans:
        lo, hi = text.rfind("\n\n", 0, start), text.find("\n\n", end)
        paragraph = text[lo + 1 if lo >= 0 else 0 : hi if hi >= 0 else len(text)].strip()
        if text.count(paragraph) == 1:
            kept.append((start, end))
    return kept


def _loose_occurrences(text: str, old: Selector) -> list[tuple[int, int]]:
    """Where the quote occurs, give or take spacing and quote marks: restyling is no edit."""
    spans: list[tuple[int, int]] = []
    for match in loose_pattern(old.quote, old.prefix, old.suffix).finditer(text):
        spans.append(match.span())
        if len(spans) >= MAX_OCCURRENCES:
            break
    return spans


def _short(quote: str) -> str:
    shown = " ".join(quote.split())
    return repr(shown if len(shown) <= 60 else shown[:57] + "…")
