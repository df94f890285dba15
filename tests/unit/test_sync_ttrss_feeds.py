"""Subscriptions through a real Tiny Tiny RSS (tests/ttrsskit.py): its feeds come into the
library with their categories as tags, and --push-feeds asks it to follow ours."""

from __future__ import annotations

from reader.store import Store
from reader.sync import service


def test_ttrss_the_servers_feeds_are_imported_with_their_categories_as_tags(ttrss_server, ttrss_account, home):
    uid = ttrss_account.uid
    economy = int(ttrss_server.sql(f"insert into ttrss_feed_categories (owner_uid, title) values ({uid}, "
                                   "'Economy') returning id"))
    news = int(ttrss_server.sql(f"insert into ttrss_feed_categories (owner_uid, title) values ({uid}, 'News') "
                                "returning id"))
    world = int(ttrss_server.sql(f"insert into ttrss_feed_categories (owner_uid, title, parent_cat) values "
                                 f"({uid}, 'World Affairs', {news}) returning id"))
    ttrss_server.sql(f"insert into ttrss_feeds (owner_uid, title, feed_url, cat_id) values "
                     f"({uid}, 'Markets', 'https://markets.example/rss', {economy}), "
                     f"({uid}, 'Abroad', 'https://abroad.example/feed', {world}), "
                     f"({uid}, 'Twice', 'HTTPS://Twice.Example:443/feed', null)")
    store = Store.open(home)
    store.add_feed("https://twice.example/feed", "Mine already")
    service.add_account(home, "ttrss", ttrss_server.url, ttrss_account.user, ttrss_account.password)
    report = service.sync_now(store, ttrss_account.password)
    assert report.feeds_added == 3  # Markets, Abroad and the account's loopback feed
    feeds = {f.url: f for f in store.feeds()}
    assert feeds["https://markets.example/rss"].tags == ("economy",)
    assert feeds["https://markets.example/rss"].title == "Markets"
    assert feeds["https://abroad.example/feed"].tags == ("world-affairs",)  # a nested category: its own name
    assert feeds["https://twice.example/feed"].title == "Mine already"  # not subscribed twice
    assert f"http://news.invalid/{ttrss_account.user}.xml" in feeds and len(feeds) == 4
    store.remove_feed("https://markets.example/rss")
    assert service.sync_now(store, ttrss_account.password).feeds_added == 0  # removed here stays removed


def test_ttrss_push_feeds_asks_the_server_and_a_refusal_is_told_once(ttrss_server, ttrss_account, home):
    store = Store.open(home)
    # tt-rss downloads a feed before subscribing; this host does not exist, so it refuses.
    store.add_feed("https://nowhere.invalid/feed.xml", "Nowhere")
    service.add_account(home, "ttrss", ttrss_server.url, ttrss_account.user, ttrss_account.password,
                        push_feeds=True)
    report = service.sync_now(store, ttrss_account.password)
    assert report.feeds_pushed == 0
    assert any("would not subscribe to https://nowhere.invalid/feed.xml" in n for n in report.notices)
    assert not any("nowhere.invalid" in n for n in service.sync_now(store, ttrss_account.password).notices)
