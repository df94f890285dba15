"""What the side-by-side view marks in each account for the story screen's chosen row: the
entity's mentions, or the row's phrase wherever an account uses it, and the row's passage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...stories.comparison import Comparison
from ...text import fold
from .story_rows import Item

if TYPE_CHECKING:
    from ...entities.library import EntityLibrary

#: Marks of one phrase in one account, at most: a common word would mark the whole column.
MOST_MARKS = 50


def marks_of(comparison: Comparison, item: Item | None,
             library: EntityLibrary | None) -> dict[str, list[tuple[int, int]]]:
    """Spans of each account's body to mark, by article id."""
    marks: dict[str, list[tuple[int, int]]] = {}
    if item is None:
        return marks
    for article_id, (_, text) in comparison.texts.items():
        found: list[tuple[int, int]] = []
        if item.entity and library is not None and not item.phrase:
            found = [(m.start, m.end) for m in library.mentions(article_id, item.entity) if m.part == "body"]
        elif item.phrase:
            found = occurrences(text, item.phrase)
        if item.passage is not None and item.passage.article_id == article_id and item.passage.part == "body":
            found.append((item.passage.start, item.passage.end))
        if found:
            marks[article_id] = sorted(set(found))
    return marks


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where the phrase appears in the text, compared without case or accents."""
    wanted = fold(phrase)
    haystack = fold(text)
    if not wanted or len(haystack) != len(text):
        return []
    found: list[tuple[int, int]] = []
    start = haystack.find(wanted)
    while start >= 0 and len(found) < MOST_MARKS:
        found.append((start, start + len(wanted)))
        start = haystack.find(wanted, start + 1)
    return found
