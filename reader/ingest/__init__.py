"""Local documents (plain text, Markdown, HTML) to article titles and bodies, safely cleaned.

The names below are loaded on first use: a command that only needs ``sanitize`` must not pay
for the HTML parser and the Markdown reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .errors import IngestError, UnreadableDocument, UnsupportedDocument
    from .files import SUPPORTED_SUFFIXES, iter_documents, load_document
    from .html import html_to_body, parse_html
    from .markdown import parse_markdown
    from .plaintext import parse_plain_text
    from .sanitize import clean_line, clean_text

#: Each public name and the module that defines it.
_HOMES = {
    "IngestError": "errors", "UnreadableDocument": "errors", "UnsupportedDocument": "errors",
    "SUPPORTED_SUFFIXES": "files", "iter_documents": "files", "load_document": "files",
    "html_to_body": "html", "parse_html": "html",
    "parse_markdown": "markdown",
    "parse_plain_text": "plaintext",
    "clean_line": "sanitize", "clean_text": "sanitize",
}

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "UnreadableDocument",
    "UnsupportedDocument",
    "clean_line",
    "clean_text",
    "html_to_body",
    "iter_documents",
    "load_document",
    "parse_html",
    "parse_markdown",
    "parse_plain_text",
]


__getattr__ = lazy_names(__name__, _HOMES, globals())
