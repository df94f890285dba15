"""Finding an article by any of the addresses another tool saved for it.

Hypothesis, Readwise and W3C files record the page's address as the browser saw it:
http or https, with or without a trailing slash or ``www.``, often with ``utm_*``
tracking parameters. ``url_key`` folds those variations away, so each form finds the
article the library stored under another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit

#: Query parameters that say how a reader arrived, never which page it is.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def url_key(url: str) -> str:
    """The address without scheme, ``www.``, default port, fragment, tracking parameters or trailing slash."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.removeprefix("www.")
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{query}" if query else "")


class LinkIndex:
    """Article ids by link, looked up exactly first and then by ``url_key``."""

    def __init__(self, links: Mapping[str, str]) -> None:
        self._links = links
        self._keys: dict[str, str] | None = None

    def find(self, urls: Iterable[str]) -> str | None:
        urls = [u for u in urls if u]
        for url in urls:
            if url in self._links:
                return self._links[url]
        if self._keys is None:
            # Built on the first miss only: an import of our own export matches exactly.
            self._keys = {}
            for link, article_id in self._links.items():
                self._keys.setdefault(url_key(link) or link, article_id)
        for url in urls:
            key = url_key(url)
            if key and key in self._keys:
                return self._keys[key]
        return None
