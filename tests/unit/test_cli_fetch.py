"""`broadsheet fetch` run in this process against the local feed server, and hostile feeds end to end."""

from __future__ import annotations

import re
import sys

import pytest

from tests.feedkit import Item, cli_runner, rss

# What must never reach a terminal from anything a server sent.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def cli(capsys, monkeypatch):
    return cli_runner(capsys, monkeypatch)


@pytest.fixture
def subscribed(cli, feed_server):
    """Two working feeds and one that fails: their ids by name."""
    ids = {}
    routes = {"one": {"body": rss("One", "1a", "1b")}, "two": {"body": rss("Two", "2a")}, "bad": {"status": 404}}
    for name, route in routes.items():
        url = feed_server.route(f"/{name}.xml", **route)
        cli("feeds", "add", url, "--no-check")
        ids[name] = next(f["id"] for f in cli("feeds", "list", "--json").json() if f["url"] == url)
    return ids


def test_fetch_prints_failures_and_a_summary_and_exits_3_when_some_fail(cli, feed_server, subscribed):
    run = cli("fetch")

    # Not a terminal: no bar and no line per feed, only the failure (on stderr) and the summary.
    assert run.code == 3
    assert run.err == f"broadsheet: {feed_server.url('/bad.xml')} [{subscribed['bad']}]: failed: HTTP 404 Not Found\n"
    [summary] = run.out.splitlines()
    assert re.fullmatch(r"fetched 3 feeds in \d+\.\d s: 3 new articles, 0 changed, 1 feed failed", summary), summary
    assert {a["outlet"] for a in cli("list", "--json").json()} >= {"One", "Two"}

    again = cli("fetch")
    assert again.code == 3 and again.out.endswith(": 0 new articles, 0 changed, 1 feed failed\n")


def test_fetch_exits_0_when_every_feed_worked(cli, feed_server, subscribed):
    cli("feeds", "remove", subscribed["bad"])
    run = cli("fetch", "--quiet")
    assert (run.code, run.err) == (0, "") and run.out.startswith("fetched 2 feeds in ")


def test_fetch_json_reports_every_feed(cli, subscribed):
    report = cli("fetch", "--json").json()

    assert (report["added"], report["updated"], report["failed"]) == (3, 0, 1) and report["elapsed"] >= 0
    by_id = {f["id"]: f for f in report["feeds"]}
    assert set(by_id) == set(subscribed.values())
    one, bad = by_id[subscribed["one"]], by_id[subscribed["bad"]]
    assert (one["title"], one["state"], len(one["added"]), one["updated"], one["error"]) == (
        "One", "updated", 2, [], ""
    )
    assert (bad["state"], bad["error"], bad["added"]) == ("failed", "HTTP 404 Not Found", [])
    fields = {"id", "url", "title", "state", "added", "updated", "error", "warnings", "seconds"}
    assert all(set(f) == fields for f in report["feeds"])
    listed = {a["id"] for a in cli("list", "--json").json()}
    assert set(one["added"]) <= listed


def test_fetch_feed_fetches_only_the_feeds_named(cli, feed_server, subscribed):
    run = cli(
        "fetch", "--feed", subscribed["two"], "--feed", feed_server.url("/one.xml"), "--feed", subscribed["two"][:4]
    )

    assert run.code == 0
    assert [len(feed_server.requests_to(f"/{name}.xml")) for name in ("one", "two", "bad")] == [1, 1, 0]
    assert run.out.startswith("fetched 2 feeds in ") and run.out.count("\n") == 1


def test_fetch_with_no_feeds_says_how_to_add_one(cli):
    run = cli("fetch")
    assert run.code == 0 and "broadsheet feeds add URL" in run.err


