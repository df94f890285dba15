"""The edits an outlet makes to an article, each mapping a highlight to where it truly is afterwards.

An edit takes (rng, text, start, end, pool of filler sentences) and returns the old text, the
highlight, and splices to apply; or a whole Case when the old text is derived (a typo put in,
a summary cut); or None when it does not apply to this highlight.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from tests.anchorkit_text import Case, Splice, boundaries, containing, paragraph_spans, sentence_spans, word_spans

STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
SWAPS = ("officials", "critics", "reporters", "the government", "on Monday", "later", "quickly", "again")


def _filler(rng: random.Random, pool: list[str]) -> str:
    return rng.choice(pool)


Edit = Callable[[random.Random, str, int, int, list[str]], "tuple[str, int, int, list[Splice]] | Case | None"]


def insert_before(rng, text, start, end, pool):
    places = boundaries(text, 0, start) or [0]
    at = rng.choice(places)
    return text, start, end, [Splice(at, 0, _filler(rng, pool) + rng.choice([" ", "\n\n"]))]


def insert_inside(rng, text, start, end, pool):
    a, b = containing(paragraph_spans(text), start, end)
    places = boundaries(text, a + 1, b - 1)
    inside = [p for p in places if start < p < end]
    if not places:
        return text, start, end, [Splice(b, 0, " " + _filler(rng, pool))]
    at = rng.choice(inside or places)
    return text, start, end, [Splice(at, 0, _filler(rng, pool) + " ")]


def insert_after(rng, text, start, end, pool):
    places = boundaries(text, end, len(text)) or [len(text)]
    at = rng.choice(places)
    return text, start, end, [Splice(at, 0, _filler(rng, pool) + rng.choice([" ", "\n\n"]))]


def typo_fixed(rng, text, start, end, pool):
    """The old text had a typo inside the quote, which the new text (this one) fixes."""
    words = [w for w in word_spans(text) if start <= w[0] and w[1] <= end and w[1] - w[0] >= 4]
    if not words:
        return None
    a, b = rng.choice(words)
    word = text[a:b]
    i = rng.randrange(1, len(word) - 2)
    swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    dropped, doubled = word[:i] + word[i + 1 :], word[:i] + word[i] + word[i:]
    typo = rng.choice([swapped, dropped, doubled])
    old = text[:a] + typo + text[b:]
    return Case("", "typo fixed", "", old, start, end + len(typo) - len(word), text, (start, end))


def neighbour_word(rng, text, start, end, pool):
    words = word_spans(text)
    before = [w for w in words if w[1] <= start][-1:]
    after = [w for w in words if w[0] >= end][:1]
    sides = rng.choice([before, after, before + after]) or before + after
    return text, start, end, [Splice(a, b - a, rng.choice(SWAPS)) for a, b in sides]


def reworded(rng, text, start, end, pool):
    """A quarter of the paragraph's words replaced; inside a long quote one in ten, never its first or last."""
    a, b = containing(paragraph_spans(text), start, start + 1)
    splices = []
    for w in word_spans(text[a:b]):
        w0, w1 = a + w[0], a + w[1]
        inside = start < w0 and w1 < end
        if (not inside and (w1 <= start or w0 >= end) and rng.random() < 0.25) or (
            inside and end - start > 60 and rng.random() < 0.1
        ):
            splices.append(Splice(w0, w1 - w0, rng.choice(SWAPS)))
    return text, start, end, splices


def deleted(rng, text, start, end, pool):
    """The sentences (or paragraphs) holding the quote removed; sometimes a reworded copy stays elsewhere."""
    a, b = containing(sentence_spans(text), start, end)
    while b < len(text) and text[b] in " \n":
        b += 1
    splices = [Splice(a, b - a, "")]
    if rng.random() < 0.4:
        copy = _reworded_copy(rng, text, start, end)
        if text[a:b].strip() != text[start:end]:
            # A short quote, reworded, inside some other sentence.
            host = rng.choice(pool).split()
            cut = rng.randrange(len(host) + 1)
            copy = " ".join(host[:cut] + [copy] + host[cut:])
        places = _away(text, a, b)
        if places:
            splices.append(Splice(rng.choice(places), 0, copy + "\n\n"))
    return text, start, end, splices


