"""What every importer produces: annotations read from a file, the entries it skipped and why,
and the report of an import; plus the checks each reader applies to the values it reads."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from .model import Annotation, AnnotationError, checked

#: The formats `import annotations --format` takes; "json" is broadsheet's own.
FORMATS = ("json", "w3c", "hypothesis", "readwise")


class BadImport(AnnotationError):
    """The file is not an annotation export we can read; nothing was imported."""


#: What a reader may raise for one entry: the entry is skipped with the message as its reason.
ENTRY_ERRORS = (AnnotationError, KeyError, TypeError, ValueError)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry of the file left out: which one (its position, and its id when it has one) and why."""

    entry: str
    reason: str


@dataclass(frozen=True, slots=True)
class Incoming:
    """One annotation from a file, with what identifies its article in another library."""

    annotation: Annotation
    #: The article's addresses as the file gives them, most specific first.
    urls: tuple[str, ...] = ()
    #: How reports name it: "annotation 3 (id …)".
    entry: str = ""
    #: False when the file gives the quote but not where it is: it is found by quote and context.
    positioned: bool = True
    #: Its id in the file, which replies refer to.
    source_id: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """A reply in a thread; it is kept by appending it to the note of the annotation it answers."""

    parent: str
    text: str
    author: str = ""
    created: datetime | None = None
    entry: str = ""


@dataclass(frozen=True, slots=True)
class ParsedFile:
    format: str
    incoming: tuple[Incoming, ...]
    skipped: tuple[Skipped, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportReport:
    imported: int = 0
    #: Already here with an older note or tags, now those of the file.
    updated: int = 0
    #: Already in the library as the file has them (same id, or same article, passage and note).
    already_here: int = 0
    #: Left out: their article is not in this library, and the like.
    skipped: tuple[Skipped, ...] = ()
    #: Imported, but their passage was not found in the article's current text.
    orphaned: int = 0


def entry_name(number: int, source_id: object = None, what: str = "annotation") -> str:
    if isinstance(source_id, str) and source_id:
        return f"{what} {number} (id {source_id[:80]})"
    return f"{what} {number}"


def derived_id(*parts: object) -> str:
    """An id made from what identifies an entry in its source, so that importing it twice finds it."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:10]


def text_of(item: dict[str, Any], key: str, limit: int, default: str | None = "") -> str:
    value = item.get(key, default)
    if value is None and default is None:
        raise KeyError(key)
    if value is None:
        return default or ""
    if not isinstance(value, str):
        raise AnnotationError(f"{key!r} is not text")
    if len(value) > limit:
        raise AnnotationError(f"{key!r} is too long ({len(value):,} characters; at most {limit:,})")
    return value


def position_of(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise AnnotationError(f"position {value!r} is not a whole number")
    return value


def reason_of(error: Exception) -> str:
    return f"{error} is missing" if isinstance(error, KeyError) else str(error)


def read_entries(
    items: Iterable[Any], read: Callable[[Any, str], list[Incoming | Reply]], what: str = "annotation",
    ids: Callable[[Any], object] = lambda item: item.get("id") if isinstance(item, dict) else None,
) -> tuple[list[Incoming], list[Skipped]]:
    """Read each entry (``read(item, entry name)``), thread the replies, check every annotation;
    an entry that fails is skipped with its reason, the others are kept."""
    found: list[Incoming | Reply] = []
    skipped: list[Skipped] = []
    for number, item in enumerate(items, 1):
        name = entry_name(number, ids(item), what)
        try:
            found.extend(read(item, name))
        except ENTRY_ERRORS as error:
            skipped.append(Skipped(name, reason_of(error)))
    incoming = [i for i in found if isinstance(i, Incoming)]
    replies = [r for r in found if isinstance(r, Reply)]
    incoming, lost = thread_replies(incoming, replies)
    kept = []
    for item in incoming:
        try:
            kept.append(replace(item, annotation=checked(item.annotation)))
        except AnnotationError as error:
            skipped.append(Skipped(item.entry, str(error)))
    return kept, skipped + lost


def thread_replies(incoming: list[Incoming], replies: list[Reply]) -> tuple[list[Incoming], list[Skipped]]:
    """Append each reply, oldest first, to the note of the annotation its thread starts from."""
    by_source = {i.source_id: n for n, i in reversed(list(enumerate(incoming))) if i.source_id}
    skipped = []
    for reply in sorted(replies, key=lambda r: r.created.isoformat() if r.created else ""):
        n = by_source.get(reply.parent)
        if n is None:
            skipped.append(Skipped(reply.entry, f"a reply to {reply.parent[:80]}, which is not in this file"))
            continue
        parent = incoming[n]
        when = f" on {reply.created:%Y-%m-%d}" if reply.created else ""
        line = f"Reply from {reply.author or 'someone'}{when}: {reply.text.strip()}"
        annotation = parent.annotation
        newest = max(filter(None, [annotation.updated, annotation.created, reply.created]), default=None)
        note = "\n\n".join(filter(None, [annotation.note, line]))
        incoming[n] = replace(parent, annotation=replace(annotation, note=note, updated=newest))
    return incoming, skipped
