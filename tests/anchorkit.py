"""Edited-article cases for re-anchoring, each knowing by construction where its highlight is now.

A case is an old text with a highlight, a new text (the outlet's edit) and the true span of
the highlight in the new text, or None when its passage was deleted. ``cases(seed)`` builds
them from the sample articles in seeds/ and the prose in tests/data/anchoring/, deterministically;
``grade`` says how a placement did. The unit test and bench_anchoring.py share both.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterator
from pathlib import Path

from tests.anchorkit_edits import EDITS
from tests.anchorkit_text import WORD, Case, paragraph_spans, sentence_spans, spliced, word_spans

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "seeds", ROOT / "tests" / "data" / "anchoring")
SHAPES = ("word", "two words", "phrase", "sentence", "paragraph", "paragraphs")


def texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for folder in SOURCES for p in sorted(folder.glob("*.txt"))}


def pick_highlight(rng: random.Random, text: str, shape: str) -> tuple[int, int]:
    """A highlight of the shape; single words and pairs favour ones that occur more than once."""
    if shape in ("word", "two words", "phrase"):
        n = {"word": 1, "two words": 2}.get(shape) or rng.randint(3, 8)
        spans = _runs(text, n)
        if n <= 2 and rng.random() < 0.6:
            spans = _repeated_runs(text, n) or spans
        return rng.choice(spans)
    if shape == "sentence":
        return rng.choice([s for s in sentence_spans(text) if s[1] - s[0] > 20])
    paragraphs = paragraph_spans(text)
    n = 1 if shape == "paragraph" else rng.randint(2, 3)
    i = rng.randrange(1, len(paragraphs) - n + 1)
    return paragraphs[i][0], paragraphs[i + n - 1][1]


@functools.cache
def _runs(text: str, n: int) -> list[tuple[int, int]]:
    """Runs of n words within a line. Nobody highlights "the" alone: a single word is a name or
    a word of four letters or more."""
    words = word_spans(text)
    spans = [(words[i][0], words[i + n - 1][1]) for i in range(len(words) - n + 1)]
    return [s for s in spans if "\n" not in text[s[0] : s[1]] and (n > 1 or _telling(text[s[0] : s[1]]))]


@functools.cache
def _repeated_runs(text: str, n: int) -> list[tuple[int, int]]:
    return [s for s in _runs(text, n) if text.count(text[s[0] : s[1]]) > 1]


STOP = {"the", "a", "an", "and", "but", "he", "she", "his", "her", "it", "its", "in", "on", "at", "of", "to", "for",
        "as", "by", "we", "our", "they", "who", "was", "has", "had", "not"}


def _telling(word: str) -> bool:
    return len(word) >= 4 or word[:1].isupper() and word.lower() not in STOP


def cases(seed: int = 1, repeats: int = 3) -> Iterator[Case]:
    """Every edit kind on every text and highlight shape, ``repeats`` times each (some do not apply)."""
    rng = random.Random(seed)
    sources = texts()
    sentences = {n: [t[a:b] for a, b in sentence_spans(t) if 30 < b - a < 200] for n, t in sources.items()}
    for name, text in sources.items():
        # Filler from the other texts: a sentence of this one, put in again, is a pull quote.
        pool = [sentence for other, some in sentences.items() if other != name for sentence in some]
        for kind, edit in EDITS.items():
            for shape in SHAPES:
                for _ in range(repeats):
                    start, end = pick_highlight(rng, text, shape)
                    if _ambiguous(text, start, end):
                        continue
                    made = edit(rng, text, start, end, pool)
                    if made is None:
                        continue
                    if isinstance(made, Case):
                        yield Case(name, kind, shape, *_fields(made))
                        continue
                    old, s, e, splices = made
                    try:
                        new, truth = spliced(old, splices, s, e)
                    except ValueError as error:
                        raise ValueError(f"{name} {kind} {shape}: {error}") from None
                    yield Case(name, kind, shape, old, s, e, new, truth)


def _ambiguous(text: str, start: int, end: int) -> bool:
    """The quote occurs again with the same four words before or after it, or nearly the same words
    on both sides (a passage quoted again in a list, a fact told twice: "an armored truck was waiting
    at customs", "was waiting for him at customs"): the old text itself has two such places."""
    quote = text[start:end]

    def around(at: int) -> tuple[list[str], list[str]]:
        before = [w.lower() for w in WORD.findall(text[max(0, at - 80) : at])][-5:]
        after = [w.lower() for w in WORD.findall(text[at + len(quote) : at + len(quote) + 80])][:5]
        return before, after

    def alike(mine: list[str], other: list[str]) -> int:
        return len(set(mine) & set(other))

    (before, after) = around(start)
    for b, a in (around(m.start()) for m in re.finditer(re.escape(quote), text) if m.start() != start):
        if b[-4:] == before[-4:] or a[:4] == after[:4] or alike(before, b) + alike(after, a) >= 5:
            return True
    return False


def _fields(case: Case) -> tuple:
    return case.old_text, case.start, case.end, case.new_text, case.truth


GRADES = ("span", "near", "miss", "wrong", "deleted-orphaned", "deleted-attached")


def grade(case: Case, how: str, start: int, end: int) -> str:
    """span: exactly the true span; near: most of it and little else (half the union); wrong: elsewhere."""
    if case.truth is None:
        return "deleted-orphaned" if how == "orphaned" else "deleted-attached"
    if how == "orphaned":
        return "miss"
    ts, te = case.truth
    if (start, end) == (ts, te):
        return "span"
    overlap = max(0, min(end, te) - max(start, ts))
    union = max(end, te) - min(start, ts)
    return "near" if overlap / union >= 0.5 else "wrong"
