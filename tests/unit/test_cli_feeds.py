"""`broadsheet feeds add|list|remove|import|export`, run in this process against the local feed server."""

from __future__ import annotations

import pytest

from tests.feedkit import cli_runner, rss

PAGE = (
    b'<!DOCTYPE html><html><head><title>The Planet</title>'
    b'<link rel="alternate" type="application/rss+xml" title="Front page" href="/front.xml">'
    b'<link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.xml">'
    b"</head><body><p>News.</p></body></html>"
)
FEED_FIELDS = {
    "id", "title", "url", "site_url", "tags", "last_fetch", "last_success", "status", "fetch_status", "error",
    "warning", "articles", "unread", "full_text",
}


@pytest.fixture
def cli(capsys, monkeypatch):
    return cli_runner(capsys, monkeypatch)


def feeds(cli) -> dict[str, dict]:
    return {f["url"]: f for f in cli("feeds", "list", "--json").json()}


# feeds add ------------------------------------------------------------------------------------


def test_add_checks_the_feed_and_subscribes_under_its_title(cli, feed_server):
    url = feed_server.route("/news.xml", body=rss("The Daily Planet", "a"))

    added = cli("feeds", "add", url, "--tag", "World", "--tag", "local news")

    assert added.code == 0 and added.err == ""
    [feed] = feeds(cli).values()
    assert added.out == f"subscribed to The Daily Planet [{feed['id']}] {url}\n"
    assert set(feed) == FEED_FIELDS
    assert (feed["title"], feed["url"], feed["status"]) == ("The Daily Planet", url, "new")
    assert feed["tags"] == ["local-news", "world"]
    assert (feed["last_fetch"], feed["articles"], feed["unread"]) == (None, 0, 0)
    again = cli("feeds", "add", url)
    assert again.code == 0 and again.out == f"already subscribed: The Daily Planet [{feed['id']}]\n"
    assert len(feeds(cli)) == 1


def test_add_of_a_web_page_takes_its_first_feed_with_yes(cli, feed_server):
    page = feed_server.route("/", body=PAGE, headers={"Content-Type": "text/html"})
    front = feed_server.route("/front.xml", body=rss("Front", "a"))

    added = cli("feeds", "add", page, "--yes")

    assert added.code == 0, added.err
    assert "1. Front page" in added.out and "2. Comments" in added.out
    assert list(feeds(cli)) == [front] and feeds(cli)[front]["title"] == "Front page"
    cli("fetch")
    assert feeds(cli)[front]["title"] == "Front", "the page's name for the feed gives way to the feed's own"
    assert {
        a["outlet"] for a in cli("list", "--json").json() if a["url"].startswith("https://news.example/")
    } == {"Front"}


def test_add_of_a_web_page_refuses_the_feed_it_advertises_when_that_is_gone(cli, feed_server):
    page = feed_server.route("/", headers={"Content-Type": "text/html"}, body=(
        b'<html><head><link rel="alternate" type="application/rss+xml" title="Gone" href="/gone.xml">'
        b"</head><body></body></html>"))

    cli("feeds", "add", page, "--yes").assert_fails_with("HTTP 404", "--force")
    assert feeds(cli) == {}


def test_add_of_a_web_page_without_yes_and_no_terminal_asks_for_yes_and_subscribes_nothing(
    cli, feed_server, monkeypatch
):
    page = feed_server.route("/", body=PAGE, headers={"Content-Type": "text/html"})
    monkeypatch.setattr("builtins.input", lambda *_: pytest.fail("no one is there to answer"))

    refused = cli("feeds", "add", page)

    refused.assert_fails_with("not subscribed", "--yes")
    assert feeds(cli) == {}


@pytest.mark.parametrize(("path", "reason"), [(None, "could not resolve host news.invalid"),
                                              ("/missing.xml", "HTTP 404"),
                                              ("/page.html", "advertises no feed")])
def test_add_of_an_unusable_url_says_why_and_offers_force(cli, feed_server, path, reason):
    feed_server.route(
        "/page.html", body=b"<html><body>No feeds here</body></html>", headers={"Content-Type": "text/html"}
    )
    url = feed_server.url(path) if path else "http://news.invalid/feed.xml"

    cli("feeds", "add", url).assert_fails_with(reason, "--force")
    assert feeds(cli) == {}

    forced = cli("feeds", "add", url, "--force")
    assert forced.code == 0 and reason in forced.err and "subscribed anyway" in forced.err
    assert forced.out.startswith("subscribed to ") and list(feeds(cli)) == [url]


def test_add_with_no_check_subscribes_without_a_request(cli, feed_server):
    url = feed_server.url("/later.xml")

    added = cli("feeds", "add", url, "--no-check", "--title", "Later")

    assert added.code == 0 and feed_server.requests == []
    assert feeds(cli)[url]["title"] == "Later"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://files.example/feed.xml"])
