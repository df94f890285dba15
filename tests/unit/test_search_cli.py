"""`broadsheet search`, `views` and `reindex`: output, JSON, a damaged index, and one-line errors."""

from __future__ import annotations

import pytest

from reader.cli.search_output import marked_line
from reader.search import Snippet, index_path
from tests.clikit import run_cli

VA = "Escaped Venezuelan Opposition Leader Welcomed in Spain, Meets with Rajoy"
CC = "Ledezma Lands in Madrid; Opposition Sets Talks in the Dominican Republic"


@pytest.fixture
def cli(capsys):
    return lambda *argv: run_cli(capsys, *argv)


def test_search_prints_ranked_rows_with_snippets(cli):
    run = cli("search", "rajoy")
    assert run.code == 0 and run.err == ""
    lines = run.out.splitlines()
    assert VA in lines[0] and "Venezuelanalysis" in lines[0] and "2017-11-20" in lines[0]
    assert lines[1].startswith(" " * 12) and "Rajoy" in lines[1]
    assert CC in lines[2]
    assert lines[-1] == "2 matching articles, best first"
    assert "\x1b" not in run.out  # no emphasis when not writing to a terminal


def test_search_joins_its_arguments_and_limits_the_page(cli):
    run = cli("search", "--limit", "1", "madrid", "OR", "rajoy")
    assert run.out.splitlines()[-1] == "1 of 4 matching articles, best first (--limit N shows more)"


def test_search_without_words_lists_newest_first(cli):
    assert cli("search", "author:kew").out.splitlines()[-1] == "1 matching article, newest first"


def test_a_query_starting_with_a_minus_goes_after_two_dashes(cli):
    run = cli("search", "--", "-rajoy", "extradition")
    assert run.code == 0 and "Antonio Ledezma" in run.out


def test_no_match(cli):
    run = cli("search", "zzzz")
    assert run.code == 0 and run.out == "no article matches\n"


def test_search_json(cli):
    data = cli("search", "--json", "nicolas maduro").json()
    assert data["query"] == "nicolas maduro" and data["ranked"] and data["total"] == 5
    first = data["results"][0]
    assert set(first) >= {"id", "title", "title_marks", "outlet", "author", "published", "score", "read", "starred",
                          "tags", "snippet", "snippet_marks"}
    words = {first["snippet"][s:e].lower() for s, e in first["snippet_marks"]}
    assert words <= {"nicolás", "nicolas", "maduro"} and words
    assert data["notes"] == []


def test_a_bad_query_gets_one_error_line_then_a_caret(cli):
    run = cli("search", 'maduro "nic')
    assert run.code == 1 and "Traceback" not in run.err
    error, query, caret = run.err.splitlines()
    assert error == "broadsheet: bad query: this quote is never closed (column 8)"
    assert query == '  maduro "nic'
    assert caret == "         ^"


def test_notes_go_to_stderr_and_are_not_errors(cli):
    run = cli("search", "entity:nobody")
    assert run.code == 0 and run.out == "no article matches\n"
    assert run.err.startswith("broadsheet: entity: and type: need the articles analysed")


def test_entities_are_searched_once_analysed(cli):
    assert cli("analyse", "--no-model").code == 0
    run = cli("search", "--json", 'entity:"Nicolás Maduro"')
    assert run.json()["total"] >= 3 and run.err == ""


def test_views_add_list_rename_remove(cli):
    assert cli("views", "list").out.startswith("no saved views yet")
    assert cli("views", "add", "Spain", "madrid", "OR", "rajoy").out == "saved view 'Spain': madrid OR rajoy\n"
    cli("views", "add", "Unread", "is:unread")
    cli("read", cli("search", "--json", "rajoy").json()["results"][0]["id"])
    listed = cli("views", "list").out.splitlines()
    assert listed[0].split() == ["Spain", "3", "unread", "4", "in", "all", "madrid", "OR", "rajoy"]
    assert listed[1].split()[:2] == ["Unread", "4"]
    assert cli("views", "list", "--json").json() == [
        {"name": "Spain", "query": "madrid OR rajoy", "total": 4, "unread": 3},
        {"name": "Unread", "query": "is:unread", "total": 4, "unread": 4},
    ]
    assert cli("views", "rename", "spain", "Madrid").out == "renamed view 'spain' to 'Madrid'\n"
    assert cli("views", "remove", "MADRID").out == "removed view 'Madrid' (madrid OR rajoy)\n"
    assert [v["name"] for v in cli("views", "list", "--json").json()] == ["Unread"]


def test_view_mistakes_are_one_line_errors(cli):
    cli("views", "add", "Spain", "madrid")
    cli("views", "add", "Spain", "rajoy").assert_fails_with("already a saved view called 'Spain'")
    cli("views", "remove", "Nope").assert_fails_with("no saved view called 'Nope'")
    cli("views", "rename", "Nope", "X").assert_fails_with("no saved view called 'Nope'")
    run = cli("views", "add", "Broken", "(madrid")
    assert run.code == 1 and run.err.splitlines()[0] == "broadsheet: bad query: this '(' is never closed (column 1)"


def test_reindex_rebuilds_the_index(cli, home):
    run = cli("reindex")
    assert run.code == 0
    assert run.out.startswith("indexed 5 articles in ") and "the index takes" in run.out
    assert index_path(home).exists()
    assert cli("search", "rajoy").out.splitlines()[-1] == "2 matching articles, best first"


def test_a_damaged_index_is_rebuilt_and_the_library_never_needs_it(cli, home):
    cli("search", "rajoy")
    for suffix in ("-wal", "-shm"):
        index_path(home).with_name(index_path(home).name + suffix).unlink(missing_ok=True)
    index_path(home).write_bytes(b"garbage" * 1000)
    listing = cli("list")
    assert listing.code == 0 and len(listing.out.splitlines()) == 5
    run = cli("search", "rajoy")
    assert run.code == 0
    assert "search index" in run.err and "rebuilt" in run.err
    assert run.out.splitlines()[-1] == "2 matching articles, best first"


def test_marked_lines_are_sanitised_piece_by_piece():
    text = "Evil\x1b]52;c;aGk=\x07 title\n\nwith  Maduro\u202e’s name"
    at = text.index("Maduro")
    snippet = Snippet(text, ((at, at + 6),))
    assert marked_line(snippet, "[", "]") == "Evil title with [Maduro]’s name"
    assert marked_line(Snippet("  plain  "), "[", "]") == "plain"
