"""Edited-article cases for re-anchoring, each knowing by construction where its highlight is now.

A case is an old text with a highlight, a new text (the outlet's edit) and the true span of
the highlight in the new text, or None when its passage was deleted. ``cases(seed)`` builds
them from the sample articles in seeds/ and the prose in tests/data/anchoring/, deterministically;
``grade`` says how a placement did. The unit test and bench_anchoring.py share both.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "seeds", ROOT / "tests" / "data" / "anchoring")

SHAPES = ("word", "two words", "phrase", "sentence", "paragraph", "paragraphs")
WORD = re.compile(r"\w+(?:[’'-]\w+)*")
PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
SENTENCE = re.compile(r"\S.*?(?:[.!?][”\"’]?(?=\s|$)|$)", re.S)
STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
SWAPS = ("officials", "critics", "reporters", "the government", "on Monday", "later", "quickly", "again")


@dataclass(frozen=True, slots=True)
class Case:
    source: str
    kind: str
    shape: str
    old_text: str
    start: int
    end: int
    new_text: str
    #: Where the highlighted passage is in new_text; None when the edit deleted it.
    truth: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Splice:
    at: int
    cut: int
    put: str


def texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for folder in SOURCES for p in sorted(folder.glob("*.txt"))}


def spliced(text: str, splices: list[Splice], start: int, end: int) -> tuple[str, tuple[int, int] | None]:
    """Apply non-overlapping splices; map the span (an insertion at its start counts as before it)."""
    out, last, new_start, new_end, gone = [], 0, start, end, False
    for s in sorted(splices, key=lambda s: s.at):
        if s.at < last:
            raise ValueError("overlapping splices")
        out += [text[last : s.at], s.put]
        last = s.at + s.cut
        grow = len(s.put) - s.cut
        if s.at + s.cut <= start:
            new_start, new_end = new_start + grow, new_end + grow
        elif s.at >= end:
            pass
        elif s.at <= start and s.at + s.cut >= end:
            gone = True
        elif s.at >= start and s.at + s.cut <= end:
            new_end += grow
        else:
            raise ValueError("a splice cuts across the highlight's edge")
    out.append(text[last:])
    return "".join(out), None if gone else (new_start, new_end)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Blocks between blank lines, without the spaces at their ends."""
    spans = []
    for m in PARAGRAPH.finditer(text):
        block = m.group()
        if block.strip():
            a = m.start() + len(block) - len(block.lstrip())
            spans.append((a, m.start() + len(block.rstrip())))
    return spans


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(a + m.start(), a + m.end()) for a, b in _paragraphs(text) for m in SENTENCE.finditer(text[a:b])]


def _words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def pick_highlight(rng: random.Random, text: str, shape: str) -> tuple[int, int]:
    """A highlight of the shape; single words and pairs favour ones that occur more than once."""
    if shape in ("word", "two words", "phrase"):
        words = _words(text)
        n = {"word": 1, "two words": 2}.get(shape) or rng.randint(3, 8)
        spans = [(words[i][0], words[i + n - 1][1]) for i in range(len(words) - n + 1)]
        # Nobody highlights "the" alone: a single word is a name or a word of four letters or more.
        spans = [s for s in spans if "\n" not in text[s[0] : s[1]] and (n > 1 or _telling(text[s[0] : s[1]]))]
        if n <= 2 and rng.random() < 0.6:
            repeated = [s for s in spans if text.count(text[s[0] : s[1]]) > 1]
            spans = repeated or spans
        return rng.choice(spans)
    if shape == "sentence":
        return rng.choice([s for s in _sentences(text) if s[1] - s[0] > 20])
    paragraphs = _paragraphs(text)
    n = 1 if shape == "paragraph" else rng.randint(2, 3)
    i = rng.randrange(1, len(paragraphs) - n + 1)
    return paragraphs[i][0], paragraphs[i + n - 1][1]


STOP = {"the", "a", "an", "and", "but", "he", "she", "his", "her", "it", "its", "in", "on", "at", "of", "to", "for",
        "as", "by", "we", "our", "they", "who", "was", "has", "had", "not"}


def _telling(word: str) -> bool:
    return len(word) >= 4 or word[:1].isupper() and word.lower() not in STOP


def _filler(rng: random.Random, pool: list[str]) -> str:
    return rng.choice(pool)


def _boundaries(text: str, lo: int, hi: int) -> list[int]:
    """Sentence starts in [lo, hi]: where a sentence or paragraph can go in."""
    return [a for a, _ in _sentences(text) if lo <= a <= hi]


