"""The full text of an article: its page fetched, compared with the feed's text, stored over it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..feeds.http import FetchLimits
from ..models import Article
from ..store import Store, StoreError
from .errors import EMPTY, NO_LINK, PAYWALLED, REFUSED, FullTextError
from .pages import PAGE_LIMITS, fetch_page


@dataclass(frozen=True, slots=True)
class Upgrade:
    """How an article's full text went: the article as stored now, and the words before and after."""

    article: Article
    words_before: int
    words_after: int

    @property
    def changed(self) -> bool:
        return self.words_after != self.words_before or self.article.full_text


async def full_text(store: Store, ref: str, limits: FetchLimits = PAGE_LIMITS, *,
                    transport: httpx.AsyncBaseTransport | None = None) -> Upgrade:
    """Fetch the article's page and make its text the article's, the feed's kept as a revision.

    Raises FullTextError, and leaves the article as it was, when the page cannot be fetched,
    is not HTML, is empty, is paywalled, or has no more text than the feed already gave.
    """
    article = await asyncio.to_thread(store.article, ref)
    if urlsplit(article.url).scheme.lower() not in ("http", "https"):
        raise FullTextError("the article has no web link to fetch", NO_LINK)
    if await asyncio.to_thread(_mode, store, article.source) == "never":
        raise FullTextError("full text is turned off for this article's feed (feeds edit --full-text, or F)",
                            REFUSED)
    body = await asyncio.to_thread(store.body, article)
    before = len(body.text.split())
    page = await fetch_page(article.url, limits, transport=transport)
    if page.paywalled and page.words <= before * 1.5 + 30:
        raise FullTextError("the page is paywalled: it shows no more than the feed does", PAYWALLED)
    if page.words <= before and not article.full_text:
        raise FullTextError(f"the page has no more text than the feed ({page.words} words, the feed "
                            f"{before})", EMPTY)
    stored = await asyncio.to_thread(store.replace_with_full_text, article.id, page.body,
                                     based_on=article.content_hash, url=page.url, author=page.author)
    if stored is None:
        raise FullTextError("the article changed while its page was being fetched; try again", REFUSED)
    return Upgrade(stored, before, page.words)


def _mode(store: Store, source: str) -> str:
    try:
        return store.feed(source).full_text
    except StoreError:  # not from a feed: a saved page, an imported file
        return "ask"


#: (article id, the upgrade or None, the error or None), as each article is done.
Done = Callable[[str, Upgrade | None, FullTextError | None], None]


class HostPacer:
    """One request at a time to each host, ``pause`` seconds apart: fifty new items of one outlet
    must not arrive at its server as fifty requests at once."""

    def __init__(self, pause: float) -> None:
        self.pause = pause
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}

    async def wait(self, url: str) -> asyncio.Lock:
        host = (urlsplit(url).hostname or "").lower()
        lock = self._locks.setdefault(host, asyncio.Lock())
        await lock.acquire()
        left = self._last.get(host, -self.pause) + self.pause - time.monotonic()
        if left > 0:
            await asyncio.sleep(left)
        return lock

    def done(self, url: str, lock: asyncio.Lock) -> None:
        self._last[(urlsplit(url).hostname or "").lower()] = time.monotonic()
        lock.release()


async def full_texts(store: Store, ids: Iterable[str], limits: FetchLimits = PAGE_LIMITS, *, done: Done,
                     pacer: HostPacer | None = None, transport: httpx.AsyncBaseTransport | None = None) -> None:
    """The full text of many articles, a few hosts at a time and each host paced; ``done`` is
    called as each finishes. One article's failure is reported and the others go on."""
    pacer = pacer or HostPacer(1.0)
    slots = asyncio.Semaphore(limits.concurrency)

    async def one(article_id: str) -> None:
        try:
            url = (await asyncio.to_thread(store.article, article_id)).url
        except StoreError as error:
            done(article_id, None, FullTextError(str(error), REFUSED))
            return
        # The host's turn first, then a slot: a queue for one busy host must not hold the others up.
        lock = await pacer.wait(url)
        try:
            async with slots:
                upgrade = await full_text(store, article_id, limits, transport=transport)
        except FullTextError as error:
            done(article_id, None, error)
        except StoreError as error:
            done(article_id, None, FullTextError(f"not saved: {error}", REFUSED))
        else:
            done(article_id, upgrade, None)
        finally:
            pacer.done(url, lock)

    await asyncio.gather(*(one(i) for i in dict.fromkeys(ids)))
