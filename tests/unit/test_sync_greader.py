"""Sync with a Google Reader API server (tests/greaderkit.py): the first sync, marks both ways,
conflicts, labels our tags cannot spell, notes kept local, and the command line."""

from __future__ import annotations

import json

import pytest

from reader.store import Store
from reader.sync import service
from reader.sync import state as saved
from tests.conftest import draft
from tests.greaderkit import FakeGreader


@pytest.fixture
def server():
    with FakeGreader(page=3) as fake:  # a small page, so every listing follows continuations
        yield fake


def linked(store, server):
    service.add_account(store.home, "greader", server.url, server.user, server.password)
    return lambda: service.sync_now(store, server.password)


def test_greader_first_sync_fills_an_empty_library_with_the_servers_articles_and_marks(server, home):
    for i in range(7):
        server.add_item(f"https://news.example/{i}", f"Story {i}")
    server.by_link("https://news.example/0").read = True
    server.by_link("https://news.example/1").starred = True
    server.by_link("https://news.example/2").labels.add("economy")
    store = Store.open(home)
    report = linked(store, server)()
    assert report.added == 7 and store.article_count() == 7
    ids = {i: store.article_id_for_url(f"https://news.example/{i}") for i in range(7)}
    assert store.state(ids[0]).read and not store.state(ids[3]).read
    assert store.state(ids[1]).starred
    assert store.state(ids[2]).tags == ("economy",)
    assert store.article(ids[4]).title == "Story 4"
    again = service.sync_now(store, server.password)
    assert (again.added, again.pushed, again.pulled) == (0, 0, 0)
    assert server.calls("reader/api/0/stream/items/contents") == 1  # content only for items never linked


def test_greader_marks_made_on_either_side_reach_the_other(server, home):
    store = Store.open(home)
    local = list(store.add_articles([draft(i, url=f"https://news.example/{i}") for i in range(3)]).added)
    for i in range(3):
        server.add_item(f"https://news.example/{i}", f"Story {i}")
    sync = linked(store, server)
    sync()
    assert store.article_count() == 3  # matched by link, not added twice
    by_url = {store.article(i).url: i for i in local}
    a, b, c = (by_url[f"https://news.example/{i}"] for i in range(3))
    store.mark_read([a])
    store.set_starred(b, True)
    store.add_tags(b, ["economy"])
    assert sync().pushed == 3
    assert store.journal.read()[0] == []
    assert server.by_link("https://news.example/0").read
    assert server.by_link("https://news.example/1").starred
    assert server.by_link("https://news.example/1").labels == {"economy"}
    server.by_link("https://news.example/0").read = False
    server.by_link("https://news.example/1").labels.clear()
    server.by_link("https://news.example/2").starred = True
    assert sync().pulled == 3
    assert not store.state(a).read and store.state(b).tags == () and store.state(c).starred
    assert store.journal.read()[0] == []  # what the sync took is not sent back


def test_greader_a_conflict_goes_to_the_later_change_and_is_logged(server, home):
    server.add_item("https://news.example/1", "Story")
    store = Store.open(home)
    sync = linked(store, server)
    sync()
    article = store.article_id_for_url("https://news.example/1")
    store.mark_read([article])
    server.by_link("https://news.example/1").starred = True
    server.by_link("https://news.example/1").labels.add("theirs")
    store.set_tags(article, ["mine"])
    report = sync()
    # The API does not date its marks: the server's change counts from when this sync saw it.
    assert [c["field"] for c in report.conflicts] == ["tags"] and report.conflicts[0]["kept"] == "server"
    assert store.state(article).tags == ("theirs",)
    assert store.state(article).read and store.state(article).starred  # fields only one side changed
    assert server.by_link("https://news.example/1").read
    assert saved.read_conflicts(home)[0]["field"] == "tags"


def test_greader_a_label_our_tags_cannot_spell_keeps_its_caption_on_the_server(server, home):
    server.add_item("https://news.example/1", "Story 1").labels.add("World News")
    server.add_item("https://news.example/2", "Story 2")
    store = Store.open(home)
    sync = linked(store, server)
    report = sync()
    first = store.article_id_for_url("https://news.example/1")
    assert store.state(first).tags == ("world-news",)
    assert any("'World News'" in n and "'world-news'" in n for n in report.notices)
    store.add_tags(store.article_id_for_url("https://news.example/2"), ["world-news"])
    sync()
    assert server.by_link("https://news.example/2").labels == {"World News"}
    assert not any("World News" in n for n in sync().notices)  # told once


def test_greader_notes_stay_local_and_the_user_is_told_once(server, home, capsys):
    from reader.cli import main

    server.add_item("https://news.example/1", "Story")
    store = Store.open(home)
    sync = linked(store, server)
    first = sync()
    notice = "article notes stay in this library: greader has nowhere to keep them"
    assert notice in first.notices
    article = store.article_id_for_url("https://news.example/1")
    store.set_article_note(article, "only here")
    second = sync()
    assert notice not in second.notices and second.pushed == 0
    assert store.article_note(article).note == "only here"  # the server's empty note is not taken
    assert not any(p for _, p, _ in server.log if "edit-tag" in p)
    with pytest.raises(SystemExit):
        main(["--home", str(home), "sync", "status", "--json"])
    status = json.loads(capsys.readouterr().out)
    assert status["provider"] == "greader" and notice in status["notices"]


def test_greader_a_login_that_expired_is_renewed_without_the_user(server, home):
    server.add_item("https://news.example/1", "Story")
    store = Store.open(home)
    sync = linked(store, server)
    sync()
    store.mark_read([store.article_id_for_url("https://news.example/1")])
    provider = service.provider_for(saved.read_account(home), server.password)
    provider.login()
    server.expire_logins()  # both the Auth token and the write token go stale
    provider.set_read([next(iter(provider.articles())).remote_id], True)
    provider.close()
    assert server.by_link("https://news.example/1").read


def test_greader_sync_add_and_now_from_the_command_line(server, home, monkeypatch, capsys):
    from reader.cli import main

    server.add_item("https://news.example/1", "Story")
    monkeypatch.setenv(service.PASSWORD_VARIABLE, server.password)
    with pytest.raises(SystemExit) as done:
        main(["--home", str(home), "sync", "add", "greader", server.url, "--user", server.user, "--push-feeds",
              "--no-tags"])
    assert done.value.code == 0
    with pytest.raises(SystemExit):
        main(["--home", str(home), "sync", "now", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["articles"] == 1 and report["feeds_added"] == 1
    with pytest.raises(SystemExit):
        main(["--home", str(home), "sync", "status", "--json"])
    status = json.loads(capsys.readouterr().out)
    assert status["push_feeds"] and status["no_tags"] and status["last_error"] is None
    assert server.password not in (home / "state" / "sync" / saved.ACCOUNT).read_text()
