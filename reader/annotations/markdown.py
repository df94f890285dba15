"""Annotations as Markdown for people and their note apps: one document grouped by article, or
one file per article with front matter (Obsidian, Logseq and the like read its fields and tags)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote as percent_encode

import orjson

from ..collector import collection_paused
from ..ingest.sanitize import clean_line, clean_text
from ..models import Article, Block, Body, utc_now
from .export import by_article
from .model import Annotation

# Characters that start Markdown inline syntax (emphasis, code, links, HTML, tables, strikeout).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What makes a line a heading, quote, list item, rule, setext underline or indented code.
_LINE_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
# Most titles, quotes and notes hold none of these, and skip the per-line work below.
_ANY_SYNTAX = re.compile(r"[\\`*_\[\]<>|~\n]")
# Note apps end a #tag at the first character outside these; anything else becomes a hyphen,
# so a tag is never cut short nor able to start other syntax.
_NOT_IN_TAG = re.compile(r"[^\w/]*[^\w/-][^\w/]*")
_NOT_IN_NAME = re.compile(r"[^a-z0-9]+")
# The number an ordered list item's text starts with: the ingesters write it into the text.
_ITEM_NUMBER = re.compile(r"\d{1,9}\. ")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: a note cannot open a heading, link, list or HTML tag."""
    text = clean_text(text)
    if not text or (text[0].isalpha() and not text[-1].isspace() and _ANY_SYNTAX.search(text) is None):
        return text
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(r"\\\1", line.rstrip())
        # Leading spaces would make an indented code block: keep them, visibly, as no-break spaces.
        stripped = line.lstrip(" \t")
        line = "\u00a0" * (len(line) - len(stripped)) + _LINE_START.sub(_escape_line_start, stripped)
        lines.append(line)
    return "\n".join(lines)


def _escape_line_start(match: re.Match[str]) -> str:
    marker = match.group(1)
    # "1. " starts a list: escape the dot after the number, not the number.
    return f"{marker}\\" if marker[0].isdigit() else f"\\{marker}"


def hashtag(tag: str) -> str:
    """``#tag`` as note apps read it: unescaped, and only of characters a tag may hold."""
    return "#" + _NOT_IN_TAG.sub("-", clean_line(tag))


def _paragraph(text: str, prefix: str = "") -> list[str]:
    """Lines of one paragraph (or a blockquote with prefix "> "), line breaks kept as hard breaks."""
    lines = escape_markdown(text).split("\n")
    out = []
    for n, line in enumerate(lines):
        hard_break = "\\" if n < len(lines) - 1 and line and lines[n + 1] else ""
        out.append(f"{prefix}{line}{hard_break}".rstrip() if line else prefix.rstrip())
    return out


