"""The full text of stored articles: a summary-only feed with `always`, the feed's text kept as
the earlier revision, highlights moved onto the full text, failures that change nothing, and
pages saved by URL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.feeds.http import FetchLimits
from reader.feeds.refresh import refresh_feeds
from reader.fulltext import PAGE_LIMITS, FullTextError, full_text, full_texts, save_page
from reader.store import Store
from tests.feedkit import Item, go_offline, rss
from tests.feedserver import Route
from tests.pagekit import PARAGRAPHS, SUMMARY, article_page, paywalled_page

HTML = {"Content-Type": "text/html; charset=utf-8"}
LOCAL = replace(PAGE_LIMITS, private_hosts=True, deadline=2.0, connect_timeout=1.0)
FEEDS = FetchLimits(connect_timeout=0.5, deadline=1.0, retries=0, backoff=0.01)


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    go_offline(monkeypatch)


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


async def summary_feed(store: Store, server, *, pages: int = 1, page: bytes | None = None) -> list[str]:
    """A feed whose items carry only the first paragraph, each linking to its full page."""
    items = []
    for n in range(pages):
        link = server.route(f"/news/story-{n}", body=page or article_page(), headers=HTML)
        items.append(Item(f"s{n}", title=f"Grain pier story {n}", text=f"<p>{SUMMARY}</p>", link=link))
    feed_url = server.route("/feed.xml", body=rss("Harbour Gazette", *items))
    feed, _ = store.add_feed(feed_url)
    report = await refresh_feeds(store, [feed], FEEDS)
    return list(report.added)


async def test_the_full_text_replaces_the_summary_and_the_summary_is_kept(store, feed_server):
    (article_id,) = await summary_feed(store, feed_server)
    upgrade = await full_text(store, article_id, LOCAL)
    article = store.article(article_id)
    assert article.full_text and article.revisions == 0  # the reader's doing, not the outlet's edit
    assert upgrade.words_before < 40 < upgrade.words_after
    assert store.body(article).text.replace("survey[1]'s", "survey's") == "\n\n".join(PARAGRAPHS)
    (earlier,) = store.revisions(article)
    assert earlier.body.text == SUMMARY and earlier.full_text  # what `D` shows as the first version
    assert article.author == "Ines Moreau"  # the feed gave none; the page did


async def test_the_feed_sending_the_item_again_leaves_the_full_text(store, feed_server):
    (article_id,) = await summary_feed(store, feed_server)
    await full_text(store, article_id, LOCAL)
    feed = store.feeds()[0]
    store.feeds_file.forget_item_digests()  # parse every item again, as after a restart
    await refresh_feeds(store, [feed], FEEDS)
    article = store.article(article_id)
    assert article.full_text and article.revisions == 0
    assert "Marta Okafor" in store.body(article).text


async def test_a_highlight_on_the_summary_moves_onto_the_full_text(store, feed_server):
    (article_id,) = await summary_feed(store, feed_server)
    quote = "ending more than a century of loading ships"
    start = SUMMARY.index(quote)
    store.add_annotation(article_id, start, start + len(quote), note="the history")
    await full_text(store, article_id, LOCAL)
    (moved,) = store.annotations(article_id)
    text = store.body(article_id).text
    assert not moved.orphaned and moved.note == "the history"
    assert text[moved.start:moved.end] == quote


async def test_a_highlight_on_a_teaser_reworded_around_it_follows_onto_the_full_text(store, feed_server):
    # The feed's teaser says it in its own words; only the highlighted phrase is the page's.
    teaser = "Divers report that the timber piles beneath the pier are beyond saving."
    link = feed_server.route("/news/teaser", body=article_page(), headers=HTML)
    item = Item("t", title="Pier", text=teaser, link=link)
    feed_url = feed_server.route("/feed.xml", body=rss("Harbour Gazette", item))
    feed, _ = store.add_feed(feed_url)
    (article_id,) = (await refresh_feeds(store, [feed], FEEDS)).added
    quote = "the timber piles beneath the pier"
    start = store.body(article_id).text.index(quote)
    store.add_annotation(article_id, start, start + len(quote), note="rot")
    await full_text(store, article_id, LOCAL)
    (moved,) = store.annotations(article_id)
    text = store.body(article_id).text
    assert not moved.orphaned and moved.note == "rot"
    assert text[moved.start:moved.end] == quote and text[:moved.start].endswith("Engineers found that ")


async def test_a_failure_changes_nothing(store, feed_server):
    (article_id,) = await summary_feed(store, feed_server, page=paywalled_page())
    before = store.article(article_id)
    with pytest.raises(FullTextError) as failure:
        await full_text(store, article_id, LOCAL)
    assert failure.value.kind == "paywalled"
    assert store.article(article_id) == before and store.body(before).text == SUMMARY


async def test_the_private_address_of_an_item_is_not_fetched_by_default(store, feed_server):
    (article_id,) = await summary_feed(store, feed_server)
    with pytest.raises(FullTextError) as failure:
        await full_text(store, article_id, PAGE_LIMITS)
    assert failure.value.kind == "private"
    assert feed_server.requests_to("/news/story-0") == []
    assert not store.article(article_id).full_text


async def test_always_fetches_every_new_item_each_host_paced(store, feed_server):
    ids = await summary_feed(store, feed_server, pages=5)
    done = []
    await full_texts(store, ids, LOCAL, done=lambda i, upgrade, error: done.append((i, upgrade, error)))
    assert sorted(i for i, _, _ in done) == sorted(ids)
    assert all(error is None for _, _, error in done)
    assert all(store.article(i).full_text for i in ids)
    assert feed_server.peak_in_flight_for("127.0.0.1") == 1  # one at a time to the outlet


def test_a_feed_setting_says_when(store):
    feed, _ = store.add_feed("https://gazette.test/feed.xml")
    assert feed.full_text == "ask"
    assert store.set_feed_full_text(feed.id, "always").full_text == "always"
    with pytest.raises(ValueError):
        store.set_feed_full_text(feed.id, "sometimes")


async def test_saving_a_page_and_saving_it_again(store, feed_server):
    url = feed_server.route("/news/grain-pier", Route(article_page(), headers=HTML),
                            Route(article_page(paragraphs=(*PARAGRAPHS, "An update: the meeting is moved.")),
                                  headers=HTML))
    saved = await save_page(store, url + "#comments", ("port",), LOCAL)
    article = saved.article
    assert saved.state == "added" and article.source == "saved"
    assert article.outlet == "The Harbour Gazette" and article.title == "Grain pier to close after a century"
    assert article.url == "https://gazette.test/news/grain-pier-to-close"  # its canonical link
    assert store.state(article.id).tags == ("port",)
    again = await save_page(store, url, (), LOCAL)
    assert again.state == "updated" and again.article.id == article.id
    assert "the meeting is moved" in store.body(article.id).text
    assert store.article(article.id).revisions == 1


async def test_saving_what_is_not_a_page_stores_nothing(store, feed_server):
    url = feed_server.route("/file.pdf", body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    with pytest.raises(FullTextError):
        await save_page(store, url, (), LOCAL)
    with pytest.raises(FullTextError):
        await save_page(store, "file:///etc/passwd", (), LOCAL)
    assert store.article_count() == 0
