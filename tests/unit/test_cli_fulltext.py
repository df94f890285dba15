"""`broadsheet fulltext ID`, `broadsheet save URL` and `feeds edit --full-text`, run as a user would."""

from __future__ import annotations

import pytest

from reader.store import Store
from tests.feedkit import Item, cli_runner, rss
from tests.pagekit import SUMMARY, article_page, paywalled_page

HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    (tmp_path / "config.toml").write_text("fetch_private_hosts = true\n")  # the test server is on loopback
    return cli_runner(capsys, monkeypatch)


def subscribe(cli, feed_server, page: bytes) -> str:
    link = feed_server.route("/news/story", body=page, headers=HTML)
    feed_url = feed_server.route("/feed.xml", body=rss("Harbour Gazette", Item("s1", text=f"<p>{SUMMARY}</p>",
                                                                                link=link)))
    assert cli("feeds", "add", feed_url, "--no-check").code == 0
    return feed_url


def test_fulltext_of_an_article(cli, feed_server, home):
    subscribe(cli, feed_server, article_page())
    assert cli("fetch", "--quiet").code == 0
    (article,) = [a for a in Store.open(home).articles() if a.source != "seed"]
    run = cli("fulltext", article.id)
    assert run.code == 0 and "the full text" in run.out
    shown = cli("show", article.id).out
    assert "Marta Okafor" in shown


def test_fulltext_that_fails_says_why_and_keeps_the_text(cli, feed_server, home):
    subscribe(cli, feed_server, paywalled_page())
    cli("fetch", "--quiet")
    (article,) = [a for a in Store.open(home).articles() if a.source != "seed"]
    run = cli("fulltext", article.id)
    assert run.code == 1 and "paywalled" in run.err and "keeps the text it had" in run.err
    assert cli("fulltext", article.id, "--json").json()["kind"] == "paywalled"
    assert Store.open(home).article(article.id).revisions == 0


def test_a_feed_set_to_always_gets_the_full_text_when_fetched(cli, feed_server, home):
    feed_url = subscribe(cli, feed_server, article_page())
    run = cli("feeds", "edit", feed_url, "--full-text", "always")
    assert run.code == 0 and "full text always" in run.out
    assert cli("feeds", "list", "--json").json()[0]["full_text"] == "always"
    assert cli("fetch", "--quiet").code == 0
    (article,) = [a for a in Store.open(home).articles() if a.source != "seed"]
    assert article.full_text and article.revisions == 0


def test_save_a_page_by_url(cli, feed_server, home):
    url = feed_server.route("/news/grain-pier", body=article_page(), headers=HTML)
    run = cli("save", url, "--tag", "port")
    assert run.code == 0 and run.out.startswith("saved: Grain pier to close after a century — The Harbour Gazette")
    again = cli("save", url, "--json").json()
    assert again["state"] == "unchanged" and again["outlet"] == "The Harbour Gazette"
    listed = cli("list", "--feed", "saved", "--json").json()
    assert [a["id"] for a in listed] == [again["id"]] and listed[0]["tags"] == ["port"]


def test_save_refuses_a_local_address_without_the_config(cli, feed_server, tmp_path):
    (tmp_path / "config.toml").write_text("")
    url = feed_server.route("/admin", body=article_page(), headers=HTML)
    run = cli("save", url)
    assert run.code == 1 and "private or local network" in run.err and "fetch_private_hosts" in run.err
    assert feed_server.requests_to("/admin") == []
