"""The Store's annotation half: highlights and notes, article notes, undo, and re-anchoring."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..annotations.model import (
    ARTICLE_NOTE,
    Annotation,
    AnnotationError,
    UnknownAnnotation,
    checked,
    reanchored,
    stamped,
)
from ..models import Article, utc_now
from .errors import UnknownArticle
from .storage import FileSignature

# Anchoring, merging and reading other tools' exports are loaded by the methods that use them: every
# command opens the store, and `broadsheet tag` should not load the fuzzy matcher.
if TYPE_CHECKING:
    from ..annotations.anchoring import Placement
    from ..annotations.incoming import ImportReport, Incoming
    from .base import StoreBase
else:
    StoreBase = object


def _newest_first(annotations: Iterable[Annotation]) -> list[Annotation]:
    return sorted(annotations, key=lambda a: (a.created.isoformat() if a.created else "", a.id), reverse=True)


class AnnotationMethods(StoreBase):
    """Mixed into Store; uses its lock (``writing``), mutex and parts.

    Every write holds the store lock and is durable when the method returns.
    """

    # Reading -------------------------------------------------------------------------------

    #: Every annotation, newest first, and the signature of the files it was read from:
    #: building ten thousand objects costs a few hundred milliseconds on a busy process,
    #: which the annotations screen should not pay each time it opens.
    _all_annotations: tuple[tuple[FileSignature | None, ...], list[Annotation]] | None = None

    def annotations(self, article_id: str | None = None) -> list[Annotation]:
        """Annotations (article notes included), newest first; only one article's when given."""
        files = self.user.annotations
        if article_id:
            with self._mutex:
                docs = files.of_article(article_id)
            return _newest_first(Annotation.from_doc(i, d) for i, d in docs.items())
        with self._mutex:
            docs, signature = files.raw(), files.signature()
        cached = self._all_annotations
        if cached is None or cached[0] != signature:
            # Built outside the lock: a save from the writer thread need not wait for it.
            cached = (signature, _newest_first(Annotation.from_doc(i, d) for i, d in docs.items()))
            self._all_annotations = cached
        return list(cached[1])

    def annotation_words(self) -> dict[str, list[str]]:
        """Per article, the quotes and notes of its annotations: what search indexes. Read from
        the documents as stored, so one malformed annotation costs only its own words."""
        with self._mutex:
            docs = self.user.annotations.raw()
        words: dict[str, list[str]] = {}
        for doc in docs.values():
            if isinstance(doc, dict) and isinstance(doc.get("article"), str):
                parts = [str(doc.get(key) or "") for key in ("quote", "note")]
                words.setdefault(doc["article"], []).extend(w for w in parts if w)
        return words

    def annotated_ids(self) -> set[str]:
        """Articles with at least one highlight or note."""
        with self._mutex:
            return self.user.annotated_ids()

    def annotation(self, annotation_id: str) -> Annotation:
        with self._mutex:
            doc = self.user.annotations.get(annotation_id)
        if doc is None:
            raise UnknownAnnotation(annotation_id)
        return Annotation.from_doc(annotation_id, doc)

    def article_note(self, article_id: str) -> Annotation | None:
        """The note on the whole article, if it has one."""
        return next((a for a in self.annotations(article_id) if a.is_article_note), None)

    def annotated_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The articles' metadata by id, without their bodies; ids no longer stored are left out."""
        with self._mutex:
            return self.library.get_many(set(article_ids))

    def article_id_for_url(self, url: str) -> str | None:
        with self._mutex:
            return self.library.index()["links"].get(url) if url else None

    # Writing -------------------------------------------------------------------------------

    def add_annotation(
        self, article_id: str, start: int, end: int, *, kind: str = "highlight", note: str = "",
        tags: Iterable[str] = (), text: str | None = None,
    ) -> Annotation:
        """Highlight ``text[start:end]`` of the article (its ``Body.text``, read if not given)."""
        from ..annotations.anchoring import select

        article_id = self.resolve(article_id)
        if text is None:
            text = self.body(article_id).text
        selector = select(text, start, end)
        return self.save_annotation(Annotation(
            id="", article=article_id, kind=kind, quote=selector.quote, prefix=selector.prefix,
            suffix=selector.suffix, start=selector.start, end=selector.end, note=note, tags=tuple(tags),
        ))

    def save_annotation(self, annotation: Annotation) -> Annotation:
        """Store a new or changed annotation: cleaned and checked, given an id and times."""
        annotation = stamped(checked(annotation))
        with self.writing():
            if annotation.article not in self.library.index()["ids"]:
                raise UnknownArticle(annotation.article)
            self.user.annotations.put(annotation.id, annotation.to_doc())
        return annotation

    def update_annotation(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        kind: str | None = None,
    ) -> Annotation:
        with self.writing():
            current = self.annotation(annotation_id)
            if kind is not None and current.is_article_note != (kind == ARTICLE_NOTE):
                raise AnnotationError("a highlight cannot become an article note, nor the other way round")
            changed = replace(
                current,
                note=current.note if note is None else note,
                tags=current.tags if tags is None else tuple(tags),
                kind=current.kind if kind is None else kind,
            )
            saved = self.save_annotation(changed)
            if saved.is_article_note and saved.note != current.note:
                self.journal.record([(saved.article, "note", saved.note)])
            return saved

    def reattach_annotation(self, annotation_id: str, start: int, end: int, *, text: str | None = None) -> Annotation:
        """Anchor a highlight (typically an orphan) on ``text[start:end]`` of its article instead;
        its note, tags and kind stay. ``restore_annotation`` with the old one undoes it."""
        from ..annotations.anchoring import select

        with self.writing():
            current = self.annotation(annotation_id)
            if current.is_article_note:
                raise AnnotationError("a note on the whole article has no passage to move")
            if text is None:
                text = self.body(current.article).text
            now = select(text, start, end)
            # Its first wording stays as ``original`` ("was: ..."), as after any re-anchoring.
            return self.save_annotation(reanchored(current, now.quote, now.prefix, now.suffix, now.start, now.end,
                                                   False))

    def delete_annotation(self, annotation_id: str) -> Annotation:
        """Remove an annotation; returns it, so that ``restore_annotation`` can undo."""
        with self.writing():
            gone = self.annotation(annotation_id)
            self.user.annotations.delete(annotation_id)
            if gone.is_article_note:
                self.journal.record([(gone.article, "note", "")])
        return gone

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation as it was: same id, same times."""
        annotation = checked(annotation)
        with self.writing():
            self.user.annotations.put(annotation.id, annotation.to_doc())
        return annotation

    def set_article_note(self, article_id: str, text: str) -> Annotation | None:
        """Set the note on the whole article; empty text removes it. Returns the note, or None."""
        article_id = self.resolve(article_id)
        with self.writing():
            current = self.article_note(article_id)
            if not text.strip():
                if current is not None:
                    self.user.annotations.delete(current.id)
                    self.journal.record([(article_id, "note", "")])
                return None
            note = current or Annotation(id="", article=article_id, kind=ARTICLE_NOTE)
            saved = self.save_annotation(replace(note, note=text))
            if current is None or current.note != saved.note:
                self.journal.record([(article_id, "note", saved.note)])
            return saved

    def reanchor_annotations(self, article_id: str, text: str) -> list[tuple[Annotation, Placement]]:
        """Find each of the article's highlights in its new ``text`` and store where they are now.

        An annotation whose passage is gone keeps its quote and note and is flagged orphaned;
        one that is found again loses the flag. Returns each highlight with how it was placed.
        """
        from ..annotations.anchoring import Selector, reattach

        with self.writing():
            placed = []
            changed = {}
            for annotation in self.annotations(article_id):
                if annotation.is_article_note:
                    continue
                old = Selector(annotation.quote, annotation.prefix, annotation.suffix, annotation.start, annotation.end)
                placement = reattach(text, old)
                now = placement.selector
                moved = reanchored(annotation, now.quote, now.prefix, now.suffix, now.start, now.end,
                                   placement.orphaned)
                if moved != annotation:
                    moved = replace(moved, updated=utc_now())
                    changed[moved.id] = moved.to_doc()
                placed.append((moved, placement))
            if changed:
                self.user.annotations.put_many(changed)
            return placed

    def _reanchor_changed(self, article_ids: Iterable[str]) -> None:
        """After articles' bodies changed, re-anchor those that carry annotations (the caller holds the lock)."""
        annotated = self.user.annotated_ids()
        for article_id in article_ids:
            if article_id in annotated:
                self.reanchor_annotations(article_id, self.library.body(self.library.get(article_id)).text)

    # Importing -------------------------------------------------------------------------------

    def import_annotations(self, incoming: Iterable[Incoming]) -> ImportReport:
        """Add what is new (read by ``annotations.imports.parse_export``), matched to this
        library's articles by id or by link and re-anchored to their current text; one write."""
        from ..annotations.incoming import ImportReport, Skipped
        from ..annotations.merging import merge
        from ..annotations.urls import LinkIndex

        with self.writing():
            ids = self.library.index()["ids"]
            links = LinkIndex(self.library.index()["links"])
            matched, skipped = [], []
            for item in incoming:
                article_id = item.annotation.article
                if not (article_id and article_id in ids):
                    article_id = links.find(item.urls) or ""
                if article_id:
                    matched.append((item, article_id))
                else:
                    where = next((u for u in item.urls if u), "") or f"id {item.annotation.article}"
                    skipped.append(Skipped(item.entry, f"its article ({where[:120]}) is not in this library"))
            texts: dict[str, str] = {}

            def text_of(article_id: str) -> str:
                if article_id not in texts:
                    texts[article_id] = self.body(article_id).text
                return texts[article_id]

            merged = merge(matched, self.annotations(), text_of)
            if merged.changed:
                self.user.annotations.put_many({i: a.to_doc() for i, a in merged.changed.items()})
        return ImportReport(
            merged.imported, merged.updated, merged.already_here, (*skipped, *merged.skipped), merged.orphaned
        )