def _containing(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    first = next(s for s in spans if s[1] > start)
    last = next(s for s in reversed(spans) if s[0] < end)
    return first[0], last[1]


Edit = Callable[[random.Random, str, int, int, list[str]], "tuple[str, int, int, list[Splice]] | Case | None"]


def insert_before(rng, text, start, end, pool):
    places = _boundaries(text, 0, start) or [0]
    at = rng.choice(places)
    return text, start, end, [Splice(at, 0, _filler(rng, pool) + rng.choice([" ", "\n\n"]))]


def insert_inside(rng, text, start, end, pool):
    a, b = _containing(_paragraphs(text), start, end)
    places = _boundaries(text, a + 1, b - 1)
    inside = [p for p in places if start < p < end]
    if not places:
        return text, start, end, [Splice(b, 0, " " + _filler(rng, pool))]
    at = rng.choice(inside or places)
    return text, start, end, [Splice(at, 0, _filler(rng, pool) + " ")]


def insert_after(rng, text, start, end, pool):
    places = _boundaries(text, end, len(text)) or [len(text)]
    at = rng.choice(places)
    return text, start, end, [Splice(at, 0, _filler(rng, pool) + rng.choice([" ", "\n\n"]))]


def typo_fixed(rng, text, start, end, pool):
    """The old text had a typo inside the quote, which the new text (this one) fixes."""
    words = [w for w in _words(text) if start <= w[0] and w[1] <= end and w[1] - w[0] >= 4]
    if not words:
        return None
    a, b = rng.choice(words)
    word = text[a:b]
    i = rng.randrange(1, len(word) - 2)
    typo = rng.choice([word[:i] + word[i + 1] + word[i] + word[i + 2 :], word[:i] + word[i + 1 :], word[:i] + word[i] + word[i:]])
    old = text[:a] + typo + text[b:]
    return Case("", "typo fixed", "", old, start, end + len(typo) - len(word), text, (start, end))


def neighbour_word(rng, text, start, end, pool):
    words = _words(text)
    before = [w for w in words if w[1] <= start][-1:]
    after = [w for w in words if w[0] >= end][:1]
    sides = rng.choice([before, after, before + after]) or before + after
    return text, start, end, [Splice(a, b - a, rng.choice(SWAPS)) for a, b in sides]


def reworded(rng, text, start, end, pool):
    """A quarter of the paragraph's words replaced; inside a long quote one in ten, never its first or last."""
    a, b = _containing(_paragraphs(text), start, start + 1)
    splices = []
    for w in _words(text[a:b]):
        w0, w1 = a + w[0], a + w[1]
        inside = start < w0 and w1 < end
        if (not inside and (w1 <= start or w0 >= end) and rng.random() < 0.25) or (
            inside and end - start > 60 and rng.random() < 0.1
        ):
            splices.append(Splice(w0, w1 - w0, rng.choice(SWAPS)))
    return text, start, end, splices


def deleted(rng, text, start, end, pool):
    """The sentences (or paragraphs) holding the quote removed; sometimes a reworded copy stays elsewhere."""
    a, b = _containing(_sentences(text), start, end)
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
    spans = [w for w in _words(text) if a <= w[0] and w[1] <= b]
    must = rng.choice(spans) if spans else None
    out, last = [], a
    for w in spans:
        out += [text[last : w[0]], rng.choice(SWAPS) if w == must or rng.random() < 0.3 else text[w[0] : w[1]]]
        last = w[1]
    out.append(text[last:b])
    return "".join(out).strip()


def moved(rng, text, start, end, pool):
    a, b = _containing(_paragraphs(text), start, end)
    block_end = b + len(text[b:]) - len(text[b:].lstrip("\n"))
    rest = text[:a] + text[block_end:]
    places = [p for p, _ in _paragraphs(rest) if p != a] + [len(rest)]
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
    paragraphs = _paragraphs(text)
    near = {i for i, (p, q) in enumerate(paragraphs) if q >= a and p <= b}
    near |= {i + 1 for i in near}
    return [p for i, (p, _) in enumerate(paragraphs) if i not in near]


def pull_quote(rng, text, start, end, pool):
    """The quote's sentence repeated as a paragraph of its own, away from it. Not for a sentence
    that is a paragraph already: the two would be the same paragraph, and no anchor could tell."""
    a, b = _containing(_sentences(text), start, start + 1)
    if (a, b) in _paragraphs(text):
        return None
    places = _away(text, a, b)
    if not places:
        return None
    return text, start, end, [Splice(rng.choice(places), 0, text[a:b] + "\n\n")]


def summary(rng, text, start, end, pool):
    """The new text is the first paragraphs only: the highlight stays or is gone with the rest."""
    paragraphs = _paragraphs(text)
    cuts = [p for p, _ in paragraphs[2:] if p >= end or p <= start]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    new = text[:cut].rstrip()
    return Case("", "summary", "", text, start, end, new, (start, end) if end <= len(new) else None)


def extended(rng, text, start, end, pool):
    """The old text was the summary (first paragraphs); the new one is the full text."""
    ends = [b for _, b in _paragraphs(text) if b >= end]
    cut = rng.choice(ends[:3])
    return Case("", "extended", "", text[:cut], start, end, text, (start, end))


def whitespace(rng, text, start, end, pool):
    pattern, put = rng.choice([("  ", " "), ("\n\n", "\n\n\n"), ("\n\n", "\n"), (r"(?<=\.) ", "  "), ("\n", " \n")])
    return text, start, end, [Splice(m.start(), m.end() - m.start(), put) for m in re.finditer(pattern, text)]


def shifted_onto(rng, text, start, end, pool, *, delete: bool = False):
    """Another occurrence of the quote shifted onto its old offset (and, with ``delete``, the real one removed)."""
    quote = text[start:end]
    earlier = [m.start() for m in re.finditer(re.escape(quote), text[:start])]
    a, b = _containing(_sentences(text), start, end)
    earlier = [p for p in earlier if p + len(quote) <= a]
    if not earlier:
        return None
    other = rng.choice(earlier)
    gap = start - other
    at = rng.choice([w[0] for w in _words(text) if w[0] <= other])
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


def cases(seed: int = 1, repeats: int = 3) -> Iterator[Case]:
    """Every edit kind on every text and highlight shape, ``repeats`` times each (some do not apply)."""
    rng = random.Random(seed)
    sources = texts()
    sentences = {n: [t[a:b] for a, b in _sentences(t) if 30 < b - a < 200] for n, t in sources.items()}
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
