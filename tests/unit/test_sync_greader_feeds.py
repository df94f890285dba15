"""Subscriptions through a Google Reader API server: its feeds come into the library with their
folders as tags, once, and with --push-feeds the library's go to the server."""

from __future__ import annotations

from reader.store import Store
from reader.sync import service
from reader.sync import state as saved
from tests.greaderkit import FakeGreader


def test_greader_the_servers_feeds_are_imported_once_with_their_folders_as_tags(home):
    with FakeGreader() as server:
        server.add_feed("https://news.example/world.xml", "World", folder="News/World")
        server.add_feed("https://blog.example/feed", "A \x1b]0;owned\x07blog\x1b[31m")
        server.add_feed("HTTPS://Already.Example:443/rss", "Ours already", folder="Elsewhere")
        server.add_feed("ftp://files.example/feed", "Not a feed we fetch")
        store = Store.open(home)
        store.add_feed("https://already.example/rss", "My name for it", ["mine"])
        service.add_account(home, "greader", server.url, server.user, server.password)
        report = service.sync_now(store, server.password)
        assert report.feeds_added == 2 and report.feeds_pushed == 0
        feeds = {f.url: f for f in store.feeds()}
        assert set(feeds) == {"https://news.example/world.xml", "https://blog.example/feed",
                              "https://already.example/rss"}
        assert feeds["https://news.example/world.xml"].tags == ("news", "world")
        assert feeds["https://news.example/world.xml"].title == "World"
        assert feeds["https://already.example/rss"].tags == ("mine",)  # a feed we follow is left alone
        assert "\x1b" not in feeds["https://blog.example/feed"].title and "\x07" not in feeds[
            "https://blog.example/feed"].title
        assert any("ftp://files.example/feed" in n for n in report.notices)
        store.remove_feed("https://blog.example/feed")
        again = service.sync_now(store, server.password)
        assert again.feeds_added == 0 and "https://blog.example/feed" not in {f.url for f in store.feeds()}
        assert not any("ftp://" in n for n in again.notices)  # told once
        assert server.calls("reader/api/0/subscription/quickadd") == 0  # not asked to


def test_greader_push_feeds_subscribes_the_server_to_ours_and_a_refusal_is_told_once(home):
    with FakeGreader() as server:
        server.add_feed("https://news.example/world.xml", "World")
        server.refuse = "refused.example"
        store = Store.open(home)
        store.add_feed("https://ours.example/feed.xml", "Ours")
        store.add_feed("https://refused.example/feed.xml", "Refused")
        store.add_feed("https://news.example/world.xml", "Both have it")
        service.add_account(home, "greader", server.url, server.user, server.password, push_feeds=True)
        assert saved.read_account(home).push_feeds
        report = service.sync_now(store, server.password)
        assert report.feeds_pushed == 1 and "https://ours.example/feed.xml" in server.feeds
        assert any("refused.example" in n and "would not subscribe" in n for n in report.notices)
        assert server.calls("reader/api/0/subscription/quickadd") == 2
        del server.feeds["https://ours.example/feed.xml"]  # unsubscribed on the server: not pushed again
        again = service.sync_now(store, server.password)
        assert again.feeds_pushed == 0 and server.calls("reader/api/0/subscription/quickadd") == 2
        assert not any("refused.example" in n for n in again.notices)
