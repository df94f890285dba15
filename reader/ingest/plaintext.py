"""Plain-text documents (such as the seed articles) to a title and a Body."""

from __future__ import annotations

import re

from ..models import Block, Body
from .comments import split_comments
from .furniture import is_furniture, is_photo_credit, strip_link_debris
from .sanitize import clean_line, clean_text
from .wrap import indent_of, join_lines, split_blocks, tidy

_WIKI_HEADING = re.compile(r"^\s*(={1,6})\s*([^=\s].*?)\s*\1\s*$")
# Bulleted or numbered items. The number is kept in the text so an ordered list stays ordered.
_BULLET = re.compile(r"^(\s*)[-*•◦▪‣]\s+(?=\S)")
_NUMBER = re.compile(r"^(\s*)(?=\d{1,3}[.)]\s+\S)")
_QUOTE = re.compile(r"^\s*>\s?")

#: Section headings in news copy are short; anything longer is a one-line paragraph.
HEADING_MAX_CHARS = 60
HEADING_MAX_WORDS = 10
_HEADING_END = re.compile(r"[.,;:!?…\"”’'»)\]]$")
_HEADING_START = re.compile(r"^[^\W_]", re.UNICODE)


def parse_plain_text(text: str, *, title: str | None = None) -> tuple[str, Body]:
    """Read a plain-text article: its title and its body, with any comment thread set apart.

    Without ``title`` the first non-empty line is the title. With it, the text is taken to
    have no title line and all of it is body, except that a first line repeating the given
    title is still dropped (a catalogue may name every document's title, not only the
    untitled ones).
    """
    lines = [line.expandtabs(4).rstrip() for line in clean_text(text).split("\n")]
    lines = [line for line in lines if not is_furniture(line)]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if title is None:
        title = _title_of(lines[first]) if first is not None else ""
        if first is not None:
            del lines[first]
    else:
        title = clean_line(title)
        if first is not None and _title_of(lines[first]).casefold() == title.casefold():
            del lines[first]
    blocks, comments = split_comments(split_blocks(lines))
    return title, Body(blocks=tuple(_to_blocks(blocks)), comments=tuple(comments))


def _title_of(line: str) -> str:
    heading = _WIKI_HEADING.match(line)
    return clean_line(heading.group(2) if heading else line)


def _to_blocks(raw_blocks: list[list[str]]) -> list[Block]:
    # Each entry: the block, and whether it is a lone short line that may be a section heading.
    parts: list[tuple[Block, bool]] = []
    for raw in raw_blocks:
        parts.extend(_convert(raw))
    out: list[Block] = []
    for i, (block, candidate) in enumerate(parts):
        following = parts[i + 1][0] if i + 1 < len(parts) else None
        previous = out[-1] if out else None
        if candidate and _is_section_heading(block.text, previous, following):
            block = Block("heading", block.text, 2)
        out.append(block)
    return out


def _convert(raw: list[str]) -> list[tuple[Block, bool]]:
    """Turn one blank-line separated run of lines into blocks."""
    parts: list[tuple[Block, bool]] = []
    paragraph: list[str] = []
    item: list[str] | None = None
    item_level = 0
    quote: list[str] = []
    list_indents: list[int] = []
    previous_line = ""
    captioned = False

    def flush() -> None:
        nonlocal item, paragraph, quote
        if paragraph:
            text = strip_link_debris(join_lines(paragraph))
            if text:
                lone = len(paragraph) == 1 and len(raw) == 1 and not captioned
                parts.append((Block("paragraph", text), lone))
            paragraph = []
        if item is not None:
            if text := join_lines(item):
                parts.append((Block("list_item", text, item_level), False))
            item = None
        if quote:
            if text := join_lines(quote):
                parts.append((Block("quote", text), False))
            quote = []

    for line in raw:
        stripped = tidy(line)
        if stripped == previous_line:
            # Scraped pages repeat a photo caption (the image's alt text, then the caption).
            captioned = True
            continue
        previous_line = stripped
        heading = _WIKI_HEADING.match(line)
        marker = _BULLET.match(line) or _NUMBER.match(line)
        if heading:
            flush()
            if text := clean_line(heading.group(2)):
                parts.append((Block("heading", text, len(heading.group(1))), False))
        elif marker:
            flush()
            indent = indent_of(line)
            while list_indents and list_indents[-1] > indent:
                list_indents.pop()
            if not list_indents or list_indents[-1] < indent:
                list_indents.append(indent)
            item, item_level = [line[marker.end():]], len(list_indents)
        elif item is not None and indent_of(line) > 0:
            item.append(line)  # an indented line continues the list item above it
        elif _QUOTE.match(line):
            if not quote:
                flush()
            quote.append(_QUOTE.sub("", line, count=1))
        elif is_photo_credit(stripped):
            flush()
            parts.append((Block("paragraph", stripped), False))
        else:
            if item is not None or quote:
                flush()
            paragraph.append(line)
    flush()
    return parts


def _is_section_heading(text: str, previous: Block | None, following: Block | None) -> bool:
    """A lone short line is a section heading when it reads like a label and introduces prose.

    News copy pasted as text loses its <h2>s but keeps them as a line of their own: short (at
    most HEADING_MAX_CHARS and HEADING_MAX_WORDS), starting with a letter or digit rather than
    a quotation mark, with no closing punctuation, not a handle or address, directly followed
    by a paragraph longer than itself, and not right after another heading.
    """
    if following is None or following.kind != "paragraph":
        return False
    if previous is not None and previous.kind == "heading":
        return False
    if len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS or "\n" in text:
        return False
    if not _HEADING_START.match(text) or _HEADING_END.search(text):
        return False
    if "@" in text or "://" in text or ". " in text:
        return False
    return len(following.text) > max(len(text), HEADING_MAX_CHARS)
