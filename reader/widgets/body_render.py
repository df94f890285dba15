"""An article body drawn as styled text, with a map from Body.text offsets to drawn ones."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from rich.text import Text

from ..ingest.sanitize import clean_line, clean_text
from ..models import Body

_LINK_REF = re.compile(r"\[\d+\]")
MENTION_STYLE = "on dark_goldenrod"
CURRENT_STYLE = "bold black on yellow"


@dataclass
class RenderedBody:
    """The drawn body, and where each block's text starts in Body.text and in the drawing."""

    text: Text
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

    def highlighted(self, ranges: list[tuple[int, int]], current: int | None) -> Text:
        """A copy with the given Body.text ranges marked, the current one most strongly."""
        text = self.text.copy()
        for number, (start, end) in enumerate(ranges):
            drawn = self.position(start)
            if drawn is not None:
                text.stylize(CURRENT_STYLE if number == current else MENTION_STYLE, drawn, drawn + (end - start))
        return text


def render_body(body: Body) -> RenderedBody:
    """The body as styled text. Styles are applied by span, so nothing in the article is
    ever read as Rich markup: "[bold]" in a feed stays the seven characters it is."""
    rendered = RenderedBody(Text())
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
            text.append("\n".join("▎ " + line for line in content.splitlines()), style="italic")
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
        rendered.blocks.append((body_offset, block.text, start, prefix, mappable))
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
