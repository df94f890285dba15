"""The `broadsheet` command line: every command's output, the seeds, and one-line errors."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from reader import __version__
from reader.store import Store
from tests.clikit import run_cli

PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: The shipped sample articles, newest first (two share 20 November 2017).
SEED_TITLES = [
    "Antonio Ledezma",
    "Exiled Caracas Mayor: Military Intervention Has Already Begun in Venezuela",
    "Escaped Venezuelan Opposition Leader Welcomed in Spain, Meets with Rajoy",
    "Ledezma Lands in Madrid; Opposition Sets Talks in the Dominican Republic",
    "Caracas Mayor Ledezma, Venezuela’s Most Inconvenient Political Prisoner, Flees to Colombia",
]
#: The seed that carries a reader comment thread.
WITH_COMMENTS = "Ledezma Lands in Madrid; Opposition Sets Talks in the Dominican Republic"

LIST_FIELDS = {"id": str, "title": str, "outlet": str, "published": str, "read": bool, "starred": bool, "tags": list}
STATS_FIELDS = ["articles", "unread", "starred", "feeds", "tags", "annotations"]


@pytest.fixture
def cli(capsys):
    """Run `broadsheet ARGS...` in this process, as the console script would."""

    return lambda *argv: run_cli(capsys, *argv)


def run_process(*argv, timeout: float = 60, cwd=None) -> subprocess.CompletedProcess:
    """`python -m reader ARGS...` in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, argv)], capture_output=True, text=True, timeout=timeout, cwd=cwd
    )


@pytest.fixture
def seeded(cli):
    """The library after first use: the seeds' ids by title."""
    return {a["title"]: a["id"] for a in cli("list", "--json").json()}


# First use and listing ----------------------------------------------------------------------


def test_first_use_imports_the_five_seeds_once(cli, home):
    assert not home.exists()
    first = cli("list", "--json")
    assert first.code == 0 and first.err == ""
    articles = first.json()
    assert [a["title"] for a in articles] == SEED_TITLES
    for article in articles:
        for field, kind in LIST_FIELDS.items():
            assert isinstance(article[field], kind), field
        assert (article["read"], article["starred"], article["tags"]) == (False, False, [])
    dates = [datetime.fromisoformat(a["published"]) for a in articles]
    assert dates == sorted(dates, reverse=True)
    assert articles[0]["outlet"] == "Wikipedia" and dates[0].year == 2023

    for _ in range(2):
        again = cli("list", "--json").json()
        assert [a["id"] for a in again] == [a["id"] for a in articles]
    assert cli("stats", "--json").json()["articles"] == 5
    assert home.is_dir(), "the library goes where $BROADSHEET_HOME says"


def test_seeds_removed_by_hand_are_not_reimported(cli, home, seeded):
    # Only the first start seeds: a user who cleared the library does not get them back.
    for path in (home / "library").rglob("*"):
        if path.is_file():
            path.unlink()
    assert cli("list", "--json").json() == []


def test_list_prints_one_aligned_row_per_article_with_its_marks(cli, seeded):
    wiki = seeded["Antonio Ledezma"]
    cli("read", wiki)
    cli("star", wiki)
    cli("tag", wiki, "Biography")

    rows = cli("list").out.splitlines()
    assert len(rows) == 5
    for row, title in zip(rows, SEED_TITLES, strict=True):
        assert row.split()[0] == seeded[title]
    assert len({row.index(title) for row, title in zip(rows, SEED_TITLES, strict=True)}) == 1, (
        "titles line up in one column"
    )
    assert rows[0].startswith(f"{wiki}   ★ 2023-11-01  Wikipedia")
    assert rows[0].endswith("#biography")
    assert "•" in rows[1] and "★" not in rows[1]


def test_list_filters_and_limits(cli, seeded):
    ids = list(seeded.values())
    cli("read", ids[0], ids[2])
    cli("star", ids[1], ids[4])
    cli("tag", ids[4], "oil")
    cli("tag", ids[2], "OIL")

    def titles(*args):
        return [a["title"] for a in cli("list", "--json", *args).json()]

    assert titles("--unread") == [SEED_TITLES[i] for i in (1, 3, 4)]
    assert titles("--starred") == [SEED_TITLES[1], SEED_TITLES[4]]
    assert titles("--tag", "Oil") == [SEED_TITLES[2], SEED_TITLES[4]]
    assert titles("--unread", "--tag", "oil") == [SEED_TITLES[4]]
    assert titles("--limit", "2") == SEED_TITLES[:2]
    assert len(cli("list", "--limit", "1").out.splitlines()) == 1
    assert titles("--tag", "nothing") == []


# show ------------------------------------------------------------------------------------------


