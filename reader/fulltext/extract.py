"""A web page's article: its text, by trafilatura, as sanitised Body blocks, and its metadata.

trafilatura is given the bytes we fetched, never a URL: our fetcher is the one that enforces
the deadline, the size cap, the redirect limit and the refusal of private addresses. Its HTML
output then goes through our own HTML reader, the one feeds use, so a page's text is cleaned
of scripts, trackers, hidden text and terminal escapes like every other article's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time

from selectolax.lexbor import LexborHTMLParser

from ..ingest.html import html_to_body
from ..ingest.sanitize import clean_line
from ..models import Body
from .errors import EMPTY, FullTextError

#: Fewer words than this is no article: a script-only shell, a login form, an error page.
MIN_WORDS = 40

# Publishers mark paywalled articles for search engines (schema.org's isAccessibleForFree).
_NOT_FREE = re.compile(rb'"isAccessibleForFree"\s*:\s*"?(?:false|False)"?')
_WALL_WORDS = re.compile(r"subscribe to (?:continue|read)|already a subscriber|subscribers only|"
                         r"to continue reading|sign in to read", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Page:
    """What a page says: its text and what it tells of itself ("" and None where it says nothing)."""

    body: Body
    title: str = ""
    site_name: str = ""
    author: str = ""
    published: datetime | None = None
    #: The page's canonical link (the address it says it lives at), else the address fetched.
    url: str = ""
    #: The publisher marks the article as not free to read (the text may be a teaser).
    paywalled: bool = False

    @property
    def words(self) -> int:
        return len(self.body.text.split())


def extract_page(html: str | bytes, url: str) -> Page:
    """The article in an HTML page; FullTextError (kind "empty") when the page has none."""
    import trafilatura  # ~0.3 s to import: only the commands that read pages pay for it

    # trafilatura logs every page it finds little in; our caller says so in its own words.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    raw = html if isinstance(html, bytes) else html.encode("utf-8", "replace")
    # Comments, share boxes, related links and the like are trafilatura's to drop; links and
    # tables are kept, as a feed's article keeps them.
    extracted = trafilatura.extract(
        html, url=url or None, output_format="html", with_metadata=True, include_comments=False,
        include_links=True, include_tables=True, include_images=False, deduplicate=False,
    )
    if not extracted:
        raise FullTextError("the page has no article text", EMPTY)
    tree = LexborHTMLParser(extracted)
    meta = {(n.attributes.get("name") or ""): clean_line(n.attributes.get("content") or "")
            for n in tree.css("head meta")}
    title = meta.get("title", "")
    canonical = meta.get("url", "")
    body = html_to_body(extracted, base_url=canonical or url)
    blocks = body.blocks
    if blocks and blocks[0].kind == "heading" and blocks[0].text == title:
        body = Body(blocks=blocks[1:], links=body.links)  # the title is shown apart already
    page = Page(body=body, title=title, site_name=meta.get("sitename", ""), author=meta.get("author", ""),
                published=_date(meta.get("date", "")), url=canonical if _web(canonical) else url,
                paywalled=bool(_NOT_FREE.search(raw)) or bool(_WALL_WORDS.search(body.text[-400:])))
    if page.words < MIN_WORDS and not page.paywalled:
        raise FullTextError(f"the page has no article text (only {page.words} words)", EMPTY)
    return page


def _web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _date(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) <= 10:  # a day without a time: noon UTC keeps it on that day everywhere
        return datetime.combine(parsed.date(), time(12), tzinfo=UTC)
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