@pytest.mark.parametrize("check", [[], ["--no-check"], ["--force"]])
def test_add_refuses_an_address_that_is_not_the_web(cli, url, check):
    cli("feeds", "add", url, *check).assert_fails_with("only http and https", url.split(":")[0] + ":")
    assert feeds(cli) == {}


# feeds list and remove ------------------------------------------------------------------------


@pytest.fixture
def fetched(cli, feed_server):
    """Two feeds fetched once (one working, with an article read; one failing): their URLs."""
    good = feed_server.route("/good.xml", body=rss("Good News", "g1", "g2", "g3"))
    bad = feed_server.route("/bad.xml", status=404)
    cli("feeds", "add", good, "--tag", "daily")
    cli("feeds", "add", bad, "--force", "--title", "Bad News")
    assert cli("fetch").code == 3  # one feed failed
    article = next(a for a in cli("list", "--json").json() if a["outlet"] == "Good News")
    cli("read", article["id"])
    return good, bad


def test_feeds_list_json_has_counts_status_and_the_last_error(cli, fetched):
    good, bad = fetched

    listed = feeds(cli)

    assert listed[good]["tags"] == ["daily"] and listed[good]["title"] == "Good News"
    assert [listed[good][k] for k in ("status", "error", "articles", "unread")] == ["ok", "", 3, 2]
    assert listed[good]["last_fetch"] and listed[good]["last_fetch"] == listed[good]["last_success"]
    assert (listed[bad]["status"], listed[bad]["error"], listed[bad]["articles"]) == ("failed", "HTTP 404 Not Found", 0)
    assert listed[bad]["last_fetch"] and listed[bad]["last_success"] is None


def test_feeds_list_text_shows_each_feed_with_its_url_counts_and_error(cli, fetched):
    good, bad = fetched
    ids = {url: f["id"] for url, f in feeds(cli).items()}

    lines = cli("feeds", "list").out.splitlines()

    assert lines[0].startswith(f"{ids[bad]}  failed") and "0/0" in lines[0] and lines[0].endswith("Bad News")
    assert lines[1].strip() == bad and lines[2].strip() == "last error: HTTP 404 Not Found"
    assert lines[3].startswith(f"{ids[good]}  ok") and "2/3" in lines[3] and lines[3].endswith("Good News  #daily")
    assert lines[4].strip() == good and len(lines) == 5


def test_a_feed_cut_off_is_refused_or_read_in_part_with_a_warning(cli, feed_server):
    whole = rss("Cut Daily", "c1", "c2").decode()
    first_item = whole.index("<item>")
    before_any = feed_server.route("/before.xml", body=whole[:first_item + 20].encode())
    cli("feeds", "add", before_any).assert_fails_with("broken", "--force")
    after_one = feed_server.route("/after.xml", body=whole[:whole.index("<item>", first_item + 1) + 25].encode())
    assert cli("feeds", "add", after_one).code == 0
    assert cli("fetch").code == 0
    feed = feeds(cli)[after_one]
    assert (feed["status"], feed["articles"]) == ("warn", 1) and "the feed is malformed: " in feed["warning"]
    lines = cli("feeds", "list").out.splitlines()
    assert lines[0].startswith(f"{feed['id']}  warn")
    assert lines[2].strip().startswith("warning: the feed is malformed: ")
    # Once the feed is whole again, the warning goes.
    feed_server.route("/after.xml", body=whole.encode())
    assert cli("fetch").code == 0
    assert feeds(cli)[after_one]["warning"] == "" and feeds(cli)[after_one]["articles"] == 2


def test_feeds_list_with_no_feeds_says_how_to_add_one(cli):
    assert "broadsheet feeds add URL" in cli("feeds", "list").out


@pytest.mark.parametrize("by", ["url", "id"])
def test_feeds_remove_by_url_or_id_keeps_marked_articles(cli, fetched, by):
    good, _ = fetched
    feed = feeds(cli)[good]
    starred = next(a for a in cli("list", "--json").json() if a["outlet"] == "Good News")
    cli("star", starred["id"])

    removed = cli("feeds", "remove", good if by == "url" else feed["id"][:5])

    assert removed.code == 0
    assert removed.out == "unsubscribed from Good News: 2 articles removed, 1 kept (starred, tagged or annotated)\n"
    assert good not in feeds(cli)
    assert [a["id"] for a in cli("list", "--json").json() if a["outlet"] == "Good News"] == [starred["id"]]


@pytest.mark.parametrize("command", [("feeds", "remove", "http://nowhere.example/feed"), ("fetch", "--feed", "fzzzzz")])
def test_an_unknown_feed_fails_with_one_line(cli, fetched, command):
    cli(*command).assert_fails_with("no feed", "broadsheet feeds list")