def test_show_prints_the_article_and_folds_the_comments_away(cli, seeded):
    article_id = seeded[WITH_COMMENTS]
    data = cli("show", article_id, "--json").json()
    comments = data["body"]["comments"]
    assert len(comments) == data["comments"] > 0
    first_comment = comments[0]["text"].splitlines()[0]

    shown = cli("show", article_id[:5])
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert lines[0] == WITH_COMMENTS
    assert lines[1].startswith("Caracas Chronicles · 2017-11-20")
    assert lines[2] == f"[{article_id}] unread"
    assert "arrived in Madrid on Saturday" in shown.out
    assert f"({len(comments)} reader comments; --comments shows them)" in shown.out
    assert first_comment not in shown.out

    with_comments = cli("show", article_id, "--comments").out
    assert f"Comments ({len(comments)}):" in with_comments
    assert first_comment in with_comments
    assert with_comments.startswith(shown.out.split("(11 reader comments")[0].rstrip("\n"))


def test_show_json_carries_the_list_fields_the_body_and_the_text(cli, seeded):
    article_id = seeded["Antonio Ledezma"]
    cli("star", article_id)
    data = cli("show", article_id, "--json").json()
    assert {field: data[field] for field in ("id", "title", "outlet", "url", "starred", "read")} == {
        "id": article_id,
        "title": "Antonio Ledezma",
        "outlet": "Wikipedia",
        "url": "https://en.wikipedia.org/wiki/Antonio_Ledezma",
        "starred": True,
        "read": False,
    }
    assert data["body"]["blocks"] and "Ledezma" in data["text"]
    assert data["text"] == "\n\n".join(block["text"] for block in data["body"]["blocks"])


def test_showing_an_article_does_not_mark_it_read(cli, seeded):
    article_id = seeded["Antonio Ledezma"]
    cli("show", article_id)
    assert cli("list", "--json", "--unread").json()[0]["id"] == article_id


# Changing marks ----------------------------------------------------------------------------------


def test_read_and_unread_say_what_changed(cli, seeded):
    a, b = seeded[SEED_TITLES[0]], seeded[SEED_TITLES[1]]
    assert cli("read", a, b[:6]).out == "marked 2 articles read\n"
    assert cli("read", a).out == "marked 0 articles read (1 already were)\n"
    assert cli("unread", b).out == "marked 1 article unread\n"
    listed = {x["id"]: x["read"] for x in cli("list", "--json").json()}
    assert listed[a] is True and listed[b] is False
    assert cli("stats", "--json").json()["unread"] == 4


def test_star_and_unstar(cli, seeded):
    a, b = seeded[SEED_TITLES[0]], seeded[SEED_TITLES[3]]
    assert cli("star", a, b[:4]).out == f"starred {a}\nstarred {b}\n"
    assert [x["id"] for x in cli("list", "--starred", "--json").json()] == [a, b]
    assert cli("unstar", a).out == f"unstarred {a}\n"
    assert [x["id"] for x in cli("list", "--starred", "--json").json()] == [b]


def test_a_tag_change_that_changes_nothing_says_so_apart_from_the_tags_printed(cli, seeded):
    a = seeded[SEED_TITLES[0]]
    cli("tag", a, "spain")
    again = cli("tag", a, "spain")
    assert again.code == 0 and again.out == f"{a}: spain\n"
    assert again.err == f"broadsheet: {a} already had #spain; nothing changed\n"
    missing = cli("untag", a, "nonexistent")
    assert missing.code == 0 and missing.out == f"{a}: spain\n"
    assert missing.err == f"broadsheet: {a} had no #nonexistent; nothing changed\n"
    assert cli("untag", a, "spain").err == ""


def test_tag_and_untag_normalise_and_print_the_tags(cli, seeded):
    a = seeded[SEED_TITLES[0]]
    assert cli("tag", a, "Venezuela", "Latin America").out == f"{a}: latin-america venezuela\n"
    assert cli("tag", a, "venezuela ").out == f"{a}: latin-america venezuela\n"
    assert cli("list", "--json").json()[0]["tags"] == ["latin-america", "venezuela"]
    assert cli("untag", a, "VENEZUELA").out == f"{a}: latin-america\n"
    assert cli("untag", a, "latin-america").out == f"{a}: (no tags)\n"
    assert cli("list", "--json", "--tag", "venezuela").json() == []


def test_stats_counts_in_text_and_json(cli, seeded):
    ids = list(seeded.values())
    cli("read", ids[0], ids[1])
    cli("star", ids[2])
    cli("tag", ids[3], "oil", "politics")
    cli("tag", ids[4], "oil")

    data = cli("stats", "--json").json()
    assert list(data) == STATS_FIELDS
    assert data == {"articles": 5, "unread": 3, "starred": 1, "feeds": 0, "tags": 2, "annotations": 0}
    text = cli("stats").out.splitlines()
    assert [line.split() for line in text] == [[name, str(data[name])] for name in STATS_FIELDS]


