"""Reading annotation exports back (ours and W3C) into checked annotations; ``Store.import_annotations``
then matches their articles and re-anchors them.

The whole file is read and checked before anything is written, so a bad file changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, TypeGuard

import orjson

from ..models import parse_datetime
from .export import ANNOTATION_URN, ARTICLE_URN, FORMAT, MOTIVATIONS, VERSION
from .model import ARTICLE_NOTE, MAX_NOTE, MAX_QUOTE, Annotation, AnnotationError, checked

#: An export of 100,000 annotations is about 50 MB; anything bigger is not one of ours.
MAX_FILE = 200 * 1024 * 1024
KIND_OF_MOTIVATION = {motivation: kind for kind, motivation in MOTIVATIONS.items()}


class BadImport(AnnotationError):
    """The file is not an annotation export we can read; nothing was imported."""


@dataclass(frozen=True, slots=True)
class Incoming:
    """One annotation from a file, with what identifies its article in another library."""

    annotation: Annotation
    article_url: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: int = 0
    #: Already in the library (same id, or same article, passage and note).
    skipped: int = 0
    #: Their article is not in this library.
    unmatched: int = 0
    #: Imported, but their passage was not found in the article's current text.
    orphaned: int = 0


def parse_export(data: bytes, name: str = "the file") -> list[Incoming]:
    """Every annotation in an export, checked and cleaned, or BadImport naming the first problem."""
    if len(data) > MAX_FILE:
        raise BadImport(f"{name} is too big to be an annotation export ({len(data) // 2**20} MB)")
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise BadImport(f"{name} is not JSON (or is cut short): {error}") from None
    if isinstance(document, dict) and document.get("format") == FORMAT:
        version = document.get("version")
        if not isinstance(version, int) or version > VERSION:
            raise BadImport(
                f"{name} is a broadsheet export of version {version!r}; this broadsheet reads version {VERSION}"
            )
        items, read = document.get("annotations"), _ours
    elif _is_w3c(document):
        items, read = _w3c_items(document), _w3c
    else:
        raise BadImport(f"{name} is neither a broadsheet annotation export nor W3C Web Annotations")
    if not isinstance(items, list):
        raise BadImport(f"{name} has no list of annotations")
    incoming = []
    for number, item in enumerate(items, 1):
        try:
            if not isinstance(item, dict):
                raise AnnotationError("it is not an object")
            found = read(item)
            incoming.append(replace(found, annotation=checked(found.annotation)))
        except (AnnotationError, KeyError, TypeError, ValueError) as error:
            detail = f"{error} is missing" if isinstance(error, KeyError) else str(error)
            raise BadImport(f"{name}: annotation {number} cannot be read: {detail}; nothing was imported") from None
    return incoming


def _text(item: dict[str, Any], key: str, limit: int, default: str | None = "") -> str:
    value = item.get(key, default)
    if value is None and default is None:
        raise KeyError(key)
    if not isinstance(value, str):
        raise AnnotationError(f"{key!r} is not text")
    if len(value) > limit:
        raise AnnotationError(f"{key!r} is too long ({len(value):,} characters; at most {limit:,})")
    return value


def _position(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise AnnotationError(f"position {value!r} is not a whole number")
    return value


def _ours(item: dict[str, Any]) -> Incoming:
    tags = item.get("tags", [])
    if not isinstance(tags, list):
        raise AnnotationError("'tags' is not a list")
    annotation = Annotation(
        id=_text(item, "id", 64, default=None),
        article=_text(item, "article", 64, default=None),
        kind=_text(item, "kind", 32, default="highlight"),
        quote=_text(item, "quote", MAX_QUOTE),
        original=_text(item, "original", MAX_QUOTE),
        prefix=_text(item, "prefix", 1000),
        suffix=_text(item, "suffix", 1000),
        start=_position(item.get("start", 0)),
        end=_position(item.get("end", 0)),
        note=_text(item, "note", MAX_NOTE * 2),
        tags=tuple(tags),
        created=parse_datetime(_text(item, "created", 64)),
        updated=parse_datetime(_text(item, "updated", 64)),
    )
    return Incoming(annotation, _text(item, "article_url", 10_000))


def _is_w3c(document: object) -> TypeGuard[list[Any] | dict[str, Any]]:
    if isinstance(document, list):
        return bool(document) and all(isinstance(i, dict) and i.get("type") == "Annotation" for i in document)
    return isinstance(document, dict) and document.get("type") in (
        "Annotation", "AnnotationCollection", "AnnotationPage"
    )


def _w3c_items(document: list[Any] | dict[str, Any]) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if document.get("type") == "Annotation":
        return [document]
    page = document.get("first") if document.get("type") == "AnnotationCollection" else document
    return page.get("items") if isinstance(page, dict) else None


def _w3c(item: dict[str, Any]) -> Incoming:
    if item.get("type") != "Annotation":
        raise AnnotationError("its type is not Annotation")
    target = item.get("target")
    if isinstance(target, list) and target:
        target = target[0]
    if isinstance(target, str):
        target = {"source": target}
    if not isinstance(target, dict) or not isinstance(target.get("source"), str):
        raise AnnotationError("it has no target source (the article's address)")
    source = target["source"]
    selectors = target.get("selector", [])
    selectors = [selectors] if isinstance(selectors, dict) else selectors
    if not isinstance(selectors, list):
        raise AnnotationError("its selector is not a list")
    quote_selector = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {})
    note, tags = "", []
    bodies = item.get("body", [])
    for body in [bodies] if isinstance(bodies, dict) else bodies if isinstance(bodies, list) else []:
        if not isinstance(body, dict) or body.get("type", "TextualBody") != "TextualBody":
            continue
        if body.get("purpose") == "tagging":
            tags.append(_text(body, "value", 1000))
        else:
            note = "\n\n".join(filter(None, [note, _text(body, "value", MAX_NOTE * 2)]))
    motivation: Any = item.get("motivation")
    if quote_selector is None:
        if selectors:
            raise AnnotationError("it has no TextQuoteSelector (the quoted text)")
        kind = ARTICLE_NOTE
    else:
        kind = KIND_OF_MOTIVATION.get(motivation, "highlight") if motivation != "commenting" else "highlight"
    given_id = item["id"] if isinstance(item.get("id"), str) else ""
    annotation = Annotation(
        id=given_id[len(ANNOTATION_URN):] if given_id.startswith(ANNOTATION_URN) else "",
        article=source[len(ARTICLE_URN):] if source.startswith(ARTICLE_URN) else "",
        kind=kind,
        quote=_text(quote_selector, "exact", MAX_QUOTE, default=None) if quote_selector else "",
        prefix=_text(quote_selector, "prefix", 1000) if quote_selector else "",
        suffix=_text(quote_selector, "suffix", 1000) if quote_selector else "",
        start=_position(position.get("start", 0)),
        end=_position(position.get("end", 0)),
        note=note,
        tags=tuple(tags),
        created=parse_datetime(item["created"]) if isinstance(item.get("created"), str) else None,
        updated=parse_datetime(item["modified"]) if isinstance(item.get("modified"), str) else None,
    )
    if kind != ARTICLE_NOTE and annotation.end <= annotation.start:
        # No position given: place it by its quote alone.
        annotation = replace(annotation, start=0, end=len(annotation.quote))
    return Incoming(annotation, "" if source.startswith(ARTICLE_URN) else source)
