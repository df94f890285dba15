"""Local documents (plain text, Markdown, HTML) to article titles and bodies, safely cleaned."""

from .errors import IngestError, UnreadableDocument, UnsupportedDocument
from .files import SUPPORTED_SUFFIXES, iter_documents, load_document
from .html import html_to_body, parse_html
from .markdown import parse_markdown
from .plaintext import parse_plain_text
from .sanitize import clean_line, clean_text

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
