"""The store's exceptions: one root, and a subclass for each thing a user can act on."""

from __future__ import annotations

from pathlib import Path

from ..errors import BroadsheetError


class StoreError(BroadsheetError):
    """Root of every error the store raises on purpose; its message is meant for the user."""


class StoreLocked(StoreError):
    """Another process held the store's lock for longer than we were willing to wait."""

    def __init__(self, lock_path: Path, waited: float, holder: str = "") -> None:
        who = f" ({holder})" if holder else ""
        super().__init__(
            f"the library at {lock_path.parent} is busy: another broadsheet process{who} "
            f"held its lock for more than {waited:g} s; try again in a moment"
        )
        self.lock_path = lock_path


class CorruptFile(StoreError):
    """A store file cannot be parsed. It is left untouched for the user to recover."""

    def __init__(self, path: Path, reason: str) -> None:
        backup_hint = (
            f"move it aside (e.g. `mv {path} {path}.broken`) to start that part afresh, "
            "or restore it from a backup"
        )
        super().__init__(f"{path} is unreadable ({reason}); it has not been changed. To recover, {backup_hint}")
        self.path = path


class ReadOnlyStore(StoreError):
    """A write was asked of a store that was opened read-only or cannot be written."""


class UnknownArticle(StoreError):
    def __init__(self, ref: str) -> None:
        super().__init__(f"no article with id {ref!r}")
        self.ref = ref


class AmbiguousArticle(StoreError):
    def __init__(self, ref: str, candidates: list[str]) -> None:
        shown = ", ".join(sorted(candidates)[:5])
        more = "…" if len(candidates) > 5 else ""
        super().__init__(f"id prefix {ref!r} matches {len(candidates)} articles ({shown}{more}); type more of it")
        self.ref = ref
        self.candidates = candidates


class NewerSchema(StoreError):
    """The store was written by a newer broadsheet; we refuse to touch it."""


class StoreFull(StoreError):
    """The disk refused a write (full or quota); nothing was changed."""


class UnknownFeed(StoreError):
    def __init__(self, ref: str, candidates: list[str] | None = None) -> None:
        if candidates:
            shown = ", ".join(sorted(candidates)[:5])
            super().__init__(f"{ref!r} matches {len(candidates)} feeds ({shown}); type more of it")
        else:
            super().__init__(f"no feed {ref!r} (give its URL or id, as `broadsheet feeds list` shows)")
        self.ref = ref
