"""Regions written short with a full stop, as datelines and addresses do ("Sask.", "Calif."):
the one region of the article whose name the short form's letters spell, in order."""

from __future__ import annotations

import re

from .knowledge import knowledge
from .normalise import fold
from .spans import Candidate

#: A short form: a capital, then two to four lower-case letters, closed by a full stop.
_SHORT = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-ÿ]{1,4}")


def _spells(short: str, full: str) -> bool:
    """Whether ``short`` keeps the first letter of ``full`` and the rest of its letters in order."""
    short, full = fold(short), fold(full)
    if short[:1] != full[:1] or len(full) <= len(short):
        return False
    rest = iter(full[1:])
    return all(letter in rest for letter in short[1:])


def abbreviated_regions(text: str, candidates: list[Candidate]) -> list[tuple[str, str]]:
    """(short, full) for each short form ending in a full stop that spells one region's name."""
    known = knowledge()
    names = {c.text for c in candidates}
    regions = [n for n in names if (p := known.place(fold(n))) is not None and p.region]
    links = []
    for candidate in candidates:
        if text[candidate.end:candidate.end + 1] != "." or not _SHORT.fullmatch(candidate.text):
            continue
        fits = {r for r in regions if _spells(candidate.text, r)}
        if len(fits) == 1:
            links.append((candidate.text, fits.pop()))
    return links