def test_fetch_honours_concurrency_and_per_host(cli, feed_server):
    for n in range(4):
        cli("feeds", "add", feed_server.route(f"/{n}.xml", body=rss(f"Feed {n}", f"{n}a"), delay=0.05), "--no-check")

    assert cli("fetch", "--concurrency", "1", "--per-host", "4").code == 0
    assert feed_server.peak_in_flight == 1
    feed_server.reset_stats()
    assert cli("fetch", "--concurrency", "8", "--per-host", "2").code == 0
    assert feed_server.peak_in_flight == 2


def test_fetch_gives_up_on_a_feed_after_timeout_seconds(cli, feed_server):
    cli("feeds", "add", feed_server.route("/slow.xml", body=rss("Slow", "s"), delay=3.0), "--no-check")

    run = cli("fetch", "--timeout", "0.3")

    assert run.code == 3 and "failed: timed out after 0.3 s" in run.err


@pytest.mark.parametrize("option", [("--concurrency", "0"), ("--concurrency", "many"), ("--per-host", "-1"),
                                    ("--timeout", "0"), ("--timeout", "soon"), ("--timeout", "86400")])
def test_fetch_refuses_bad_limits_before_doing_anything(cli, subscribed, feed_server, option):
    run = cli("fetch", *option)

    assert run.code == 2 and option[0] in run.err and "Traceback" not in run.err
    assert feed_server.requests == []


# Hostile feeds, end to end --------------------------------------------------------------------

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
CSI = "\x1b[2J\x1b[31m"
BIDI = "\u202e"
MARKUP = "[@click=app.quit] [bold]x[/red]"


def hostile_feed() -> bytes:
    item = Item(
        "evil-1",
        title=f"Pwned {OSC52}title{CSI} {BIDI}txet {MARKUP}",
        text=f'<p>Read {OSC52}{MARKUP} <a href="javascript:alert(1)">here</a>'
             ' and <a href="https://ok.example/">there</a>.</p>',
        author=f"Eve {CSI}{BIDI}",
        link="https://evil.example/1",
    )
    return rss(f"Evil {OSC52}News{CSI}{BIDI} {MARKUP}", item)


def test_a_hostile_feed_is_stored_clean_and_printed_without_escapes(cli, feed_server):
    url = feed_server.route("/evil.xml", body=hostile_feed())
    added = cli("feeds", "add", url)
    fetched = cli("fetch")

    [article] = [a for a in cli("list", "--json").json() if a["url"] == "https://evil.example/1"]
    [feed] = cli("feeds", "list", "--json").json()
    for text in (article["title"], article["author"], article["outlet"], feed["title"]):
        assert not FORBIDDEN.search(text), repr(text)
        assert "52;c" not in text and "[2J" not in text, repr(text)
    assert article["title"].startswith("Pwned title") and article["title"].endswith(MARKUP), "markup stays literal"
    assert feed["title"] == article["outlet"] == f"Evil News {MARKUP}"
    assert article["author"] == "Eve"
    shown = cli("show", article["id"], "--json").json()
    assert shown["body"]["links"] == ["https://ok.example/"], "a javascript: link is not a link"
    assert shown["text"] == f"Read {MARKUP} here and there[1]."

    for run in (added, fetched, cli("list"), cli("show", article["id"]), cli("feeds", "list"), cli("feeds", "export")):
        assert run.code == 0 and "\x1b" not in run.out + run.err and not FORBIDDEN.search(run.out + run.err)


def test_a_fetch_that_brings_articles_leaves_their_stories_to_another_process_without_loading_them(
    cli, feed_server, monkeypatch
):
    # The stories' code (the grouping and NumPy) costs a fetch's process a fifth of a second to
    # load; only the detached placer needs it. None in sys.modules makes importing it fail.
    for module in ("reader.cli.story_commands", "reader.stories.grouping", "reader.stories.desk"):
        monkeypatch.setitem(sys.modules, module, None)
    url = feed_server.route("/placed.xml", body=rss("Placed Daily", "p1", "p2"))
    assert cli("feeds", "add", url, "--no-check").code == 0
    run = cli("fetch")
    assert run.code == 0 and run.err == ""
    assert "2 new articles" in run.out
