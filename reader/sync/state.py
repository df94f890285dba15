"""What a sync remembers between runs, in ``state/sync/``: the account (never its password),
each server article's local id and the marks both sides agreed on, and the conflict log."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..store.files import write_atomically
from .errors import NotSetUp

ACCOUNT, STATE, CONFLICTS = "account.json", "state.json", "conflicts.jsonl"


@dataclass(frozen=True, slots=True)
class Account:
    provider: str
    url: str
    user: str
    keyring: bool = False
    """Whether the password is in the platform's keyring (else it is asked for, or read from
    $BROADSHEET_SYNC_PASSWORD, at each sync)."""
    push_feeds: bool = False
    """Whether a sync subscribes the server to the library's feeds (it always takes the server's)."""
    no_tags: bool = False
    """The server keeps no labels on items (Miniflux's Google Reader API): tags stay local."""


@dataclass
class SyncState:
    """Mutable while a sync runs, saved whole (atomically) when it ends."""

    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    """remote id -> {"id": local id, "m": [read, starred, [labels], note] as last agreed}."""
    labels: dict[str, str] = field(default_factory=dict)
    """Our tag -> the server's caption, for labels whose caption our tags cannot hold."""
    last_sync: str = ""
    last_error: str = ""
    notices: list[str] = field(default_factory=list)
    local_only: list[str] = field(default_factory=list)
    """Fields the server cannot hold, of which the user has been told."""
    feeds: list[str] = field(default_factory=list)
    """Feed URLs seen on both sides: one removed on either side afterwards is not brought back."""
    cursor: str = ""
    """The provider's mark of where its last look ended (tt-rss: the highest article id seen)."""
    last_full: str = ""
    """When every article's marks were last listed (ISO, UTC): what a cheap look can miss waits
    at most until the next one."""


def folder(home: Path) -> Path:
    return home / "state" / "sync"


def read_account(home: Path) -> Account:
    try:
        doc = orjson.loads((folder(home) / ACCOUNT).read_bytes())
    except FileNotFoundError:
        raise NotSetUp("no sync account is set up: `broadsheet sync add ttrss|greader URL --user NAME`") from None
    return Account(doc["provider"], doc["url"], doc["user"], bool(doc.get("keyring")), bool(doc.get("push_feeds")),
                   bool(doc.get("no_tags")))


def write_account(home: Path, account: Account) -> None:
    folder(home).mkdir(parents=True, exist_ok=True)
    write_atomically(folder(home) / ACCOUNT, orjson.dumps(
        {"provider": account.provider, "url": account.url, "user": account.user, "keyring": account.keyring,
         "push_feeds": account.push_feeds, "no_tags": account.no_tags}))


def read_state(home: Path) -> SyncState:
    try:
        doc = orjson.loads((folder(home) / STATE).read_bytes())
    except FileNotFoundError:
        return SyncState()
    return SyncState(doc.get("articles", {}), doc.get("labels", {}), doc.get("last_sync", ""),
                     doc.get("last_error", ""), doc.get("notices", []), doc.get("local_only", []),
                     doc.get("feeds", []), doc.get("cursor", ""),
                     doc.get("last_full", ""))


def write_state(home: Path, state: SyncState) -> None:
    write_atomically(folder(home) / STATE, orjson.dumps({
        "articles": state.articles, "labels": state.labels, "last_sync": state.last_sync,
        "last_error": state.last_error, "notices": state.notices, "local_only": state.local_only,
        "feeds": state.feeds, "cursor": state.cursor, "last_full": state.last_full}))


def log_conflicts(home: Path, entries: list[dict[str, Any]]) -> None:
    if not entries:
        return
    fd = os.open(folder(home) / CONFLICTS, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, b"".join(orjson.dumps(e) + b"\n" for e in entries))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_conflicts(home: Path, last: int = 20) -> list[dict[str, Any]]:
    try:
        lines = (folder(home) / CONFLICTS).read_bytes().splitlines()
    except FileNotFoundError:
        return []
    return [orjson.loads(line) for line in lines[-last:] if line.strip()]
