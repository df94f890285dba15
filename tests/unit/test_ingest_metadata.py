"""What imported files say about themselves: YAML front matter in Markdown, meta tags in HTML,
--outlet and --published for files that say nothing, and clear messages for bad metadata."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.ingest import IngestError, load_document
from reader.ingest.metadata import BadMetadata, Metadata


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_gives_title_outlet_author_date_and_link(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", "---\ntitle: \"Escape: the mayor flees\"\nsource: The Wire\n"
                  "authors: [Ana Ruiz, Bo Li]\npublished: 2017-11-17T09:30:00-04:00\n"
                  "url: https://wire.example/a\ntags: [ignored]\n---\nFirst paragraph.\n\nSecond.\n")
    draft = load_document(path)
    assert draft.title == "Escape: the mayor flees"
    assert draft.outlet == "The Wire"
    assert draft.author == "Ana Ruiz, Bo Li"
    assert draft.published == datetime(2017, 11, 17, 13, 30, tzinfo=UTC)
    assert draft.url == "https://wire.example/a"
    assert draft.kind == "news report"
    assert [b.text for b in draft.body.blocks] == ["First paragraph.", "Second."]


def test_a_plain_date_is_noon_utc_and_a_heading_repeating_the_title_leaves_the_body(tmp_path: Path) -> None:
    path = _write(tmp_path / "b.md", "---\ntitle: Big news\ndate: 2020-05-04\noutlet: Post\n---\n"
                  "# Big news\n\nThe text.\n")
    draft = load_document(path)
    assert draft.published == datetime(2020, 5, 4, 12, tzinfo=UTC)
    assert [b.text for b in draft.body.blocks] == ["The text."]


def test_html_meta_tags_give_the_page_s_metadata(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.html", """<html><head><title>Site | Page</title>
        <meta property="og:title" content="The real headline">
        <meta property="og:site_name" content="Harbor Ledger">
        <meta property="article:published_time" content="2019-08-12T06:00:00Z">
        <meta name="author" content="Jo Marsh">
        <link rel="canonical" href="https://ledger.example/story">
        </head><body><p>Body text.</p></body></html>""")
    draft = load_document(path)
    assert (draft.title, draft.outlet, draft.author, draft.url) == (
        "The real headline", "Harbor Ledger", "Jo Marsh", "https://ledger.example/story")
    assert draft.published == datetime(2019, 8, 12, 6, tzinfo=UTC)


def test_given_metadata_fills_only_what_the_file_leaves_out(tmp_path: Path) -> None:
    given = Metadata(outlet="Fallback Outlet", published=datetime(2001, 1, 1, tzinfo=UTC))
    bare = load_document(_write(tmp_path / "bare.txt", "Title\n\nText.\n"), given)
    assert (bare.outlet, bare.published) == ("Fallback Outlet", datetime(2001, 1, 1, tzinfo=UTC))
    own = load_document(_write(tmp_path / "own.md", "---\noutlet: Own\n---\nText.\n"), given)
    assert own.outlet == "Own" and own.published == datetime(2001, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(("front", "words"), [
    ("title: [unclosed\n", "not valid YAML"),
    ("- just\n- a list\n", "key: value"),
    ("date: next tuesday\n", "'next tuesday' is not a date"),
])
def test_bad_front_matter_is_refused_naming_the_file(tmp_path: Path, front: str, words: str) -> None:
    path = _write(tmp_path / "bad.md", f"---\n{front}---\nText.\n")
    with pytest.raises(BadMetadata) as caught:
        load_document(path)
    assert isinstance(caught.value, IngestError)
    assert "bad.md" in str(caught.value) and words in str(caught.value)


def test_front_matter_builds_no_objects(tmp_path: Path) -> None:
    path = _write(tmp_path / "evil.md", "---\ntitle: !!python/object/apply:os.system ['echo owned']\n---\nText.\n")
    with pytest.raises(BadMetadata):
        load_document(path)


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=120)


def test_import_takes_outlet_and_date_from_the_command_line(tmp_path: Path) -> None:
    doc = _write(tmp_path / "note.txt", "A note\n\nSome text.\n")
    done = _cli(tmp_path / "lib", "import", str(doc), "--outlet", "My Paper", "--published", "2017-11-20")
    assert done.returncode == 0, done.stderr
    listed = json.loads(_cli(tmp_path / "lib", "list", "--json").stdout)
    note = next(a for a in listed if a["title"] == "A note")
    assert note["outlet"] == "My Paper" and note["published"].startswith("2017-11-20T12:00")


def test_a_bad_date_on_the_command_line_or_in_a_file_gets_a_clear_message(tmp_path: Path) -> None:
    doc = _write(tmp_path / "note.txt", "A note\n\nSome text.\n")
    done = _cli(tmp_path / "lib", "import", str(doc), "--published", "yesterday")
    assert done.returncode != 0 and "'yesterday' is not a date" in done.stderr and "Traceback" not in done.stderr
    bad = _write(tmp_path / "bad.md", "---\ndate: 2017-13-45\n---\nText.\n")
    done = _cli(tmp_path / "lib", "import", str(bad), str(doc))
    assert "bad.md" in done.stderr and "month must be in 1..12" in done.stderr and "Traceback" not in done.stderr
    assert "imported 1 new" in done.stdout  # the good file is imported all the same
