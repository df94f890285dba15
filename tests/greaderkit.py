"""An in-process Google Reader API server for the sync tests, written from the published API
(ClientLogin, token, stream/items/ids, stream/items/contents, edit-tag, subscription/list,
tag/list, subscription/quickadd) and served under /api/greader.php/ as FreshRSS does.

Like the servers it stands for, it lists short (decimal) ids and answers contents with long
ones, takes either form back, pages id lists with a continuation, names feed folders as labels
among an item's categories, and answers a stale write token with 401.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PREFIX = "/api/greader.php/"
LONG = "tag:google.com,2005:reader/item/"
_STATE = "user/-/state/com.google/"
_LABEL = "user/-/label/"


@dataclass
class Item:
    number: int
    link: str
    title: str
    feed: str
    read: bool = False
    starred: bool = False
    labels: set[str] = field(default_factory=set)

    @property
    def short_id(self) -> str:
        # Google's short form is the signed 64-bit number.
        return str(self.number - 2 ** 64 if self.number >= 2 ** 63 else self.number)


@dataclass
class Feed:
    url: str
    title: str
    folder: str = ""


def _number(text: str) -> int:
    return int(text[len(LONG):], 16) if text.startswith(LONG) else int(text) & 0xFFFF_FFFF_FFFF_FFFF


class FakeGreader:
    """Use as a context manager; ``url`` is what `sync add greader` is given."""

    def __init__(self, user: str = "reader", password: str = "secret", *, page: int = 1000,
                 typed_tags: bool = True, holds_labels: bool = True, first_id: int = 1_700_000_000_000_000) -> None:
        self.user, self.password = user, password
        self.page = page  # the most ids one answer holds, whatever n asks for
        self.typed_tags = typed_tags  # FreshRSS and Inoreader say "tag" or "folder"; The Old Reader does not
        self.holds_labels = holds_labels  # Miniflux answers OK to a label on an item and keeps nothing
        self.items: dict[int, Item] = {}
        self.feeds: dict[str, Feed] = {}
        self.extra_labels: set[str] = set()
        self.auth: set[str] = set()
        self.write_token = uuid.uuid4().hex
        self.refuse = ""  # quickadd refuses URLs containing this
        self.hidden_from_contents: set[int] = set()  # deleted between a listing and a contents request
        self.log: list[tuple[str, str, dict[str, list[str]]]] = []
        self._next = first_id
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # The test's side ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{PREFIX}"

    def add_feed(self, url: str, title: str, folder: str = "") -> Feed:
        feed = self.feeds[url] = Feed(url, title, folder)
        return feed

    def add_item(self, link: str, title: str = "", feed: str = "https://news.example/feed.xml") -> Item:
        with self.lock:
            if feed not in self.feeds:
                self.feeds[feed] = Feed(feed, "Example News")
            item = self.items[self._next] = Item(self._next, link, title or link, feed)
            self._next += 1
            return item

    def by_link(self, link: str) -> Item:
        return next(i for i in self.items.values() if i.link == link)

    def expire_logins(self) -> None:
        with self.lock:
            self.auth.clear()
            self.write_token = uuid.uuid4().hex

    def calls(self, path: str) -> int:
        return sum(1 for _, p, _ in self.log if p == path)

    def __enter__(self) -> FakeGreader:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.fake = self  # type: ignore[attr-defined]
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    # The API -----------------------------------------------------------------------------

    def answer(self, method: str, path: str, query: dict[str, list[str]], form: dict[str, list[str]],
               authorization: str) -> tuple[int, str, bytes, dict[str, str]]:
        self.log.append((method, path, {**query, **form}))
        if path == "accounts/ClientLogin":
            if form.get("Email") == [self.user] and form.get("Passwd") == [self.password]:
                token = f"{self.user}/{uuid.uuid4().hex}"
                self.auth.add(token)
                return 200, "text/plain", f"SID={token}\nLSID=null\nAuth={token}\n".encode(), {}
            return 401, "text/plain", b"Unauthorized!", {}
        if not path.startswith("reader/api/0/"):
            return 400, "text/plain", b"Bad Request!", {}
        if authorization.removeprefix("GoogleLogin auth=") not in self.auth:
            return 401, "text/plain", b"Unauthorized!", {"Google-Bad-Token": "true"}
        call = path[len("reader/api/0/"):]
        if method == "POST" and form.get("T") != [self.write_token] and call != "stream/items/contents":
            return 401, "text/plain", b"Unauthorized!", {"X-Reader-Google-Bad-Token": "true"}
        params = {**query, **form}
        handler = {
            "token": lambda: (200, "text/plain", self.write_token.encode() + b"\n", {}),
            "stream/items/ids": lambda: self._json(self._ids(params)),
            "stream/items/contents": lambda: self._json(self._contents(params)),
            "edit-tag": lambda: self._edit(params),
            "subscription/list": lambda: self._json(self._subscriptions()),
            "tag/list": lambda: self._json(self._tags()),
            "subscription/quickadd": lambda: self._json(self._quickadd(params)),
        }.get(call)
        if handler is None:
            return 501, "text/plain", b"Not Implemented!", {}
        return handler()

    @staticmethod
    def _json(doc: object) -> tuple[int, str, bytes, dict[str, str]]:
        return 200, "application/json", json.dumps(doc).encode(), {}

    def _in(self, item: Item, stream: str) -> bool:
        if stream == _STATE + "reading-list":
            return item.feed in self.feeds
        if stream == _STATE + "starred":
            return item.starred
        if stream == _STATE + "read":
            return item.read
        if stream.startswith(_LABEL):
            name = stream[len(_LABEL):]
            feed = self.feeds.get(item.feed)
            return name in item.labels or bool(feed and feed.folder == name)
        if stream.startswith("feed/"):
            return item.feed == stream[5:]
        return False

    def _ids(self, params: dict[str, list[str]]) -> dict[str, object]:
        stream = params.get("s", [""])[0]
        exclude = params.get("xt", [""])[0]
        chosen = [i for i in sorted(self.items.values(), key=lambda i: -i.number)
                  if self._in(i, stream) and not (exclude and self._in(i, exclude))]
        start = int(params.get("c", ["0"])[0] or 0)
        size = min(int(params.get("n", ["20"])[0]), self.page)
        page = chosen[start:start + size]
        doc: dict[str, object] = {"itemRefs": [{"id": i.short_id, "directStreamIds": [],
                                                "timestampUsec": str(i.number)} for i in page]}
        if start + size < len(chosen):
            doc["continuation"] = str(start + size)
        return doc

    def _contents(self, params: dict[str, list[str]]) -> dict[str, object]:
        items = []
        for text in params.get("i", []):
            item = self.items.get(_number(text))
            if item is None or item.number in self.hidden_from_contents:
                continue
            feed = self.feeds.get(item.feed) or Feed(item.feed, "")
            categories = [_STATE + "reading-list", *([_LABEL + feed.folder] if feed.folder else []),
                          *([_STATE + "read"] if item.read else []), *([_STATE + "starred"] if item.starred else []),
                          *(_LABEL + name for name in sorted(item.labels))]
            items.append({
                "id": f"{LONG}{item.number:016x}", "crawlTimeMsec": str(item.number // 1000),
                "timestampUsec": str(item.number), "published": 1_700_000_000, "title": item.title,
                "summary": {"content": f"<p>{item.title}: the story.</p>"}, "alternate": [{"href": item.link}],
                "categories": categories, "origin": {"streamId": "feed/" + feed.url, "title": feed.title},
            })
        return {"id": _STATE + "reading-list", "items": items}

    def _edit(self, params: dict[str, list[str]]) -> tuple[int, str, bytes, dict[str, str]]:
        targets = [self.items.get(_number(text)) for text in params.get("i", [])]
        for key, value in (("a", True), ("r", False)):
            for stream in params.get(key, []):
                for item in filter(None, targets):
                    if stream == _STATE + "read":
                        item.read = value
                    elif stream == _STATE + "starred":
                        item.starred = value
                    elif stream.startswith(_LABEL) and self.holds_labels:
                        (item.labels.add if value else item.labels.discard)(stream[len(_LABEL):])
        return 200, "text/plain", b"OK", {}

    def _subscriptions(self) -> dict[str, object]:
        return {"subscriptions": [
            {"id": "feed/" + f.url, "title": f.title, "url": f.url, "htmlUrl": "https://news.example/",
             "categories": [{"id": _LABEL + f.folder, "label": f.folder}] if f.folder else []}
            for f in self.feeds.values()]}

    def _tags(self) -> dict[str, object]:
        tags: list[dict[str, str]] = [{"id": _STATE + "starred"}]
        for folder in sorted({f.folder for f in self.feeds.values() if f.folder}):
            tags.append({"id": _LABEL + folder, **({"type": "folder"} if self.typed_tags else {})})
        for label in sorted({n for i in self.items.values() for n in i.labels} | self.extra_labels):
            tags.append({"id": _LABEL + label, **({"type": "tag"} if self.typed_tags else {})})
        return {"tags": tags}

    def _quickadd(self, params: dict[str, list[str]]) -> dict[str, object]:
        url = params.get("quickadd", [""])[0]
        if not url or (self.refuse and self.refuse in url):
            return {"numResults": 0, "error": "could not read a feed there"}
        self.feeds.setdefault(url, Feed(url, url))
        return {"numResults": 1, "query": url, "streamId": "feed/" + url}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _serve(self, method: str) -> None:
        fake: FakeGreader = self.server.fake  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True) if method == "POST" else {}
        if not parts.path.startswith(PREFIX):
            status, kind, body, headers = 404, "text/html", b"<html><body>Not Found</body></html>", {}
        else:
            with fake.lock:
                status, kind, body, headers = fake.answer(method, parts.path[len(PREFIX):],
                                                          parse_qs(parts.query, keep_blank_values=True), form,
                                                          self.headers.get("Authorization", ""))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")