# import ---------------------------------------------------------------------------------------------


@pytest.fixture
def documents(tmp_path):
    folder = tmp_path / "documents"
    (folder / "sub").mkdir(parents=True)
    (folder / "plain.txt").write_text("Plain title\n\nFirst paragraph of plain text.\n\nSecond paragraph.\n")
    (folder / "sub" / "notes.md").write_text(
        "# Markdown title\n\nSome *emphasis* and a [link](https://example.org/x).\n\n- item one\n- item two\n"
    )
    (folder / "page.html").write_text(
        "<html><head><title>HTML title</title></head><body><h1>HTML title</h1>"
        "<p>Para with <a href='https://example.net/y'>a link</a>.</p><script>alert('no')</script></body></html>"
    )
    (folder / ".hidden.txt").write_text("Hidden\n\nNot to be imported.\n")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    return folder


def test_import_reads_text_markdown_and_html_files(cli, seeded, documents):
    files = [documents / "plain.txt", documents / "sub" / "notes.md", documents / "page.html"]
    result = cli("import", *files)
    assert result.code == 0 and result.err == ""
    assert result.out == "imported 3 new, 0 updated, 0 unchanged\n"

    by_title = {a["title"]: a for a in cli("list", "--json").json()}
    assert {"Plain title", "Markdown title", "HTML title"} <= set(by_title)
    assert len(by_title) == 8
    html = cli("show", by_title["HTML title"]["id"]).out
    assert "Para with a link[1]." in html and "https://example.net/y" in html and "alert" not in html
    markdown = cli("show", by_title["Markdown title"]["id"]).out
    assert "• item one" in markdown and "https://example.org/x" in markdown
    assert "Second paragraph." in cli("show", by_title["Plain title"]["id"]).out


def test_import_of_a_folder_takes_the_supported_visible_files_and_is_idempotent(cli, seeded, documents):
    result = cli("import", documents, "--json")
    assert result.code == 0
    data = result.json()
    assert len(data["added"]) == 3 and data["updated"] == [] and data["unchanged"] == [] and data["errors"] == []
    titles = {a["title"] for a in cli("list", "--json").json()}
    assert "Hidden" not in titles and len(titles) == 8

    again = cli("import", documents)
    assert again.out == "imported 0 new, 0 updated, 3 unchanged\n"
    assert cli("stats", "--json").json()["articles"] == 8


def test_an_edited_document_is_updated_in_place_keeping_its_marks(cli, seeded, documents):
    path = documents / "plain.txt"
    article_id = cli("import", path, "--json").json()["added"][0]
    cli("star", article_id)
    path.write_text("Plain title\n\nA corrected first paragraph.\n")
    assert cli("import", path).out == "imported 0 new, 1 updated, 0 unchanged\n"
    shown = cli("show", article_id).out
    assert "A corrected first paragraph." in shown
    assert f"[{article_id}] unread starred" in shown.splitlines()


def test_import_reports_bad_paths_and_keeps_the_good_ones(cli, seeded, documents, tmp_path):
    missing = tmp_path / "nowhere.txt"
    result = cli("import", documents / "plain.txt", missing)
    assert result.code == 4, "a script can tell a file was left out"
    assert result.err == f"broadsheet: {missing}: no such file or folder\n"
    assert result.out == "imported 1 new, 0 updated, 0 unchanged, 1 failed\n"
    assert cli("stats", "--json").json()["articles"] == 6


def test_import_of_a_missing_path_fails(cli, seeded, tmp_path):
    cli("import", tmp_path / "nowhere").assert_fails_with(str(tmp_path / "nowhere"), "no such file or folder")
    assert cli("stats", "--json").json()["articles"] == 5


def test_import_of_an_unsupported_file_fails(cli, seeded, documents):
    result = cli("import", documents / "scan.pdf")
    result.assert_fails_with("scan.pdf", "'.pdf' files cannot be imported")
    assert cli("stats", "--json").json()["articles"] == 5


# Errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["show", "zzzz"], ["read", "zzzz"], ["star", "zzzz"], ["tag", "zzzz", "x"], ["unread", "zzzz"]]
)
def test_an_unknown_id_fails_with_one_line(cli, seeded, command):
    cli(*command).assert_fails_with("no article with id 'zzzz'")


def test_an_ambiguous_prefix_fails_and_lists_the_candidates(cli, seeded, home, make_draft):
    ids = Store.open(home).add_articles(make_draft(i) for i in range(20)).added
    prefix = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) >= 2)
    candidates = sorted(i for i in [*ids, *seeded.values()] if i.startswith(prefix))
    result = cli("show", prefix)
    result.assert_fails_with(f"id prefix '{prefix}' matches {len(candidates)} articles", "type more of it")
    assert candidates[0] in result.err


