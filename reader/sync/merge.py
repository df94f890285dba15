"""Deciding, field by field, what an article's marks become when both sides may have changed:
pure functions of (last agreed, local now, server now, when each changed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..text import normalise_tag

FIELDS = ("read", "starred", "tags", "note")


@dataclass(frozen=True, slots=True)
class Marks:
    """One article's synced marks in our terms (tags normalised, sorted)."""

    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()
    note: str = ""

    def get(self, field: str) -> Any:
        return getattr(self, field)

    def to_doc(self) -> list[Any]:
        return [self.read, self.starred, list(self.tags), self.note]

    @classmethod
    def from_doc(cls, doc: list[Any]) -> Marks:
        return cls(bool(doc[0]), bool(doc[1]), tuple(doc[2]), str(doc[3]))


def label_tag(caption: str) -> str:
    return normalise_tag(caption)


@dataclass(frozen=True, slots=True)
class Decision:
    field: str
    value: Any
    push: bool
    """The server must be told."""
    pull: bool
    """The library must be changed."""
    conflict: dict[str, Any] | None = None


def first_meeting(local: Marks, remote: Marks) -> Marks:
    """Neither side has been synced with the other for this article: keep what either marked,
    so that adding sync to a library never unreads, unstars or untags anything."""
    return Marks(local.read or remote.read, local.starred or remote.starred,
                 tuple(sorted({*local.tags, *remote.tags})), local.note or remote.note)


def decide(field: str, base: Any, local: Any, remote: Any, local_at: str, remote_at: str) -> Decision | None:
    """None when nothing is to be done. ``*_at`` are ISO times in UTC, comparable as strings."""
    local_changed, remote_changed = local != base, remote != base
    if local == remote:
        return Decision(field, local, False, False) if local_changed else None
    if local_changed and not remote_changed:
        return Decision(field, local, True, False)
    if remote_changed and not local_changed:
        return Decision(field, remote, False, True)
    # Both changed, to different values: the later change wins; a tie goes to the server, whose
    # value other machines may already have.
    local_wins = local_at > remote_at
    conflict = {"field": field, "local": local, "server": remote, "local_at": local_at, "server_at": remote_at,
                "kept": "local" if local_wins else "server"}
    return Decision(field, local if local_wins else remote, local_wins, not local_wins, conflict)
