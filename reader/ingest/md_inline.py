"""Markdown inline syntax to plain text: links become numbered references, emphasis goes."""

from __future__ import annotations

import re
from typing import cast

from .links import LinkTable

# A destination may hold one level of balanced brackets: "(https://en.wikipedia.org/wiki/X_(y))".
_DESTINATION = r"\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+[\"'(][^)]*)?\s*\)"
IMAGE = re.compile(r"!\[([^\]]*)\]" + _DESTINATION)
_LINK = re.compile(r"\[([^\]]+)\]" + _DESTINATION)
_REF_LINK = re.compile(r"\[([^\]]+)\]\[([^\]]*)\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>", re.IGNORECASE)
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s\\])\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Reference definitions ("[id]: https://example.org "Title"") are read first, then removed.
REF_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?\s*$")


def render(text: str, links: LinkTable | None, refs: dict[str, str]) -> str:
    """Plain text for one paragraph's inline Markdown; links cited as "text[n]" when links is
    given, or left as bare text (for a title)."""

    def cite(label: str, href: str) -> str:
        url = links.resolve(href) if links is not None else ""
        return f"{label}[{links.cite(url)}]" if url and links is not None and label.strip() else label

    # Code spans first, so what is inside them is not read as emphasis or links.
    spans: list[str] = []

    def hold(match: re.Match[str]) -> str:
        spans.append(match.group(2).strip())
        return f"\x00{len(spans) - 1}\x00"

    text = _CODE.sub(hold, text)
    text = IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: cite(m.group(1), m.group(2)), text)
    text = _REF_LINK.sub(
        lambda m: cite(m.group(1), refs.get((m.group(2) or m.group(1)).casefold(), "")), text
    )
    text = _AUTOLINK.sub(lambda m: cite(m.group(1), m.group(1)), text)
    for pattern in (_STRONG, _STRIKE):
        # Both patterns have groups, so a match always has a last one.
        text = pattern.sub(lambda m: m.group(cast(int, m.lastindex)), text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDERSCORE.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    # clean_text removed every NUL from the input, so these are only our placeholders.
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], text)
