"""The command line as scripts use it: queries and views choose articles, delete, --json shapes, exit codes."""

from __future__ import annotations

import re

import pytest

from reader.cli.reference import ARTICLE, JSON_SHAPES
from reader.store import Store
from tests.feedkit import Item, cli_runner, rss

SHAPES = dict(JSON_SHAPES)
WIKI = "Antonio Ledezma"
BREITBART = "Exiled Caracas Mayor: Military Intervention Has Already Begun in Venezuela"


@pytest.fixture
def cli(capsys, monkeypatch):
    """`broadsheet ARGS...` in this process, offline, with no terminal on stdin."""
    return cli_runner(capsys, monkeypatch)


@pytest.fixture
def ids(cli):
    """The seeds' ids by title, newest first."""
    return {a["title"]: a["id"] for a in cli("list", "--json").json()}


def listed(cli, *options) -> list[str]:
    return [a["title"] for a in cli("list", "--json", *options).json()]


def documented(shape: str) -> set[str]:
    return set(re.findall(r"[a-z_]+", shape))


# Choosing articles -------------------------------------------------------------------------------


def test_list_takes_a_query_a_view_and_a_feed_and_combines_them_with_its_filters(cli, ids):
    assert listed(cli, "--query", "outlet:breitbart") == [BREITBART]
    assert set(listed(cli, "--query", "ledezma before:2017-11-21")) == set(listed(cli)[2:])
    cli("views", "add", "Spain", "madrid OR spain")
    in_view = listed(cli, "--view", "spain")
    dates = [a["published"] for a in cli("list", "--json", "--view", "spain").json()]
    assert 0 < len(in_view) < 5 and dates == sorted(dates, reverse=True), "newest first"
    cli("read", ids[in_view[0]])
    assert listed(cli, "--view", "Spain", "--unread") == in_view[1:]
    assert listed(cli, "--view", "Spain", "--query", "outlet:wikipedia") == [t for t in in_view if t == WIKI]
    assert listed(cli, "--query", "ledezma", "--limit", "2") == listed(cli)[:2]


def test_list_by_feed_and_its_json_names_the_feed(cli, feed_server):
    url = feed_server.route("/one.xml", body=rss("One", "a", "b"))
    cli("feeds", "add", url, "--no-check")
    feed_id = cli("feeds", "list", "--json").json()[0]["id"]
    cli("fetch")

    from_feed = cli("list", "--json", "--feed", feed_id).json()
    assert len(from_feed) == 2 and {(a["feed"], a["feed_title"]) for a in from_feed} == {(feed_id, "One")}
    assert cli("list", "--json", "--feed", url).json() == from_feed
    seeds = [a for a in cli("list", "--json").json() if a["feed"] is None]
    assert len(seeds) == 5 and all(a["feed_title"] is None for a in seeds)
    cli("list", "--feed", "nope").assert_fails_with("nope")


def test_show_prints_the_feed_and_your_highlights_and_notes(cli, feed_server):
    url = feed_server.route("/one.xml", body=rss("One", "a"))
    cli("feeds", "add", url, "--no-check", "--title", "My One")
    cli("fetch")
    [article] = cli("list", "--json", "--feed", url).json()
    cli("annotate", article["id"], "--quote", "The text of story a", "--note", "worth a look", "--tag", "follow")
    cli("annotate", article["id"], "--note", "on the whole article")

    shown = cli("show", article["id"]).out
    feed_id = article["feed"]
    assert f"feed: My One [{feed_id}]" in shown
    notes = shown.split("Your highlights and notes (2):", 1)[1]
    assert "“The text of story a”" in notes and "worth a look" in notes and "#follow" in notes
    assert "note on the article" in notes and "on the whole article" in notes

    data = cli("show", article["id"], "--json").json()
    assert (data["feed"], data["feed_title"]) == (feed_id, "My One")
    assert sorted(a["kind"] for a in data["annotations"]) == ["article-note", "highlight"]
    assert {a["article"] for a in data["annotations"]} == {article["id"]}


