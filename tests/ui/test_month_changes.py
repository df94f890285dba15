"""Another process's edit of a few articles: only the months it rewrote are read again."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from reader.store import Store

from .conftest import article_list, highlighted, running, settle, titles
from .test_persistence import wait_for


def published(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 12, tzinfo=UTC)


async def test_an_edit_elsewhere_rereads_only_its_month_and_the_cursor_stays(home, make_draft):
    drafts = [make_draft(1, published=published(10, 20)), make_draft(2, published=published(9, 20)),
              make_draft(3, published=published(9, 10)), make_draft(4, published=published(8, 5))]
    async with running(home) as pilot:  # the first run adds the sample articles
        pass
    Store.open(home).add_articles(drafts)
    async with running(home) as pilot:
        app = pilot.app
        listing = article_list(app).listing
        await pilot.press("j", "j", "j", "j", "j", "j")  # onto one of the samples, November 2017
        await settle(pilot)
        before = highlighted(app)
        assert before.shard == "2017-11"
        listed = dict(listing.articles)
        rewritten = {a.id for a in listed.values() if a.shard in ("2026-09", "2026-08")}
        edited_id = next(a.id for a in listed.values() if a.title == "Article number 2")
        gone_id = next(a.id for a in listed.values() if a.title == "Article number 3")
        august_id = next(a.id for a in listed.values() if a.title == "Article number 4")  # August's only one
        queued: list[str] = []
        app.analysis.enqueue = queued.extend
        other = Store.open(home)
        # Another process corrects one September article, deletes the other, and empties August.
        await asyncio.to_thread(other.add_articles, [make_draft(2, published=published(9, 20),
                                                                title="Corrected: article number 2")])
        await asyncio.to_thread(other.remove_articles, [gone_id, august_id], force=True)
        await wait_for(pilot, lambda: "Corrected: article number 2" in titles(app) and gone_id not in listing.articles
                       and august_id not in listing.articles)
        assert "Article number 2" not in titles(app) and "Article number 3" not in titles(app)
        assert len(titles(app)) == len(listed) - 2
        # The months nobody wrote to were not read again: their articles are the very objects listed before.
        for article_id, article in listed.items():
            if article_id not in rewritten:
                assert listing.articles[article_id] is article
        assert edited_id in queued  # its new text is analysed, as a fetch's would be
        assert highlighted(app).id == before.id


async def test_a_month_whose_file_vanished_leaves_the_list(home, make_draft):
    async with running(home) as pilot:  # the first run adds the sample articles
        pass
    Store.open(home).add_articles([make_draft(1, published=published(10, 20)),
                                   make_draft(2, published=published(9, 20))])
    async with running(home) as pilot:
        app = pilot.app
        listing = article_list(app).listing
        assert "Article number 2" in titles(app)
        october = next(a for a in listing.articles.values() if a.title == "Article number 1")
        other = Store.open(home)
        (other.library.meta_folder / "2026-09.json").unlink()  # deleted by hand
        await asyncio.to_thread(other.mark_read, [october.id])  # and a write that the app notices
        await wait_for(pilot, lambda: listing.is_read(october.id))
        assert "Article number 2" not in titles(app) and "Article number 1" in titles(app)
        assert listing.articles[october.id] is october
