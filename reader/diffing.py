"""What changed between two versions of an article: paragraphs, then words within them."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .models import Body

#: A piece of the compared text: ("same" | "added" | "removed", text).
Piece = tuple[str, str]

_WORDS = re.compile(r"\s+|[^\s]+")


def compare(old: Body, new: Body, old_title: str = "", new_title: str = "") -> list[list[Piece]]:
    """The new version as paragraphs of pieces, with what was removed kept in place, struck."""
    old_blocks = ([old_title] if old_title else []) + [b.text for b in old.blocks]
    new_blocks = ([new_title] if new_title else []) + [b.text for b in new.blocks]
    paragraphs: list[list[Piece]] = []
    matcher = SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            paragraphs += [[("same", text)] for text in new_blocks[j1:j2]]
        elif op == "replace" and i2 - i1 == j2 - j1:
            # Paragraphs edited in place: show the words that changed inside each.
            paragraphs += [_words(a, b) for a, b in zip(old_blocks[i1:i2], new_blocks[j1:j2], strict=True)]
        else:
            paragraphs += [[("removed", text)] for text in old_blocks[i1:i2]]
            paragraphs += [[("added", text)] for text in new_blocks[j1:j2]]
    return paragraphs


def _words(old: str, new: str) -> list[Piece]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(b[j1:j2])))
    return pieces


def summary(paragraphs: list[list[Piece]]) -> tuple[int, int]:
    """(words added, words removed): the size of the change, for a one-line description."""
    counts = {"added": 0, "removed": 0}
    for paragraph in paragraphs:
        for kind, text in paragraph:
            if kind in counts:
                counts[kind] += len(text.split())
    return counts["added"], counts["removed"]
