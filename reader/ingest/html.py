"""HTML pages and feed content fragments to a title and a Body, with selectolax."""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import Block, Body
from .links import LinkTable
from .sanitize import clean_line, clean_text, is_plain_line

# Dropped with everything inside: code, chrome, forms and embeds are never article text.
_DROPPED = frozenset(
    "script style form iframe noscript svg nav footer embed input button "
    "template select textarea canvas head param".split()
)
# Elements that end the running paragraph where they start and where they end.
_BREAKING = frozenset(
    "p div section article main header aside figure figcaption address details summary "
    "dl dt dd table thead tbody tfoot tr caption center fieldset legend body html".split()
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LISTS = frozenset({"ul", "ol", "menu"})
#: Elements whose end is handled (leave): the others are not visited again on the way out.
_LEAVING = _BREAKING | _LISTS | frozenset(_HEADINGS) | {"li", "blockquote", "a"}
#: Breaking elements that need nothing from their attributes but whether they hide: the
#: common ones, entered on a short path.
_PLAIN = (_BREAKING | frozenset(_HEADINGS)) - {"tr"}
#: Words without which no element of a fragment can be hidden (see _hidden).
_HIDING = ("hidden", "style")

# <br> is held as NUL until the paragraph's whitespace is collapsed: the parser never hands us a
# NUL from the page itself (HTML parsing drops or replaces them).
_BREAK = "\x00"
_AROUND_BREAKS = re.compile(r" ?\x00 ?")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TINY_STYLE = re.compile(r"(?:width|height)\s*:\s*[0-2](?:\.\d+)?px", re.IGNORECASE)
#: " | Outlet", " - Outlet", " — Outlet" at the end of a <title>: the site's name, not the story's.
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,40}$")
#: Images this small are tracking pixels or spacers, not pictures.
PIXEL_MAX = 2


def parse_html(html: str, *, base_url: str = "") -> tuple[str, Body]:
    """Read a whole HTML page: its title (from <title> or <h1>) and its body.

    Never raises on malformed markup: the parser repairs what it can and the rest is text.
    """
    tree = LexborHTMLParser(html)
    root, whole = _content_root(tree)
    title = _title(tree, None if whole else root)
    body = _Walker(LinkTable(base_url)).run(root)
    blocks = body.blocks
    if blocks and blocks[0].kind == "heading" and blocks[0].text == title:
        body = Body(blocks=blocks[1:], links=body.links)  # the title is shown apart already
    return title, body


def html_to_body(html: str, base_url: str = "") -> Body:
    """Read an HTML fragment, such as a feed entry's content, that carries no title."""
    tree = LexborHTMLParser(html)
    # Attribute names are never decoded from character references, so markup without these
    # words (in any case) has no hidden attribute, aria-hidden or style to read.
    lowered = html.lower()
    may_hide = any(word in lowered for word in _HIDING)
    # selectolax types root as optional, but parsing always makes an <html> element.
    return _Walker(LinkTable(base_url)).run(tree.body or tree.root, may_hide)  # type: ignore[arg-type]


def _content_root(tree: LexborHTMLParser) -> tuple[LexborNode, bool]:
    """Where the story is, and whether that is the whole page."""
    # A lone <article> or <main> is the story; with several (a front page) read the whole body.
    for selector in ("article", "main"):
        found = tree.css(selector)
        if len(found) == 1:
            return found[0], False
    # selectolax types root as optional, but parsing always makes an <html> element.
    return tree.body or tree.root, True  # type: ignore[return-value]


def _title(tree: LexborHTMLParser, story: LexborNode | None) -> str:
    """The story's headline: the <h1> of the article (or the page's only <h1>), else <title>
    without the site name it usually carries ("Story | Outlet")."""
    node = tree.css_first("title")
    page_title = clean_line(node.text(deep=True)) if node else ""
    headings = tree.css("h1")
    inside = story.css_first("h1") if story is not None else None
    node = inside or (headings[0] if len(headings) == 1 else None)
    heading = clean_line(node.text(deep=True)) if node else ""
    if heading:
        return heading
    return _SITE_SUFFIX.sub("", page_title) or page_title or (clean_line(headings[0].text(deep=True)) if headings
                                                                 else "")


def _formula(node: LexborNode) -> str:
    written = (node.attributes.get("alttext") or "").strip()
    if not written:
        tex = node.css_first('annotation[encoding="application/x-tex"]')
        written = tex.text(deep=True).strip() if tex is not None else ""
    if not written:
        semantics = node.css_first("semantics")
        tokens = (semantics or node).css("mi, mn, mo, mtext, ms")
        written = " ".join(t.text(deep=True).strip() for t in tokens if t.text(deep=True).strip())
    return clean_line(written)


def _hidden(attributes: dict[str, str | None]) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _is_pixel(attributes: dict[str, str | None]) -> bool:
    for name in ("width", "height"):
        value = (attributes.get(name) or "").strip().lower().removesuffix("px").strip()
        try:
            if value and float(value) <= PIXEL_MAX:
                return True
        except ValueError:
            pass
    style = attributes.get("style")
    return bool(style and _TINY_STYLE.search(style))


