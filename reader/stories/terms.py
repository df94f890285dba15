"""The words an article is compared by: stems of its title and lede, the names in them, and the
words of its whole text (for what each account says differently)."""

from __future__ import annotations

import re
import threading
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from ..text import fold

#: The lede: the first paragraphs of an article, up to this many characters. Headline and lede
#: are where news says what happened; further down, background shared with other events.
LEDE_CHARS = 900
#: A title's words count this many times a lede's.
TITLE_WEIGHT = 2

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_NAME = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]+(?: (?:of|de|del|la|van|von|der|al|bin|the) [A-ZÀ-ÖØ-Þ][\w'’-]+|"
                   r" [A-ZÀ-ÖØ-Þ][\w'’-]+)*")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]  # snowballstemmer has no type information
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The 250 most common English words: they say nothing about which event it is. Shipped as
    text (from wordfreq, by tests/make_stopwords.py): loading wordfreq's tables took longer than
    placing a fetch's articles."""
    text = (Path(__file__).parent / "stopwords_en.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


#: The stemmer keeps the word it works on in itself: two threads stemming at once garble both.
_STEMMING = threading.Lock()


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    with _STEMMING:
        return str(_stemmer().stemWord(word))


_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def quick_fold(text: str) -> str:
    """reader.text.fold for a whole text at once, several times faster on accented text: the
    combining marks of the Latin, Greek and Cyrillic scripts taken off by one pattern. Only
    for the story index's own comparisons (terms, sketches), which need no other agreement."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def words(text: str) -> list[str]:
    """Folded stems of the text's words, common words left out."""
    # Each distinct word is judged once (_term is cached), not at each of its occurrences.
    return [term for term in map(_term, _tokens(text)) if term]


def _tokens(text: str) -> list[str]:
    """The text's folded words. Folded once as a whole: folding word by word was most of the
    time placing took."""
    return _WORD.findall(quick_fold(text).replace("’", "'"))


@lru_cache(maxsize=1 << 17)
def _term(word: str) -> str:
    """A folded word's stem, or "" for a common or one-letter word."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 1 and word not in stopwords():
        return stem(word)
    return ""


def lede(body_text: str) -> str:
    """The first paragraphs, up to LEDE_CHARS (whole paragraphs, at least one)."""
    kept: list[str] = []
    size = 0
    for paragraph in body_text.split("\n\n"):
        if kept and size + len(paragraph) > LEDE_CHARS:
            break
        kept.append(paragraph)
        size += len(paragraph)
    return "\n\n".join(kept)


#: Below the lede, a word counts this much: background is shared with other events, but a
#: tabloid's lede may share no words at all with a wire's. Only so much of the rest is read:
#: what a long article says further down is background, and reading it costs time.
REST_WEIGHT = 0.35
REST_CHARS = 4000


def spelled(stems: Sequence[str], texts: Iterable[str]) -> list[str]:
    """Each stem as the texts most often write it, for showing ("arriv" as "arrived"); a stem
    none of them writes stays as it is."""
    forms: dict[str, Counter[str]] = {stem: Counter() for stem in stems}
    for text in texts:
        for word in _tokens(text):
            found = forms.get(_term(word))
            if found is not None:
                found[word.removesuffix("'s")] += 1
    return [forms[stem].most_common(1)[0][0] if forms[stem] else stem for stem in stems]


def headline_terms(title: str, body_text: str) -> Counter[str]:
    """What the event is, in stems: the title's words (counted TITLE_WEIGHT times), the lede's,
    and the rest of the text's at a fraction."""
    head = lede(body_text)
    terms: Counter[str] = Counter()
    for word in words(body_text[len(head):len(head) + REST_CHARS]):
        terms[word] += REST_WEIGHT  # type: ignore[assignment]  # weights, not counts
    for word in words(head):
        terms[word] += 1
    for word in words(title):
        terms[word] += TITLE_WEIGHT
    return terms


def names(title: str, body_text: str) -> set[str]:
    """Capitalised names in the title and lede, folded; a sentence's first word only when it is
    part of a longer name."""
    found = set()
    text = f"{title}\n\n{lede(body_text)}"
    for match in _NAME.finditer(text):
        name = match.group()
        before = text[max(0, match.start() - 2):match.start()]
        opening = match.start() == 0 or before.strip() in ("", ".", "!", "?", "\n") or before.endswith(("\n", ". "))
        if opening and " " not in name:
            continue
        words = fold(name).split()
        # "On Friday", "In Madrid" open a sentence: the common word is not part of the name,
        # nor is a day or a month at either end.
        while words and (words[0] in _CALENDAR or (opening and words[0] in stopwords())):
            words.pop(0)
        while words and words[-1] in _CALENDAR:
            words.pop()
        key = " ".join(words)
        if key and key not in stopwords():
            found.add(key)
    return found


#: Capitalised, but no one's name: two accounts that both say "on Friday" in November share
#: nothing about the event, and as names they counted towards the close-names rule. April, June,
#: March and August stay: each is also someone's name.
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february july september october "
    "november december".split()
)


#: Near-duplicates are told by their shingles: runs of this many words, hashed, of which the
#: SKETCH smallest are kept (a bottom-k sketch: Jaccard estimated from a few dozen numbers).
SHINGLE = 4
SKETCH = 64
#: Estimated resemblance above which two accounts are one text (a wire copy with a new
#: headline or a cut paragraph still shares most of its shingles).
COPY = 0.5
_PLAIN = re.compile(r"\w+", re.UNICODE)


def sketch(text: str) -> tuple[int, ...]:
    """The smallest SKETCH hashes of the text's word shingles. Each word is hashed once (CRC-32,
    the same in every process, as a stored sketch must be) and a shingle's hash mixed from its
    words' by multiplying with odd constants."""
    # NumPy is loaded by the first sketch: a fetch that brings nothing new should not pay for
    # loading it.
    import numpy as np

    tokens = _PLAIN.findall(quick_fold(text))
    if not tokens:
        return ()
    # Each word hashed once (_crc is cached), and looked up from C (map), not in a generator.
    values = np.fromiter(map(_crc, tokens), dtype=np.uint64, count=len(tokens))
    if len(values) < SHINGLE:
        values = np.concatenate([values, np.zeros(SHINGLE - len(values), dtype=np.uint64)])
    n = len(values) - SHINGLE + 1
    # Products of 32-bit numbers fit in 64 bits; where their sum wraps, the low 32 bits kept
    # are the same as without the wrap.
    mixed = (values[:n] * np.uint64(0x9E3779B1) + values[1:n + 1] * np.uint64(0x85EBCA77)
             + values[2:n + 2] * np.uint64(0xC2B2AE3D) + values[3:n + 3]) & np.uint64(0xFFFFFFFF)
    return tuple(int(h) for h in _smallest_distinct(mixed, SKETCH))


def _smallest_distinct(values, count: int):  # type: ignore[no-untyped-def]  # NumPy is loaded late
    """np.unique(values)[:count], without sorting them all: the count + 1 smallest are taken
    first (a partition), and when they hold ``count`` distinct values those are the smallest of
    all (any smaller value would be among them). Sorting every shingle was a fifth of a sketch."""
    import numpy as np

    if len(values) > 2 * count:
        low = np.unique(np.partition(values, count)[:count + 1])
        if len(low) >= count:
            return low[:count]
    return np.unique(values)[:count]


@lru_cache(maxsize=1 << 17)
def _crc(token: str) -> int:
    return zlib.crc32(token.encode())


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the two texts' shingles, from their bottom-k sketches:
    the share of the union's smallest hashes that both texts have."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)
