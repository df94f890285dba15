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

from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin as _Mixin
from feedparser.urls import _urljoin, make_safe_absolute_uri

from .dates import from_struct
from .entries import Content, RawEntry, author_name
from .parsed import MAX_ENTRIES

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
#: Media types (with their parameters) whose bytes feedparser decodes as the XML declaration says.
_XML_TYPES = frozenset({"", "application/xml", "application/rss+xml", "application/atom+xml"})
_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_UNUSUAL = re.compile(rb"<!DOCTYPE|xml:base|<!ENTITY", re.IGNORECASE)
_ENTITY_IN_LINK = re.compile("&([A-Za-z0-9_]+);")
_CLOSING_TAG = re.compile(r"</[A-Za-z][\w:-]*\s*>")
_HTML = frozenset({"text/html", "application/xhtml+xml"})
#: RSS elements read here (a second of any in one item, or any other element, means feedparser).
_RSS_ITEM = frozenset({"title", "link", "guid", "description", "pubDate", "author", f"{_DC}creator",
                       f"{_CONTENT}encoded", "category", "comments"})
_RSS_CHANNEL = frozenset({"title", "link", "description", "language", "lastBuildDate", "pubDate", "generator",
                          "copyright", "managingEditor", "webMaster", "ttl", "docs", "category", "item",
                          f"{_ATOM}link"})
_ATOM_ENTRY = frozenset({f"{_ATOM}{name}" for name in
                         ("title", "link", "id", "updated", "published", "author", "summary", "content", "category")})
_ATOM_FEED = frozenset({f"{_ATOM}{name}" for name in
                        ("title", "subtitle", "link", "id", "updated", "generator", "icon", "logo", "rights",
                         "category", "entry")})


#: What read_plain_feed finds: title, whether it is HTML, link, version, entries, how many in all.
PlainFeed = tuple[str, bool, str, str, tuple[RawEntry, ...], int]


class _Unusual(Exception):
    """Something this reading does not do exactly as feedparser does: feedparser reads it."""


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
        if root.tag == "rss" and root.get("version", "").startswith("2.") and not _children_text(root):
            channels = list(root)
            if len(channels) != 1 or channels[0].tag != "channel" or channels[0].attrib:
                return None
            return _rss(channels[0], base, url)
        if root.tag == f"{_ATOM}feed" and "version" not in root.attrib:
            return _atom(root, base, url)
    except _Unusual:
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
    if _UNUSUAL.search(content):
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _fixed(text: str) -> str:
    """feedparser's last steps for every text value: UTF-8 read as Latin-1 undone, then the
    C1 controls read as Windows-1252."""
    try:
        text = text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return text.translate(_cp1252)


def _joined(base: str, value: str) -> str:
    """A link or permalink id resolved as feedparser resolves them (an empty one stays empty)."""
    joined: str = _urljoin(base, value) if value else value
    return joined


def _text(element: Element) -> str:
    """The element's stripped text; it must hold no elements."""
    if len(element):
        raise _Unusual
    return (element.text or "").strip()


def _children_text(element: Element) -> bool:
    """Whether text (not whitespace) lies between the element's children."""
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


#: The elements that hold others; any other element read here must hold text only.
_CONTAINERS = frozenset({"item", f"{_ATOM}entry", f"{_ATOM}author"})


def _once(element: Element, allowed: frozenset[str], repeatable: frozenset[str]) -> None:
    seen: set[str] = set()
    for child in element:
        if not isinstance(child.tag, str) or child.tag not in allowed:
            raise _Unusual
        if len(child) and child.tag not in _CONTAINERS:
            raise _Unusual
        if child.tag in seen and child.tag not in repeatable:
            raise _Unusual
        seen.add(child.tag)
    if _children_text(element):
        raise _Unusual


def _no_attributes(element: Element) -> None:
    if element.attrib:
        raise _Unusual


