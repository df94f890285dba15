"""`broadsheet annotate`, `annotations`, `export annotations` and `import annotations`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from reader.store import Store
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
    assert first.code == 0 and first.out.startswith("imported 1, updated 0, skipped 0, orphaned 0")
    again = cli("--home", other, "import", "annotations", out)
    assert again.out.startswith("imported 0, updated 0, skipped 1, orphaned 0")
    assert "1 skipped: already here" in again.out
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


def test_export_markdown_keeps_a_highlighted_list_item_a_list_item(cli, tmp_path):
    notes = tmp_path / "aims.md"
    notes.write_text("# The aims\n\nShe listed them:\n\n- lower rates\n- fewer rules\n")
    assert cli("import", notes).code == 0
    article = next(a["id"] for a in cli("list", "--json").json() if a["title"] == "The aims")
    cli("annotate", article, "--quote", "fewer rules")
    cli("export", "annotations", "--per-article", "--out", tmp_path / "notes")
    (page,) = (tmp_path / "notes").iterdir()
    assert "\n\n> - fewer rules\n\n" in page.read_text()


def test_importing_a_bad_file_fails_in_one_line_and_changes_nothing(cli, article, tmp_path):
    cli("annotate", article, "--quote", "escaped house arrest")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "broadsheet-annotations", "version": 1, "annotations": [')
    cli("import", "annotations", bad).assert_fails_with("bad.json", "not JSON")
    cli("import", "annotations", tmp_path / "missing.json").assert_fails_with("missing.json")
    assert len(cli("annotations", "--json").json()) == 1


DATA = Path(__file__).resolve().parent.parent / "data" / "annotations"


def test_import_prints_a_summary_and_each_skipped_entry(cli, tmp_path):
    done = cli("import", "annotations", DATA / "w3c-iri-bodies.json")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == "imported 0, updated 0, skipped 7, orphaned 0 (W3C Web Annotations)"
    assert "  skipped annotation 6 (id http://example.org/anno-bad): it has no target (the article it is on)" in lines
    report = cli("import", "annotations", DATA / "readwise.csv", "--format", "readwise", "--json").json()
    assert report["format"] == "readwise" and report["imported"] == 0 and len(report["skipped"]) == 4


def test_import_of_a_hypothesis_export_matches_seed_articles_by_url(cli, tmp_path):
    url = "https://en.wikipedia.org/wiki/Antonio_Ledezma"
    assert url in {a["url"] for a in cli("list", "--json").json()}
    export = {
        "export_date": "2024-05-02T10:15:00.000Z", "export_userid": "acct:me@hypothes.is", "client_version": "1.0",
        "annotations": [{
            "id": "abcDEF123", "created": "2024-04-01T08:30:00+00:00", "updated": "2024-04-01T08:30:00+00:00",
            "user": "acct:me@hypothes.is", "uri": url.replace("https://", "http://") + "?utm_source=x",
            "text": "Hm.", "tags": ["check"],
            "target": [{"source": url, "selector": [{"type": "TextQuoteSelector", "exact": "San Juan de los Morros"}]}],
        }],
    }
    path = tmp_path / "hypothesis.json"
    path.write_bytes(orjson.dumps(export))
    assert cli("import", "annotations", path).out.startswith("imported 1, updated 0, skipped 0, orphaned 0")
    assert cli("import", "annotations", path).out.startswith("imported 0, updated 0, skipped 1")
    rows = cli("annotations", "--json").json()
    assert [(r["quote"], r["note"], r["tags"]) for r in rows] == [("San Juan de los Morros", "Hm.", ["check"])]


def test_export_markdown_per_article_into_a_folder(cli, article, tmp_path):
    cli("annotate", article, "--quote", "escaped house arrest", "--tag", "follow up")
    folder = tmp_path / "notes"
    done = cli("export", "annotations", "--format", "md", "--per-article", "--out", folder)
    assert done.code == 0 and "exported 1 annotation of 1 article to" in done.err
    (page,) = folder.iterdir()
    assert page.name.endswith(f"-{article}.md") and page.name.startswith("exiled-caracas-mayor")
    text = page.read_text()
    assert text.startswith("---\ntitle: ") and "#follow-up" in text and "> escaped house arrest" in text
    assert cli("export", "annotations", "--per-article").code == 2


def test_delete_removes_the_annotations_named_and_nothing_else(cli, article):
    cli("annotate", article, "--quote", "escaped house arrest", "--note", "How?")
    cli("annotate", article, "--note", "On the whole piece")
    rows = cli("annotations", "--json").json()
    highlight = next(r["id"] for r in rows if r["kind"] == "highlight")
    done = cli("annotations", "--delete", highlight)
    assert done.code == 0 and f"deleted highlight {highlight} “escaped house arrest”" in done.out
    assert [r["kind"] for r in cli("annotations", "--json").json()] == ["article-note"]


def test_an_unknown_id_deletes_nothing_and_says_so(cli, article):
    cli("annotate", article, "--quote", "escaped house arrest")
    [row] = cli("annotations", "--json").json()
    failed = cli("annotations", "--delete", row["id"], "--delete", "nosuchid")
    failed.assert_fails_with("nosuchid", "nothing was deleted")
    assert [r["id"] for r in cli("annotations", "--json").json()] == [row["id"]]


def test_orphaned_lists_only_highlights_whose_passage_is_gone(cli, article, home):
    cli("annotate", article, "--quote", "escaped house arrest")
    assert cli("annotations", "--orphaned", "--json").json() == []
    assert "no orphaned annotations" in cli("annotations", "--orphaned").out
    store = Store.open(home)
    [annotation] = store.annotations()
    store.restore_annotation(replace(annotation, orphaned=True))
    assert [r["id"] for r in cli("annotations", "--orphaned", "--json").json()] == [annotation.id]
    assert cli("annotations", "--delete", annotation.id).code == 0
    assert cli("annotations", "--json").json() == []
