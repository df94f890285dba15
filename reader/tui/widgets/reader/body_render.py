"""An article body drawn as styled text, with a map from Body.text offsets to drawn ones."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from rich._wrap import divide_line
from rich.text import Text

from ....ingest.sanitize import clean_line, clean_text
from ....models import Body

_LINK_REF = re.compile(r"\[\d+\]")
MENTION_STYLE = "on dark_goldenrod"
CURRENT_STYLE = "bold black on yellow"


@dataclass
class RenderedBody:
    """The drawn body, and where each block's text starts in Body.text and in the drawing."""

    text: Text
    #: The width quotes were wrapped at (None: not wrapped).
    width: int | None = None
    #: Per block: (start in Body.text, its text, start of that text in the drawing, the
    #: prefix drawn before each of its lines, whether offsets map one to one).
    blocks: list[tuple[int, str, int, int, bool]] = field(default_factory=list)

    def position(self, offset: int) -> int | None:
        """Where a Body.text offset is drawn; None if it is not drawn as it is."""
        index = bisect_right([b[0] for b in self.blocks], offset) - 1
        if index < 0:
            return None
        body_start, block_text, drawn_start, prefix, mappable = self.blocks[index]
        inside = offset - body_start
        if not mappable or inside > len(block_text):
            return None
        # Every line of a quote is drawn after a bar: shift by one prefix per line passed.
        return drawn_start + inside + prefix * block_text.count("\n", 0, inside)

    def spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Where the Body.text range [start, end) is drawn, in pieces: one per block and per
        line of a quote (the bars between are not part of it)."""
        pieces = []
        for body_start, block_text, _drawn, prefix, mappable in self.blocks:
            low, high = max(start, body_start), min(end, body_start + len(block_text))
            if low >= high or not mappable:
                continue
            line_start = low
            while line_start < high:
                line_end = block_text.find("\n", line_start - body_start) if prefix else -1
                line_end = high if line_end < 0 else min(high, body_start + line_end)
                drawn = self.position(line_start)
                if drawn is not None and line_end > line_start:
                    pieces.append((drawn, drawn + line_end - line_start))
                line_start = line_end + 1
        return pieces

    def body_offset(self, drawn: int) -> int:
        """The Body.text offset drawn at ``drawn`` (the nearest one, between blocks)."""
        index = bisect_right([b[2] for b in self.blocks], drawn) - 1
        if index < 0:
            return 0
        body_start, block_text, drawn_start, prefix, mappable = self.blocks[index]
        inside = max(drawn - drawn_start, 0)
        if not mappable:
            return body_start
        if prefix:
            # Take back the bar drawn before each line of a quote.
            line_starts, seen = [0], 0
            for line in block_text.split("\n")[:-1]:
                seen += len(line) + 1
                line_starts.append(seen)
            for number in range(len(line_starts) - 1, -1, -1):
                drawn_line = line_starts[number] + prefix * number
                if inside >= drawn_line:
                    inside = line_starts[number] + max(inside - drawn_line, 0)
                    break
        return body_start + min(inside, len(block_text))

    def cells_to_range(self, start: tuple[int, int] | None, end: tuple[int, int] | None) -> tuple[int, int]:
        """The Body.text range between two (x, line) places in the drawing (None: its start or
        end), as a mouse selection gives them."""
        plain = self.text.plain
        lines = plain.split("\n")

        def drawn(place: tuple[int, int] | None, default: int) -> int:
            if place is None:
                return default
            x, y = place
            return sum(len(line) + 1 for line in lines[:y]) + x

        return self.body_offset(drawn(start, 0)), self.body_offset(drawn(end, len(plain)))


def render_body(body: Body, width: int | None = None) -> RenderedBody:
    """The body as styled text. Styles are applied by span, so nothing in the article is
    ever read as Rich markup: "[bold]" in a feed stays the seven characters it is.

    With ``width`` (the cells the body is drawn in), a quote is wrapped here rather than by
    Rich, so that every line it takes on screen starts with its bar."""
    rendered = RenderedBody(Text(), width)
    text = rendered.text
    previous = None
    body_offset = 0
    for block in body.blocks:
        content = clean_text(block.text)
        # A block the sanitiser changed cannot be mapped character for character: its
        # mentions are not highlighted, rather than highlighted in the wrong place.
        mappable = len(content) == len(block.text)
        if previous is not None:
            tight = previous == "list_item" and block.kind == "list_item"
            text.append("\n" if tight else "\n\n")
        if block.kind == "heading":
            start = len(text)
            text.append(content, style="bold underline" if block.level <= 2 else "bold")
            prefix = 0
        elif block.kind == "list_item":
            bullet = "  " * max(block.level - 1, 0) + "• "
            text.append(bullet)
            start = len(text)
            text.append(content)
            prefix = 0
        elif block.kind == "quote":
            start = len(text) + 2
            if width is not None and mappable:
                content = _wrapped(content, width - 2)
            text.append("\n".join("▎ " + line for line in content.split("\n")), style="italic")
            prefix = 2
        elif block.kind == "preformatted":
            start = len(text)
            text.append(content, style="dim")
            prefix = 0
        elif block.kind in ("image", "rule"):
            start = len(text)
            text.append(content or "―" * 20, style="dim")
            prefix, mappable = 0, False
        else:
            start = len(text)
            text.append(content)
            prefix = 0
        # A wrapped quote's text: the spaces it breaks at are newlines, so offsets still match.
        shown = content if block.kind == "quote" and mappable else block.text
        rendered.blocks.append((body_offset, shown, start, prefix, mappable))
        body_offset += len(block.text) + 2  # Body.text joins blocks with a blank line
        previous = block.kind
    for match in _LINK_REF.finditer(text.plain):
        text.stylize("bold", match.start(), match.end())
    if body.links:
        text.append("\n\nLinks\n", style="bold")
        for number, url in enumerate(body.links, 1):
            text.append(f"[{number}] ", style="bold")
            text.append(clean_line(url) + "\n", style="underline")
    return rendered


def _wrapped(content: str, width: int) -> str:
    """``content`` with the spaces where it wraps at ``width`` cells turned into newlines (the
    same length, so every offset still holds); a word longer than a line is left to Rich."""
    chars = list(content)
    at = 0
    for line in content.split("\n"):
        for cut in divide_line(line, max(width, 10), fold=False):
            if cut and line[cut - 1] == " ":
                chars[at + cut - 1] = "\n"
        at += len(line) + 1
    return "".join(chars)
