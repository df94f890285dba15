"""Reading annotation files back into checked annotations: ours, W3C Web Annotations,
Hypothesis exports and Readwise CSV, told apart by their content or named with ``--format``.

A file that cannot be read as a whole (not JSON, no list of annotations, an unknown format)
raises BadImport and changes nothing; in a readable file, each entry that cannot be read is
skipped with its reason and the others are kept. ``Store.import_annotations`` then matches
their articles and re-anchors them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from ..models import parse_datetime
from .export import FORMAT, VERSION
from .hypothesis import hypothesis_items, is_hypothesis, read_hypothesis
from .incoming import FORMATS, BadImport, Incoming, ParsedFile, Reply, position_of, read_entries, text_of
from .model import MAX_NOTE, MAX_QUOTE, Annotation, AnnotationError
from .readwise import looks_like_readwise, read_readwise, readwise_rows
from .w3c_import import is_w3c, read_w3c, w3c_items

#: An export of 100,000 annotations is about 50 MB; anything bigger is not one of ours.
MAX_FILE = 200 * 1024 * 1024
_NAMES = {"json": "broadsheet annotation export", "w3c": "W3C Web Annotation file",
          "hypothesis": "Hypothesis export", "readwise": "Readwise CSV export"}

__all__ = ["FORMATS", "BadImport", "detect", "parse_export"]

Reader = Callable[[Any, str], list[Incoming | Reply]]


def parse_export(data: bytes, name: str = "the file", fmt: str | None = None) -> ParsedFile:
    """Every annotation of the file that can be read, checked and cleaned, and the entries skipped."""
    if len(data) > MAX_FILE:
        raise BadImport(f"{name} is too big to be an annotation export ({len(data) // 2**20} MB)")
    if fmt == "readwise" or (fmt is None and looks_like_readwise(data)):
        return _parsed("readwise", name, readwise_rows(data, name), read_readwise, "row", lambda row: None)
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise BadImport(f"{name} is not JSON (or is cut short): {error}") from None
    found = detect(document)
    if found is None:
        raise BadImport(f"{name} is none of: a broadsheet annotation export, W3C Web Annotations, a Hypothesis export")
    if fmt is not None and fmt != found:
        raise BadImport(f"{name} is not a {_NAMES[fmt]}: it looks like a {_NAMES[found]}")
    if found == "json":
        items: Any = _our_items(document, name)
        read: Reader = _read_ours
    elif found == "hypothesis":
        items, read = hypothesis_items(document), read_hypothesis
    else:
        items, read = w3c_items(document, name), read_w3c
    return _parsed(found, name, items, read)


def detect(document: object) -> str | None:
    if isinstance(document, dict) and document.get("format") == FORMAT:
        return "json"
    if is_hypothesis(document):
        return "hypothesis"
    if is_w3c(document):
        return "w3c"
    return None


def _parsed(
    fmt: str, name: str, items: Any, read: Reader, what: str = "annotation",
    ids: Callable[[Any], object] = lambda item: item.get("id") if isinstance(item, dict) else None,
) -> ParsedFile:
    if not isinstance(items, list):
        raise BadImport(f"{name} has no list of annotations")
    incoming, skipped = read_entries(items, read, what, ids)
    if items and not incoming:
        first = skipped[0]
        raise BadImport(
            f"{name}: none of its {len(items)} {what}s can be imported ({first.entry}: {first.reason}); nothing was"
        )
    return ParsedFile(fmt, tuple(incoming), tuple(skipped))


def _our_items(document: dict[str, Any], name: str) -> Any:
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise BadImport(
            f"{name} is a broadsheet export of version {version!r}; this broadsheet reads version {VERSION}"
        )
    return document.get("annotations")


def _read_ours(item: Any, entry: str) -> list[Incoming | Reply]:
    if not isinstance(item, dict):
        raise AnnotationError("it is not an object")
    tags = item.get("tags", [])
    if not isinstance(tags, list):
        raise AnnotationError("'tags' is not a list")
    annotation = Annotation(
        id=text_of(item, "id", 64, default=None),
        article=text_of(item, "article", 64, default=None),
        kind=text_of(item, "kind", 32, default="highlight"),
        quote=text_of(item, "quote", MAX_QUOTE),
        original=text_of(item, "original", MAX_QUOTE),
        prefix=text_of(item, "prefix", 1000),
        suffix=text_of(item, "suffix", 1000),
        start=position_of(item.get("start", 0)),
        end=position_of(item.get("end", 0)),
        note=text_of(item, "note", MAX_NOTE * 2),
        tags=tuple(tags),
        created=parse_datetime(text_of(item, "created", 64)),
        updated=parse_datetime(text_of(item, "updated", 64)),
    )
    return [Incoming(annotation, (text_of(item, "article_url", 10_000),), entry, True, annotation.id)]
