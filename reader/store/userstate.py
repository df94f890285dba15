"""The user's own data: read state, stars, tags, annotations and the app's session, kept apart.

Each kind lives in its own small file, so a keypress rewrites only the file it touches,
whatever the size of the library.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..models import ArticleState, utc_now
from ..text import normalise_tag
from .annotation_files import AnnotationFiles
from .storage import FileSignature, KeyedTable, KeyedTinyDB, open_tinydb


class UserState:
    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.folder = folder
        self._read_db = open_tinydb(folder / "read.json", read_only)
        self._marks_db = open_tinydb(folder / "marks.json", read_only)
        self._annotations = AnnotationFiles(folder / "annotations", folder / "annotations.json", read_only)
        self._session_db = open_tinydb(folder / "session.json", read_only)

    @property
    def read(self) -> KeyedTable:
        return self._read_db.table("read")

    @property
    def marks(self) -> KeyedTable:
        return self._marks_db.table("marks")

    @property
    def annotations(self) -> AnnotationFiles:
        """Annotation documents by id, split over several files (see annotation_files.py)."""
        return self._annotations

    @property
    def session(self) -> KeyedTable:
        return self._session_db.table("session")

    def databases(self) -> tuple[KeyedTinyDB, ...]:
        return (self._read_db, self._marks_db, *self._annotations.databases(), self._session_db)

    def forget_caches(self) -> None:
        for db in self.databases():
            db.storage.forget()
        self._annotations.forget()

    def signature(self) -> tuple[FileSignature | None, ...]:
        return tuple(db.storage.signature() for db in self.databases())

    def signature_of_words(self) -> str:
        """Identity of the files holding tags and annotations, read from the disk each time (an
        index in another process asks whether they changed since it last looked)."""
        # Annotations are split over several files (annotations/*.json); an older library may
        # still have the single annotations.json.
        paths = [self.folder / "marks.json", self.folder / "annotations.json",
                 *sorted((self.folder / "annotations").glob("*.json"))]
        parts = []
        for path in paths:
            try:
                st = path.stat()
                parts.append(f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}")
            except FileNotFoundError:
                parts.append("-")
        return "|".join(parts)

    # Reading -----------------------------------------------------------------------------

    def state(self, article_id: str) -> ArticleState:
        mark = self.marks.raw().get(article_id, {})
        return ArticleState(
            read=article_id in self.read.raw(),
            starred=mark.get("starred", False),
            tags=tuple(mark.get("tags", ())),
        )

    def read_ids(self) -> set[str]:
        return set(self.read.raw())

    def all_marks(self) -> dict[str, dict[str, Any]]:
        return dict(self.marks.raw())

    def annotated_ids(self) -> set[str]:
        return {doc["article"] for doc in self.annotations.raw().values() if "article" in doc}

    # Writing: the caller holds the store lock ----------------------------------------------

    def set_read(self, article_ids: list[str], read: bool) -> list[str]:
        """Mark articles read or unread; returns the ids whose state changed."""
        table = self.read
        current = table.raw()
        if read:
            changed = [i for i in article_ids if i not in current]
            if changed:
                at = utc_now().isoformat()
                table.put_many({i: {"at": at} for i in changed})
        else:
            changed = [i for i in article_ids if i in current]
            if changed:
                table.delete_many(changed)
        return changed

    def update_mark(
        self, article_id: str, *, starred: bool | None = None, tags: list[str] | None = None
    ) -> ArticleState:
        table = self.marks
        mark = dict(table.raw().get(article_id, {}))
        if starred is not None:
            mark["starred"] = starred
        if tags is not None:
            mark["tags"] = sorted({normalise_tag(t) for t in tags if normalise_tag(t)})
        mark["at"] = utc_now().isoformat()
        if not mark.get("starred") and not mark.get("tags"):
            table.delete(article_id)
        else:
            table.put(article_id, mark)
        return self.state(article_id)

    def change_marks(
        self, article_ids: list[str], *, starred: bool | None, add_tags: list[str], remove_tags: set[str]
    ) -> list[str]:
        """``update_mark`` for many articles at once, in one write; returns the ids that changed."""
        table = self.marks
        current = table.raw()
        at = utc_now().isoformat()
        put: dict[str, dict[str, Any]] = {}
        drop: list[str] = []
        for article_id in dict.fromkeys(article_ids):
            old = current.get(article_id, {})
            mark = dict(old)
            if starred is not None:
                mark["starred"] = starred
            tags = {*mark.get("tags", ()), *add_tags} - remove_tags
            mark["tags"] = sorted(t for t in tags if t)
            if bool(mark.get("starred")) == bool(old.get("starred")) and mark["tags"] == list(old.get("tags", ())):
                continue
            mark["at"] = at
            if not mark.get("starred") and not mark["tags"]:
                drop.append(article_id)
            else:
                put[article_id] = mark
        if put:
            table.put_many(put)
        if drop:
            table.delete_many(drop)
        return [*put, *drop]
