"""Reading W3C Web Annotations: every body (``bodyValue``, textual, tagging, IRIs, choices,
specific resources) and every target, one annotation per target; replies join their thread.

What broadsheet cannot represent is kept visibly: an IRI body becomes a "Link:" line of the
note, a selector it cannot locate becomes a line saying so on an article note.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import orjson

from ..ingest.html import parse_html
from ..models import parse_datetime
from .export import ANNOTATION_URN, ARTICLE_URN, MOTIVATIONS
from .incoming import BadImport, Incoming, Reply, derived_id, position_of, text_of
from .model import ARTICLE_NOTE, MAX_NOTE, MAX_QUOTE, Annotation, AnnotationError

KIND_OF_MOTIVATION = {motivation: kind for kind, motivation in MOTIVATIONS.items()}
_PAGE_TYPES = ("AnnotationCollection", "AnnotationPage")
#: Purposes whose body names the annotation's subject rather than saying something about it.
_TAG_PURPOSES = ("tagging", "classifying", "identifying")


def is_w3c(document: object) -> bool:
    if isinstance(document, list):
        return bool(document) and all(isinstance(i, dict) and _is_annotation(i) for i in document)
    return isinstance(document, dict) and (_is_annotation(document) or _types(document) & set(_PAGE_TYPES) != set())


def w3c_items(document: object, name: str) -> list[Any]:
    """The annotations of a file: a list, one annotation, a page, or a collection with embedded pages."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise BadImport(f"{name} holds no W3C annotations")
    if _is_annotation(document):
        return [document]
    page: object = document.get("first") if "AnnotationCollection" in _types(document) else document
    items: list[Any] = []
    while isinstance(page, dict):
        if not isinstance(page.get("items"), list):
            raise BadImport(f"{name}: an annotation page has no list of items")
        items += page["items"]
        page = page.get("next")
    if isinstance(page, str) and not items:
        raise BadImport(f"{name} is a collection whose annotations are not in the file (its first page is {page})")
    return items


def read_w3c(item: Any, entry: str) -> list[Incoming | Reply]:
    if not isinstance(item, dict):
        raise AnnotationError("it is not an object")
    if not _is_annotation(item):
        raise AnnotationError("its type is not Annotation")
    motivation = _first(item.get("motivation"))
    lines, tags = _bodies(item, motivation)
    note = "\n\n".join(lines)
    created = _date(item.get("created"))
    given_id = item["id"] if isinstance(item.get("id"), str) else ""
    targets = _listed(item.get("target"))
    if not targets:
        raise AnnotationError("it has no target (the article it is on)")
    if motivation == "replying":
        return [Reply(_source(targets[0]), note, _creator(item), created, entry)]
    base = {
        "note": note, "tags": tuple(tags), "created": created, "updated": _date(item.get("modified")) or created,
    }
    found: list[Incoming | Reply] = []
    for n, target in enumerate(targets, 1):
        source = _source(target)
        if given_id.startswith(ANNOTATION_URN) and len(targets) == 1:
            annotation_id = given_id[len(ANNOTATION_URN):]
        else:
            annotation_id = derived_id("w3c", given_id or orjson.dumps(item, option=orjson.OPT_SORT_KEYS), n)
        article = source[len(ARTICLE_URN):] if source.startswith(ARTICLE_URN) else ""
        annotation, positioned = _on_target(target, motivation, Annotation(id=annotation_id, article=article, **base))
        name = f"{entry}, target {n}" if len(targets) > 1 else entry
        urls = () if article else (source,)
        found.append(Incoming(annotation, urls, name, positioned, given_id))
    return found


