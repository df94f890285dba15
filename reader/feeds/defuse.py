"""Make untrusted feed bytes safe to give feedparser: no entity bombs, no crashing char refs."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .charset import ascii_transparent

# Numeric character references long enough to be a surrogate (&#xD800;, &#55296;) or beyond
# U+10FFFF: feedparser raises on them. Short ones, the vast majority, are never even looked at.
_LONG_CHAR_REF = re.compile(rb"&#(?:[xX]0*([0-9a-fA-F]{4,})|0*([0-9]{5,}));")
_REPLACEMENT_REF = b"&#xFFFD;"

# The XML prolog before a DOCTYPE: BOM, whitespace, processing instructions, comments.
_MISC = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_DOCTYPE_PART = re.compile(rb"[\[>\"']")
_SUBSET_PART = re.compile(rb"<!--|<\?|[\]\"']")
_ENDS = {b"<!--": b"-->", b"<?": b"?>", b'"': b'"', b"'": b"'"}
# Namespace declarations whose URI holds whitespace or non-ASCII bytes: Python's expat reader
# splits "uri name" on any Unicode whitespace (NBSP included), and feedparser's strict parser
# raises when a name falls into more than two parts.
_NAMESPACE = re.compile(rb"""(xmlns(?::[\w.-]+)?\s*=\s*)(["'])(.*?)\2""", re.DOTALL)
_UNSAFE_IN_NAMESPACE = re.compile(rb"[\s\x80-\xff]")
# Where feedparser's "head" ends: it takes ENTITY declarations from everything before this.
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY[^>]*>", re.IGNORECASE)


def defuse(content: bytes, headers: Mapping[str, str]) -> tuple[bytes, dict[str, str]]:
    """The bytes and (lower-cased) headers to parse in place of the ones fetched.

    Removes the DOCTYPE's internal subset and every ENTITY declaration before the root element:
    feedparser's fallback parser expands declared entities with no limit, so a 120 KB document
    defining one big entity and citing it thousands of times grows to hundreds of millions of
    characters. Feeds never need their own entities. Also replaces character references to
    surrogates or past U+10FFFF, which make feedparser raise, with U+FFFD, and keeps
    feedparser from decoding with an encoding that could hide markup from these checks.
    """
    headers = {key.lower(): value for key, value in headers.items()}
    # First, so that the ASCII byte patterns below mean what the parsers will read.
    content, headers = ascii_transparent(content, headers)
    if b"&#" in content:
        content = _LONG_CHAR_REF.sub(_fix_char_ref, content)
    content = _drop_internal_subset(content)
    if b"xmlns" in content:
        content = _NAMESPACE.sub(_fix_namespace, content)
    element = _FIRST_ELEMENT.search(content)
    head_end = element.start() if element else len(content)
    if _ENTITY_DECLARATION.search(content, 0, head_end):
        # A space, not nothing: removing one declaration must not splice two halves into another.
        head = _ENTITY_DECLARATION.sub(b" ", content[:head_end])
        content = head + content[head_end:]
    return content, headers


def _fix_char_ref(match: re.Match[bytes]) -> bytes:
    digits = match.group(1) or match.group(2)
    if len(digits) > 8:
        return _REPLACEMENT_REF
    code = int(digits, 16) if match.group(1) else int(digits)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return _REPLACEMENT_REF
    return match.group()


def _fix_namespace(match: re.Match[bytes]) -> bytes:
    uri = match.group(3)
    if not _UNSAFE_IN_NAMESPACE.search(uri):
        return match.group()
    uri = _UNSAFE_IN_NAMESPACE.sub(lambda byte: b"%%%02X" % byte.group()[0], uri.strip())
    return match.group(1) + match.group(2) + uri + match.group(2)


def _drop_internal_subset(content: bytes) -> bytes:
    """The document with its DOCTYPE's [...] part removed; the name and ids stay (they tell
    Netscape RSS 0.91 apart). An unterminated DOCTYPE leaves nothing after it to parse."""
    leading = _MISC.match(content)
    assert leading is not None  # it matches the empty string too
    start = leading.end()
    if content[start : start + 9].upper() != b"<!DOCTYPE":
        return content
    position = start + 9
    while True:  # up to "[" or ">", stepping over the quoted public and system ids
        found = _DOCTYPE_PART.search(content, position)
        if found is None:
            return content[:start]
        token = found.group()
        if token == b">":
            return content
        if token == b"[":
            break
        position = _after(content, token, found.end())
        if position < 0:
            return content[:start]
    subset_start = found.start()
    position = found.end()
    while True:  # up to the "]" that closes the subset, stepping over quotes, comments and PIs
        found = _SUBSET_PART.search(content, position)
        if found is None:
            return content[:start]
        token = found.group()
        if token == b"]":
            return content[:subset_start] + content[found.end() :]
        position = _after(content, token, found.end())
        if position < 0:
            return content[:start]


def _after(content: bytes, token: bytes, position: int) -> int:
    """Where the construct opened by token ends, or -1 when it never does."""
    end = _ENDS[token]
    found = content.find(end, position)
    return found + len(end) if found >= 0 else -1