def test_a_bad_query_or_an_unknown_view_fails_with_one_line(cli):
    run = cli("list", "--query", "(ledezma")
    assert run.code == 1 and run.err.startswith("broadsheet: bad query:")
    cli("list", "--view", "nothing").assert_fails_with("no saved view called 'nothing'")


def test_read_star_and_tag_by_query_with_yes(cli, ids):
    assert cli("read", "--query", "ledezma", "--yes").out == "marked 5 articles read\n"
    assert cli("unread", "--query", "outlet:wikipedia", "-y").out == "marked 1 article unread\n"
    assert cli("read", "--query", "ledezma", "--yes").out == "marked 1 article read (4 already were)\n"
    assert cli("star", "--query", "outlet:breitbart", "--yes").out == "starred 1 article\n"
    assert cli("tag", "--query", "madrid", "--yes", "Spain", "eu").out.startswith("tagged ")
    tagged = cli("list", "--json", "--tag", "spain").json()
    assert tagged and all(a["tags"] == ["eu", "spain"] for a in tagged)
    assert cli("untag", "--query", "tag:spain", "--yes", "eu").out == f"untagged {len(tagged)} articles #eu\n"
    assert listed(cli, "--starred") == [BREITBART]
    assert cli("unstar", "--view", "x").code == 1  # no such view
    assert cli("read", "--query", "nothing-matches-this").out == "marked 0 articles read\n"


def test_ids_and_a_query_together_or_neither_is_bad_usage(cli, ids):
    for argv in (("read", ids[WIKI], "--query", "x"), ("star",), ("delete",), ("tag", ids[WIKI])):
        run = cli(*argv)
        assert run.code == 2 and run.err.startswith("broadsheet: ") and run.err.count("\n") == 1, run
    for argv in (("tag",), ("tag", "--query", "x")):  # argparse's own: no item at all
        run = cli(*argv)
        assert run.code == 2 and "Traceback" not in run.err


def test_a_change_by_query_without_a_terminal_or_yes_changes_nothing(cli, ids):
    run = cli("delete", "--query", "ledezma")
    assert run.code == 2 and "refusing to delete 5 articles without --yes" in run.err
    assert len(listed(cli)) == 5


# Tags --------------------------------------------------------------------------------------------


def test_tag_says_what_it_changed_and_refuses_what_a_tag_cannot_hold(cli, ids):
    run = cli("tag", ids[WIKI], "Bad Tag!")
    assert run.code == 0 and run.out == f"{ids[WIKI]}: bad-tag!\n"
    assert run.err.startswith("broadsheet: tag 'Bad Tag!' is kept as 'bad-tag!' (a tag is one lower-case word")
    assert cli("tag", ids[WIKI], "plain").err == "", "a tag kept as given needs no word"
    for bad in ('a"b', "x(y", "one,two", "  "):
        refused = cli("tag", ids[WIKI], bad)
        assert refused.code == 2 and "A tag is one lower-case word" in refused.err, bad
    assert cli("list", "--json").json()[0]["tags"] == ["bad-tag!", "plain"]
    assert cli("untag", ids[WIKI], "BAD TAG!").out == f"{ids[WIKI]}: plain\n"


# Delete ------------------------------------------------------------------------------------------


def test_delete_keeps_what_you_marked_unless_forced(cli, ids, home):
    cli("star", ids[WIKI])
    cli("annotate", ids[BREITBART], "--note", "keep this")
    run = cli("delete", "--query", "ledezma", "--yes")
    assert run.code == 0
    assert run.out == "deleted 3 articles; kept 2 articles you starred, tagged or annotated (--force deletes them)\n"
    assert set(listed(cli)) == {WIKI, BREITBART}

    forced = cli("delete", ids[BREITBART], "--force", "--json").json()
    assert forced == {"deleted": [ids[BREITBART]], "kept": []}
    assert listed(cli) == [WIKI]
    assert cli("annotations", "--json").json() == [], "its notes went with it"
    assert cli("stats", "--json").json()["annotations"] == 0
    cli("show", ids[BREITBART]).assert_fails_with(ids[BREITBART])
    assert Store.open(home).state(ids[BREITBART]).starred is False