def _on_target(target: object, motivation: str, annotation: Annotation) -> tuple[Annotation, bool]:
    selectors = _listed(target.get("selector")) if isinstance(target, dict) else []
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    if quote is None:
        if selectors:
            kinds = ", ".join(sorted({str(s.get("type")) for s in selectors if isinstance(s, dict)})) or "?"
            where = f"(on a part of the page given by {kinds}, which broadsheet cannot locate)"
            annotation = _with_line(annotation, where)
        if not annotation.note.strip() and not annotation.tags:
            raise AnnotationError("it has no body and no quote: there is nothing to keep")
        return _as_article_note(annotation), True
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {})
    start, end = position_of(position.get("start", 0)), position_of(position.get("end", 0))
    positioned = end > start
    kind = KIND_OF_MOTIVATION.get(motivation, "highlight")
    annotation = replace(
        annotation, kind="highlight" if kind == ARTICLE_NOTE else kind,
        quote=text_of(quote, "exact", MAX_QUOTE, default=None), prefix=text_of(quote, "prefix", 1000),
        suffix=text_of(quote, "suffix", 1000), start=start, end=end,
    )
    if not positioned:
        # A stand-in range, so the annotation checks; merging finds the quote by its text and context.
        annotation = replace(annotation, start=0, end=len(annotation.quote))
    return annotation, positioned


def _as_article_note(annotation: Annotation) -> Annotation:
    return replace(annotation, kind=ARTICLE_NOTE, quote="", prefix="", suffix="", start=0, end=0)


def _with_line(annotation: Annotation, line: str) -> Annotation:
    return replace(annotation, note="\n\n".join(filter(None, [annotation.note, line])))


def _bodies(item: dict[str, Any], motivation: str) -> tuple[list[str], list[str]]:
    """The note's paragraphs and the tags, from ``bodyValue`` and every body in any of its forms."""
    lines: list[str] = []
    tags: list[str] = []
    if "bodyValue" in item:
        lines.append(text_of(item, "bodyValue", MAX_NOTE * 2))
    default_purpose = "tagging" if motivation == "tagging" else ""
    for body in _listed(item.get("body")):
        _body(body, _first(body.get("purpose")) if isinstance(body, dict) else "", lines, tags, default_purpose)
    return lines, tags


def _body(body: object, purpose: str, lines: list[str], tags: list[str], default_purpose: str) -> None:
    purpose = purpose or default_purpose
    if isinstance(body, str):
        lines.append(f"{'Tag' if purpose in _TAG_PURPOSES else 'Link'}: {body}")
        return
    if not isinstance(body, dict):
        raise AnnotationError("one of its bodies is neither an object nor an address")
    types = _types(body)
    if "Choice" in types:
        for choice in _listed(body.get("items")):
            _body(choice, _first(choice.get("purpose")) if isinstance(choice, dict) else "", lines, tags, purpose)
    elif "SpecificResource" in types or "source" in body:
        _body(body.get("source"), purpose, lines, tags, default_purpose)
    elif "value" in body:
        value = text_of(body, "value", MAX_NOTE * 2)
        if "html" in str(body.get("format", "")):
            value = parse_html(value)[1].text
        if purpose == "tagging":
            tags.append(value)
        elif value.strip():
            lines.append(value)
    elif isinstance(body.get("id"), str):
        kind = next(iter(sorted(types)), "")
        lines.append(f"{'Tag' if purpose in _TAG_PURPOSES else 'Link'}: {body['id']}" + (f" ({kind})" if kind else ""))
    else:
        lines.append("(a body broadsheet cannot read was left out)")


def _source(target: object) -> str:
    if isinstance(target, str):
        return target
    if isinstance(target, dict):
        source = target.get("source")
        if isinstance(source, dict):
            source = source.get("id")
        if not isinstance(source, str):
            source = target.get("id")
        if isinstance(source, str) and source:
            return source
    raise AnnotationError("it has no target source (the article's address)")


def _creator(item: dict[str, Any]) -> str:
    creator = _first(item.get("creator"))
    if isinstance(item.get("creator"), dict):
        creator = str(item["creator"].get("name") or item["creator"].get("nickname") or item["creator"].get("id", ""))
    return creator[:200]


def _date(value: object) -> Any:
    return parse_datetime(value) if isinstance(value, str) else None


def _is_annotation(item: dict[str, Any]) -> bool:
    return "Annotation" in _types(item)


def _types(item: dict[str, Any]) -> set[str]:
    value = item.get("type")
    return {t for t in (value if isinstance(value, list) else [value]) if isinstance(t, str)}


def _listed(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""
