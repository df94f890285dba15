"""The words each account uses much more than the others telling the same story: the log-odds
ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), each outlet
against the rest of the story. The prior is how often the library uses a word, so a word that
is merely rare is not taken for a choice; with few articles in the library, the story's own
words stand in. Only the outlet's own voice counts: quotes are the speakers' words (the quotes
section has them) and names are the entity matrix's.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..text import fold
from .terms import stem, stopwords

#: How strongly the prior pulls: pseudo-counts spread over the vocabulary.
PRIOR_WEIGHT = 500.0
#: A term must stand this many standard deviations out, and be used this often, to be shown.
MIN_Z = 1.5
MIN_COUNT = 2
PER_OUTLET = 8
#: With this many articles in the library its frequencies count as much as the story's.
LIBRARY_HALF = 50
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:]\s*$")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a term is used: offsets into an article's Body.text."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    #: The z-score of the log-odds ratio: how far this outlet's use stands out from the others'.
    score: float
    count: int
    others: int
    example: Occurrence
    snippet: str


def tokens(text: str, skip: Iterable[tuple[int, int]], names: frozenset[str] = frozenset()
           ) -> list[tuple[str, int, int]]:
    """(folded word, start, end) of the words in the text's own voice: outside the skipped
    spans (quotes), without names (capitalised words not opening a sentence, and the words of
    the entities' names wherever they stand)."""
    spans = sorted(skip)
    found: list[tuple[str, int, int]] = []
    k = 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k < len(spans) and spans[k][0] <= start < spans[k][1]:
            found.append(("", start, end))  # a break: no bigram spans a quote
            continue
        word = match.group()
        before = text[max(0, start - 3):start]
        opening = start == 0 or "\n" in before or bool(_SENTENCE_END.search(text[max(0, start - 4):start]))
        folded = fold(word).replace("’", "'").removesuffix("'s")
        if (word[0].isupper() and not opening) or folded in names:
            found.append(("", start, end))
            continue
        found.append((folded, start, end))
    return found


def _terms(words: list[tuple[str, int, int]]) -> Iterable[tuple[str, int, int]]:
    common = stopwords()
    for i, (word, start, end) in enumerate(words):
        if not word:
            continue
        if word not in common and len(word) > 2:
            yield word, start, end
        if i + 1 < len(words):
            after, _, after_end = words[i + 1]
            if after and not (word in common and after in common) and word not in common and after not in common:
                yield f"{word} {after}", start, after_end


def distinctive(
    texts: Mapping[str, list[tuple[str, str, list[tuple[int, int]]]]],
    library_share: Callable[[str], float | None],
    library_size: int,
    names: frozenset[str] = frozenset(),
) -> dict[str, list[Term]]:
    """``texts``: outlet -> [(article id, text, quote spans)]. ``library_share(stem)``: how
    often the library uses a word (its share of all uses), or None when unknown. Returns outlet ->
    its most distinctive terms, strongest first."""
    counts: dict[str, Counter[str]] = {}
    where: dict[tuple[str, str], Occurrence] = {}
    sources: dict[str, str] = {}
    for outlet, articles in texts.items():
        counter: Counter[str] = Counter()
        for article_id, text, quotes in articles:
            sources[article_id] = text
            for term, start, end in _terms(tokens(text, quotes, names)):
                counter[term] += 1
                where.setdefault((outlet, term), Occurrence(article_id, start, end))
        counts[outlet] = counter
    pooled: Counter[str] = Counter()
    for counter in counts.values():
        pooled.update(counter)
    total = sum(pooled.values()) or 1
    lean = library_size / (library_size + LIBRARY_HALF)
    prior: dict[str, float] = {}
    for term, n in pooled.items():
        share = n / total
        if " " not in term:
            known = library_share(stem(term))
            if known is not None:
                share = lean * known + (1 - lean) * share
        prior[term] = PRIOR_WEIGHT * share
    results: dict[str, list[Term]] = {}
    for outlet, counter in counts.items():
        mine = sum(counter.values())
        rest = total - mine
        if not mine or not rest:
            results[outlet] = []
            continue
        scored = []
        for term, y_i in counter.items():
            if y_i < MIN_COUNT:
                continue
            a = prior[term]
            y_j = pooled[term] - y_i
            delta = math.log((y_i + a) / (mine + PRIOR_WEIGHT - y_i - a)) - \
                math.log((y_j + a) / (rest + PRIOR_WEIGHT - y_j - a))
            z = delta / math.sqrt(1 / (y_i + a) + 1 / (y_j + a))
            if z >= MIN_Z:
                scored.append((z, term, y_i, y_j))
        scored.sort(key=lambda row: (-row[0], row[1]))
        chosen: list[Term] = []
        for z, term, y_i, y_j in scored:
            if any(term in c.term.split(" ") and c.count >= y_i for c in chosen if " " in c.term):
                continue  # "prisoner" adds nothing to "political prisoner"
            occurrence = where[(outlet, term)]
            chosen.append(Term(term, round(z, 2), y_i, y_j, occurrence, _snippet(sources[occurrence.article_id],
                                                                                 occurrence)))
            if len(chosen) == PER_OUTLET:
                break
        results[outlet] = chosen
    return results


def _snippet(text: str, occurrence: Occurrence, around: int = 50) -> str:
    """The term with some words either side, cut at spaces."""
    start = text.rfind(" ", 0, max(0, occurrence.start - around)) + 1 if occurrence.start > around else 0
    end = text.find(" ", occurrence.end + around)
    end = len(text) if end < 0 else end
    snippet = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")
