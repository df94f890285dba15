"""Sync with a real Tiny Tiny RSS (tests/ttrsskit.py): first sync, marks both ways, conflicts,
and the failures a user can meet (wrong password, a web page, a server that hangs)."""

from __future__ import annotations

import time

import pytest

from reader.store import Store
from reader.sync import service
from reader.sync import state as saved
from reader.sync.errors import ApiDisabled, LoginFailed, ServerError, Unreachable
from reader.sync.http import BoundedHttp
from reader.sync.ttrss import TtrssClient, TtrssProvider
from tests.conftest import draft
from tests.feedserver import FeedServer, Route


def linked(store, account, url):
    service.add_account(store.home, "ttrss", url, account.user, account.password)
    return lambda: service.sync_now(store, account.password)


def client(server, account) -> TtrssProvider:
    provider = TtrssProvider(TtrssClient(server.url, account.user, account.password))
    provider.login()
    return provider


def remote_by_link(provider):
    return {r.link: r for r in provider.articles()}


def test_ttrss_first_sync_fills_an_empty_library_with_the_servers_articles_and_marks(ttrss_server, ttrss_account,
                                                                                       home):
    ttrss_account.add_articles([(f"g{i}", f"https://news.example/{i}", f"Story {i}") for i in range(5)])
    api = client(ttrss_server, ttrss_account)
    remote = remote_by_link(api)
    api.set_read([remote["https://news.example/0"].remote_id], True)
    api.set_starred([remote["https://news.example/1"].remote_id], True)
    api.set_labels(remote["https://news.example/2"].remote_id, ["World News"], [])
    api.set_note(remote["https://news.example/3"].remote_id, "a note from the server")
    store = Store.open(home)
    report = linked(store, ttrss_account, ttrss_server.url)()
    assert report.added == 5 and store.article_count() == 5
    ids = {store.article(store.article_id_for_url(f"https://news.example/{i}")).url: store.article_id_for_url(
        f"https://news.example/{i}") for i in range(5)}
    assert store.state(ids["https://news.example/0"]).read
    assert store.state(ids["https://news.example/1"]).starred
    assert store.state(ids["https://news.example/2"]).tags == ("world-news",)
    assert store.article_note(ids["https://news.example/3"]).note == "a note from the server"
    assert any("World News" in n for n in report.notices)
    again = service.sync_now(store, ttrss_account.password)
    assert (again.added, again.pushed, again.pulled) == (0, 0, 0)


def test_ttrss_marks_made_on_either_side_reach_the_other(ttrss_server, ttrss_account, home):
    store = Store.open(home)
    local = list(store.add_articles([draft(i, url=f"https://news.example/{i}") for i in range(3)]).added)
    ttrss_account.add_articles([(f"guid-{i}", f"https://news.example/{i}", f"Story {i}") for i in range(3)])
    sync = linked(store, ttrss_account, ttrss_server.url)
    assert sync().added == 0  # matched by link
    by_url = {store.article(i).url: i for i in local}
    a, b, c = (by_url[f"https://news.example/{i}"] for i in range(3))
    store.mark_read([a])
    store.set_starred(b, True)
    store.add_tags(b, ["economy"])
    store.set_article_note(c, "mine")
    assert len(store.journal.read()[0]) == 4
    assert sync().pushed == 4
    assert store.journal.read()[0] == []
    api = client(ttrss_server, ttrss_account)
    remote = remote_by_link(api)
    assert remote["https://news.example/0"].marks.read
    assert remote["https://news.example/1"].marks.starred and remote["https://news.example/1"].marks.labels == (
        "economy",)
    assert remote["https://news.example/2"].marks.note == "mine"
    api.set_read([remote["https://news.example/0"].remote_id], False)
    api.set_labels(remote["https://news.example/1"].remote_id, [], ["economy"])
    api.set_note(remote["https://news.example/2"].remote_id, "theirs")
    assert sync().pulled == 3
    assert not store.state(a).read and store.state(b).tags == () and store.article_note(c).note == "theirs"
    assert store.journal.read()[0] == []  # what the sync took is not sent back


def test_ttrss_a_conflict_goes_to_the_later_change_and_is_logged(ttrss_server, ttrss_account, home, capsys):
    from reader.cli import main

    store = Store.open(home)
    ttrss_account.add_articles([("g1", "https://news.example/1", "Story")])
    sync = linked(store, ttrss_account, ttrss_server.url)
    sync()
    article = store.article_id_for_url("https://news.example/1")
    store.set_article_note(article, "written here")
    api = client(ttrss_server, ttrss_account)
    api.set_note(remote_by_link(api)["https://news.example/1"].remote_id, "written on the server")
    store.set_tags(article, ["mine"])  # a field only we changed is not a conflict
    report = sync()
    # tt-rss does not date its marks, so the server's change counts from when this sync saw it:
    # later than our note.
    assert [c["field"] for c in report.conflicts] == ["note"] and report.conflicts[0]["kept"] == "server"
    assert store.article_note(article).note == "written on the server" and store.state(article).tags == ("mine",)
    with pytest.raises(SystemExit):
        main(["--home", str(home), "sync", "status", "--json"])
    import json

    status = json.loads(capsys.readouterr().out)
    assert status["conflicts"][0]["field"] == "note" and status["pending"] == 0
    assert ttrss_account.password not in json.dumps(status)
    assert ttrss_account.password not in (home / "state" / "sync" / saved.ACCOUNT).read_text()


def test_ttrss_wrong_password_and_api_switched_off_say_so(ttrss_server, ttrss_account):
    with pytest.raises(LoginFailed, match="refused the user name or password") as caught:
        TtrssClient(ttrss_server.url, ttrss_account.user, "wrong").login()
    assert "wrong" not in str(caught.value)
    ttrss_server.sql(f"update ttrss_user_prefs set value = 'false' where owner_uid = {ttrss_account.uid}")
    with pytest.raises(ApiDisabled, match="API is switched off"):
        TtrssClient(ttrss_server.url, ttrss_account.user, ttrss_account.password).login()


def test_ttrss_an_html_page_or_a_hanging_server_fails_with_one_clear_sentence():
    with FeedServer() as server:
        server.route("/api/", body=b"<html><body>Welcome to nginx</body></html>",
                     headers={"Content-Type": "text/html"})
        with pytest.raises(ServerError, match="an HTML page"):
            TtrssClient(server.url("/"), "u", "p").login()
        server.route("/slow/api/", Route(body=b'{"status":0}', delay=30))
        started = time.monotonic()
        with pytest.raises(Unreachable, match="timed out"):
            TtrssClient(server.url("/slow/"), "u", "p", BoundedHttp(deadline=1.0)).login()
        assert time.monotonic() - started < 5