# import and export ---------------------------------------------------------------------------


OPML = b"""<?xml version="1.0"?><opml version="2.0"><body>
<outline text="World"><outline type="rss" text="Planet" xmlUrl="https://planet.example/feed.xml"/></outline>
<outline type="rss" text="Local" xmlUrl="http://local.example/rss" category="/town,sport"/>
<outline type="rss" text="Secret" xmlUrl="file:///etc/passwd"/>
<outline type="rss" text="Script" xmlUrl="javascript:alert(1)"/>
</body></opml>"""
URLS = b"""# newsboat
https://planet.example/feed.xml world
"exec:~/bin/make-feed" scripts
http://blog.example/atom.xml "~A Blog" tech
"""


@pytest.mark.parametrize(("name", "content", "subscribed", "skipped"), [
    ("feeds.opml", OPML, {"https://planet.example/feed.xml": ("Planet", ["world"]),
                          "http://local.example/rss": ("Local", ["sport", "town"])}, 2),
    ("urls", URLS, {"https://planet.example/feed.xml": ("", ["world"]),
                    "http://blog.example/atom.xml": ("A Blog", ["tech"])}, 1),
])
def test_feeds_import_subscribes_to_every_web_feed_and_reports_the_rest(
    cli, tmp_path, name, content, subscribed, skipped
):
    path = tmp_path / name
    path.write_bytes(content)

    imported = cli("feeds", "import", path)

    assert imported.code == 0 and imported.out == f"imported 2 feeds, {skipped} skipped\n"
    reported = imported.err.splitlines()
    assert len(reported) == skipped and all(line.startswith("skipped ") for line in reported)
    assert {url: (f["title"], f["tags"]) for url, f in feeds(cli).items()} == subscribed
    assert cli("feeds", "import", path).out == f"imported 0 feeds, 2 already subscribed, {skipped} skipped\n"


@pytest.mark.parametrize("content", [None, b"\x00\x01\x02binary\xff"])
def test_feeds_import_of_a_missing_or_unreadable_file_fails_with_one_line(cli, tmp_path, content):
    path = tmp_path / "subscriptions.opml"
    if content is not None:
        path.write_bytes(content)
    cli("feeds", "import", path).assert_fails_with(path.name)
    cli("feeds", "import", tmp_path).assert_fails_with(str(tmp_path), "directory")


def test_feeds_export_to_a_place_it_cannot_write_fails_with_one_line(cli, tmp_path):
    cli("feeds", "add", "https://planet.example/feed.xml", "--no-check")
    cli("feeds", "export", tmp_path / "missing" / "feeds.opml").assert_fails_with("could not write", "No such file")
    cli("feeds", "export", tmp_path).assert_fails_with("could not write", "directory")


@pytest.mark.parametrize("to_stdout", [False, True])
def test_export_then_import_into_a_fresh_library_round_trips_titles_urls_and_tags(cli, tmp_path, to_stdout):
    path = tmp_path / "feeds.opml"
    path.write_bytes(OPML)
    cli("feeds", "import", path)
    cli("feeds", "add", "https://third.example/x.xml?a=1&b=2", "--no-check", "--title", 'Q & A "live"', "--tag", "misc")
    exported = tmp_path / "exported.opml"

    if to_stdout:
        run = cli("feeds", "export")
        exported.write_text(run.out)
    else:
        run = cli("feeds", "export", exported)
        assert run.out == "" and run.err == f"exported 3 feeds to {exported}\n"
    assert run.code == 0 and exported.read_bytes().startswith(b"<?xml")
    cli("--home", tmp_path / "fresh", "feeds", "import", exported)

    def subscriptions(*home):
        return sorted((f["url"], f["title"], f["tags"]) for f in cli(*home, "feeds", "list", "--json").json())

    assert subscriptions("--home", tmp_path / "fresh") == subscriptions() and len(subscriptions()) == 3


def test_feeds_rename_names_the_feed_and_its_new_articles(cli, feed_server):
    url = feed_server.route("/r.xml", body=rss("World news | The Guardian", "r1"))
    cli("feeds", "add", url)
    feed_id = feeds(cli)[url]["id"]
    renamed = cli("feeds", "rename", feed_id, "  Guardian   World ")
    assert renamed.code == 0 and renamed.out == f"{feed_id} is now called Guardian World\n"
    assert feeds(cli)[url]["title"] == "Guardian World"
    assert cli("fetch").code == 0
    assert [a["outlet"] for a in cli("list", "--json").json() if a["title"] == "Story r1"] == ["Guardian World"]
    cli("feeds", "rename", url, "")  # by URL too; "" is the feed's own name again
    assert feeds(cli)[url]["title"] == "World news | The Guardian"
    cli("feeds", "rename", "fnothing", "X").assert_fails_with("fnothing")
