"""Markdown documents to a title and a Body: a small line-based reader, no dependency."""

from __future__ import annotations

import re

from ..models import Block, Body
from . import md_inline
from .links import LinkTable
from .sanitize import clean_line, clean_text
from .wrap import indent_of, tidy

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_ITEM = re.compile(r"^(\s*)([-*+]|(\d{1,9})[.)])\s+(.*)$")
_QUOTE = re.compile(r"^ {0,3}>\s?(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def parse_markdown(text: str, *, titled: bool = False) -> tuple[str, Body]:
    """Read a Markdown document. The first level-1 heading is the title; without one, the first
    line is, and it leaves the body when it stands alone (a paragraph of its own). ``titled``:
    the title is known already (front matter gave it): only a level-1 heading that repeats it
    leaves the body."""
    refs: dict[str, str] = {}
    lines: list[str] = []
    for line in clean_text(text).split("\n"):
        definition = md_inline.REF_DEFINITION.match(line)
        if definition:
            refs[definition.group(1).casefold()] = definition.group(2)
        else:
            lines.append(line.expandtabs(4))
    title, skip = _find_title(lines, refs)
    if titled and not any(_ATX.match(lines[i]) or set(lines[min(i + 1, len(lines) - 1)].strip()) == {"="}
                          for i in skip):
        title, skip = "", set()  # the first line is the text's, not a title
    reader = _Reader(LinkTable(), refs)
    for i, line in enumerate(lines):
        if i not in skip:
            reader.feed(line)
    reader.close()
    return title, Body(blocks=tuple(reader.blocks), links=reader.links.links)


def _find_title(lines: list[str], refs: dict[str, str]) -> tuple[str, set[int]]:
    """The title and the line numbers it takes out of the body."""
    fence = ""
    first = None
    for i, line in enumerate(lines):
        opening = _FENCE.match(line)
        if opening and (not fence or opening.group(1).startswith(fence)):
            fence = "" if fence else opening.group(1)[0] * 3
            continue
        if fence or not line.strip():
            continue
        first = i if first is None else first
        heading = _ATX.match(line)
        if heading and len(heading.group(1)) == 1:
            return _plain(heading.group(2) or "", refs), {i}
        if i + 1 < len(lines) and set(lines[i + 1].strip()) == {"="} and not _ITEM.match(line):
            return _plain(line, refs), {i, i + 1}
    if first is None:
        return "", set()
    line = lines[first]
    heading = _ATX.match(line)
    if heading:
        return _plain(heading.group(2) or "", refs), {first}
    alone = first + 1 >= len(lines) or not lines[first + 1].strip()
    title = _plain(_ITEM.sub(r"\4", _QUOTE.sub(r"\1", line)), refs)
    return title, ({first} if alone else set())


def _plain(text: str, refs: dict[str, str]) -> str:
    return clean_line(md_inline.render(text, None, refs))


class _Reader:
    def __init__(self, links: LinkTable, refs: dict[str, str]) -> None:
        self.links = links
        self.refs = refs
        self.blocks: list[Block] = []
        self.paragraph: list[str] = []
        self.quote: list[str] = []
        self.item: list[str] | None = None
        self.item_level = 0
        self.list_indents: list[int] = []
        self.code: list[str] | None = None
        self.fence = ""  # the fence characters of an open fenced block, "" for an indented one
        self.after_blank = True

    def feed(self, line: str) -> None:
        if self.code is not None:
            self._code_line(line)
            return
        blank = not line.strip()
        fence = _FENCE.match(line)
        if blank:
            self.flush(keep_list=True)
        elif fence:
            self.flush()
            self.code, self.fence = [], fence.group(1)
        elif self.after_blank and indent_of(line) >= 4 and not self.list_indents:
            self.flush()
            self.code, self.fence = [line[4:]], ""
        elif self.paragraph and _SETEXT.match(line):
            text, self.paragraph = " ".join(p.strip() for p in self.paragraph), []
            self._add_heading(text, 1 if line.strip()[0] == "=" else 2)
        elif _RULE.match(line):
            self.flush()
            self.blocks.append(Block("rule", ""))
        elif heading := _ATX.match(line):
            self.flush()
            self._add_heading(heading.group(2) or "", len(heading.group(1)))
        elif item := _ITEM.match(line):
            self._start_item(line, item)
        elif self.item is not None and (indent_of(line) > 0 or not self.after_blank):
            self.item.append(line)  # continuation, indented or lazy
        elif quote := _QUOTE.match(line):
            if not self.quote:
                self.flush()
            self.quote.append(quote.group(1))
        elif _TABLE_RULE.match(line) and "|" in line:
            pass  # the row under a table's header only draws a line
        elif line.lstrip().startswith("|"):
            self.flush()
            cells = [tidy(cell) for cell in line.strip().strip("|").split("|")]
            self._add_text("paragraph", " | ".join(cells))
        else:
            if self.quote or self.item is not None or (self.after_blank and not indent_of(line)):
                self.flush()  # a paragraph at the margin after a blank line ends any list
            self.paragraph.append(line)
        self.after_blank = blank

    def close(self) -> None:
        if self.code is not None:
            self._end_code()  # an unclosed fence runs to the end of the document
        self.flush()

    def _code_line(self, line: str) -> None:
        assert self.code is not None  # called inside a code block only
        if self.fence:
            closing = _FENCE.match(line)
            rest = line[closing.end() :] if closing else ""
            if closing and closing.group(1).startswith(self.fence) and not rest.strip():
                self._end_code()
                return
            self.code.append(line)
        elif not line.strip() or indent_of(line) >= 4:
            self.code.append(line[4:])
        else:
            self._end_code()
            self.feed(line)

    def _end_code(self) -> None:
        assert self.code is not None  # called inside a code block only
        text = "\n".join(self.code).strip("\n")
        self.code, self.fence = None, ""
        if text.strip():
            self.blocks.append(Block("preformatted", text))

    def _start_item(self, line: str, item: re.Match[str]) -> None:
        self.flush(keep_list=True)
        indent = indent_of(line)
        while self.list_indents and self.list_indents[-1] > indent:
            self.list_indents.pop()
        if not self.list_indents or self.list_indents[-1] < indent:
            self.list_indents.append(indent)
        # An ordered item keeps its number, so the list still reads in order.
        number = f"{item.group(3)}. " if item.group(3) else ""
        self.item, self.item_level = [number + item.group(4)], min(len(self.list_indents), 6)

    def _add_heading(self, text: str, level: int) -> None:
        text = clean_line(md_inline.render(text, self.links, self.refs))
        if text:
            self.blocks.append(Block("heading", text, level))

    def _add_text(self, kind: str, text: str, level: int = 0) -> None:
        """Add inline Markdown as blocks: images in it become image blocks where they stand."""
        pos = 0
        for image in md_inline.IMAGE.finditer(text):
            self._add_rendered(kind, text[pos : image.start()], level)
            alt = clean_line(md_inline.render(image.group(1), None, self.refs))
            self.blocks.append(Block("image", f"[image: {alt}]" if alt else "[image]"))
            pos = image.end()
        self._add_rendered(kind, text[pos:], level)

    def _add_rendered(self, kind: str, text: str, level: int) -> None:
        text = md_inline.render(text, self.links, self.refs).strip()
        if text:
            self.blocks.append(Block(kind, text, level))

    def flush(self, keep_list: bool = False) -> None:
        if self.code is not None and self.fence == "":
            self._end_code()
        if self.paragraph:
            self._add_text("paragraph", _join(self.paragraph))
            self.paragraph = []
        if self.quote:
            for part in "\n".join(self.quote).split("\n\n"):
                self._add_text("quote", _join(part.split("\n")))
            self.quote = []
        if self.item is not None:
            self._add_text("list_item", _join(self.item), self.item_level)
            self.item = None
        if not keep_list:
            self.list_indents = []


def _join(lines: list[str]) -> str:
    """Markdown line joining: a soft break is a space; two trailing spaces or a backslash break."""
    out = ""
    for i, line in enumerate(lines):
        hard = line.endswith("  ") or line.rstrip().endswith("\\")
        text = tidy(line.rstrip().removesuffix("\\") if line.rstrip().endswith("\\") else line)
        if not text:
            continue
        out += text
        if i < len(lines) - 1:
            out += "\n" if hard else " "
    return out.strip()
