"""A Tiny Tiny RSS account through its JSON API (api/), and its web side for creating labels.

The API has no call that creates a label, so ``create_label`` logs in to the web interface once
and uses the preferences' own "add label" request, with the page's CSRF token.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Set
from datetime import UTC, datetime
from typing import Any

import orjson

from ..feeds.http_errors import shown
from . import ttrss_changes
from .errors import ApiDisabled, LoginFailed, ServerError, SyncError
from .http import BoundedHttp, Reply
from .provider import Capabilities, RemoteArticle, RemoteChanges, RemoteFeed, RemoteMarks

PAGE = 200  # the most getHeadlines returns at once
_ALL = -4  # the "all articles" feed
_FIELD_STARRED, _FIELD_UNREAD, _FIELD_NOTE = 0, 2, 3
_CSRF = re.compile(rb'__csrf_token = "([0-9a-f]+)"')


def _api_error(code: str, url: str) -> SyncError:
    if code == "LOGIN_ERROR":
        return LoginFailed(f"tt-rss at {url} refused the user name or password")
    if code == "API_DISABLED":
        return ApiDisabled(f"the API is switched off for this account at {url}: enable it in tt-rss under "
                           "Preferences > Enable API")
    if code == "NOT_LOGGED_IN":
        return LoginFailed(f"tt-rss at {url} ended the session")
    return ServerError(f"tt-rss at {url} answered with the error {shown(code)}")


class TtrssClient:
    """The calls the sync uses, one method each; every failure a SyncError."""

    def __init__(self, url: str, user: str, password: str, http: BoundedHttp | None = None) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self.user = user
        self._password = password
        self.http = http or BoundedHttp()
        self.sid = ""
        self._labels: dict[str, int] | None = None

    def _decode(self, reply: Reply) -> Any:
        try:
            doc = orjson.loads(reply.body)
        except orjson.JSONDecodeError:
            doc = None
        if not isinstance(doc, dict) or "status" not in doc:
            what = "an HTML page" if b"<html" in reply.body[:2048].lower() else "something that is not its API"
            raise ServerError(f"{self.url} answered with {what} (HTTP {reply.status}), not tt-rss's API: "
                              "check the address (it ends where api/ begins)")
        content = doc.get("content")
        if doc["status"] != 0:
            raise _api_error(str(content.get("error", "") if isinstance(content, dict) else content), self.url)
        return content

    def call(self, op: str, **params: Any) -> Any:
        if op != "login" and not self.sid:
            self.login()
        payload = {"op": op, **params, **({"sid": self.sid} if op != "login" else {})}
        try:
            return self._decode(self.http.post(self.url + "api/", json=payload))
        except LoginFailed:
            if op == "login" or not self.sid:
                raise
            self.sid = ""  # an expired session: log in again once
            self.login()
            return self._decode(self.http.post(self.url + "api/", json={**payload, "sid": self.sid}))

    def login(self) -> None:
        content = self.call("login", user=self.user, password=self._password)
        self.sid = str(content["session_id"])

    # Reading -----------------------------------------------------------------------------

    def headlines(self, *, view_mode: str = "all_articles", since_id: int = 0, content: bool = False,
                  feed_id: int = _ALL) -> Iterator[dict[str, Any]]:
        """Every headline of a feed, oldest first, a page at a time."""
        skip = 0
        while True:
            page = self.call("getHeadlines", feed_id=feed_id, view_mode=view_mode, since_id=since_id, skip=skip,
                             limit=PAGE, show_content=content, order_by="date_reverse", sanitize=False)
            yield from page
            if len(page) < PAGE:
                return
            skip += len(page)

    def articles_by_id(self, ids: list[int]) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for start in range(0, len(ids), PAGE):
            found += self.call("getArticle", article_id=",".join(map(str, ids[start:start + PAGE])))
        return found

    def feeds(self) -> list[dict[str, Any]]:
        """The subscribed feeds (-3: every category, without the virtual feeds)."""
        found: list[dict[str, Any]] = self.call("getFeeds", cat_id=-3)
        return found

    def categories(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.call("getCategories", include_empty=True)
        return found

    def subscribe(self, url: str) -> None:
        content = self.call("subscribeToFeed", feed_url=url, category_id=0)
        status = content.get("status") if isinstance(content, dict) else None
        code = status.get("code") if isinstance(status, dict) else None
        if code not in (0, 1):  # 0: already subscribed, 1: subscribed
            why = _SUBSCRIBE_ERRORS.get(code, f"error {shown(str(code))}") if isinstance(code, int) else "no answer"
            raise ServerError(f"tt-rss at {self.url} would not subscribe to {shown(url)}: {why}")

    def labels(self) -> dict[str, int]:
        """Label captions and their ids."""
        if self._labels is None:
            self._labels = {str(doc["caption"]): int(doc["id"]) for doc in self.call("getLabels")}
        return self._labels

    # Writing -----------------------------------------------------------------------------

    def update(self, ids: list[int], field: int, mode: int, data: str = "") -> None:
        for start in range(0, len(ids), PAGE):
            self.call("updateArticle", article_ids=",".join(map(str, ids[start:start + PAGE])), field=field,
                      mode=mode, data=data)

    def set_label(self, ids: list[int], caption: str, assign: bool) -> None:
        label = self.labels().get(caption)
        if label is None:
            if not assign:
                return
            label = self.create_label(caption)
        self.call("setArticleLabel", article_ids=",".join(map(str, ids)), label_id=label, assign=assign)

    def create_label(self, caption: str) -> int:
        self.http.post(self.url + "public.php", data={"op": "login", "login": self.user, "password": self._password})
        page = self.http.post(self.url + "index.php", data={})
        token = _CSRF.search(page.body)
        if token is None:
            raise ServerError(f"could not create the label {shown(caption)} at {self.url}: its web login failed")
        self.http.post(self.url + "backend.php", data={"op": "pref-labels", "method": "add", "caption": caption,
                                                      "csrf_token": token.group(1).decode()})
        self._labels = None
        if caption not in self.labels():
            raise ServerError(f"tt-rss at {self.url} did not create the label {shown(caption)}")
        return self.labels()[caption]


_SUBSCRIBE_ERRORS = {
    2: "not a valid address", 3: "the page has no feed", 4: "the page has several feeds",
    5: "it could not download it", 6: "not valid XML", 7: "its database refused it", 8: "not allowed for this account",
}


def _remote(doc: dict[str, Any]) -> RemoteArticle:
    labels = tuple(sorted(str(label[1]) for label in doc.get("labels") or ()))
    updated = doc.get("updated")
    return RemoteArticle(
        remote_id=str(doc["id"]), guid=str(doc.get("guid") or ""), link=str(doc.get("link") or ""),
        marks=RemoteMarks(read=not doc.get("unread"), starred=bool(doc.get("marked")), labels=labels,
                          note=str(doc.get("note") or "")),
        title=str(doc.get("title") or ""), feed_title=str(doc.get("feed_title") or ""),
        author=str(doc.get("author") or ""),
        published=datetime.fromtimestamp(int(updated), UTC) if updated else None,
        content=str(doc.get("content") or ""),
    )


class TtrssProvider:
    """SyncProvider for Tiny Tiny RSS."""

    name = "ttrss"
    capabilities = Capabilities()

    def __init__(self, client: TtrssClient) -> None:
        self.client = client

    def login(self) -> None:
        self.client.login()

    def articles(self) -> Iterator[RemoteArticle]:
        return (_remote(doc) for doc in self.client.headlines())

    def contents(self, remote_ids: list[str]) -> Iterable[RemoteArticle]:
        return [_remote(doc) for doc in self.client.articles_by_id([int(i) for i in remote_ids])]

    def changes(self, cursor: str, unread: Set[str]) -> RemoteChanges | None:
        return ttrss_changes.look(self.client, cursor, unread, _remote)

    def cursor(self, seen: Iterable[RemoteArticle]) -> str:
        return ttrss_changes.cursor_after(seen)

    def guid_key(self, guid: str, *, remote: bool) -> str:
        if remote and guid.startswith("{"):
            # tt-rss 21: {"ver":2,"uid":N,"hash":"SHA1:<sha1 of the feed's guid>"}.
            try:
                return str(orjson.loads(guid).get("hash") or guid)
            except (orjson.JSONDecodeError, AttributeError):
                return guid
        if remote and re.match(r"\d+,", guid):
            guid = guid.partition(",")[2]  # older tt-rss: "N,guid"
        return "SHA1:" + hashlib.sha1(guid.encode()).hexdigest()

    def set_read(self, remote_ids: list[str], read: bool) -> None:
        self.client.update([int(i) for i in remote_ids], _FIELD_UNREAD, 0 if read else 1)

    def set_starred(self, remote_ids: list[str], starred: bool) -> None:
        self.client.update([int(i) for i in remote_ids], _FIELD_STARRED, 1 if starred else 0)

    def set_labels(self, remote_id: str, add: Iterable[str], remove: Iterable[str]) -> None:
        for caption in add:
            self.client.set_label([int(remote_id)], caption, True)
        for caption in remove:
            self.client.set_label([int(remote_id)], caption, False)

    def set_note(self, remote_id: str, note: str) -> None:
        self.client.update([int(remote_id)], _FIELD_NOTE, 0, note)

    def subscriptions(self) -> list[RemoteFeed]:
        names = {int(c["id"]): str(c.get("title") or "") for c in self.client.categories()
                 if isinstance(c, dict) and str(c.get("id", "")).lstrip("-").isdigit()}
        found = []
        for doc in self.client.feeds():
            url = doc.get("feed_url") if isinstance(doc, dict) else None
            if not isinstance(url, str) or not url:
                continue  # a virtual feed
            category = doc.get("cat_id")
            folder = names.get(category, "") if isinstance(category, int) and category > 0 else ""
            found.append(RemoteFeed(url, str(doc.get("title") or ""), (folder,) if folder else ()))
        return found

    def subscribe(self, url: str, title: str) -> None:
        self.client.subscribe(url)

    def close(self) -> None:
        self.client.http.close()
