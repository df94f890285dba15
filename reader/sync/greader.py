"""A Google Reader API account (FreshRSS, Inoreader, The Old Reader, Miniflux): ClientLogin, the
item-id streams, ``edit-tag`` and the subscription list.

The account's marks are read as lists of ids (all items, the unread ones, the starred ones, each
label's), which costs a few requests however many items there are; content is fetched only for
items the library has never linked. Unread ids come from the reading list with read items
excluded (``xt``), which every one of these servers honours; a ``s=…/read`` stream is not
(FreshRSS answers it with every item).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from ..feeds.http_errors import shown
from .errors import LoginFailed, ServerError, SyncError
from .greader_items import LABEL, READ, READING_LIST, STARRED, item_key, long_id, remote_article, stream_of
from .http import BoundedHttp, Reply
from .provider import Capabilities, RemoteArticle, RemoteFeed, RemoteMarks

_IDS_PAGE = 1000
_BATCH = 200  # items per contents or edit-tag request, under every server's limit
_MAX_PAGES = 1000  # a continuation that never ends is a broken server, not a big account


class GreaderClient:
    """The calls the sync uses, one method each; every failure a SyncError."""

    def __init__(self, url: str, user: str, password: str, http: BoundedHttp | None = None) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self.user = user
        self._password = password
        self.http = http or BoundedHttp()
        self._auth = ""
        self._token = ""

    def _not_api(self, reply: Reply) -> ServerError:
        what = "an HTML page" if b"<html" in reply.body[:2048].lower() else "something that is not its API"
        return ServerError(f"{self.url} answered with {what} (HTTP {reply.status}), not a Google Reader API: check "
                           "the address (FreshRSS: https://HOST/api/greader.php)")

    def login(self) -> None:
        reply = self.http.post(self.url + "accounts/ClientLogin", data={"Email": self.user, "Passwd": self._password})
        html = b"<html" in reply.body[:2048].lower()
        if reply.status in (401, 403) or (reply.status == 400 and not html):  # FreshRSS: 400 for an unknown user
            raise LoginFailed(f"the Google Reader API at {self.url} refused the user name or password (FreshRSS "
                              "wants the API password set in its profile)")
        fields = dict(line.partition("=")[::2] for line in reply.body.decode("utf-8", "replace").splitlines())
        auth = fields.get("Auth", "").strip()
        if reply.status != 200 or not auth or not auth.isprintable() or "<" in auth or len(auth) > 4096:
            raise self._not_api(reply)
        self._auth, self._token = auth, ""

    def _call(self, method: str, path: str, *, params: dict[str, str | int] | None = None,
              data: dict[str, str | list[str]] | None = None, write: bool = False) -> Reply:
        if not self._auth:
            self.login()
        for attempt in (0, 1):
            form = {**(data or {}), "T": self.token()} if write else data
            reply = self.http.request(method, self.url + "reader/api/0/" + path, params=params, data=form,
                                      headers={"Authorization": f"GoogleLogin auth={self._auth}"})
            if reply.status != 401 or attempt:
                break
            # An expired login or write token: get both again, once.
            self.login()
        if reply.status == 401:
            raise LoginFailed(f"the Google Reader API at {self.url} ended the session")
        if reply.status >= 400:
            raise ServerError(f"the Google Reader API at {self.url} answered {path} with HTTP {reply.status}: "
                              f"{shown(reply.body[:200].decode('utf-8', 'replace'))}")
        return reply

    def _json(self, reply: Reply) -> dict[str, Any]:
        try:
            doc = orjson.loads(reply.body)
        except orjson.JSONDecodeError:
            doc = None
        if not isinstance(doc, dict):
            raise self._not_api(reply)
        return doc

    def token(self) -> str:
        if not self._token:
            reply = self._call("GET", "token")
            token = reply.body.decode("utf-8", "replace").strip()
            if not token or not token.isprintable() or "<" in token or len(token) > 1024:
                raise self._not_api(reply)
            self._token = token
        return self._token

    def item_ids(self, stream: str, exclude: str = "") -> list[str]:
        """The keys (item_key) of every item in a stream, following continuations."""
        keys: list[str] = []
        continuation = ""
        for _ in range(_MAX_PAGES):
            params: dict[str, str | int] = {"s": stream, "n": _IDS_PAGE, "output": "json"}
            if exclude:
                params["xt"] = exclude
            if continuation:
                params["c"] = continuation
            doc = self._json(self._call("GET", "stream/items/ids", params=params))
            refs = doc.get("itemRefs") or []
            for ref in refs if isinstance(refs, list) else ():
                key = item_key(str(ref.get("id", ""))) if isinstance(ref, dict) else None
                if key is not None:
                    keys.append(key)
            following = doc.get("continuation")
            if not following or not refs or str(following) == continuation:
                return keys
            continuation = str(following)
        raise ServerError(f"the Google Reader API at {self.url} kept sending more of {shown(stream)}")

    def contents(self, keys: list[str]) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for start in range(0, len(keys), _BATCH):
            doc = self._json(self._call("POST", "stream/items/contents", params={"output": "json"},
                                        data={"i": [long_id(k) for k in keys[start:start + _BATCH]]}))
            items += [i for i in doc.get("items") or () if isinstance(i, dict)]
        return items

    def edit_tag(self, keys: list[str], *, add: str = "", remove: str = "") -> None:
        for start in range(0, len(keys), _BATCH):
            form: dict[str, str | list[str]] = {"i": [long_id(k) for k in keys[start:start + _BATCH]]}
            if add:
                form["a"] = add
            if remove:
                form["r"] = remove
            self._call("POST", "edit-tag", data=form, write=True)

    def subscriptions(self) -> list[dict[str, Any]]:
        found = self._json(self._call("GET", "subscription/list", params={"output": "json"})).get("subscriptions")
        return [s for s in found or () if isinstance(s, dict)]

    def tags(self) -> list[dict[str, Any]]:
        found = self._json(self._call("GET", "tag/list", params={"output": "json"})).get("tags")
        return [t for t in found or () if isinstance(t, dict)]

    def quickadd(self, url: str) -> dict[str, Any]:
        return self._json(self._call("POST", "subscription/quickadd", data={"quickadd": url}, write=True))


def _folders(subscription: dict[str, Any]) -> tuple[str, ...]:
    names = []
    for category in subscription.get("categories") or ():
        if isinstance(category, dict):
            found = stream_of(str(category.get("id", "")))
            label = category.get("label")
            names.append(str(label) if isinstance(label, str) and label else found[1] if found else "")
    return tuple(n for n in names if n)


class GreaderProvider:
    """SyncProvider for a Google Reader API. It has no article notes, so they stay local."""

    name = "greader"

    def __init__(self, client: GreaderClient, capabilities: Capabilities | None = None) -> None:
        self.client = client
        self.capabilities = capabilities or Capabilities(holds_tags=True, holds_notes=False)
        self._folders: frozenset[str] | None = None
        self._subscriptions: list[dict[str, Any]] | None = None  # one sync's

    def login(self) -> None:
        self.client.login()

    def folders(self) -> frozenset[str]:
        """Feed folders, which are not item labels although the same streams name both."""
        if self._folders is None:
            self._folders = frozenset(f for s in self._subscription_docs() for f in _folders(s))
        return self._folders

    def _subscription_docs(self) -> list[dict[str, Any]]:
        if self._subscriptions is None:
            self._subscriptions = self.client.subscriptions()
        return self._subscriptions

    def _labels(self) -> list[str]:
        names = []
        for tag in self.client.tags():
            found = stream_of(str(tag.get("id", "")))
            if found is None or found[0] != "label":
                continue
            kind = tag.get("type")  # Inoreader's and FreshRSS's "tag" or "folder"; others say nothing
            if kind == "tag" or (kind is None and found[1] not in self.folders()):
                names.append(found[1])
        return names

    def articles(self) -> Iterator[RemoteArticle]:
        everything = self.client.item_ids(READING_LIST)
        unread = set(self.client.item_ids(READING_LIST, exclude=READ))
        starred = self.client.item_ids(STARRED)
        labels: dict[str, list[str]] = {}
        if self.capabilities.holds_tags:
            for caption in self._labels():
                for key in self.client.item_ids(LABEL + caption):
                    labels.setdefault(key, []).append(caption)
        starred_set = set(starred)
        # A starred item of a feed since unsubscribed is in no reading list, yet still the user's.
        for key in dict.fromkeys([*everything, *starred]):
            yield RemoteArticle(key, "", "", RemoteMarks(read=key not in unread, starred=key in starred_set,
                                                         labels=tuple(sorted(labels.get(key, ()))), note=""))

    def contents(self, remote_ids: list[str]) -> Iterable[RemoteArticle]:
        folders = self.folders()
        found = (remote_article(item, folders) for item in self.client.contents(remote_ids))
        return [r for r in found if r is not None]

    def guid_key(self, guid: str, *, remote: bool) -> str:
        return guid

    def set_read(self, remote_ids: list[str], read: bool) -> None:
        self.client.edit_tag(remote_ids, **{"add" if read else "remove": READ})

    def set_starred(self, remote_ids: list[str], starred: bool) -> None:
        self.client.edit_tag(remote_ids, **{"add" if starred else "remove": STARRED})

    def set_labels(self, remote_id: str, add: Iterable[str], remove: Iterable[str]) -> None:
        # One label per request: FreshRSS reads only the first a= or r= of a request.
        added = list(add)
        for caption in added:
            self.client.edit_tag([remote_id], add=LABEL + caption)
        for caption in remove:
            self.client.edit_tag([remote_id], remove=LABEL + caption)
        if added:
            self._check_kept(remote_id, added)

    def _check_kept(self, remote_id: str, captions: list[str]) -> None:
        """A server without item labels (Miniflux) answers OK and drops them; the next sync would
        then take their absence for a removal and untag the article here. Stop the sync instead
        (the journal keeps every change) and say how to go on."""
        items = self.client.contents([remote_id])
        if not items:
            return  # the item went meanwhile
        kept = {found[1] for c in items[0].get("categories") or () if isinstance(c, str) and (found := stream_of(c))}
        if not set(captions) <= kept:
            raise ServerError(f"the server at {self.client.url} keeps no labels on articles: sync it with tags kept "
                              f"here, `broadsheet sync add greader {self.client.url} --user {self.client.user} "
                              "--no-tags`")

    def set_note(self, remote_id: str, note: str) -> None:
        raise SyncError("the Google Reader API has no article notes")

    def subscriptions(self) -> list[RemoteFeed]:
        feeds = []
        for sub in self._subscription_docs():
            stream = str(sub.get("id", ""))
            url = sub.get("url") if isinstance(sub.get("url"), str) else ""
            url = url or (stream[5:] if stream.startswith("feed/") and "://" in stream else "")
            if url:
                feeds.append(RemoteFeed(url, str(sub.get("title") or ""), _folders(sub), str(sub.get("htmlUrl") or "")))
        return feeds

    def subscribe(self, url: str, title: str) -> None:
        doc = self.client.quickadd(url)
        if not doc.get("numResults") and not doc.get("streamId"):
            raise ServerError(f"the server would not subscribe to {shown(url)}: {shown(str(doc.get('error') or '?'))}")

    def close(self) -> None:
        self.client.http.close()
