"""Annotations written out: Markdown for people, our own JSON, and W3C Web Annotation JSON-LD.

Every function takes the annotations and the metadata of their articles (never the
bodies), so exporting thousands costs no more than reading the metadata.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime
from urllib.parse import quote as percent_encode

import orjson

from ..collector import collection_paused
from ..ingest.sanitize import clean_line, clean_text
from ..models import Article, utc_now
from .model import ARTICLE_NOTE, Annotation

_LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)
FORMAT = "broadsheet-annotations"
VERSION = 1
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Each kind's W3C motivation; importing reads them back the other way.
MOTIVATIONS = {
    "highlight": "highlighting", "question": "questioning", "disagree": "assessing", ARTICLE_NOTE: "commenting"
}
ARTICLE_URN = "urn:broadsheet:article:"
ANNOTATION_URN = "urn:broadsheet:annotation:"


def _by_article(annotations: list[Annotation], articles: dict[str, Article]) -> list[tuple[str, list[Annotation]]]:
    """Articles newest first, each with its article note first and then its highlights in reading order."""
    groups: dict[str, list[Annotation]] = defaultdict(list)
    for annotation in annotations:
        groups[annotation.article].append(annotation)
    for group in groups.values():
        group.sort(key=lambda a: (not a.is_article_note, a.start, a.created.isoformat() if a.created else ""))

    def newest(article_id: str) -> tuple[datetime, str]:
        article = articles.get(article_id)
        return (article.published, article_id) if article else (_LONG_AGO, article_id)

    return [(i, groups[i]) for i in sorted(groups, key=newest, reverse=True)]


# Markdown ------------------------------------------------------------------------------------

# Characters that start Markdown inline syntax (emphasis, code, links, HTML, tables, strikeout).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What makes a line a heading, quote, list item, rule, setext underline or indented code.
_LINE_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")


# Most titles, quotes and notes hold none of these, and skip the per-line work below.
_ANY_SYNTAX = re.compile(r"[\\`*_\[\]<>|~\n]")


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


def to_markdown(annotations: list[Annotation], articles: dict[str, Article]) -> str:
    # Tens of thousands of small strings and no cycles: collector passes over the caller's
    # large heap (a whole library's metadata) would cost more than the export itself.
    with collection_paused():
        return _markdown(annotations, articles)


def _markdown(annotations: list[Annotation], articles: dict[str, Article]) -> str:
    count = f"{len(annotations)} annotation{'s' * (len(annotations) != 1)}"
    out = ["# Annotations", "", f"{count}, exported {utc_now():%Y-%m-%d %H:%M} UTC by broadsheet.", ""]
    for article_id, group in _by_article(annotations, articles):
        article = articles.get(article_id)
        title = clean_line(article.title) if article else f"Article {article_id} (no longer in the library)"
        out += [f"## {escape_markdown(title) or 'Untitled'}", ""]
        if article:
            details = [escape_markdown(clean_line(article.outlet)), f"{article.published:%Y-%m-%d}", _link(article.url)]
            out += [" · ".join(d for d in details if d), ""]
        for annotation in group:
            out += _markdown_annotation(annotation)
    return "\n".join(out).rstrip() + "\n"


def _markdown_annotation(annotation: Annotation) -> list[str]:
    if annotation.is_article_note:
        return ["**Note on the article:**", "", *_paragraph(annotation.note), ""]
    label = {"question": "**Question:**", "disagree": "**Disagree:**"}.get(annotation.kind)
    out = [label, ""] if label else []
    out += _paragraph(annotation.quote, "> ") + [""]
    if annotation.original:
        out += _paragraph("was: " + annotation.original, "> ") + [""]
    if annotation.note:
        out += _paragraph(annotation.note) + [""]
    marks = ["Tags: " + " ".join(escape_markdown(f"#{tag}") for tag in annotation.tags)] if annotation.tags else []
    if annotation.orphaned:
        marks.append("*(orphaned: this passage is no longer in the article)*")
    if marks:
        out += [" · ".join(marks), ""]
    return out


# Our JSON ------------------------------------------------------------------------------------


def to_json(annotations: list[Annotation], articles: dict[str, Article]) -> bytes:
    """Everything needed to import into another library: the documents plus each article's title and link."""
    items = []
    for annotation in annotations:
        article = articles.get(annotation.article)
        items.append({
            "id": annotation.id,
            **annotation.to_doc(),
            "article_title": article.title if article else "",
            "article_url": article.url if article else "",
        })
    document = {"format": FORMAT, "version": VERSION, "exported": utc_now().isoformat(), "annotations": items}
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


# W3C Web Annotation --------------------------------------------------------------------------


def to_w3c(annotations: list[Annotation], articles: dict[str, Article]) -> bytes:
    """An AnnotationCollection whose one page holds every annotation (W3C Web Annotation Data Model)."""
    items = [_w3c_annotation(a, articles.get(a.article)) for a in annotations]
    collection = {
        "@context": W3C_CONTEXT,
        "type": "AnnotationCollection",
        "label": "broadsheet annotations",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return orjson.dumps(collection, option=orjson.OPT_INDENT_2) + b"\n"


def _w3c_annotation(annotation: Annotation, article: Article | None) -> dict[str, object]:
    body: list[dict[str, str]] = []
    if annotation.note:
        body.append({"type": "TextualBody", "value": annotation.note, "format": "text/plain", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in annotation.tags]
    target: dict[str, object] = {"source": article.url if article and article.url else ARTICLE_URN + annotation.article}
    if not annotation.is_article_note:
        target["selector"] = [
            {
                "type": "TextQuoteSelector",
                "exact": annotation.quote,
                "prefix": annotation.prefix,
                "suffix": annotation.suffix,
            },
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
        ]
    item: dict[str, object] = {
        "id": ANNOTATION_URN + annotation.id,
        "type": "Annotation",
        "motivation": MOTIVATIONS[annotation.kind],
        "created": annotation.created.isoformat() if annotation.created else None,
        "modified": annotation.updated.isoformat() if annotation.updated else None,
        "target": target,
    }
    if body:
        item["body"] = body
    return item
