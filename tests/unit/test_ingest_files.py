"""Importing local files: which reader is picked, what is refused and why, folder expansion."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.ingest import (
    IngestError,
    UnreadableDocument,
    UnsupportedDocument,
    iter_documents,
    load_document,
)
from reader.ingest import files as files_module


@pytest.mark.parametrize(
    ("name", "content", "title", "first_block"),
    [
        ("note.txt", "My Note\n\nFirst paragraph.\n", "My Note", "First paragraph."),
        ("NOTE.TEXT", "Upper Note\n\nBody.\n", "Upper Note", "Body."),
        ("doc.md", "# Heading Title\n\nSee [x](https://x.org).\n", "Heading Title", "See x[1]."),
        ("page.markdown", "Title line\n\nBody.\n", "Title line", "Body."),
        ("page.html", "<title>Page</title><p>Hello</p>", "Page", "Hello"),
        ("page.HTM", "<h1>Big</h1><p>Hi</p>", "Big", "Hi"),
    ],
)
def test_reader_is_chosen_by_suffix(tmp_path: Path, name: str, content: str, title: str,
                                    first_block: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    draft = load_document(path)
    assert draft.title == title
    assert draft.body.blocks[0].text == first_block
    assert (draft.source, draft.kind, draft.outlet) == ("import", "document", "")
    assert draft.guid == str(path.resolve())


def test_published_is_the_file_mtime_in_utc(tmp_path: Path) -> None:
    path = tmp_path / "dated.txt"
    path.write_text("Dated\n\nBody.\n", encoding="utf-8")
    stamp = datetime(2017, 11, 20, 12, 0, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    assert load_document(path).published == datetime(2017, 11, 20, 12, 0, tzinfo=UTC)


def test_file_without_a_title_is_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty-page.html"
    path.write_text("<p>just text</p>", encoding="utf-8")
    assert load_document(path).title == "empty-page"


def test_byte_order_mark_is_not_part_of_the_title(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle\n\nBody.\n".encode("utf-8"))
    assert load_document(path).title == "Title"


def test_unsupported_suffix_is_refused_with_a_readable_message(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(UnsupportedDocument) as caught:
        load_document(path)
    assert isinstance(caught.value, IngestError)
    assert "report.pdf" in str(caught.value) and "'.pdf'" in str(caught.value)


def test_undecodable_bytes_are_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Año nuevo\n\nCafé".encode("latin-1"))
    with pytest.raises(UnreadableDocument) as caught:
        load_document(path)
    assert "latin1.txt" in str(caught.value) and "UTF-8" in str(caught.value)


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="no such file"):
        load_document(tmp_path / "gone.md")


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files_module, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("x" * 101, encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="larger than"):
        load_document(path)


def test_real_size_limit_is_20_mb() -> None:
    assert files_module.MAX_BYTES == 20 * 1024 * 1024


def test_folders_expand_recursively_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "c.html", "notes.pdf", ".hidden.txt", "sub/z.txt", "sub/a.htm",
                 ".git/config.txt", "sub/.cache/x.md"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_documents([tmp_path])]
    assert found == ["a.md", "b.txt", "c.html", "sub/a.htm", "sub/z.txt"]


def test_explicit_files_pass_through_once(tmp_path: Path) -> None:
    text, pdf = tmp_path / "a.txt", tmp_path / "b.pdf"
    text.write_text("x", encoding="utf-8")
    pdf.write_bytes(b"x")
    # An unsupported file named on purpose still comes out, so loading it can explain the refusal.
    assert list(iter_documents([text, pdf, text, tmp_path])) == [text, pdf]