class _Walker:
    """Walks the tree without recursion (deeply nested junk must not hit the recursion limit)."""

    def __init__(self, links: LinkTable) -> None:
        self.links = links
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        # Open containers that decide what running text becomes: ["li", depth, "3. "] or ["quote"].
        self.context: list[list[Any]] = []
        # Open lists: [ordered, last number given].
        self.lists: list[list[bool | int]] = []
        self.row_start = 0

    def run(self, root: LexborNode, may_hide: bool = True) -> Body:
        """``may_hide`` False says the markup holds no "hidden" or "style" anywhere, so no
        element can be hidden and the check is skipped (it costs a dict per element)."""
        self.may_hide = may_hide
        stack: list[tuple[LexborNode, bool]] = [(root, False)]
        pop, push = stack.pop, stack.append
        while stack:
            node, leaving = pop()
            if leaving:
                self.leave(node)
                continue
            tag = node.tag
            if tag == "-text":  # most nodes: handled here, without a call
                text = node.text_content or ""
                # Whitespace before any text (the newlines between blocks) would only be
                # collapsed away: leaving it out spares a flush that makes nothing.
                if self.buffer or not text.isspace():
                    self.buffer.append(text)
                continue
            if self.enter(node, tag):
                # Only the containers whose end does something are visited again on the way out.
                if tag in _LEAVING:
                    push((node, True))
                # Sibling links are much cheaper than node.iter() in selectolax.
                child = node.last_child
                while child is not None:
                    push((child, False))
                    child = child.prev
        self.flush()
        return Body(blocks=tuple(self.blocks), links=self.links.links)

    def enter(self, node: LexborNode, tag: str | None) -> bool:
        """Handle an opening element (or comment, or other non-text node); True when its
        children should be walked."""
        # Comments are "-comment"; processing instructions ("<?php ... ?>") have no tag at all.
        if tag is None or tag in _DROPPED or tag.startswith("-"):
            return False
        if tag in _PLAIN:
            if self.may_hide and _hidden(node.attributes):
                return False
            if self.buffer:
                self.flush()
            return True
        attributes = node.attributes
        if self.may_hide and _hidden(attributes):
            return False
        if tag == "math":
            # A formula: its written-out form (alttext, or the TeX the page gives), else its
            # symbols in order; a display formula stands as a paragraph of its own.
            block = (attributes.get("display") or "") == "block"
            if block:
                self.flush()
            self.buffer.append(" " + _formula(node) + " ")
            if block:
                self.flush()
            return False
        if tag == "object":
            # What an <object> holds is its fallback for readers that cannot show the embed.
            return True
        if tag == "br":
            self.buffer.append(_BREAK)
        elif tag == "img":
            if not _is_pixel(attributes):
                self.flush()
                alt = clean_line(attributes.get("alt") or "")
                self.blocks.append(Block("image", f"[image: {alt}]" if alt else "[image]"))
        elif tag == "hr":
            self.flush()
            self.blocks.append(Block("rule", ""))
        elif tag == "pre":
            self.flush()
            text = clean_text(node.text(deep=True)).strip("\n")
            if text.strip():
                self.blocks.append(Block("preformatted", text))
        elif tag in _HEADINGS or tag in _BREAKING:
            self.flush()
            if tag == "tr":
                self.row_start = len(self.buffer)
            return True
        elif tag in ("td", "th"):
            if any(part.strip() for part in self.buffer[self.row_start :]):
                self.buffer.append(" | ")
            return True
        elif tag in _LISTS:
            self.flush()
            start = attributes.get("start") or "1"
            self.lists.append([tag == "ol", int(start) - 1 if start.strip().isdigit() else 0])
            return True
        elif tag == "li":
            self.flush()
            prefix = ""
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                prefix = f"{self.lists[-1][1]}. "
            self.context.append(["li", max(len(self.lists), 1), prefix])
            return True
        elif tag == "blockquote":
            self.flush()
            self.context.append(["quote"])
            return True
        elif tag == "a":
            node_url = self.links.resolve(attributes.get("href") or "")
            # Remember where the link text starts, to cite it only if it has any text.
            self.context.append(["a", node_url, len(self.buffer)])
            return True
        else:
            return True
        return False

    def leave(self, node: LexborNode) -> None:
        tag = node.tag
        if tag in _HEADINGS:
            text = clean_line("".join(self.buffer).replace(_BREAK, " "))
            self.buffer = []
            if text:
                self.blocks.append(Block("heading", text, _HEADINGS[tag]))
        elif tag in _BREAKING:
            self.flush()
        elif tag in _LISTS:
            self.flush()
            self.lists.pop()
        elif tag in ("li", "blockquote", "a"):
            if tag == "a":
                _, url, start = self.context.pop()
                if url and any(part.strip() for part in self.buffer[start:]):
                    self.buffer.append(f"[{self.links.cite(url)}]")
                return
            self.flush()
            self.context.pop()

    def flush(self) -> None:
        """Turn the running text into a block of the kind its innermost container asks for."""
        if not self.buffer:
            return
        text = "".join(self.buffer)
        if not is_plain_line(text):
            # split() collapses every kind of whitespace run, NBSP included, at C speed.
            text = " ".join(text.split())
            if _BREAK in text:
                text = _AROUND_BREAKS.sub("\n", text)
            text = clean_text(text).strip()
        self.buffer = []
        self.row_start = 0
        for entry in self.context:
            if entry[0] == "a":
                entry[2] = 0  # a link spanning blocks is cited after the text left in it
        if not text:
            return
        for entry in reversed(self.context):
            if entry[0] == "li":
                self.blocks.append(Block("list_item", entry[2] + text, min(entry[1], 6)))
                entry[2] = ""  # text after a nested list continues the item: no second number
                return
            if entry[0] == "quote":
                self.blocks.append(Block("quote", text))
                return
        self.blocks.append(Block("paragraph", text))
