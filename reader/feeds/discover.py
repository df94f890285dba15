"""Feed autodiscovery in HTML pages (discover_feeds) and cheap sniffs: looks_like_feed, looks_like_html."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from ..ingest.sanitize import clean_line
from .subscriptions import BadFeedURL, normalise_feed_url

#: The link types that announce a feed, and the kind of feed each one is.
FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
    "application/json": "json",
}
# WordPress puts a rel="alternate" type="application/json" link to its REST API on every page:
# that is JSON about the page, not a JSON Feed.
_NOT_JSON_FEEDS = re.compile(r"/wp-json/|[?&]rest_route=", re.IGNORECASE)
# Types servers use for feeds; a body under one of these is a feed unless it is plainly HTML.
_FEED_MEDIA_TYPES = frozenset(
    "application/rss+xml application/atom+xml application/rdf+xml application/feed+json "
    "application/x-rss+xml application/x-atom+xml".split()
)
_HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
# Elements an HTML document (even a sloppy one, without <html>) may open with.
_HTML_STARTS = frozenset("html head body meta link title script style div p".split())
#: How much of a response the sniffs look at: the prolog of any real document fits.
SNIFF_BYTES = 8192
_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype\s+([\w:.-]+)[^>\[]*(?:\[.*?\])?\s*>)", re.S | re.I)
_FIRST_TAG = re.compile(rb"\s*<([A-Za-z_][\w.:-]*)")
_JSON_FEED_VERSION = re.compile(rb'"version"\s*:\s*"https?:\\?/\\?/(?:www\.)?jsonfeed\.org\\?/version')
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# HTML reads these labels as windows-1252, which is what such pages are really written in.
_HTML_CHARSET_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


@dataclass(frozen=True, slots=True)
class DiscoveredFeed:
    url: str
    title: str = ""
    #: "rss", "atom" or "json", from the link's type.
    kind: str = ""


def discover_feeds(html: bytes | str, base_url: str) -> list[DiscoveredFeed]:
    """The feeds a page announces with <link rel="alternate" type=...>, in document order.

    Relative addresses are resolved against the page's <base href> (if http/https) or
    ``base_url``; only http(s) feeds are kept (no javascript:, data: or file:), each once.
    """
    tree = LexborHTMLParser(_decode(html) if isinstance(html, bytes) else html)
    base = base_url
    for node in tree.css("base[href]"):
        try:
            candidate = urljoin(base_url, (node.attributes.get("href") or "").strip())
        except ValueError:  # a malformed address, such as an unclosed IPv6 bracket
            candidate = ""
        if candidate.lower().startswith(("http://", "https://")):
            base = candidate
        break  # only the first <base href> counts, as in a browser
    found: dict[str, DiscoveredFeed] = {}
    for node in tree.css("link[href]"):
        attrs = node.attributes
        rel = (attrs.get("rel") or "").lower().split()
        kind = FEED_TYPES.get(_media_type(attrs.get("type") or ""))
        if "alternate" not in rel or kind is None:
            continue
        try:
            url = normalise_feed_url(urljoin(base, (attrs.get("href") or "").strip()))
        except (BadFeedURL, ValueError):
            continue
        if kind == "json" and _NOT_JSON_FEEDS.search(url):
            continue
        if url not in found:
            found[url] = DiscoveredFeed(url=url, title=clean_line(attrs.get("title") or ""), kind=kind)
    return list(found.values())


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    """Whether a response is a feed, from its start: an XML document whose root is <rss>, <feed>
    or <rdf:RDF>, or a JSON Feed. A feed media type vouches for a body the sniff cannot place,
    unless it is plainly HTML (an error page served under the feed's type)."""
    doctype, root = _sniff(content)
    if root.rpartition(":")[2] in _FEED_ROOTS:
        return True
    if _is_json_feed(content):
        return True
    if doctype == "html" or root in _HTML_STARTS or _head(content).lstrip()[:1] in (b"{", b"["):
        return False
    return _media_type(content_type) in _FEED_MEDIA_TYPES


def looks_like_html(content: bytes, content_type: str = "") -> bool:
    """Whether a response is a web page (where feeds may be discovered) rather than a feed."""
    doctype, root = _sniff(content)
    # The root element decides before the doctype: some feeds open with an XHTML doctype.
    if root.rpartition(":")[2] in _FEED_ROOTS or _is_json_feed(content):
        return False
    if doctype == "html" or root in _HTML_STARTS:
        return True
    return _media_type(content_type) in _HTML_MEDIA_TYPES


def _media_type(content_type: str) -> str:
    return content_type.partition(";")[0].strip().lower()


def _head(content: bytes) -> bytes:
    head = content[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head.removeprefix(b"\xef\xbb\xbf")


def _sniff(content: bytes) -> tuple[str, str]:
    """The DOCTYPE's name and the first element's name, lower-cased ("" where there is none)."""
    head = _head(content)
    doctype = b""
    position = 0
    while found := _PROLOG.match(head, position):
        if found.end() == position:
            break
        doctype = found[1] or doctype
        position = found.end()
    tag = _FIRST_TAG.match(head, position)
    return doctype.decode("ascii", "replace").lower(), (tag[1].decode("ascii", "replace").lower() if tag else "")


def _is_json_feed(content: bytes) -> bool:
    head = _head(content).lstrip()
    # JSON Feed requires "version", which writers put first; a larger window is still cheap.
    return head.startswith(b"{") and _JSON_FEED_VERSION.search(content[: SNIFF_BYTES * 8]) is not None


def _decode(data: bytes) -> str:
    """Text of an HTML page: its BOM, else its <meta charset>, else UTF-8 (bad bytes replaced)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    encoding = "utf-8"
    found = _META_CHARSET.search(data[:2048])
    if found:
        try:
            name = codecs.lookup(found[1].decode("ascii")).name
            encoding = _HTML_CHARSET_ALIASES.get(name, name)
        except (LookupError, UnicodeDecodeError):
            pass
    if encoding.startswith("utf-16"):  # a page in ASCII cannot truly be UTF-16; HTML says UTF-8
        encoding = "utf-8"
    return data.decode(encoding, errors="replace")
