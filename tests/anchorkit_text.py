"""The pieces of an edited-article case: the case, splices that map a span, and a text's paragraphs,
sentences and words. Shared by anchorkit.py (the cases) and anchorkit_edits.py (the edits)."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:[’'-]\w+)*")
PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
SENTENCE = re.compile(r"\S.*?(?:[.!?][”\"’]?(?=\s|$)|$)", re.S)


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


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blocks between blank lines, without the spaces at their ends."""
    spans = []
    for m in PARAGRAPH.finditer(text):
        block = m.group()
        if block.strip():
            a = m.start() + len(block) - len(block.lstrip())
            spans.append((a, m.start() + len(block.rstrip())))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return [(a + m.start(), a + m.end()) for a, b in paragraph_spans(text) for m in SENTENCE.finditer(text[a:b])]


def word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def boundaries(text: str, lo: int, hi: int) -> list[int]:
    """Sentence starts in [lo, hi]: where a sentence or paragraph can go in."""
    return [a for a, _ in sentence_spans(text) if lo <= a <= hi]


def containing(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    first = next(s for s in spans if s[1] > start)
    last = next(s for s in reversed(spans) if s[0] < end)
    return first[0], last[1]
