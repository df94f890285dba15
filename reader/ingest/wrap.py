"""Line helpers for plain text: unwrap soft-wrapped lines, tidy spaces, split into blocks."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

#: Below this width nobody wraps prose, so short lines are deliberate breaks (a table, an address).
MIN_WRAP_WIDTH = 50
#: A line shorter than this share of the block's longest line ended early on purpose.
SOFT_WRAP_SHARE = 0.6


def tidy(line: str) -> str:
    """One line with non-breaking and other wide spaces made plain, runs collapsed, ends trimmed."""
    return _SPACES.sub(" ", line).strip()


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph: soft wraps become spaces, deliberate breaks stay newlines.

    Soft-wrapped prose fills every line but the last to near the wrap width; a line that stops
    well short of the longest one (or a block where no line is long enough to have been wrapped)
    was broken by hand, as in a caption label or a table of figures.
    """
    lines = [tidy(line) for line in lines]
    lines = [line for line in lines if line]
    if len(lines) <= 1:
        return lines[0] if lines else ""
    width = max(len(line) for line in lines)
    if width < MIN_WRAP_WIDTH:
        return "\n".join(lines)
    out = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        soft = len(previous) >= SOFT_WRAP_SHARE * width
        if soft and previous.endswith("-") and not previous.endswith(" -"):
            # A hyphen at a soft wrap is usually part of a compound word ("long-\nstanding").
            out.append(line)
        else:
            out.append(" " + line if soft else "\n" + line)
    return "".join(out)


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def split_blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into runs separated by blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks
