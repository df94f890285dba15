"""Messages that cross screens or come from the app's background parts to any screen.

Messages a widget or part sends to its own screen are nested in their sender instead
(``ArticleList.Opened``, ``LibraryFeed.Loaded``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class StoreFailed(Message):
    """A read or write failed; ``message`` is for the user. With ``read_only``, the app can no
    longer write (a damaged file): it goes read-only and says so."""

    message: str
    read_only: bool = False


@dataclass
class FeedRemoved(Message):
    """The user unsubscribed from a feed; its unmarked articles left the library."""

    feed_id: str


@dataclass
class Notice(Message):
    """Something a background part has to tell the user; always shown as plain text."""

    text: str
    severity: str = "information"
    title: str = ""
    timeout: float | None = None
