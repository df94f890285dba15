"""A fast reading of plain, well-formed RSS 2.0 and Atom 1.0: what feedparser would find, or None.

feedparser walks a document through Python callbacks for every element and every run of
text, which made it most of a fetch's time. Most feeds are plain: UTF-8, well-formed, no
DOCTYPE, no xml:base, only the elements every RSS 2.0 or Atom 1.0 feed uses, each at most
once in an item. Those are read here with ElementTree (expat in C) and turned into the same
XmlFeed, field for field, with feedparser's own helpers for what it does to each value
(URL joining, date parsing, its Windows-1252 and double-encoding repairs, its guess of
whether an RSS title is HTML). Anything else returns None and goes to feedparser whole:
tests/unit/test_feeds_plainxml.py checks that both readings agree on every feed the feed
tests parse.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping
from xml.etree.ElementTree import Element

from feedparser.mixin import _FeedParserMixin as _Mixin
from feedparser.urls import make_safe_absolute_uri

from .entries import Content, RawEntry, author_name
from .parsed import MAX_ENTRIES
from .plainatom import read_atom
from .plainparts import (
    ATOM,
    CLOSING_TAG,
    CONTENT,
    DC,
    PlainFeed,
    Unusual,
    children_text,
    fixed,
    joined,
    no_attributes,
    only_once,
    raw_entry,
    text_of,
)

#: Media types (with their parameters) whose bytes feedparser decodes as the XML declaration says.
_XML_TYPES = frozenset({"", "application/xml", "application/rss+xml", "application/atom+xml"})
_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
#: What feedparser treats in ways this reading does not (in lower case: the check is case-blind).
_UNUSUAL = (b"<!doctype", b"xml:base", b"<!entity")
_ENTITY_IN_LINK = re.compile("&([A-Za-z0-9_]+);")
#: RSS elements read here (a second of any in one item, or any other element, means feedparser).
_RSS_ITEM = frozenset({"title", "link", "guid", "description", "pubDate", "author", f"{DC}creator",
                       f"{CONTENT}encoded", "category", "comments"})
_RSS_CHANNEL = frozenset({"title", "link", "description", "language", "lastBuildDate", "pubDate", "generator",
                          "copyright", "managingEditor", "webMaster", "ttl", "docs", "category", "item",
                          f"{ATOM}link"})

def read_plain_feed(content: bytes, *, url: str, headers: Mapping[str, str]) -> PlainFeed | None:
    """The feed as feedparser would find it, or None when the document is not one this reading
    is sure of. ``headers`` are lower-cased."""
    if not _plain_bytes(content, headers):
        return None
    try:
        root = ElementTree.fromstring(content)
    except (ElementTree.ParseError, ValueError):
        return None  # not well-formed: feedparser says how, and reads what it can
    base = make_safe_absolute_uri("", url) or make_safe_absolute_uri(url) or ""
    try:
        if root.tag == "rss" and root.get("version", "").startswith("2.") and not children_text(root):
            channels = list(root)
            if len(channels) != 1 or channels[0].tag != "channel" or channels[0].attrib:
                return None
            return _rss(channels[0], base, url)
        if root.tag == f"{ATOM}feed" and "version" not in root.attrib:
            return read_atom(root, base, url)
    except Unusual:
        return None
    return None


def _plain_bytes(content: bytes, headers: Mapping[str, str]) -> bool:
    kind, _, parameters = headers.get("content-type", "").partition(";")
    charset = ""
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    if kind.strip().lower() not in _XML_TYPES and not (kind.strip().lower() == "text/xml" and charset == "utf-8"):
        return False
    if charset not in ("", "utf-8") or content.startswith(b"\xef\xbb\xbf") or not content.lstrip().startswith(b"<"):
        return False
    declared = _DECLARATION.match(content.lstrip())
    if declared is not None and declared[1].lower() != b"utf-8":
        return False
    # Three substring searches of the lower-cased bytes, not one case-blind regex: the regex
    # took a fifth of parsing a feed of 50 items.
    lowered = content.lower()
    if any(marker in lowered for marker in _UNUSUAL):
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True

def _rss_title(element: Element) -> tuple[str, bool]:
    no_attributes(element)
    value = text_of(element)
    # feedparser types RSS titles text/plain, then text/html when the text looks like HTML.
    kind = "text/html" if _Mixin.looks_like_html(value) else "text/plain"
    value = fixed(value)
    return value, kind == "text/html" or bool(CLOSING_TAG.search(value))


def _rss(channel: Element, base: str, url: str) -> PlainFeed:
    only_once(channel, _RSS_CHANNEL, frozenset({"item", "category", f"{ATOM}link"}))
    title, title_is_html, link = "", True, ""
    has_title = False
    items = []
    for child in channel:
        tag = child.tag
        if tag == "item":
            items.append(child)
        elif items and tag in ("title", "link"):
            raise Unusual  # after the items feedparser's rules for which title counts differ
        elif tag == "title":
            title, title_is_html = _rss_title(child)
            has_title = True
        elif tag == "link":
            no_attributes(child)
            link = _ENTITY_IN_LINK.sub(r"&\g<1>", fixed(joined(base, text_of(child))))
        elif tag == f"{ATOM}link":
            if child.get("rel", "").lower() != "self" or not child.get("href") or len(child):
                raise Unusual
    if not has_title:
        title_is_html = True  # no title_detail: what _title_is_html answers for a missing one
    entries = tuple(_rss_item(item, base, url) for item in items[:MAX_ENTRIES])
    return title, title_is_html, link, "rss20", entries, len(items)


def _rss_item(item: Element, base: str, url: str) -> RawEntry:
    no_attributes(item)
    only_once(item, _RSS_ITEM, frozenset({"category"}))
    if item.find("author") is not None and item.find(f"{DC}creator") is not None:
        raise Unusual
    identity = link = title = author = ""
    link_set = False
    title_is_html = True
    contents: list[Content] = []
    summary: Content | None = None
    dates: dict[str, str] = {}
    for child in item:
        tag = child.tag
        if tag == "title":
            title, title_is_html = _rss_title(child)
        elif tag == "link":
            no_attributes(child)
            value = fixed(joined(base, text_of(child)))
            link, link_set = _ENTITY_IN_LINK.sub(r"&\g<1>", value.replace("&amp;", "&")), True
        elif tag == "guid":
            if set(child.attrib) - {"isPermaLink"}:
                raise Unusual
            permalink = child.get("isPermaLink", "true") == "true"
            value = text_of(child)
            identity = fixed(joined(base, value) if permalink else value)
            if permalink and not link_set:
                link, link_set = identity, True
        elif tag == "description":
            no_attributes(child)
            summary = Content(fixed(text_of(child)), "text/html", "")
        elif tag == f"{CONTENT}encoded":
            no_attributes(child)
            contents.append(Content(fixed(text_of(child)), "text/html", ""))
        elif tag == "pubDate":
            no_attributes(child)
            dates["published"] = fixed(text_of(child))
        elif tag in ("author", f"{DC}creator"):
            no_attributes(child)
            author = author_name(fixed(text_of(child)))
        elif tag == "comments":
            text_of(child)
    return raw_entry(identity, link, title, title_is_html, author, contents, summary, dates, base, url)


