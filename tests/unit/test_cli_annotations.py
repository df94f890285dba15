"""`broadsheet annotate`, `annotations`, `export annotations` and `import annotations`."""

from __future__ import annotations

import orjson
import pytest

from tests.clikit import run_cli


@pytest.fixture
def cli(capsys):
    return lambda *argv: run_cli(capsys, *argv)


@pytest.fixture
def article(cli):
    """A seed article's id ("Exiled Caracas Mayor..."), whose text names Venezuela many times."""
    rows = cli("list", "--json").json()
    return next(a["id"] for a in rows if a["title"].startswith("Exiled Caracas Mayor"))


def test_annotate_then_list_shows_title_quote_note_and_tags(cli, article):
    done = cli(
        "annotate", article[:6], "--quote", "escaped house arrest", "--note", "How?\nSecond line",
        "--tag", "Follow Up", "--kind", "question",
    )
    assert done.code == 0 and "annotated" in done.out
    cli("annotate", article, "--note", "A note on the whole piece")
    listing = cli("annotations")
    assert listing.code == 0
    assert "Exiled Caracas Mayor" in listing.out and "“escaped house arrest”" in listing.out
    assert "    How?\n    Second line" in listing.out and "#follow-up" in listing.out
    rows = cli("annotations", "--json").json()
    assert [r["kind"] for r in rows] == ["article-note", "question"]
    assert rows[1]["quote"] == "escaped house arrest" and rows[1]["tags"] == ["follow-up"]
    assert [r["kind"] for r in cli("annotations", "--json", "--tag", "follow-up").json()] == ["question"]
    assert cli("stats", "--json").json()["annotations"] == 2


def test_an_ambiguous_or_missing_quote_is_a_clear_error(cli, article):
    cli("annotate", article, "--quote", "Venezuela").assert_fails_with("occurs", "--prefix")
    cli("annotate", article, "--quote", "no such words here at all").assert_fails_with("not in the article")
    cli("annotate", article, "--quote", "   ").assert_fails_with("empty")
    assert cli("annotations", "--json").json() == []


def test_the_listing_is_sanitised(cli, article):
    cli("annotate", article, "--quote", "escaped house arrest", "--note", "evil\x1b]52;c;aGk=\x07 note \x1b[2J")
    out = cli("annotations").out
    assert "\x1b" not in out and "evil note" in out


@pytest.mark.parametrize("fmt", ["json", "w3c"])
def test_export_to_a_file_and_import_into_another_library(cli, article, tmp_path, fmt):
    cli("annotate", article, "--quote", "escaped house arrest", "--note", "How?", "--tag", "x")
    out = tmp_path / f"notes.{fmt}"
    assert cli("export", "annotations", "--format", fmt, "--out", out).code == 0
    assert orjson.loads(out.read_bytes())

    other = tmp_path / "other"
    first = cli("--home", other, "import", "annotations", out)
    assert first.code == 0 and first.out.startswith("imported 1 annotations")
    again = cli("--home", other, "import", "annotations", out)
    assert again.out.startswith("imported 0 annotations, 1 already here")
    rows = cli("--home", other, "annotations", "--json").json()
    assert [(r["quote"], r["note"], r["tags"]) for r in rows] == [("escaped house arrest", "How?", ["x"])]


def test_export_markdown_to_stdout(cli, article):
    cli("annotate", article, "--quote", "escaped house arrest", "--note", "# not a heading")
    done = cli("export", "annotations")
    assert done.code == 0
    assert (
        "## Exiled Caracas Mayor" in done.out
        and "> escaped house arrest" in done.out
        and "\\# not a heading" in done.out
    )


def test_importing_a_bad_file_fails_in_one_line_and_changes_nothing(cli, article, tmp_path):
    cli("annotate", article, "--quote", "escaped house arrest")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "broadsheet-annotations", "version": 1, "annotations": [')
    cli("import", "annotations", bad).assert_fails_with("bad.json", "not JSON")
    cli("import", "annotations", tmp_path / "missing.json").assert_fails_with("missing.json")
    assert len(cli("annotations", "--json").json()) == 1
