"""An in-process sync server for the app's tests: the SyncProvider Protocol over a dict of
articles, which can be switched to fail as a server that is down, or refuse a password, does."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.sync import state as saved
from reader.sync.errors import LoginFailed, SyncError, Unreachable
from reader.sync.provider import Capabilities, RemoteArticle, RemoteFeed, RemoteMarks

PASSWORD = "secret"
ACCOUNT = saved.Account("ttrss", "https://rss.example.org/", "reader")


def set_up_account(home: Path) -> None:
    """What `broadsheet sync add` leaves behind (the password is given by $BROADSHEET_SYNC_PASSWORD)."""
    saved.write_account(home, ACCOUNT)


def remote(remote_id: str, guid: str, *, link: str = "", read: bool = False, starred: bool = False,
           labels: tuple[str, ...] = (), note: str = "", **more: object) -> RemoteArticle:
    """A server article; ``more`` gives what adding it to a library needs (title, content...)."""
    return RemoteArticle(remote_id, guid, link, RemoteMarks(read, starred, labels, note), **more)  # type: ignore[arg-type]


@dataclass
class FakeServer:
    """The server's side: its articles and their marks, what it was told, and how it fails."""

    articles: dict[str, RemoteArticle] = field(default_factory=dict)
    #: Raised by every call while set, as a server that is down raises Unreachable.
    failure: SyncError | None = None
    logins: int = 0
    told: list[tuple[str, object]] = field(default_factory=list)

    def add(self, *articles: RemoteArticle) -> None:
        self.articles.update({a.remote_id: a for a in articles})

    def go_down(self) -> None:
        self.failure = Unreachable("rss.example.org did not answer in 15 s")

    def connect(self, account: saved.Account, password: str) -> FakeProvider:
        return FakeProvider(self, password)

    def mark(self, remote_id: str, **marks: object) -> None:
        article = self.articles[remote_id]
        self.articles[remote_id] = replace(article, marks=replace(article.marks, **marks))  # type: ignore[arg-type]


class FakeProvider:
    name = "fake"
    capabilities = Capabilities()

    def __init__(self, server: FakeServer, password: str) -> None:
        self.server = server
        self.password = password

    def _check(self) -> None:
        if self.server.failure is not None:
            raise self.server.failure

    def login(self) -> None:
        self._check()
        if self.password != PASSWORD:
            raise LoginFailed("the server refused the user name or password")
        self.server.logins += 1

    def articles(self) -> Iterator[RemoteArticle]:
        self._check()
        return iter(list(self.server.articles.values()))

    def contents(self, remote_ids: list[str]) -> Iterable[RemoteArticle]:
        self._check()
        return [self.server.articles[i] for i in remote_ids]

    def guid_key(self, guid: str, *, remote: bool) -> str:
        return guid

    def set_read(self, remote_ids: list[str], read: bool) -> None:
        for remote_id in remote_ids:
            self.server.mark(remote_id, read=read)
            self.server.told.append((remote_id, ("read", read)))

    def set_starred(self, remote_ids: list[str], starred: bool) -> None:
        for remote_id in remote_ids:
            self.server.mark(remote_id, starred=starred)
            self.server.told.append((remote_id, ("starred", starred)))

    def set_labels(self, remote_id: str, add: Iterable[str], remove: Iterable[str]) -> None:
        labels = set(self.server.articles[remote_id].marks.labels)
        self.server.mark(remote_id, labels=tuple(sorted((labels | set(add)) - set(remove))))
        self.server.told.append((remote_id, ("labels", tuple(add), tuple(remove))))

    def set_note(self, remote_id: str, note: str) -> None:
        self.server.mark(remote_id, note=note)
        self.server.told.append((remote_id, ("note", note)))

    def subscriptions(self) -> list[RemoteFeed]:
        return []

    def subscribe(self, url: str, title: str) -> None:
        self._check()

    def close(self) -> None:
        pass
