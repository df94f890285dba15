"""What the plain XML reading's RSS and Atom parts share: feedparser's repairs of every value,
the checks that send a document to feedparser, and the entry they build."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.urls import _urljoin

from .dates import from_struct
from .entries import Content, RawEntry
from .settled import settled

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
_C1 = re.compile("[\x80-\x9f]")
CLOSING_TAG = re.compile(r"</[A-Za-z][\w:-]*\s*>")
HTML = frozenset({"text/html", "application/xhtml+xml"})
#: What read_plain_feed finds: title, whether it is HTML, link, version, entries, how many in all.
PlainFeed = tuple[str, bool, str, str, tuple[RawEntry, ...], int]


class Unusual(Exception):
    """Something this reading does not do exactly as feedparser does: feedparser reads it."""


def fixed(text: str) -> str:
    """feedparser's last steps for every text value: UTF-8 read as Latin-1 undone, then the
    C1 controls read as Windows-1252. Most values are ASCII, which neither step changes; and
    only a value with a C1 control has anything to translate (a translation reads every
    character through a dict, a tenth of parsing before these checks)."""
    if text.isascii():
        return text
    try:
        text = text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return text.translate(_cp1252) if _C1.search(text) else text


def joined(base: str, value: str) -> str:
    """A link or permalink id resolved as feedparser resolves them (an empty one stays empty)."""
    if not value or settled(base, value):
        return value  # most links: what the join would give, at a fraction of its cost
    joined: str = _urljoin(base, value)
    return joined


def text_of(element: Element) -> str:
    """The element's stripped text; it must hold no elements."""
    if len(element):
        raise Unusual
    return (element.text or "").strip()


def children_text(element: Element) -> bool:
    """Whether text (not whitespace) lies between the element's children."""
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


#: The elements that hold others; any other element read here must hold text only.
_CONTAINERS = frozenset({"item", f"{ATOM}entry", f"{ATOM}author"})


def only_once(element: Element, allowed: frozenset[str], repeatable: frozenset[str]) -> None:
    seen: set[str] = set()
    for child in element:
        if not isinstance(child.tag, str) or child.tag not in allowed:
            raise Unusual
        if len(child) and child.tag not in _CONTAINERS:
            raise Unusual
        if child.tag in seen and child.tag not in repeatable:
            raise Unusual
        seen.add(child.tag)
    if children_text(element):
        raise Unusual


def no_attributes(element: Element) -> None:
    if element.attrib:
        raise Unusual



def raw_entry(identity: str, link: str, title: str, title_is_html: bool, author: str, contents: list[Content],
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


