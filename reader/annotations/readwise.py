"""Reading Readwise's CSV export: one highlight per row, found by its quote in the article the
row's URL names. Readwise's Location is a Kindle or reader position, not a place in our text,
so it only tells rows apart."""

from __future__ import annotations

import csv
import io

from ..models import parse_datetime
from .incoming import BadImport, Incoming, Reply, derived_id
from .model import MAX_NOTE, MAX_QUOTE, Annotation, AnnotationError

REQUIRED = ("Highlight", "URL")


def looks_like_readwise(data: bytes) -> bool:
    first = data[:4096].decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    return "Highlight" in first and "," in first and not first.lstrip().startswith(("{", "["))


def readwise_rows(data: bytes, name: str) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadImport(f"{name} is not UTF-8 text, as Readwise's CSV export is") from None
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise BadImport(f"{name} is not a readable CSV file: {error}") from None
    header = set(rows[0]) if rows else set(next(csv.reader(io.StringIO(text)), []))
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise BadImport(f"{name} is not a Readwise CSV export: it has no {' or '.join(missing)} column")
    return rows


def read_readwise(row: dict[str, str], entry: str) -> list[Incoming | Reply]:
    quote = (row.get("Highlight") or "").strip()
    url = (row.get("URL") or "").strip()
    if not quote:
        raise AnnotationError("its Highlight is empty")
    if not url:
        raise AnnotationError(f"it has no URL to find its article ({(row.get('Book Title') or '?')[:80]}) by")
    if len(quote) > MAX_QUOTE:
        raise AnnotationError(f"its Highlight is too long ({len(quote):,} characters; at most {MAX_QUOTE:,})")
    note = row.get("Note") or ""
    if len(note) > MAX_NOTE * 2:
        raise AnnotationError(f"its Note is too long ({len(note):,} characters)")
    created = parse_datetime((row.get("Highlighted at") or "").strip())
    tags = [tag.strip().lstrip("#") for tag in (row.get("Tags") or "").split(",")]
    annotation = Annotation(
        id=derived_id("readwise", url, quote, row.get("Location") or ""),
        article="", quote=quote, start=0, end=len(quote), note=note, tags=tuple(t for t in tags if t),
        created=created, updated=created,
    )
    return [Incoming(annotation, (url,), entry, positioned=False)]
