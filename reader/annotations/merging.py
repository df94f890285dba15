"""Deciding what an import adds to a library: each incoming annotation placed in its article's
current text, then new, an update of one already here, or already here as it is.

Pure: the store hands in what it has and writes what comes back, in one write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..models import utc_now
from .anchoring import EXACT, AmbiguousQuote, Placement, QuoteNotFound, Selector, find_quote, reattach
from .incoming import Incoming, Skipped
from .model import Annotation, AnnotationError, checked, new_id, reanchored


@dataclass(frozen=True, slots=True)
class Merge:
    #: What to write, by id: new annotations and changed ones.
    changed: dict[str, Annotation] = field(default_factory=dict)
    imported: int = 0
    updated: int = 0
    already_here: int = 0
    orphaned: int = 0
    skipped: tuple[Skipped, ...] = ()


def place(text: str, annotation: Annotation, positioned: bool) -> Annotation:
    """The annotation anchored in ``text``: re-attached from its position, or, when the file gave
    none, found by its quote and context (never assumed to be at the start); else orphaned."""
    old = Selector(annotation.quote, annotation.prefix, annotation.suffix, annotation.start, annotation.end)
    if positioned:
        placement = reattach(text, old)
    else:
        try:
            placement = Placement(EXACT, find_quote(text, annotation.quote, annotation.prefix, annotation.suffix))
        except (QuoteNotFound, AmbiguousQuote):
            # An empty range is never an exact match, so reattach goes by the quote and its context.
            placement = reattach(text, replace(old, start=0, end=0))
    now = placement.selector
    if placement.orphaned:
        now = replace(now, start=0, end=len(annotation.quote)) if not positioned else now
        return replace(annotation, quote=now.quote, prefix=now.prefix, suffix=now.suffix, start=now.start,
                       end=now.end, orphaned=True)
    # Found again, maybe in new words: the wording first highlighted is kept as ``original``.
    return reanchored(annotation, now.quote, now.prefix, now.suffix, now.start, now.end, False)


def merge(
    matched: Iterable[tuple[Incoming, str]], existing: Iterable[Annotation], text_of: Callable[[str], str]
) -> Merge:
    """What the incoming annotations (each with the id of its article here) change in ``existing``."""
    by_id = {a.id: a for a in existing}
    identities = {_identity(a) for a in by_id.values()}
    notes = {a.article: a for a in by_id.values() if a.is_article_note}
    changed: dict[str, Annotation] = {}
    counts = {"imported": 0, "updated": 0, "already_here": 0, "orphaned": 0}
    skipped: list[Skipped] = []
    for item, article_id in matched:
        annotation = replace(item.annotation, article=article_id)
        try:
            if annotation.is_article_note:
                outcome, result = _merge_note(annotation, notes.get(article_id), by_id)
                if result is not None:
                    notes[article_id] = result
            else:
                outcome, result = _merge_highlight(
                    place(text_of(article_id), annotation, item.positioned), by_id, identities
                )
            if result is not None:
                result = checked(result)
        except AnnotationError as error:
            skipped.append(Skipped(item.entry, str(error)))
            continue
        counts[outcome] += 1
        if result is not None:
            changed[result.id] = by_id[result.id] = result
            identities.add(_identity(result))
            counts["orphaned"] += outcome == "imported" and result.orphaned
    return Merge(changed, skipped=tuple(skipped), **counts)


def _merge_highlight(
    annotation: Annotation, by_id: dict[str, Annotation], identities: set[tuple[str, str, int, int, str]]
) -> tuple[str, Annotation | None]:
    old = by_id.get(annotation.id) if annotation.id else None
    if old is not None and old.article == annotation.article and not old.is_article_note:
        if (old.note, old.tags, old.kind) == (annotation.note, annotation.tags, annotation.kind):
            return "already_here", None
        if _newer(annotation, old):
            return "updated", replace(old, note=annotation.note, tags=annotation.tags, kind=annotation.kind,
                                      updated=annotation.updated)
        # Changed here since the file was written: the version here wins.
        return "already_here", None
    if _identity(annotation) in identities:
        return "already_here", None
    return "imported", _new(annotation, by_id)


def _merge_note(
    annotation: Annotation, current: Annotation | None, by_id: dict[str, Annotation]
) -> tuple[str, Annotation | None]:
    """An article has one note: a new one is added to it (page notes from Hypothesis, several W3C
    comments on one page), and one whose text it already holds changes nothing."""
    if current is None:
        return "imported", _new(annotation, by_id)
    tags = tuple(sorted(set(current.tags) | set(annotation.tags)))
    text = annotation.note.strip()
    if (not text or text in current.note) and tags == current.tags:
        return "already_here", None
    note = current.note if not text or text in current.note else "\n\n".join(filter(None, [current.note, text]))
    outcome = "updated" if annotation.id == current.id else "imported"
    return outcome, replace(current, note=note, tags=tags, updated=utc_now())


def _new(annotation: Annotation, by_id: dict[str, Annotation]) -> Annotation:
    # An id already used for something else here (another article) gets a fresh one.
    annotation_id = annotation.id if annotation.id and annotation.id not in by_id else new_id()
    created = annotation.created or utc_now()
    return replace(annotation, id=annotation_id, created=created, updated=annotation.updated or created)


def _newer(annotation: Annotation, old: Annotation) -> bool:
    if annotation.updated is None:
        return False
    return old.updated is None or annotation.updated > old.updated


def _identity(annotation: Annotation) -> tuple[str, str, int, int, str]:
    return (annotation.article, annotation.quote, annotation.start, annotation.end, annotation.note)