def _rss_title(element: Element) -> tuple[str, bool]:
    _no_attributes(element)
    value = _text(element)
    # feedparser types RSS titles text/plain, then text/html when the text looks like HTML.
    kind = "text/html" if _Mixin.looks_like_html(value) else "text/plain"
    value = _fixed(value)
    return value, kind == "text/html" or bool(_CLOSING_TAG.search(value))


def _rss(channel: Element, base: str, url: str) -> PlainFeed:
    _once(channel, _RSS_CHANNEL, frozenset({"item", "category", f"{_ATOM}link"}))
    title, title_is_html, link = "", True, ""
    has_title = False
    items = []
    for child in channel:
        tag = child.tag
        if tag == "item":
            items.append(child)
        elif items and tag in ("title", "link"):
            raise _Unusual  # after the items feedparser's rules for which title counts differ
        elif tag == "title":
            title, title_is_html = _rss_title(child)
            has_title = True
        elif tag == "link":
            _no_attributes(child)
            link = _ENTITY_IN_LINK.sub(r"&\g<1>", _fixed(_joined(base, _text(child))))
        elif tag == f"{_ATOM}link":
            if child.get("rel", "").lower() != "self" or not child.get("href") or len(child):
                raise _Unusual
    if not has_title:
        title_is_html = True  # no title_detail: what _title_is_html answers for a missing one
    entries = tuple(_rss_item(item, base, url) for item in items[:MAX_ENTRIES])
    return title, title_is_html, link, "rss20", entries, len(items)


def _rss_item(item: Element, base: str, url: str) -> RawEntry:
    _no_attributes(item)
    _once(item, _RSS_ITEM, frozenset({"category"}))
    if item.find("author") is not None and item.find(f"{_DC}creator") is not None:
        raise _Unusual
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
            _no_attributes(child)
            value = _fixed(_joined(base, _text(child)))
            link, link_set = _ENTITY_IN_LINK.sub(r"&\g<1>", value.replace("&amp;", "&")), True
        elif tag == "guid":
            if set(child.attrib) - {"isPermaLink"}:
                raise _Unusual
            permalink = child.get("isPermaLink", "true") == "true"
            value = _text(child)
            identity = _fixed(_joined(base, value) if permalink else value)
            if permalink and not link_set:
                link, link_set = identity, True
        elif tag == "description":
            _no_attributes(child)
            summary = Content(_fixed(_text(child)), "text/html", "")
        elif tag == f"{_CONTENT}encoded":
            _no_attributes(child)
            contents.append(Content(_fixed(_text(child)), "text/html", ""))
        elif tag == "pubDate":
            _no_attributes(child)
            dates["published"] = _fixed(_text(child))
        elif tag in ("author", f"{_DC}creator"):
            _no_attributes(child)
            author = author_name(_fixed(_text(child)))
        elif tag == "comments":
            _text(child)
    return _entry(identity, link, title, title_is_html, author, contents, summary, dates, base, url)


def _entry(identity: str, link: str, title: str, title_is_html: bool, author: str, contents: list[Content],
           summary: Content | None, dates: dict[str, str], base: str, url: str) -> RawEntry:
    # feedparser gives every content the document's base; it counts as none when it is the feed's URL.
    shown_base = base if base != url else ""
    details = [Content(c.value, c.type, shown_base) for c in (*contents, *([summary] if summary else []))]
    return RawEntry(
        id=identity,
        link=link,
        title=title,
        title_is_html=title_is_html,
        author=author,
        contents=tuple(c for c in details if c.value),
        dates=tuple((dates[name], from_struct(_parse_date(dates[name]))) for name in ("published", "updated")
                    if dates.get(name)),
    )


def _atom_text(element: Element) -> tuple[str, str]:
    """An Atom text construct's value and feedparser's type for it (text or html only)."""
    if set(element.attrib) - {"type"}:
        raise _Unusual
    kind = _Mixin.map_content_type(element.get("type", "text/plain"))
    if kind not in ("text/plain", "text/html"):
        raise _Unusual
    return _fixed(_text(element)), kind