def _reworded_copy(rng: random.Random, text: str, a: int, b: int) -> str:
    """``text[a:b]`` with a third of its words (and at least one) swapped: a similar passage."""
    spans = [w for w in word_spans(text) if a <= w[0] and w[1] <= b]
    must = rng.choice(spans) if spans else None
    out, last = [], a
    for w in spans:
        out += [text[last : w[0]], rng.choice(SWAPS) if w == must or rng.random() < 0.3 else text[w[0] : w[1]]]
        last = w[1]
    out.append(text[last:b])
    return "".join(out).strip()


def moved(rng, text, start, end, pool):
    a, b = containing(paragraph_spans(text), start, end)
    block_end = b + len(text[b:]) - len(text[b:].lstrip("\n"))
    rest = text[:a] + text[block_end:]
    places = [p for p, _ in paragraph_spans(rest) if p != a] + [len(rest)]
    at = rng.choice(places)
    block = text[a:b] + "\n\n"
    if at == len(rest):
        block = "\n\n" + text[a:b]
    new = rest[:at] + block + rest[at:]
    shift = at - a + (2 if at == len(rest) else 0)
    return Case("", "moved", "", text, start, end, new, (start + shift, end + shift))


def straightened(rng, text, start, end, pool):
    return Case("", "quotes straightened", "", text, start, end, text.translate(STRAIGHT), (start, end))


def _away(text: str, a: int, b: int) -> list[int]:
    """Paragraph starts not next to ``text[a:b]``: a copy put right beside a passage has the
    passage's own context, and no anchor could tell the two apart."""
    paragraphs = paragraph_spans(text)
    near = {i for i, (p, q) in enumerate(paragraphs) if q >= a and p <= b}
    near |= {i + 1 for i in near}
    return [p for i, (p, _) in enumerate(paragraphs) if i not in near]


def pull_quote(rng, text, start, end, pool):
    """The quote's sentence repeated as a paragraph of its own, away from it. Not for a sentence
    that is a paragraph already: the two would be the same paragraph, and no anchor could tell."""
    a, b = containing(sentence_spans(text), start, start + 1)
    if (a, b) in paragraph_spans(text):
        return None
    places = _away(text, a, b)
    if not places:
        return None
    return text, start, end, [Splice(rng.choice(places), 0, text[a:b] + "\n\n")]


def summary(rng, text, start, end, pool):
    """The new text is the first paragraphs only: the highlight stays or is gone with the rest."""
    paragraphs = paragraph_spans(text)
    cuts = [p for p, _ in paragraphs[2:] if p >= end or p <= start]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    new = text[:cut].rstrip()
    return Case("", "summary", "", text, start, end, new, (start, end) if end <= len(new) else None)


def extended(rng, text, start, end, pool):
    """The old text was the summary (first paragraphs); the new one is the full text."""
    ends = [b for _, b in paragraph_spans(text) if b >= end]
    cut = rng.choice(ends[:3])
    return Case("", "extended", "", text[:cut], start, end, text, (start, end))


def whitespace(rng, text, start, end, pool):
    pattern, put = rng.choice([("  ", " "), ("\n\n", "\n\n\n"), ("\n\n", "\n"), (r"(?<=\.) ", "  "), ("\n", " \n")])
    return text, start, end, [Splice(m.start(), m.end() - m.start(), put) for m in re.finditer(pattern, text)]


def shifted_onto(rng, text, start, end, pool, *, delete: bool = False):
    """Another occurrence of the quote shifted onto its old offset (and, with ``delete``, the real one removed)."""
    quote = text[start:end]
    earlier = [m.start() for m in re.finditer(re.escape(quote), text[:start])]
    a, b = containing(sentence_spans(text), start, end)
    earlier = [p for p in earlier if p + len(quote) <= a]
    if not earlier:
        return None
    other = rng.choice(earlier)
    gap = start - other
    at = rng.choice([w[0] for w in word_spans(text) if w[0] <= other])
    words = []
    while len(" ".join(words)) < gap:
        words.append(rng.choice(pool).split()[0])
    filler = (" ".join(words))[: gap - 1] + " "
    splices = [Splice(at, 0, filler)]
    if delete:
        splices.append(Splice(a, b - a, ""))
    return text, start, end, splices


EDITS: dict[str, Edit] = {
    "insert before": insert_before, "insert inside": insert_inside, "insert after": insert_after,
    "typo fixed": typo_fixed, "neighbour word": neighbour_word, "reworded": reworded, "deleted": deleted,
    "moved": moved, "quotes straightened": straightened, "pull quote": pull_quote, "summary": summary,
    "extended": extended, "whitespace": whitespace, "shifted onto": shifted_onto,
    "shifted onto, deleted": lambda *a: shifted_onto(*a, delete=True),
}
