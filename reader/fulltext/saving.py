"""Saving any web page as an article, as a read-it-later service does: under the "saved" source."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx

from ..feeds.http import FetchLimits
from ..models import Article, ArticleDraft
from ..store import Store
from .errors import NO_LINK, FullTextError
from .pages import PAGE_LIMITS, fetch_page

#: The source saved pages are stored under, as feed articles are under their feed's id.
SAVED_SOURCE = "saved"


@dataclass(frozen=True, slots=True)
class Saved:
    article: Article
    #: "added", "updated" (saved before, and the page has changed), "unchanged", or "exists"
    #: (a feed brought the same link: the article is that one).
    state: str


def saved_key(url: str) -> str:
    """The address a saved page is known by: what was given, without its #fragment and with
    the host in lower case, so saving it again updates the same article."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FullTextError(f"not a web address: {text[:80]!r} (give one starting with http:// or https://)",
                            NO_LINK)
    netloc = parts.netloc.rsplit("@", 1)[-1].lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def page_address_problem(url: str) -> str | None:
    """What is wrong with an address given to save (None: nothing), for a dialog to say."""
    try:
        saved_key(url)
    except FullTextError as error:
        return error.message
    return None


async def save_page(store: Store, url: str, tags: tuple[str, ...] = (), limits: FetchLimits = PAGE_LIMITS, *,
                    transport: httpx.AsyncBaseTransport | None = None) -> Saved:
    """Fetch the page at ``url`` and store it as an article (tagged ``tags``); FullTextError if
    the page cannot be read. The outlet is the site's own name, else its host."""
    key = saved_key(url)
    page = await fetch_page(key, limits, transport=transport)
    host = urlsplit(page.url or key).hostname or ""
    draft = ArticleDraft(
        source=SAVED_SOURCE, guid=key, title=page.title or host or key, body=page.body,
        outlet=page.site_name or host.removeprefix("www."), outlet_url=f"{urlsplit(key).scheme}://{host}/",
        author=page.author, url=page.url or key, published=page.published, kind="saved page",
    )

    def store_it() -> Saved:
        result = store.add_articles([draft])
        article_id = (result.added or result.updated or result.unchanged)[0]
        article = store.article(article_id)
        if tags:
            store.add_tags(article_id, tags)
        if result.added:
            return Saved(article, "added")
        if result.updated:
            return Saved(article, "updated")
        return Saved(article, "unchanged" if article.source == SAVED_SOURCE else "exists")

    return await asyncio.to_thread(store_it)
