"""A malformed feed's warning: kept until a fetch reads the feed cleanly, told alike in text and JSON."""

from __future__ import annotations

import pytest

from tests.feedkit import cli_runner, rss
from tests.unit.test_cli_feeds import feeds


@pytest.fixture
def cli(capsys, monkeypatch):
    return cli_runner(capsys, monkeypatch)


def test_a_warning_stays_through_other_fetches_until_the_feed_parses_cleanly(cli, feed_server):
    whole = rss("Cut Daily", "c1", "c2", "c3").decode()
    second = whole.index("<item>", whole.index("<item>") + 1)
    cut = whole[: second + 25].encode()
    url = feed_server.route("/cut.xml", body=cut)
    assert cli("feeds", "add", url).code == 0
    assert cli("fetch").code == 0
    assert "the feed is malformed: " in feeds(cli)[url]["warning"]
    # The same broken feed again, then a new item before the break: still broken.
    assert cli("fetch").code == 0
    assert "the feed is malformed: " in feeds(cli)[url]["warning"]
    grown = rss("Cut Daily", "c0", "c1", "c2", "c3").decode()
    at = grown.index("<item>", grown.index("<item>", grown.index("<item>") + 1) + 1)
    feed_server.route("/cut.xml", body=grown[: at + 25].encode())
    assert cli("fetch").code == 0
    feed = feeds(cli)[url]
    assert "the feed is malformed: " in feed["warning"]
    line = cli("feeds", "list").out.splitlines()[0]
    assert line.startswith(f"{feed['id']}  warn") and feed["status"] == "warn"
    feed_server.route("/cut.xml", body=grown.encode())
    assert cli("fetch").code == 0
    feed = feeds(cli)[url]
    assert feed["warning"] == "" and feed["status"] == "ok"


def _with_bad_entity(document: bytes, guid: str) -> bytes:
    """The document with an entity XML does not define in one item's title: broken half-way."""
    return document.replace(f"<title>Story {guid}</title>".encode(), f"<title>Story&nbsp;{guid}</title>".encode())


def test_a_broken_item_already_stored_still_warns_when_new_items_are_read(cli, feed_server):
    # Items already stored are not parsed again; the document as a whole is still broken.
    url = feed_server.route("/entity.xml", body=_with_bad_entity(rss("Entity Daily", "e1", "e2", "e3"), "e3"))
    assert cli("feeds", "add", url).code == 0
    assert cli("fetch").code == 0
    first = feeds(cli)[url]
    assert (first["status"], first["articles"]) == ("warn", 3)
    assert first["warning"].startswith("the feed is malformed: undefined entity at line ")
    assert "3 items read" in first["warning"]
    feed_server.route("/entity.xml", body=_with_bad_entity(rss("Entity Daily", "e0", "e1", "e2", "e3"), "e3"))
    assert cli("fetch").code == 0
    feed = feeds(cli)[url]
    assert (feed["status"], feed["articles"]) == ("warn", 4)
    assert feed["warning"].startswith("the feed is malformed: undefined entity at line ")
    assert "4 items read" in feed["warning"]
    lines = cli("feeds", "list").out.splitlines()
    assert lines[0].startswith(f"{feed['id']}  warn")
    assert lines[2].strip().startswith("warning: the feed is malformed: undefined entity")


def test_a_feed_broken_around_items_already_stored_warns_and_keeps_them(cli, feed_server):
    whole = rss("Tail Daily", "t1", "t2")
    url = feed_server.route("/tail.xml", body=whole)
    assert cli("feeds", "add", url).code == 0
    assert cli("fetch").code == 0
    assert feeds(cli)[url]["status"] == "ok"
    # No item is new, but the channel is now broken after them.
    feed_server.route("/tail.xml", body=whole.replace(b"</channel>", b"</chanel>"))
    assert cli("fetch").code == 0
    feed = feeds(cli)[url]
    assert (feed["status"], feed["articles"]) == ("warn", 2)
    assert feed["warning"].startswith("the feed is malformed: mismatched tag at line ")
    assert "2 items read" in feed["warning"]
    # Mended, with nothing new: the warning goes.
    feed_server.route("/tail.xml", body=whole)
    assert cli("fetch").code == 0
    assert (feeds(cli)[url]["status"], feeds(cli)[url]["warning"]) == ("ok", "")


def test_a_first_fetch_of_a_broken_document_warns_where_the_whole_of_it_breaks(cli, feed_server, monkeypatch):
    from reader.feeds import refresh
    from reader.feeds.wellformed import document_problem

    body = _with_bad_entity(rss("First Daily", "f1", "f2", "f3"), "f2")
    # Nothing of it is stored yet: the parser reads the document as it came, so the fetch's own
    # process need not check it apart (that check read every byte again).
    checks = []
    monkeypatch.setattr(refresh, "_document_problem", lambda *args: checks.append(args) or "")
    url = feed_server.route("/first.xml", body=body)
    assert cli("feeds", "add", url, "--no-check").code == 0
    assert cli("fetch").code == 0
    feed = feeds(cli)[url]
    assert feed["status"] == "warn" and feed["articles"] >= 1
    # The line counted in the document as served, as a later fetch's check of it counts it.
    problem = document_problem(body, {"content-type": "application/rss+xml"})
    assert problem.startswith("undefined entity at line ")
    assert feed["warning"].startswith(f"the feed is malformed: {problem}, ")
    assert checks == []


def test_new_items_beside_a_broken_stored_one_are_checked_where_they_are_parsed(cli, feed_server, monkeypatch):
    from reader.feeds import refresh

    url = feed_server.route("/later.xml", body=_with_bad_entity(rss("Later Daily", "l1", "l2"), "l2"))
    assert cli("feeds", "add", url, "--no-check").code == 0
    assert cli("fetch").code == 0
    # A new item: the job that parses it takes the whole document along and checks it there,
    # in a parser process on a big fetch, so the fetch's own process reads nothing twice.
    checks = []
    monkeypatch.setattr(refresh, "_document_problem", lambda *args: checks.append(args) or "")
    feed_server.route("/later.xml", body=_with_bad_entity(rss("Later Daily", "l0", "l1", "l2"), "l2"))
    assert cli("fetch").code == 0
    feed = feeds(cli)[url]
    assert (feed["status"], feed["articles"]) == ("warn", 3)
    assert feed["warning"].startswith("the feed is malformed: undefined entity at line ")
    assert "3 items read" in feed["warning"]
    assert checks == []
