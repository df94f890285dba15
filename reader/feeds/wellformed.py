"""Whether a whole feed document is well-formed XML, as feedparser's strict reading would find it.

A fetch parses only a feed's new items (items.py), so the parser never sees the items already
stored: one of them broken, or the channel broken around them, would pass unnoticed and the feed
would show as fine. This checks the whole document with expat alone, which costs a small part
of parsing it.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Mapping

from feedparser.encodings import convert_to_utf8
from feedparser.exceptions import CharacterEncodingOverride, NonXMLContentType
from feedparser.sanitizer import replace_doctype

from ..ingest.sanitize import clean_line
from .defuse import defuse

#: Notes about the headers only: the document itself was fine (as xmlfeed treats them).
_HARMLESS = (CharacterEncodingOverride, NonXMLContentType)


def document_problem(content: bytes, headers: Mapping[str, str]) -> str:
    """Why the document is not well-formed, in the words feedparser would give; "" if it is."""
    content, lowered = defuse(content, headers)
    result: dict[str, object] = {"bozo": False}
    data = convert_to_utf8(lowered, content, result)
    error = result.get("bozo_exception")
    if result.get("bozo") and error is not None and not isinstance(error, _HARMLESS):
        return clean_line(str(error))[:200] or type(error).__name__
    _, data, _ = replace_doctype(data)
    # Namespaces on, as feedparser's SAX reader has them: an unbound prefix is an error too.
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        return f"{xml.parsers.expat.ErrorString(error.code)} at line {error.lineno}"
    return ""