def test_a_failed_command_changes_nothing(cli, seeded):
    good = seeded[SEED_TITLES[0]]
    for command in ("read", "star"):
        cli(command, good, "zzzz").assert_fails_with("zzzz")
    article = cli("list", "--json").json()[0]
    assert (article["id"], article["read"], article["starred"]) == (good, False, False)


def test_a_damaged_store_file_fails_with_one_line_naming_it(cli, seeded, home):
    marks = home / "state" / "marks.json"
    cli("star", seeded[SEED_TITLES[0]])
    damaged = marks.read_bytes()[:10]
    marks.write_bytes(damaged)
    cli("list").assert_fails_with(str(marks), "unreadable")
    cli("star", seeded[SEED_TITLES[1]]).assert_fails_with(str(marks))
    assert marks.read_bytes() == damaged


def test_a_damaged_format_file_fails_every_command(cli, seeded, home):
    (home / "format.json").write_bytes(b'{"schema": ')
    for command in (["list"], ["stats"], ["show", "abc"], ["import", home]):
        cli(*command).assert_fails_with(str(home / "format.json"))


def test_a_library_from_a_newer_broadsheet_is_refused(cli, seeded, home):
    (home / "format.json").write_bytes(b'{"format": "broadsheet", "schema": 99}')
    cli("list").assert_fails_with("newer broadsheet", "upgrade broadsheet")


HOLD_LOCK = """
import sys, time
from reader.store import Store
with Store.open(sys.argv[1])._lock.held():
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.mark.slow
def test_a_busy_library_fails_writes_after_the_timeout_but_still_lists(cli, seeded, home):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(home)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        listing = run_process("list", "--json", timeout=10)
        assert listing.returncode == 0 and len(orjson.loads(listing.stdout)) == 5

        result = run_process("read", seeded[SEED_TITLES[0]], timeout=30)
        lines = result.stderr.splitlines()
        assert result.returncode == 1 and len(lines) == 1 and "Traceback" not in result.stderr
        assert lines[0].startswith("broadsheet: ") and "busy" in lines[0] and f"pid {holder.pid}" in lines[0]
    finally:
        holder.kill()
        holder.wait()
    assert cli("list", "--unread", "--json").json()[0]["title"] == SEED_TITLES[0]


# Where the library lives, and the process itself ---------------------------------------------------


def test_home_option_before_the_command_picks_the_library(cli, tmp_path, home):
    elsewhere = tmp_path / "elsewhere"
    listed = cli("--home", elsewhere, "list", "--json").json()
    assert len(listed) == 5
    cli("--home", elsewhere, "star", listed[0]["id"])
    assert (elsewhere / "format.json").is_file()
    assert not home.exists(), "$BROADSHEET_HOME must not be touched when --home is given"
    assert cli("list", "--starred", "--json").json() == []
    assert len(cli("--home", elsewhere, "list", "--starred", "--json").json()) == 1


def test_broadsheet_home_variable_picks_the_library(cli, tmp_path, monkeypatch):
    chosen = tmp_path / "chosen"
    monkeypatch.setenv("BROADSHEET_HOME", str(chosen))
    assert len(cli("list", "--json").json()) == 5
    assert (chosen / "format.json").is_file()


def test_help_lists_every_command(cli):
    result = cli("--help")
    assert result.code == 0
    for command in ("list", "show", "stats", "read", "unread", "star", "unstar", "tag", "untag", "import"):
        assert command in result.out


def test_python_dash_m_reader_runs_commands_and_reports_errors(tmp_path):
    version = run_process("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"broadsheet {__version__}"

    listing = run_process("--home", tmp_path / "lib", "list", "--json", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert [a["title"] for a in orjson.loads(listing.stdout)] == SEED_TITLES

    failure = run_process("--home", tmp_path / "lib", "show", "zzzz", cwd=tmp_path)
    assert failure.returncode == 1 and failure.stdout == ""
    assert failure.stderr == "broadsheet: no article with id 'zzzz'\n"


def test_the_console_script_entry_point_runs(tmp_path):
    """What pip's `broadsheet` script does: import the entry point named in pyproject and call it."""
    entry = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]["scripts"]["broadsheet"]
    module, function = entry.split(":")
    script = f"import sys; from {module} import {function} as main; sys.argv[0] = 'broadsheet'; sys.exit(main())"
    for argv, expected in ((["--version"], f"broadsheet {__version__}"), (["stats"], "articles     5")):
        result = subprocess.run(
            [sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=60, cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout
