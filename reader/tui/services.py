"""What the app runs on, built once at start (by launch.py, or a test) and handed to the App."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import ConfigProblem, Settings
from ..feeds.http_types import FetchLimits
from ..feeds.runner import FeedRunner
from ..store import Store
from ..sync.state import Account
from .writer import SerialWriter

if TYPE_CHECKING:
    from ..sync.provider import SyncProvider


def connect_to_server(account: Account, password: str) -> SyncProvider:
    """The sync account's client; its HTTP code loads with the first sync, not with the app."""
    from ..sync.service import provider_for

    return provider_for(account, password)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    store: Store
    settings: Settings
    config_problems: list[ConfigProblem] = field(default_factory=list)
    #: The config file read: its [keymap] is checked against the app's binding ids after start.
    config_path: Path | None = None
    #: Why the library could not be opened for writing ("" when it could). The app's
    #: ``read_only`` reactive starts from this and follows what happens later.
    read_only_reason: str = ""
    #: The time "now" for relative dates; tests freeze it.
    clock: Callable[[], datetime] = _utc_now
    #: How often the app looks for changes made by other processes.
    poll_seconds: float = 1.0
    writer: SerialWriter = field(default_factory=SerialWriter)
    #: Seconds between automatic fetches; None takes the config's refresh_minutes (0: never).
    refresh_seconds: float | None = None
    #: Seconds between automatic syncs; None takes the config's sync_minutes (0: only on Y).
    sync_seconds: float | None = None
    #: Connects to the sync account's server with its password; tests give an in-process fake.
    sync_connect: Callable[[Account, str], SyncProvider] = field(default=connect_to_server)
    #: Whether the app analyses articles for entities in the background, and with the
    #: spaCy model (False: the simpler rule-based extractor; tests use it for speed).
    analyse_entities: bool = True
    entity_model: bool = True
    #: Whether a new library opens on its newest news with a welcome (tests of other things
    #: start on the first row, where they expect to).
    welcome: bool = True
    #: Fetches feeds on a thread of its own; built from the store and settings if not given.
    feeds: FeedRunner = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.refresh_seconds is None:
            self.refresh_seconds = self.settings.refresh_minutes * 60.0
        if self.sync_seconds is None:
            self.sync_seconds = self.settings.sync_minutes * 60.0
        if self.feeds is None:
            limits = FetchLimits(concurrency=self.settings.fetch_concurrency, per_host=self.settings.fetch_per_host)
            self.feeds = FeedRunner(self.store, limits)
