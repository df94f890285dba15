"""Find the reader-comment thread at the end of a plain-text page and turn it into Comments."""

from __future__ import annotations

import re

from ..models import Comment
from .wrap import indent_of, join_lines

# A comment opens with a number ("1.", "12)") or a reply bullet, after some indentation.
_MARKER = re.compile(r"^( +)(?:\d{1,4}[.)]|[•◦▪‣·–—*-])\s+(?=\S)")
_NUMBERED = re.compile(r"^( +)(\d{1,4})[.)]\s+(?=\S)")
#: Copy-pasted threads indent the top-level numbers a little; deeper than this is a nested list.
MAX_THREAD_INDENT = 4


def split_comments(blocks: list[list[str]]) -> tuple[list[list[str]], list[Comment]]:
    """Take the comment thread out of a document's blocks (lists of lines, blank-line separated).

    The rule, for text copied from a web page with its comments:

    - the thread opens after some article text, with an indented item numbered 1 ("  1. ...");
    - it runs over the following blocks as long as each is indented, and ends at the first
      block that starts at the margin (which goes back to the body);
    - its top-level comments are numbered 1, 2, 3... at that opening indentation;
    - and it shows it is a conversation, not a list: it has replies (items indented deeper
      than the numbers, usually "•" bullets), or at least two numbered items of which one runs
      on into further paragraphs.

    Each comment's depth comes from its indentation relative to the open comments above it;
    marker-less indented blocks continue the latest comment. Returns the remaining body blocks
    and the comments, or the blocks untouched and no comments when there is no thread.
    """
    for start in range(1, len(blocks)):
        opening = _NUMBERED.match(blocks[start][0])
        if not opening or opening.group(2) != "1" or len(opening.group(1)) > MAX_THREAD_INDENT:
            continue
        end = start
        while end < len(blocks) and indent_of(blocks[end][0]) > 0:
            end += 1
        thread = blocks[start:end]
        if _looks_like_thread(thread, len(opening.group(1))):
            return blocks[:start] + blocks[end:], _parse_thread(thread)
    return blocks, []


def _looks_like_thread(thread: list[list[str]], top: int) -> bool:
    numbers: list[int] = []
    replies = continued = False
    for block in thread:
        for line in block:
            numbered = _NUMBERED.match(line)
            if numbered and len(numbered.group(1)) == top:
                numbers.append(int(numbered.group(2)))
            elif _MARKER.match(line) and indent_of(line) > top:
                replies = True
        if not _MARKER.match(block[0]):
            continued = True
    if numbers != list(range(1, len(numbers) + 1)):
        return False
    return replies or (len(numbers) >= 2 and continued)


def _parse_thread(thread: list[list[str]]) -> list[Comment]:
    # Each entry: [depth, paragraphs]; paragraphs are lists of lines joined at the end.
    entries: list[tuple[int, list[list[str]]]] = []
    open_indents: list[int] = []
    for block in thread:
        paragraph: list[str] = []
        for line in block:
            marker = _MARKER.match(line)
            if marker:
                indent = len(marker.group(1))
                # Close the comments this one is not nested in: those at its indentation or deeper.
                while open_indents and open_indents[-1] >= indent:
                    open_indents.pop()
                paragraph = [line[marker.end():]]
                entries.append((len(open_indents), [paragraph]))
                open_indents.append(indent)
            elif entries:
                if not paragraph:
                    paragraph = []
                    entries[-1][1].append(paragraph)
                paragraph.append(line)
    comments = []
    for depth, paragraphs in entries:
        text = "\n\n".join(filter(None, (join_lines(p) for p in paragraphs)))
        if text:
            comments.append(Comment(text=text, depth=depth))
    return comments
