"""The Atom 1.0 half of the plain XML reading (see plainxml): feed, entries, authors."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from feedparser.mixin import _FeedParserMixin as _Mixin
from feedparser.urls import _urljoin

from .entries import Content, RawEntry
from .parsed import MAX_ENTRIES
from .plainparts import (
    ATOM,
    HTML,
    PlainFeed,
    Unusual,
    fixed,
    joined,
    no_attributes,
    only_once,
    raw_entry,
    text_of,
)
from .settled import settled

_ATOM_ENTRY = frozenset({f"{ATOM}{name}" for name in
                         ("title", "link", "id", "updated", "published", "author", "summary", "content", "category")})
_ATOM_FEED = frozenset({f"{ATOM}{name}" for name in
                        ("title", "subtitle", "link", "id", "updated", "generator", "icon", "logo", "rights",
                         "category", "entry")})



def _atom_text(element: Element) -> tuple[str, str]:
    """An Atom text construct's value and feedparser's type for it (text or html only)."""
    if set(element.attrib) - {"type"}:
        raise Unusual
    kind = _Mixin.map_content_type(element.get("type", "text/plain"))
    if kind not in ("text/plain", "text/html"):
        raise Unusual
    return fixed(text_of(element)), kind


def _atom_link(element: Element, base: str) -> str | None:
    """The href of an alternate HTML link, resolved; None for any other link."""
    if len(element) or "href" not in element.attrib or set(element.attrib) - {"rel", "type", "href", "title",
                                                                              "hreflang", "length"}:
        raise Unusual
    rel = element.get("rel", "alternate").lower()
    kind = element.get("type", "application/atom+xml" if rel == "self" else "text/html").lower()
    if rel == "alternate" and _Mixin.map_content_type(kind) in HTML:
        href: str = element.get("href", "")
        return href if settled(base, href) else _urljoin(base, href)
    return None


def read_atom(feed: Element, base: str, url: str) -> PlainFeed:
    only_once(feed, _ATOM_FEED, frozenset({f"{ATOM}link", f"{ATOM}category", f"{ATOM}entry"}))
    title, title_is_html, link = "", True, ""
    entries = []
    for child in feed:
        tag = child.tag
        if tag == f"{ATOM}entry":
            entries.append(child)
        elif entries and tag in (f"{ATOM}title", f"{ATOM}link", f"{ATOM}id"):
            raise Unusual
        elif tag == f"{ATOM}title":
            title, kind = _atom_text(child)
            title_is_html = kind == "text/html"
        elif tag == f"{ATOM}link":
            href = _atom_link(child, base)
            if href is not None:
                link = href
        elif tag == f"{ATOM}id":
            no_attributes(child)
            if not link:  # an id stands in for a link until one comes (feedparser's guidislink)
                value = text_of(child)
                link = fixed(joined(base, value))
    raw = tuple(_atom_entry(entry, base, url) for entry in entries[:MAX_ENTRIES])
    return title, title_is_html, link, "atom10", raw, len(entries)


def _atom_entry(entry: Element, base: str, url: str) -> RawEntry:
    no_attributes(entry)
    only_once(entry, _ATOM_ENTRY, frozenset({f"{ATOM}link", f"{ATOM}category", f"{ATOM}author"}))
    identity = link = title = ""
    link_set = False
    title_is_html = True
    names: list[str] = []
    contents: list[Content] = []
    summary: Content | None = None
    dates: dict[str, str] = {}
    for child in entry:
        tag = child.tag
        if tag == f"{ATOM}title":
            title, kind = _atom_text(child)
            title_is_html = kind == "text/html"
        elif tag == f"{ATOM}link":
            href = _atom_link(child, base)
            if href is not None:
                link, link_set = href, True
        elif tag == f"{ATOM}id":
            no_attributes(child)
            value = text_of(child)
            identity = fixed(joined(base, value))
            if not link_set:
                link, link_set = identity, True
        elif tag == f"{ATOM}summary":
            if contents:
                raise Unusual  # feedparser reads a summary after a content differently
            value, kind = _atom_text(child)
            summary = Content(value, kind, "")
        elif tag == f"{ATOM}content":
            value, kind = _atom_text(child)
            contents.append(Content(value, kind, ""))
        elif tag in (f"{ATOM}published", f"{ATOM}updated"):
            no_attributes(child)
            dates[tag.removeprefix(ATOM)] = fixed(text_of(child))
        elif tag == f"{ATOM}author":
            names.append(_atom_author(child))
    if len(contents) > 1:
        raise Unusual
    author = ", ".join(dict.fromkeys(names))
    return raw_entry(identity, link, title, title_is_html, author, contents, summary, dates, base, url)


def _atom_author(author: Element) -> str:
    no_attributes(author)
    only_once(author, frozenset({f"{ATOM}name", f"{ATOM}email", f"{ATOM}uri"}), frozenset())
    name = author.find(f"{ATOM}name")
    value = text_of(name) if name is not None else ""
    for child in author:
        no_attributes(child)
        text_of(child)
    if not value:
        raise Unusual  # feedparser then names the author by e-mail, or by the element's text
    return value

