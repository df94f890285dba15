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


def normalise_tag(tag: str) -> str:
    """Tags are single words, compared case-insensitively: "Venezuela " and "venezuela" are one."""
    return "-".join(tag.strip().lower().split())
