"""OPML subscription lists: read_opml (folders and categories become tags) and write_opml."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.parsers import expat

from .subscriptions import Collector, ImportResult, Subscription, SubscriptionFileError, shown

#: A subscription list this big is not one; refusing it bounds the memory a bad file can take.
MAX_OPML_BYTES = 20 * 1024 * 1024
# Roots that mean the user picked a feed, not a list of feeds (local names: "rdf:RDF" -> "RDF").
_FEED_ROOTS = {"rss", "feed", "RDF"}
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# Encodings expat reads itself; any other that Python knows is transcoded to UTF-8 first.
_EXPAT_ENCODINGS = {"utf-8", "utf-16", "iso8859-1", "ascii"}
# Characters XML 1.0 cannot carry at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Refused(Exception):
    """Raised from inside an expat handler to stop the parse at a construct we do not accept."""


def read_opml(data: bytes) -> ImportResult:
    """Read an OPML file: each outline with an xmlUrl is a feed.

    Folders (outlines holding others) and the category attribute become tags; the title comes
    from title, else text. Entries that are not http(s) feeds are listed in ``skipped`` with the
    reason. A file that is not well-formed OPML raises SubscriptionFileError.

    Documents with a DOCTYPE are refused before any of it is read: a DTD is the only way to
    declare entities, so with none there is no entity expansion ("billion laughs") and no
    external entity (file or URL) to fetch.
    """
    if len(data) > MAX_OPML_BYTES:
        raise SubscriptionFileError(f"the file is too large for a subscription list ({len(data):,} bytes)")
    reader = _OutlineReader()
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = reader.refuse_doctype
    parser.EntityDeclHandler = reader.refuse_entity
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    # Blank lines before the XML declaration are an error to expat but common in exported files.
    body = data.removeprefix(b"\xef\xbb\xbf")
    stripped = body.lstrip()
    if stripped.startswith(b"<?xml"):
        skipped_lines, data = body[: len(body) - len(stripped)].count(b"\n"), stripped
    else:
        skipped_lines = 0
    try:
        parser.Parse(_transcode(data), True)
    except _Refused as refused:
        line = parser.CurrentLineNumber + skipped_lines
        raise SubscriptionFileError(f"{refused} (line {line}); the file was not read") from None
    except expat.ExpatError as error:
        where = f"line {error.lineno + skipped_lines}, column {error.offset + 1}"
        problem = expat.ErrorString(error.code)
        raise SubscriptionFileError(f"not a well-formed OPML file: {problem} at {where}") from None
    return reader.collector.result()


def _transcode(data: bytes) -> bytes:
    """Expat knows four encodings; re-encode as UTF-8 an OPML file declared in another one."""
    found = _DECLARED_ENCODING.match(data[:200])
    if not found:
        return data
    declared = found[1].decode("ascii")
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        raise SubscriptionFileError(f"the file declares an unknown encoding: {shown(declared)}") from None
    if codec.replace("_", "-") in _EXPAT_ENCODINGS or codec.startswith("utf-16"):
        return data
    start, end = found.span(1)
    try:
        # The declaration before the name is ASCII in every codec Python would find here.
        rest = data[end:].decode(codec)
    except UnicodeDecodeError as error:
        raise SubscriptionFileError(f"the file is not valid {codec} (byte {end + error.start})") from None
    return data[:start] + b"utf-8" + rest.encode("utf-8")


class _OutlineReader:
    """Expat handlers that turn outlines into subscriptions, keeping the stack of folder names."""

    def __init__(self) -> None:
        self.collector = Collector("opml")
        self.depth = 0
        # One entry per open outline: the tags it gives the outlines inside it.
        self.folders: list[tuple[str, ...]] = []

    def refuse_doctype(self, *_args: object) -> None:
        raise _Refused("the file has a DOCTYPE declaration, which OPML never needs")

    def refuse_entity(self, *_args: object) -> None:
        raise _Refused("the file declares entities, which OPML never needs")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        local = name.rpartition(":")[2]
        if self.depth == 1:
            if local in _FEED_ROOTS:
                raise _Refused(f"this is a feed (<{shown(name)}>), not a subscription list: add its address instead")
            if local.lower() != "opml":
                raise _Refused(f"not an OPML file: the document is <{shown(name)}>, not <opml>")
            return
        if local != "outline":
            return
        # Producers disagree on the case of xmlUrl and htmlUrl (xmlurl, XMLURL...).
        attrs = {key.lower(): value for key, value in attributes.items()}
        url = attrs.get("xmlurl", "").strip()
        title = attrs.get("title", "").strip() or attrs.get("text", "").strip()
        inherited = self.folders[-1] if self.folders else ()
        if url:
            if title == url:  # write_opml puts the URL in text when there is no title
                title = ""
            tags = inherited + tuple(filter(None, attrs.get("category", "").split(",")))
            self.collector.add(url, url, title, tags, attrs.get("htmlurl", ""))
        elif attrs.get("url") or attrs.get("htmlurl"):
            what = "an include" if attrs.get("type", "").lower() == "include" else "a link"
            self.collector.skip(attrs.get("url") or attrs.get("htmlurl", ""), f"no xmlUrl: {what}, not a feed")
        # Every outline may hold others; a titled one that is not a feed names a folder.
        self.folders.append(inherited + ((title,) if title and not url else ()))

    def end(self, name: str) -> None:
        self.depth -= 1
        if name.rpartition(":")[2] == "outline" and self.folders:
            self.folders.pop()


def write_opml(
    subs: Iterable[Subscription], title: str = "broadsheet subscriptions", *, created: datetime | None = None
) -> str:
    """An OPML 2.0 document listing the subscriptions, one outline each; tags go in category.

    The text attribute, which OPML requires, holds the URL when a feed has no title (read_opml
    knows to ignore it). Encode the result as UTF-8, as its declaration says.
    """
    created = created or datetime.now(UTC)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_escape(title)}</title>",
        f"    <dateCreated>{format_datetime(created.astimezone(UTC), usegmt=True)}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for sub in subs:
        attrs = [("type", "rss"), ("text", sub.title or sub.url)]
        if sub.title:
            attrs.append(("title", sub.title))
        attrs.append(("xmlUrl", sub.url))
        if sub.site_url:
            attrs.append(("htmlUrl", sub.site_url))
        if sub.tags:
            attrs.append(("category", ",".join(sub.tags)))
        lines.append("    <outline " + " ".join(f'{key}="{_escape(value)}"' for key, value in attrs) + "/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _escape(value: str) -> str:
    # Whitespace other than a space is written as a reference: a parser turns a raw tab or
    # newline inside an attribute into a space, which would change the title on the way back.
    value = _NOT_XML.sub("", value)
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )
