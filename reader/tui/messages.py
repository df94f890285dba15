"""Messages that cross from background workers to the screens."""

from __future__ import annotations

from textual.message import Message

from ..models import Article, Body


class LibraryLoaded(Message):
    """A batch of articles read from the store (the newest month first, then the rest)."""

    def __init__(self, articles: list[Article], read_ids: set[str], marks: dict, final: bool, session: dict) -> None:
        super().__init__()
        self.articles = articles
        self.read_ids = read_ids
        self.marks = marks
        self.final = final
        self.session = session


class LibraryChanged(Message):
    """Another process wrote to the store; ``articles`` is None when only marks changed."""

    def __init__(self, articles: list[Article] | None, read_ids: set[str], marks: dict) -> None:
        super().__init__()
        self.articles = articles
        self.read_ids = read_ids
        self.marks = marks


class BodyLoaded(Message):
    def __init__(self, article_id: str, body: Body | None, error: str = "") -> None:
        super().__init__()
        self.article_id = article_id
        self.body = body
        self.error = error


class StoreFailed(Message):
    """A read or write failed; the message is for the user."""

    def __init__(self, message: str, read_only: bool = False) -> None:
        super().__init__()
        self.message = message
        self.read_only = read_only


class ArticlesArrived(Message):
    """A fetch stored new or changed articles; the main screen reads and lists them."""

    def __init__(self, article_ids: list[str]) -> None:
        super().__init__()
        self.article_ids = article_ids


class FeedRemoved(Message):
    """The user unsubscribed from a feed; its articles left the library."""

    def __init__(self, feed_id: str) -> None:
        super().__init__()
        self.feed_id = feed_id
