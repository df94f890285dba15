"""Annotations written out for other programs: our own JSON and W3C Web Annotation JSON-LD
(Markdown for people is in ``markdown.py``).

Every function takes the annotations and the metadata of their articles (never the
bodies), so exporting thousands costs no more than reading the metadata.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, datetime

import orjson

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


def by_article(annotations: list[Annotation], articles: dict[str, Article]) -> list[tuple[str, list[Annotation]]]:
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
    # The model requires an IRI for the collection and its page; an export lives in no web
    # server, so each export is its own URN, and its one page another under it.
    export_id = uuid.uuid4()
    collection_id = f"urn:uuid:{export_id}"
    collection = {
        "@context": W3C_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "broadsheet annotations",
        "total": len(items),
        "first": {
            "id": f"urn:uuid:{uuid.uuid5(export_id, 'page-1')}",
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        },
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
