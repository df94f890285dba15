"""A Google Reader API server that refuses, answers with a web page, hangs or loses items, both
spellings of an item id, folders that are not labels, and a server that holds no tags."""

from __future__ import annotations

import pytest

from reader.store import Store
from reader.sync import service
from reader.sync import state as saved
from reader.sync.engine import Sync
from reader.sync.errors import LoginFailed, ServerError, Unreachable
from reader.sync.greader import GreaderClient, GreaderProvider
from reader.sync.greader_items import item_key
from reader.sync.http import BoundedHttp
from reader.sync.provider import Capabilities
from tests.feedserver import FeedServer, Route
from tests.greaderkit import FakeGreader


@pytest.mark.parametrize(("given", "key"), [
    ("tag:google.com,2005:reader/item/00000000000001c8", "00000000000001c8"),
    ("tag:google.com,2005:reader/item/1C8", "00000000000001c8"),
    ("456", "00000000000001c8"),
    ("-1", "ffffffffffffffff"),  # Google's short ids are signed
    ("18446744073709551615", "ffffffffffffffff"),
    ("5153234a5c3e1c6a8b0000d1", "5153234a5c3e1c6a8b0000d1"),  # The Old Reader's 24 hex digits
    ("", None), ("tag:google.com,2005:reader/item/xyz", None), ("12abc", None), ("99999999999999999999", None),
])
def test_greader_an_item_id_in_either_spelling_is_one_item(given, key):
    assert item_key(given) == key


def test_greader_wrong_password_says_so_without_the_password(home):
    with FakeGreader() as server:
        with pytest.raises(LoginFailed, match="refused the user name or password") as caught:
            service.add_account(home, "greader", server.url, server.user, "hunter2-wrong")
        assert "hunter2-wrong" not in str(caught.value)
        assert not (home / "state" / "sync" / saved.ACCOUNT).exists()


def test_greader_an_html_page_instead_of_the_api_fails_with_one_clear_sentence():
    with FeedServer() as server:
        page = b"<html><body>Welcome to nginx</body></html>"
        server.route("/accounts/ClientLogin", body=page, headers={"Content-Type": "text/html"})
        with pytest.raises(ServerError, match="an HTML page .* not a Google Reader API"):
            GreaderClient(server.url("/"), "u", "p").login()
        # A login that works, then a proxy's page where the JSON should be.
        server.route("/ok/accounts/ClientLogin", body=b"SID=x\nAuth=abc\n")
        server.route("/ok/reader/api/0/tag/list", body=page, headers={"Content-Type": "text/html"})
        with pytest.raises(ServerError, match="an HTML page"):
            GreaderClient(server.url("/ok/"), "u", "p").tags()


def test_greader_a_hanging_server_fails_within_the_deadline():
    with FeedServer() as server:
        server.route("/accounts/ClientLogin", Route(body=b"Auth=abc\n", delay=30))
        with pytest.raises(Unreachable, match="timed out"):
            GreaderClient(server.url("/"), "u", "p", BoundedHttp(deadline=1.0)).login()


def test_greader_an_item_deleted_on_the_server_leaves_ours_and_the_sync_alone(home):
    with FakeGreader() as server:
        for i in range(3):
            server.add_item(f"https://news.example/{i}", f"Story {i}")
        gone = server.add_item("https://news.example/gone", "Deleted while we listed")
        server.hidden_from_contents.add(gone.number)  # listed, then purged before its content was asked
        store = Store.open(home)
        service.add_account(home, "greader", server.url, server.user, server.password)
        report = service.sync_now(store, server.password)
        assert report.added == 3 and store.article_id_for_url("https://news.example/gone") is None
        first = store.article_id_for_url("https://news.example/0")
        store.set_starred(first, True)
        del server.items[server.by_link("https://news.example/0").number]
        report = service.sync_now(store, server.password)
        assert report.articles == 3  # the other two, and the one whose content never came
        assert store.state(first).starred  # the server's deletion takes nothing from us
        server.by_link("https://news.example/1").read = True
        service.sync_now(store, server.password)
        assert store.state(store.article_id_for_url("https://news.example/1")).read


def test_greader_folders_are_the_feeds_not_labels_on_items_even_unnamed_as_such(home):
    with FakeGreader(typed_tags=False) as server:  # The Old Reader's tag/list says no type
        server.add_feed("https://news.example/tech.xml", "Tech News", folder="Technology")
        server.add_item("https://news.example/1", "Story", feed="https://news.example/tech.xml").labels.add("later")
        store = Store.open(home)
        service.add_account(home, "greader", server.url, server.user, server.password)
        service.sync_now(store, server.password)
        assert store.state(store.article_id_for_url("https://news.example/1")).tags == ("later",)
        assert [f.tags for f in store.feeds()] == [("technology",)]


def test_greader_a_server_that_holds_no_tags_keeps_ours_local_and_says_so_once(home):
    with FakeGreader(holds_labels=False) as server:  # as Miniflux: OK to a label, and nothing kept
        server.add_item("https://news.example/1", "Story")
        store = Store.open(home)
        service.add_account(home, "greader", server.url, server.user, server.password)
        service.sync_now(store, server.password)
        article = store.article_id_for_url("https://news.example/1")
        store.add_tags(article, ["mine"])
        with pytest.raises(ServerError, match="keeps no labels on articles: .*--no-tags"):
            service.sync_now(store, server.password)
        assert store.state(article).tags == ("mine",) and store.journal.read()[0]  # nothing lost
        service.add_account(home, "greader", server.url, server.user, server.password, no_tags=True)
        first = service.sync_now(store, server.password)
        told = "tags stay in this library: greader has nowhere to keep them"
        assert told in first.notices and store.journal.read()[0] == []
        server.by_link("https://news.example/1").read = True
        second = service.sync_now(store, server.password)
        assert told not in second.notices and second.pulled == 1
        assert store.state(article).tags == ("mine",)  # the server's empty labels are not taken
        assert told in saved.read_state(home).notices  # what `sync status` shows


def test_greader_a_server_without_tags_never_sees_ours_nor_gives_us_its_own(home):
    with FakeGreader() as server:
        server.add_item("https://news.example/1", "Story").labels.add("theirs")
        store = Store.open(home)
        service.add_account(home, "greader", server.url, server.user, server.password)
        provider = GreaderProvider(GreaderClient(server.url, server.user, server.password),
                                   Capabilities(holds_tags=False, holds_notes=False))
        Sync(store, provider).run()
        article = store.article_id_for_url("https://news.example/1")
        assert store.state(article).tags == ()
        store.add_tags(article, ["mine"])
        assert Sync(store, provider).run().pushed == 0
        provider.close()
        assert server.by_link("https://news.example/1").labels == {"theirs"}