def test_a_deleted_article_leaves_search_entities_and_stories(cli, ids):
    cli("analyse", "--no-model")
    cli("search", "ledezma")  # the index exists before the delete
    cli("stories", "--all")
    gone = ids[BREITBART]
    assert cli("delete", gone).out == "deleted 1 article\n"

    assert gone not in {r["id"] for r in cli("search", "ledezma", "--json").json()["results"]}
    assert cli("search", "--json", "outlet:breitbart").json()["total"] == 0
    assert all(gone not in e["articles"] for e in cli("entities", "--json", "--all").json())
    assert all(gone not in s["articles"] for s in cli("stories", "--all", "--json").json())
    assert cli("stats", "--json").json()["articles"] == 4


def test_a_deleted_item_does_not_come_back_when_its_feed_sends_it_again(cli, feed_server):
    url = feed_server.route("/f.xml", body=rss("F", "keep", "drop"))
    cli("feeds", "add", url, "--no-check")
    cli("fetch")
    drop = next(a["id"] for a in cli("list", "--json", "--feed", url).json() if a["url"].endswith("drop.html"))
    cli("delete", drop)
    # The item changed and a new one came: the changed one is read again, and still left out.
    feed_server.route("/f.xml", body=rss("F", "keep", Item("drop", title="Drop, edited"), "new"))
    assert cli("fetch").code == 0
    links = [a["url"].rsplit("/", 1)[-1] for a in cli("list", "--json", "--feed", url).json()]
    assert sorted(links) == ["keep.html", "new.html"]


# --json shapes and exit codes ------------------------------------------------------------------


def test_every_key_printed_is_in_the_json_reference(cli, ids, feed_server):
    cli("annotate", ids[WIKI], "--note", "n")
    cli("views", "add", "v", "ledezma")
    cli("feeds", "add", feed_server.route("/f.xml", body=rss("F", "x")), "--no-check")
    article = set(cli("list", "--json").json()[0])
    assert article == documented(ARTICLE) - {"the", "s", "or", "null", "for", "imported", "files", "and", "seeds",
                                             "iso", "utc", "how", "many", "reader", "comments", "feed_title"} | {
        "feed_title", "comments"}
    show = cli("show", ids[WIKI], "--json").json()
    assert set(show) - article <= documented(SHAPES["show ID"])
    assert set(show["annotations"][0]) <= documented(SHAPES["annotations"])
    assert set(cli("stats", "--json").json()) == documented(SHAPES["stats"])
    assert set(cli("views", "list", "--json").json()[0]) == documented(SHAPES["views list"])
    assert set(cli("feeds", "list", "--json").json()[0]) == documented(SHAPES["feeds list"])
    fetched = cli("fetch", "--json").json()
    assert set(fetched) | set(fetched["feeds"][0]) <= documented(SHAPES["fetch"])
    found = cli("search", "ledezma", "--json").json()
    assert set(found) | set(found["results"][0]) <= documented(SHAPES["search"])
    assert set(cli("delete", "--query", "outlet:panam", "--yes", "--json").json()) == {"deleted", "kept"}


def test_help_prints_the_json_reference_the_exit_codes_and_a_commands_help(cli):
    reference = cli("help", "json")
    assert reference.code == 0 and "broadsheet list --json" in reference.out and "keys are only ever added" in (
        reference.out.lower())
    codes = cli("help", "exit-codes").out
    for code in ("0", "1", "2", "3", "130"):
        assert re.search(rf"^\s+{code}  ", codes, re.M), code
    assert cli("help", "feeds", "add").out.startswith("usage: broadsheet feeds add")
    assert cli("help").out.startswith("usage: broadsheet")
    assert cli("help", "nonsense").code == 2


def test_bad_usage_exits_2_and_quiet_goes_before_or_after_the_command(cli):
    assert cli("list", "--no-such-option").code == 2
    assert cli("no-such-command").code == 2
    assert cli("-q", "list").code == 0 and cli("list", "--quiet").code == 0
