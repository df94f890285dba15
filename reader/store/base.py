"""What the Store's method groups (feed_methods, mark_methods, entity_methods, annotation_methods, changes, removal)
use of the Store itself, declared once so that each group reads, and type-checks, alone."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Article, ArticleDraft, Body
    from .entity_results import CorrectionLog, EntityResults
    from .feeds import Feeds
    from .journal import Journal
    from .library import Library
    from .userstate import UserState


class StoreBase:
    """Declared, not implemented: store.py's Store provides these."""

    home: Path
    read_only: bool
    _mutex: threading.RLock
    library: Library
    user: UserState
    feeds_file: Feeds
    entity_files: EntityResults
    corrections_file: CorrectionLog
    journal: Journal

    def writing(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def resolve(self, ref: str) -> str:
        raise NotImplementedError

    def body(self, article: Article | str) -> Body:
        raise NotImplementedError

    def iter_articles(self) -> Iterator[list[Article]]:
        raise NotImplementedError

    # Provided by one method group, used by another.

    def _drop_entity_results(self, article_ids: list[str]) -> None:
        raise NotImplementedError  # entity_methods.py

    def _kept_ids(self) -> set[str]:
        raise NotImplementedError  # removal.py

    def _forget_articles(self, doomed: list[str]) -> int:
        raise NotImplementedError  # removal.py

    def _not_deleted(self, drafts: list[ArticleDraft]) -> list[ArticleDraft]:
        raise NotImplementedError  # removal.py

    def _reanchor_changed(self, article_ids: Iterable[str]) -> None:
        raise NotImplementedError  # annotation_methods.py