def _atom_link(element: Element, base: str) -> str | None:
    """The href of an alternate HTML link, resolved; None for any other link."""
    if len(element) or "href" not in element.attrib or set(element.attrib) - {"rel", "type", "href", "title",
                                                                              "hreflang", "length"}:
        raise _Unusual
    rel = element.get("rel", "alternate").lower()
    kind = element.get("type", "application/atom+xml" if rel == "self" else "text/html").lower()
    if rel == "alternate" and _Mixin.map_content_type(kind) in _HTML:
        href: str = _urljoin(base, element.get("href", ""))
        return href
    return None


def _atom(feed: Element, base: str, url: str) -> PlainFeed:
    _once(feed, _ATOM_FEED, frozenset({f"{_ATOM}link", f"{_ATOM}category", f"{_ATOM}entry"}))
    title, title_is_html, link = "", True, ""
    entries = []
    for child in feed:
        tag = child.tag
        if tag == f"{_ATOM}entry":
            entries.append(child)
        elif entries and tag in (f"{_ATOM}title", f"{_ATOM}link", f"{_ATOM}id"):
            raise _Unusual
        elif tag == f"{_ATOM}title":
            title, kind = _atom_text(child)
            title_is_html = kind == "text/html"
        elif tag == f"{_ATOM}link":
            href = _atom_link(child, base)
            if href is not None:
                link = href
        elif tag == f"{_ATOM}id":
            _no_attributes(child)
            if not link:  # an id stands in for a link until one comes (feedparser's guidislink)
                value = _text(child)
                link = _fixed(_joined(base, value))
    raw = tuple(_atom_entry(entry, base, url) for entry in entries[:MAX_ENTRIES])
    return title, title_is_html, link, "atom10", raw, len(entries)


def _atom_entry(entry: Element, base: str, url: str) -> RawEntry:
    _no_attributes(entry)
    _once(entry, _ATOM_ENTRY, frozenset({f"{_ATOM}link", f"{_ATOM}category", f"{_ATOM}author"}))
    identity = link = title = ""
    link_set = False
    title_is_html = True
    names: list[str] = []
    contents: list[Content] = []
    summary: Content | None = None
    dates: dict[str, str] = {}
    for child in entry:
        tag = child.tag
        if tag == f"{_ATOM}title":
            title, kind = _atom_text(child)
            title_is_html = kind == "text/html"
        elif tag == f"{_ATOM}link":
            href = _atom_link(child, base)
            if href is not None:
                link, link_set = href, True
        elif tag == f"{_ATOM}id":
            _no_attributes(child)
            value = _text(child)
            identity = _fixed(_joined(base, value))
            if not link_set:
                link, link_set = identity, True
        elif tag == f"{_ATOM}summary":
            if contents:
                raise _Unusual  # feedparser reads a summary after a content differently
            value, kind = _atom_text(child)
            summary = Content(value, kind, "")
        elif tag == f"{_ATOM}content":
            value, kind = _atom_text(child)
            contents.append(Content(value, kind, ""))
        elif tag in (f"{_ATOM}published", f"{_ATOM}updated"):
            _no_attributes(child)
            dates[tag.removeprefix(_ATOM)] = _fixed(_text(child))
        elif tag == f"{_ATOM}author":
            names.append(_atom_author(child))
    if len(contents) > 1:
        raise _Unusual
    author = ", ".join(dict.fromkeys(names))
    return _entry(identity, link, title, title_is_html, author, contents, summary, dates, base, url)


def _atom_author(author: Element) -> str:
    _no_attributes(author)
    _once(author, frozenset({f"{_ATOM}name", f"{_ATOM}email", f"{_ATOM}uri"}), frozenset())
    name = author.find(f"{_ATOM}name")
    value = _text(name) if name is not None else ""
    for child in author:
        _no_attributes(child)
        _text(child)
    if not value:
        raise _Unusual  # feedparser then names the author by e-mail, or by the element's text
    return value
