"""Comparing the user's words: the folded form of text, and tags in the one shape they are kept in."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Nicolás" and "nicolas" fold alike."""
    if text.isascii():
        return text.lower()  # the same as casefold for ASCII, and no accents to take off
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_tag(tag: str) -> str:
    """Tags are single words, compared case-insensitively: "Venezuela " and "venezuela" are one."""
    return "-".join(tag.strip().lower().split())
