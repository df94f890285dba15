"""Units of an article's text for selecting by keys: words, sentences and paragraphs.

Offsets are into ``Body.text``, where blocks are joined by a blank line, so a paragraph is
the text between two "\\n\\n". Pure functions: the reader pane's caret calls them.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w[\w'’-]*|[^\w\s]")
#: A sentence ends at . ! ? (or …), after any closing quotes and brackets, before a space.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
#: Abbreviations whose full stop does not end a sentence ("Mr. Ledezma", "U.S. officials",
#: "Friday, Nov. 17"), the months as news agencies shorten them among them.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr gen sen rep gov col lt sgt prof rev vs etc no fig e.g i.e u.s u.k u.n a.m p.m "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft capt cmdr maj adm supt insp dept approx".split()
)
#: What follows a full stop that cannot open a sentence: a small letter or a figure ("Nov. 17",
#: "the Acme Co. board").
_NO_OPENING = re.compile(r"\s+[\"'“‘(]*[a-z0-9]")
_BLANK = "\n\n"


def clamp(text: str, offset: int) -> int:
    return max(0, min(offset, max(len(text) - 1, 0)))


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the block holding ``offset``."""
    offset = clamp(text, offset)
    start = text.rfind(_BLANK, 0, offset + 1)
    start = 0 if start < 0 else start + 2
    if start > offset:  # on the blank line itself: take the paragraph after it
        offset = start
    end = text.find(_BLANK, offset)
    return start, len(text) if end < 0 else end


def next_paragraph(text: str, offset: int, step: int) -> int:
    """The start of the next (step 1) or previous (step -1) paragraph; the current one's
    start when going back from inside it."""
    start, end = paragraph_bounds(text, offset)
    if step > 0:
        return start if end >= len(text) else paragraph_bounds(text, end + 2)[0]
    if offset > start:
        return start
    return paragraph_bounds(text, max(start - 3, 0))[0] if start > 0 else 0


def _sentence_ends(paragraph: str) -> list[int]:
    ends = []
    for match in _SENTENCE_END.finditer(paragraph):
        word = paragraph[: match.start()].rsplit(None, 1)[-1].lower() if paragraph[: match.start()].strip() else ""
        if match.group().startswith("."):
            bare = word.strip("(\"'“‘")
            initial = len(bare) == 1 and bare.isalpha()  # "J. R. Smith", "Harry S. Truman"
            if bare in _ABBREVIATIONS or initial or _NO_OPENING.match(paragraph, match.end()):
                continue
        ends.append(match.end())
    return ends


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the sentence holding ``offset``, within its paragraph."""
    p_start, p_end = paragraph_bounds(text, offset)
    paragraph = text[p_start:p_end]
    inside = clamp(paragraph, clamp(text, offset) - p_start)
    start = 0
    for end in _sentence_ends(paragraph) + [len(paragraph)]:
        if inside < end or end == len(paragraph):
            while start < end and paragraph[start].isspace():
                start += 1
            return p_start + start, p_start + end
        start = end
    return p_start, p_end


def next_sentence(text: str, offset: int, step: int) -> int:
    start, end = sentence_bounds(text, offset)
    if step > 0:
        after = end
        while after < len(text) and text[after].isspace():
            after += 1
        return start if after >= len(text) else after
    if offset > start:
        return start
    before = start - 1
    while before > 0 and text[before].isspace():
        before -= 1
    return sentence_bounds(text, before)[0] if start > 0 else 0


def next_word(text: str, offset: int, step: int) -> int:
    """The start of the next word (step 1) or of this or the previous one (step -1)."""
    starts = [m.start() for m in _WORD.finditer(text)]
    if step > 0:
        return next((s for s in starts if s > offset), offset)
    return next((s for s in reversed(starts) if s < offset), 0)


def word_end(text: str, offset: int) -> int:
    """The end of the word at or after ``offset``."""
    for match in _WORD.finditer(text, offset):
        if match.end() > offset:
            return match.end()
    return len(text)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without the spaces and line breaks at its ends."""
    start, end = min(start, end), max(start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