def _link(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        return ""
    safe = percent_encode(clean_line(url), safe=":/?#@!$&*+,;=%~-._[]")
    return f"[{escape_markdown(clean_line(url))}](<{safe}>)"


def to_markdown(annotations: list[Annotation], articles: dict[str, Article],
                bodies: Mapping[str, Body] | None = None) -> str:
    """One document, grouped by article. With the articles' ``bodies``, a passage keeps the form of
    the blocks it spans (list items, quotes); without, each passage is a plain paragraph."""
    # Tens of thousands of small strings and no cycles: collector passes over the caller's
    # large heap (a whole library's metadata) would cost more than the export itself.
    with collection_paused():
        return _markdown(annotations, articles, bodies or {})


def _markdown(annotations: list[Annotation], articles: dict[str, Article], bodies: Mapping[str, Body]) -> str:
    count = f"{len(annotations)} annotation{'s' * (len(annotations) != 1)}"
    out = ["# Annotations", "", f"{count}, exported {utc_now():%Y-%m-%d %H:%M} UTC by broadsheet.", ""]
    for article_id, group in by_article(annotations, articles):
        article = articles.get(article_id)
        out += [f"## {_title(article, article_id)}", "", *_details(article)]
        for annotation in group:
            out += _markdown_annotation(annotation, bodies.get(article_id))
    return "\n".join(out).rstrip() + "\n"


def to_markdown_files(annotations: list[Annotation], articles: dict[str, Article],
                      bodies: Mapping[str, Body] | None = None) -> dict[str, str]:
    """One Markdown file per article, by file name: front matter (title, url, outlet, published,
    tags), the title, a link back to the article, then its notes (``bodies`` as for to_markdown).
    Names stay the same from one export to the next, so exporting again replaces the files
    rather than adding copies."""
    files = {}
    bodies = bodies or {}
    with collection_paused():
        for article_id, group in by_article(annotations, articles):
            article = articles.get(article_id)
            tags = sorted({hashtag(t)[1:] for a in group for t in a.tags})
            front = {
                "title": clean_line(article.title) if article else f"Article {article_id}",
                "url": clean_line(article.url) if article else "",
                "outlet": clean_line(article.outlet) if article else "",
                "published": f"{article.published:%Y-%m-%d}" if article else "",
                "broadsheet_id": article_id,
            }
            # JSON strings are YAML scalars, so every value is quoted and escaped the same way.
            lines = ["---", *(f"{k}: {orjson.dumps(v).decode()}" for k, v in front.items() if v)]
            lines += [f"tags: {orjson.dumps(tags).decode()}"] if tags else []
            lines += ["---", "", f"# {_title(article, article_id)}", "", *_details(article)]
            for annotation in group:
                lines += _markdown_annotation(annotation, bodies.get(article_id))
            files[_file_name(article, article_id)] = "\n".join(lines).rstrip() + "\n"
    return files


def _file_name(article: Article | None, article_id: str) -> str:
    words = _NOT_IN_NAME.sub("-", clean_line(article.title).lower() if article else "").strip("-")
    return f"{words[:60].rstrip('-') or 'article'}-{article_id}.md"


def _title(article: Article | None, article_id: str) -> str:
    title = clean_line(article.title) if article else f"Article {article_id} (no longer in the library)"
    return escape_markdown(title) or "Untitled"


def _details(article: Article | None) -> list[str]:
    if article is None:
        return []
    details = [escape_markdown(clean_line(article.outlet)), f"{article.published:%Y-%m-%d}", _link(article.url)]
    return [" · ".join(d for d in details if d), ""]


def _markdown_annotation(annotation: Annotation, body: Body | None) -> list[str]:
    if annotation.is_article_note:
        out = ["**Note on the article:**", "", *_paragraph(annotation.note), ""]
    else:
        label = {"question": "**Question:**", "disagree": "**Disagree:**"}.get(annotation.kind)
        out = [label, ""] if label else []
        out += _passage(annotation, body) + [""]
        if annotation.original:
            out += _paragraph("was: " + annotation.original, "> ") + [""]
        if annotation.note:
            out += _paragraph(annotation.note) + [""]
    marks = [f"{annotation.created:%Y-%m-%d}"] if annotation.created else []
    if annotation.tags:
        marks.append(" ".join(hashtag(tag) for tag in annotation.tags))
    if annotation.orphaned:
        marks.append("*(orphaned: this passage is no longer in the article)*")
    if marks:
        out += [" · ".join(marks), ""]
    return out


def _passage(annotation: Annotation, body: Body | None) -> list[str]:
    """The highlighted passage as a blockquote in which each block it spans keeps its own form:
    a list item its bullet or number, a quote its "> ". The text itself is escaped all the same,
    so only the article's structure, never its words, makes Markdown syntax."""
    spans = _spans(annotation, body) if body is not None and not annotation.orphaned else None
    if spans is None:
        return _paragraph(annotation.quote, "> ")
    lines: list[str] = []
    open_levels: list[int] = []
    previous = ""
    for block, start, text in spans:
        if block.kind == "list_item":
            # Nested under the items quoted before it, one step at a time: four spaces more per
            # step nests under any marker, and the first item is never indented into code.
            open_levels = open_levels if previous == "list_item" else []
            while open_levels and open_levels[-1] >= block.level:
                open_levels.pop()
            indent = "    " * len(open_levels)
            open_levels.append(block.level)
            number = _ITEM_NUMBER.match(block.text)
            marker = number.group() if number else "- "
            text = text[max(0, len(number.group()) - start):] if number else text
            if not text.strip():  # only the number was highlighted
                continue
            part = _paragraph(text)
            lines += [] if previous == "list_item" else [""]
            lines += [indent + marker + part[0], *(indent + " " * len(marker) + line for line in part[1:])]
        else:
            lines += ["", *_paragraph(text, "> " if block.kind == "quote" else "")]
        previous = block.kind
    if not lines:  # nothing but an item's number was highlighted
        return _paragraph(annotation.quote, "> ")
    return [f"> {line}" if line else ">" for line in lines[1:]]


def _spans(annotation: Annotation, body: Body) -> list[tuple[Block, int, str]] | None:
    """Each block the passage covers, with where in the block the passage starts and its text
    there; None when the body no longer holds the quote where the annotation says."""
    spans, offset = [], 0
    for block in body.blocks:
        if offset >= annotation.end:
            break
        start, end = max(annotation.start - offset, 0), min(annotation.end - offset, len(block.text))
        if start < end and block.text[start:end].strip():
            spans.append((block, start, block.text[start:end]))
        offset += len(block.text) + 2  # Body.text joins the blocks with a blank line
    quoted = "\n\n".join(text for _, _, text in spans)
    return spans if spans and quoted.strip() == annotation.quote.strip() else None
