"""How the command line prints search results and saved views: marked text rows, or JSON."""

from __future__ import annotations

import os
import sys

from ..ingest.sanitize import clean_line
from ..models import Marks
from ..search import Hit, Snippet
from .output import NO_MARKS

BOLD, PLAIN = "\x1b[1m", "\x1b[22m"


def emphasis() -> tuple[str, str]:
    """How matched words stand out: bold on a terminal (unless NO_COLOR), nothing in a pipe."""
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        return BOLD, PLAIN
    return "", ""


def marked_line(snippet: Snippet, start: str, end: str) -> str:
    """The snippet on one sanitised line, its marks wrapped in ``start``/``end``.

    Each piece between marks is cleaned on its own, so the marks stay where they belong
    even when cleaning removes characters; the spaces at a piece's edges are kept.
    """
    pieces: list[str] = []
    at = 0
    for mark_start, mark_end in snippet.marks:
        pieces.append(_clean(snippet.text[at:mark_start]))
        pieces.append(start + _clean(snippet.text[mark_start:mark_end]) + end)
        at = mark_end
    pieces.append(_clean(snippet.text[at:]))
    return "".join(pieces).strip()


def _clean(text: str) -> str:
    cleaned = clean_line(text)
    if not cleaned:
        return " " if text[:1].isspace() else ""
    return (" " if text[:1].isspace() else "") + cleaned + (" " if text[-1:].isspace() else "")


def hit_lines(hit: Hit, read_ids: set[str], marks: dict[str, Marks], start: str = "", end: str = "") -> list[str]:
    """Two lines per result: id, unread dot, star, date, outlet and marked title; then the snippet."""
    mark = marks.get(hit.article_id, NO_MARKS)
    flags = ("•" if hit.article_id not in read_ids else " ") + ("★" if mark.starred else " ")
    outlet = clean_line(hit.outlet)[:20]
    lines = [f"{hit.article_id}  {flags} {hit.published:%Y-%m-%d}  {outlet:<20}  {marked_line(hit.title, start, end)}"]
    snippet = marked_line(hit.snippet, start, end)
    if snippet:
        lines.append(" " * (len(hit.article_id) + 2) + snippet)
    return lines


def hit_json(hit: Hit, read_ids: set[str], marks: dict[str, Marks]) -> dict[str, object]:
    mark = marks.get(hit.article_id, NO_MARKS)
    return {
        "id": hit.article_id,
        "title": hit.title.text,
        "title_marks": [list(m) for m in hit.title.marks],
        "outlet": hit.outlet,
        "author": hit.author,
        "published": hit.published.isoformat(),
        "score": hit.score,
        "read": hit.article_id in read_ids,
        "starred": mark.starred,
        "tags": list(mark.tags),
        "snippet": hit.snippet.text,
        "snippet_marks": [list(m) for m in hit.snippet.marks],
    }
