"""What the sync engine needs of a service: the Protocol a Tiny Tiny RSS, Miniflux or Google
Reader API client implements, what the service can hold, and the value types it reports articles
and subscriptions in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class RemoteMarks:
    """An article's marks on the server: what is compared with the last sync's."""

    read: bool
    starred: bool
    labels: tuple[str, ...]
    """Label captions as the server spells them."""
    note: str
    changed_at: datetime | None = None
    """When the marks last changed, if the service says (Miniflux does, tt-rss does not: its
    changes are dated when this machine first sees them)."""


@dataclass(frozen=True, slots=True)
class RemoteArticle:
    remote_id: str
    guid: str
    link: str
    marks: RemoteMarks
    title: str = ""
    feed_title: str = ""
    author: str = ""
    published: datetime | None = None
    content: str = ""
    """HTML; empty when the listing was fetched without content."""


@dataclass(frozen=True, slots=True)
class Capabilities:
    """Which of our marks the service has somewhere to keep; read and starred always are.

    A field it cannot hold stays in the library only: never sent, and never overwritten by the
    server's (necessarily empty) value.
    """

    holds_tags: bool = True
    holds_notes: bool = True

    def holds(self, field: str) -> bool:
        return {"tags": self.holds_tags, "note": self.holds_notes}.get(field, True)


@dataclass(frozen=True, slots=True)
class RemoteFeed:
    """One of the account's subscriptions on the server."""

    url: str
    title: str = ""
    folders: tuple[str, ...] = ()
    """The server's categories (tt-rss) or folders (Google Reader) the feed is in."""
    site_url: str = ""


class SyncProvider(Protocol):
    """One account on one service. Every method raises SyncError subclasses only."""

    name: str
    capabilities: Capabilities

    def login(self) -> None: ...

    def articles(self) -> Iterator[RemoteArticle]:
        """Every article the account holds, with its marks (content may be empty)."""
        ...

    def contents(self, remote_ids: list[str]) -> Iterable[RemoteArticle]:
        """The same articles with their content, for adding to the library."""
        ...

    def guid_key(self, guid: str, *, remote: bool) -> str:
        """A key equal for the server's GUID and ours when they stand for one item (tt-rss
        stores a per-user hash of the feed's GUID, so both sides become that hash)."""
        ...

    def set_read(self, remote_ids: list[str], read: bool) -> None: ...

    def set_starred(self, remote_ids: list[str], starred: bool) -> None: ...

    def set_labels(self, remote_id: str, add: Iterable[str], remove: Iterable[str]) -> None:
        """Creates labels the server lacks."""
        ...

    def set_note(self, remote_id: str, note: str) -> None:
        """Only called when ``capabilities.holds_notes``."""
        ...

    def subscriptions(self) -> list[RemoteFeed]:
        """The feeds the account is subscribed to."""
        ...

    def subscribe(self, url: str, title: str) -> None:
        """Subscribe the account to a feed; a SyncError saying why when the server will not."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class RemoteChanges:
    """A cheap look at the account: the articles after the last look's cursor in full, and for
    the older ones only which ids hold each mark now."""

    new: tuple[RemoteArticle, ...]
    cursor: str
    unread: frozenset[str]
    starred: frozenset[str]
    labels: Mapping[str, frozenset[str]]
    """Label caption -> the ids that carry it."""
    noted: Mapping[str, str]
    """Id -> note, for the articles with one."""


@runtime_checkable
class ChangeLister(Protocol):
    """Optional for a SyncProvider: a look at what changed that is cheaper than ``articles()``."""

    def changes(self, cursor: str, unread: Set[str]) -> RemoteChanges | None:
        """``unread``: the ids the last sync left unread, for a service that cannot list its
        unread articles cheaply. None when no cheap look is possible (the cursor is too old)."""
        ...

    def cursor(self, seen: Iterable[RemoteArticle]) -> str:
        """The cursor a full listing of ``seen``, just made, leaves for the next look."""
        ...
