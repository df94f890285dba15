"""An annotation as the rest of the program sees it, its stored document, and the rules for input."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ..errors import BroadsheetError
from ..ingest.sanitize import clean_line, clean_text
from ..models import parse_datetime, utc_now
from ..text import normalise_tag

#: What a highlight says about its passage. An article note is an annotation with no
#: passage: kind ARTICLE_NOTE, an empty quote and start == end == 0.
KINDS = ("highlight", "question", "disagree")
ARTICLE_NOTE = "article-note"
ALL_KINDS = (*KINDS, ARTICLE_NOTE)

#: Long enough for any real note; short enough that one note cannot bloat the store.
MAX_NOTE = 100_000
#: A quote is a passage of one article; more than this is a paste gone wrong.
MAX_QUOTE = 20_000
MAX_TAG = 64
MAX_TAGS = 50


class AnnotationError(BroadsheetError):
    """An annotation cannot be saved, found or imported; the message is meant for the user."""


class UnknownAnnotation(AnnotationError):
    def __init__(self, annotation_id: str) -> None:
        super().__init__(f"no annotation with id {annotation_id!r}")
        self.annotation_id = annotation_id


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight (with its kind, note and tags) on a passage of one article, or a note on the whole article.

    The passage is anchored the W3C Web Annotation way: the exact quote, up to 32
    characters before (prefix) and after (suffix), and its position in ``Body.text``.
    """

    id: str
    article: str
    kind: str = "highlight"
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0
    note: str = ""
    tags: tuple[str, ...] = ()
    created: datetime | None = None
    updated: datetime | None = None
    #: The passage could not be found in the article's current text; kept with its quote.
    orphaned: bool = False
    #: The wording first highlighted, when the outlet has since changed it and re-anchoring
    #: followed it (a typo fixed, words changed): the quote is the text now found. "" otherwise.
    original: str = ""

    @property
    def is_article_note(self) -> bool:
        return self.kind == ARTICLE_NOTE

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "article": self.article,
            "kind": self.kind,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
            "note": self.note,
            "tags": list(self.tags),
            "created": self.created.isoformat() if self.created else None,
            "updated": self.updated.isoformat() if self.updated else None,
        }
        if self.orphaned:
            doc["orphaned"] = True
        if self.original:
            doc["original"] = self.original
        return doc

    @classmethod
    def from_doc(cls, annotation_id: str, doc: dict[str, Any]) -> Annotation:
        """Read a stored document; older ones (no kind, no updated) read as plain highlights."""
        created = parse_datetime(doc.get("created"))
        return cls(
            id=annotation_id,
            article=doc["article"],
            kind=doc.get("kind") or ("highlight" if doc.get("quote") else ARTICLE_NOTE),
            quote=doc.get("quote", ""),
            prefix=doc.get("prefix", ""),
            suffix=doc.get("suffix", ""),
            start=int(doc.get("start", 0)),
            end=int(doc.get("end", 0)),
            note=doc.get("note", ""),
            tags=tuple(doc.get("tags", ())),
            created=created,
            updated=parse_datetime(doc.get("updated")) or created,
            orphaned=bool(doc.get("orphaned", False)),
            original=str(doc.get("original") or ""),
        )


def reanchored(annotation: Annotation, quote: str, prefix: str, suffix: str, start: int, end: int,
               orphaned: bool) -> Annotation:
    """The annotation placed anew. Its ``original`` keeps the wording first highlighted, across any
    number of re-anchorings, while the text found differs from it in more than spacing or quote marks."""
    from .context import same_words  # difflib: loaded by re-anchoring, not by every store

    if orphaned:
        return replace(annotation, orphaned=True)
    first = annotation.original or annotation.quote
    return replace(
        annotation, quote=quote, prefix=prefix, suffix=suffix, start=start, end=end, orphaned=False,
        original="" if same_words(first, quote) else first,
    )


def new_id() -> str:
    """Ten hex digits, like article ids: 40 random bits never collide in one person's notes."""
    import secrets

    return secrets.token_hex(5)


def clean_note(note: str) -> str:
    """A note as stored: plain text without control characters, escapes or bidi overrides.

    Notes are shown with markup off and may be printed to a terminal, so nothing in one
    may drive the terminal or reorder what is displayed.
    """
    if not isinstance(note, str):
        raise AnnotationError("a note must be text")
    if len(note) > MAX_NOTE * 2:
        # Checked before cleaning too, so a megabyte paste is refused without scanning it.
        raise AnnotationError(f"the note is too long ({len(note):,} characters; at most {MAX_NOTE:,})")
    cleaned = clean_text(note).strip("\n")
    if len(cleaned) > MAX_NOTE:
        raise AnnotationError(f"the note is too long ({len(cleaned):,} characters; at most {MAX_NOTE:,})")
    return cleaned


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: cleaned, normalised like article tags, without repeats, sorted."""
    if isinstance(tags, str) or not all(isinstance(tag, str) for tag in tags):
        raise AnnotationError("tags must be a list of words")
    normalised = {normalise_tag(clean_line(tag)) for tag in tags}
    normalised.discard("")
    too_long = [tag for tag in normalised if len(tag) > MAX_TAG]
    if too_long:
        raise AnnotationError(f"the tag {too_long[0][:20]!r}… is too long (at most {MAX_TAG} characters)")
    if len(normalised) > MAX_TAGS:
        raise AnnotationError(f"too many tags ({len(normalised)}; at most {MAX_TAGS})")
    return tuple(sorted(normalised))


def checked(annotation: Annotation) -> Annotation:
    """The annotation with its note and tags cleaned, or AnnotationError saying what is wrong."""
    if annotation.kind not in ALL_KINDS:
        raise AnnotationError(f"unknown kind {annotation.kind!r} (one of {', '.join(KINDS)})")
    if not annotation.is_article_note:
        if not annotation.quote.strip():
            raise AnnotationError("nothing is selected: a highlight needs some text of the article")
        if len(annotation.quote) > MAX_QUOTE or len(annotation.original) > MAX_QUOTE:
            raise AnnotationError(
                f"the selection is too long ({len(annotation.quote):,} characters; at most {MAX_QUOTE:,})"
            )
        if not 0 <= annotation.start < annotation.end:
            raise AnnotationError(
                f"the selection's position {annotation.start}-{annotation.end} is not a range of the text"
            )
    return replace(annotation, note=clean_note(annotation.note), tags=clean_tags(annotation.tags))


def stamped(annotation: Annotation) -> Annotation:
    """Give a new annotation its id and creation time, and mark it updated now."""
    now = utc_now()
    return replace(annotation, id=annotation.id or new_id(), created=annotation.created or now, updated=now)
