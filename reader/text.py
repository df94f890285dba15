"""Comparing the user's words: the folded form of text, and tags in the one shape they are kept in."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Nicolás" and "nicolas" fold alike."""
    if text.isascii():
        return text.lower()  # the same as casefold for ASCII, and no accents to take off
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def counted(count: int, word: str, plural: str = "") -> str:
    """ "1 article", "2 articles", "1,204 entries" (with ``plural`` for a word not made by -s)."""
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def a_or_an(word: str) -> str:
    """The article before a word, by how it is written: "an organisation", "a person"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def around(text: str, start: int, end: int, width: int) -> tuple[str, str, str]:
    """The passage text[start:end] with up to ``width`` characters of its own line either side,
    cut at whole words, "…" where cut: (before, passage, after), their spacing as in the text
    ("Ledezma's arrest", never "Ledezma 's arrest")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - width)
    right = min(line_end, end + width)
    if left > line_start and " " in text[left:start]:
        left = text.index(" ", left, start) + 1
    if right < line_end and " " in text[end:right]:
        right = text.rindex(" ", end, right)
    before = ("…" if left > line_start else "") + text[left:start]
    after = text[end:right] + ("…" if right < line_end else "")
    return before, text[start:end], after


def normalise_tag(tag: str) -> str:
    """Tags are single words, compared case-insensitively: "Venezuela " and "venezuela" are one."""
    return "-".join(tag.strip().lower().split())


#: Characters a tag may not hold: the query language would need quotes to name it (`tag:a(b`),
#: and feed imports split tags at commas.
NOT_IN_TAGS = frozenset('()"“”,')
TAG_RULE = (
    "A tag is one lower-case word: capitals become lower case, spaces become '-', and quotes, "
    "parentheses and commas are not allowed."
)


def tag_problem(given: str, text: str | None = None) -> str | None:
    """Why ``given`` (as typed, a leading "#" allowed) cannot be added as a tag, or None if it can:
    the one rule the command line and the app both apply. ``text`` is ``given`` already cleaned
    of control characters, when the caller has done that."""
    text = (given if text is None else text).strip().lstrip("#")
    bad = sorted(NOT_IN_TAGS & set(text))
    if bad:
        return f"the tag {given!r} has {' '.join(repr(c) for c in bad)}. {TAG_RULE}"
    if not normalise_tag(text):
        return f"the tag {given!r} is empty. {TAG_RULE}"
    return None
