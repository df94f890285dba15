"""Where a query's words are in a text: marks for snippets, titles and an article's Body.text.

The marks come from SQLite's own FTS5 ``highlight()`` and ``snippet()`` run on a small
in-memory table with the index's tokenizer, so what is marked is exactly what the index
matched: stems, accents, prefixes and phrases alike, with no second tokenizer to keep in step.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from ..annotations.passages import sentence_bounds
from .fts import TOKENIZER

#: Marker characters around each match, from the Private Use Area; the same characters in the
#: text itself are swapped for U+FFFD first (one for one, so offsets do not move).
OPEN, CLOSE = "\ue000", "\ue001"
ELLIPSIS = "…"
_SWAP = str.maketrans({OPEN: "\ufffd", CLOSE: "\ufffd"})
#: Words a snippet shows around its best match (FTS5 allows at most 64).
SNIPPET_WORDS = 24

Marks = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Snippet:
    """A piece of text with the matched words' (start, end) offsets in it."""

    text: str
    marks: Marks = ()


@dataclass(frozen=True, slots=True)
class Fields:
    """The searchable text of one article, as the index holds it."""

    title: str
    body: str
    author: str = ""
    outlet: str = ""
    tags: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Highlight:
    """One article's title with marks, and the snippet to show under it."""

    title: Snippet
    snippet: Snippet


_local = threading.local()


def _connection() -> sqlite3.Connection:
    # One per thread, made on first use: sqlite3 connections stay in the thread that made them.
    db = getattr(_local, "db", None)
    if db is None:
        db = sqlite3.connect(":memory:")
        db.execute(f"CREATE VIRTUAL TABLE hl USING fts5(title, body, tags, notes, tokenize='{TOKENIZER}')")
        _local.db = db
    return db


def unmark(marked: str) -> Snippet:
    """Text with marker characters -> the text without them, and where they were."""
    first, *rest = marked.split(OPEN)
    out = [first]
    length = len(first)
    marks: list[tuple[int, int]] = []
    for piece in rest:
        inside, _, after = piece.partition(CLOSE)
        marks.append((length, length + len(inside)))
        out.extend((inside, after))
        length += len(inside) + len(after)
    return Snippet("".join(out), tuple(marks))


def one_line(snippet: Snippet) -> Snippet:
    """The snippet with each run of whitespace (block breaks included) made one space, marks kept."""
    out: list[str] = []
    new_at = [0] * (len(snippet.text) + 1)
    length = 0
    previous_space = True
    for index, char in enumerate(snippet.text):
        new_at[index] = length
        if char.isspace():
            if previous_space:
                continue
            char = " "
        previous_space = char == " "
        out.append(char)
        length += 1
    new_at[len(snippet.text)] = length
    text = "".join(out)
    marks = tuple((new_at[a], new_at[b]) for a, b in snippet.marks)
    if text.endswith(" "):
        text = text[:-1]
        marks = tuple((a, min(b, len(text))) for a, b in marks)
    return Snippet(text, marks)


def match_offsets(fts_query: str | None, text: str) -> Marks:
    """(start, end) of every match of the FTS5 query in ``text`` (an article's Body.text, say),
    in order: what n/N steps through. Empty when nothing matches or there is no query."""
    if not fts_query or not text:
        return ()
    db = _connection()
    with db:
        db.execute("DELETE FROM hl")
        db.execute("INSERT INTO hl(rowid, body) VALUES (1, ?)", (text.translate(_SWAP),))
        row = db.execute("SELECT highlight(hl, 1, ?, ?) FROM hl WHERE hl MATCH ?", (OPEN, CLOSE, fts_query)).fetchone()
        db.execute("DELETE FROM hl")
    return unmark(row[0]).marks if row else ()


def highlight_many(fts_query: str | None, items: dict[int, Fields], lead: int = 200) -> dict[int, Highlight]:
    """Marked titles and snippets for several articles at once (a page of results).

    The snippet comes from the body where the query matches there, else from the
    annotations or the tags; with no match at all it is the body's opening.
    """
    found: dict[int, Highlight] = {}
    if fts_query and items:
        db = _connection()
        with db:
            db.execute("DELETE FROM hl")
            db.executemany(
                "INSERT INTO hl(rowid, title, body, tags, notes) VALUES (?, ?, ?, ?, ?)",
                [(key, f.title.translate(_SWAP), f.body.translate(_SWAP), f.tags.translate(_SWAP),
                  f.notes.translate(_SWAP))
                 for key, f in items.items()],
            )
            rows = db.execute(
                "SELECT rowid, highlight(hl, 0, :o, :c), snippet(hl, 1, :o, :c, :e, :n),"
                " snippet(hl, 3, :o, :c, :e, :n), snippet(hl, 2, :o, :c, :e, :n) FROM hl WHERE hl MATCH :q",
                {"o": OPEN, "c": CLOSE, "e": ELLIPSIS, "n": SNIPPET_WORDS, "q": fts_query},
            ).fetchall()
            db.execute("DELETE FROM hl")
        for key, title, *candidates in rows:
            snippets = [one_line(unmark(text)) for text in candidates]
            best = next((s for s in snippets if s.marks), None)
            found[key] = Highlight(unmark(title), best or opening(items[key].body, lead))
    for key, fields in items.items():
        if key not in found:
            found[key] = Highlight(Snippet(fields.title), opening(fields.body, lead))
    return found


def opening(text: str, length: int = 200) -> Snippet:
    """The first ``length`` characters or so of a text, cut at a space, on one line."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return Snippet(flat)
    cut = flat.rfind(" ", 0, length)
    return Snippet(flat[: cut if cut > length // 2 else length] + ELLIPSIS)


def sentence_around(text: str, start: int, end: int, length: int = 200) -> Snippet:
    """The sentence holding ``text[start:end]``, on one line, with that passage marked: what an
    article says where it names someone. A sentence longer than ``length`` is cut at spaces to
    about that much around the passage, a third of it before."""
    first, last = sentence_bounds(text, start)
    last = max(last, end)  # a name running past a full stop the splitter took for an end
    lead = tail = ""
    if last - first > length:
        room = max(length - (end - start), 0)
        before = max(first, start - room // 3)
        if before > first:
            space = text.rfind(" ", first, before + 1)
            before = space + 1 if first < space < start else before
            lead = ELLIPSIS
        after = max(min(last, before + length), end)
        if after < last:
            space = text.rfind(" ", end, after + 1)
            after = space if space > end else after
            tail = ELLIPSIS
        first, last = before, after
    mark = (len(lead) + start - first, len(lead) + end - first)
    return one_line(Snippet(lead + text[first:last] + tail, (mark,)))
