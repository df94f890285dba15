"""Full text in the app: X on a summary-only article, the feeds screen's setting, a feed set to
`always` filled in the background, and a page saved by URL with +."""

from __future__ import annotations

import time

from textual.widgets import Static

from reader.config import Settings
from reader.feeds.http import FetchLimits
from reader.feeds.refresh import refresh_feeds
from reader.store import Store
from tests.feedkit import Item, rss
from tests.pagekit import SUMMARY, article_page, paywalled_page

from .conftest import highlighted, notifications, settle, type_text

HTML = {"Content-Type": "text/html; charset=utf-8"}
#: The test server is on loopback, which pages may only be fetched from when the config says so.
LOCAL = Settings(fetch_private_hosts=True)


async def summary_feed(home, server, pages: dict[str, bytes]) -> str:
    """A feed of summary-only items, one per page, fetched into the library before the app starts."""
    items = [Item(guid, title=f"Grain pier story {guid}", text=f"<p>{SUMMARY}</p>",
                  link=server.route(f"/news/{guid}", body=page, headers=HTML),
                  date="Sun, 22 Nov 2026 10:00:00 GMT")
             for guid, page in pages.items()]
    store = Store.open(home)
    feed, _ = store.add_feed(server.route("/feed.xml", body=rss("Harbour Gazette", *items)))
    await refresh_feeds(store, [feed], FetchLimits(retries=0, deadline=2.0))
    return feed.id


async def said(pilot, prefix: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in notifications(pilot.app) if prefix in m]
        if found:
            await settle(pilot)
            return found[-1]
        await pilot.pause(0.05)
    raise AssertionError(f"never said {prefix!r}: {notifications(pilot.app)}")


async def shown_text(pilot, words: str, timeout: float = 5.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = pilot.app.main.current_body
        if body is not None and words in body.text:
            return body.text
        await pilot.pause(0.05)
    raise AssertionError(f"the reader never showed {words!r}")


async def test_x_fetches_the_full_text_and_d_shows_the_feeds(start, home, feed_server):
    await summary_feed(home, feed_server, {"one": article_page()})
    async with start(settings=LOCAL) as pilot:
        assert highlighted(pilot.app).title == "Grain pier story one"
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.main.current_body.text == SUMMARY
        await pilot.press("X")
        assert "words" in await said(pilot, "The full text")
        text = await shown_text(pilot, "Marta Okafor")
        assert "Share on" not in text and "cookies" not in text
        article = pilot.app.main.current
        # Fetching the full text is the reader's doing, not an edit: the list marks no ✎, and D
        # says what the page added to the feed's text.
        assert article.full_text and article.revisions == 0
        await pilot.press("D")
        await settle(pilot)
        assert pilot.app.main.reader.showing_changes
        shown = str(pilot.app.screen.query_one("#reader-body", Static).content)
        assert shown.startswith("The page's full text, fetched") and "Edited" not in shown


async def test_a_page_that_fails_says_why_and_keeps_the_text(start, home, feed_server):
    await summary_feed(home, feed_server, {"wall": paywalled_page()})
    async with start(settings=LOCAL) as pilot:
        await pilot.press("enter", "X")
        assert "paywalled" in await said(pilot, "No full text")
        assert pilot.app.main.current_body.text == SUMMARY
        assert not Store.open(home).article(pilot.app.main.current.id).full_text


async def test_private_addresses_are_refused_without_the_setting(start, home, feed_server):
    await summary_feed(home, feed_server, {"one": article_page()})
    async with start() as pilot:
        await pilot.press("X")
        assert "fetch_private_hosts" in await said(pilot, "No full text")
    assert feed_server.requests_to("/news/one") == []


async def test_the_feeds_screen_sets_always_and_a_fetch_fills_new_items(start, home, feed_server):
    await summary_feed(home, feed_server, {"one": article_page()})
    async with start(settings=LOCAL) as pilot:
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("x")  # ask → always
        assert "full text always" in await said(pilot, "full text always")
        feed = Store.open(home).feeds()[0]
        assert feed.full_text == "always"
        # The feed brings three new summary-only items.
        items = [Item(g, title=f"New story {g}", text=f"<p>{SUMMARY}</p>", date="Sun, 22 Nov 2026 11:00:00 GMT",
                      link=feed_server.route(f"/news/{g}", body=article_page(), headers=HTML))
                 for g in ("a", "b", "c")]
        feed_server.route("/feed.xml", body=rss("Harbour Gazette", *items))
        await pilot.press("r")
        deadline = time.monotonic() + 15
        store = Store.open(home)
        while time.monotonic() < deadline:
            await pilot.pause(0.1)
            fresh = [a for a in store.articles() if a.title.startswith("New story")]
            if len(fresh) == 3 and all(a.full_text for a in fresh):
                break
        else:
            raise AssertionError("the new items never got their full text")
        assert not any("The full text" in m for m in notifications(pilot.app))  # the background is quiet


async def test_plus_saves_a_page_by_url(start, feed_server):
    url = feed_server.route("/news/grain-pier", body=article_page(), headers=HTML)
    async with start(settings=LOCAL) as pilot:
        await pilot.press("plus")
        await settle(pilot)
        await type_text(pilot, url)
        await pilot.press("enter")
        assert "The Harbour Gazette" in await said(pilot, "Saved:")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any(
                a.source == "saved" for a in pilot.app.main.listing.articles.values()):
            await pilot.pause(0.05)
        (saved,) = [a for a in pilot.app.main.listing.articles.values() if a.source == "saved"]
        assert saved.title == "Grain pier to close after a century"
