"""Whole articles from web pages: the full text of summary-only feed items, and any page saved by URL.

Pages are fetched by broadsheet's own fetcher (deadline, size cap, redirect limit, http and
https only, private addresses refused unless the config allows them) and read by trafilatura
from the bytes; the text reaches the library through the same sanitiser as every feed's.
"""

from .errors import FullTextError
from .extract import Page, extract_page
from .pages import PAGE_LIMITS, fetch_page, page_limits
from .saving import SAVED_SOURCE, Saved, save_page, saved_key
from .upgrade import HostPacer, Upgrade, full_text, full_texts

__all__ = [
    "PAGE_LIMITS",
    "SAVED_SOURCE",
    "FullTextError",
    "HostPacer",
    "Page",
    "Saved",
    "Upgrade",
    "extract_page",
    "fetch_page",
    "full_text",
    "full_texts",
    "page_limits",
    "save_page",
    "saved_key",
]
