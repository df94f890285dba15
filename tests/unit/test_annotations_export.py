"""Exporting annotations (Markdown, our JSON, W3C) and importing them back, including bad files."""

from __future__ import annotations

import orjson
import pytest

from reader.annotations.export import escape_markdown, to_json, to_markdown, to_w3c
from reader.annotations.imports import BadImport, parse_export
from reader.store import Store

FORMATS = {"json": to_json, "w3c": to_w3c}


def fill(store: Store, make_draft) -> list[str]:
    ids = store.add_articles([make_draft(i) for i in range(1, 4)]).added
    text = store.body(ids[0]).text
    start = text.index("Paragraph two")
    store.add_annotation(ids[0], start, start + 13, note="A note\nover two lines", tags=["policy", "check"])
    text = store.body(ids[1]).text
    start = text.index("citing a source")
    store.add_annotation(ids[1], start, start + 15, kind="question")
    store.set_article_note(ids[2], "On the whole article")
    return ids


def export(store: Store, fmt: str) -> bytes:
    annotations = store.annotations()
    return FORMATS[fmt](annotations, store.annotated_articles(a.article for a in annotations))


def comparable(store: Store) -> list[tuple]:
    return sorted((a.article, a.kind, a.quote, a.start, a.end, a.note, a.tags) for a in store.annotations())


@pytest.mark.parametrize("fmt", ["json", "w3c"])
def test_an_export_imported_into_a_library_with_the_same_articles_gives_the_same_annotations(tmp_path, make_draft, fmt):
    source = Store.open(tmp_path / "one")
    fill(source, make_draft)
    data = export(source, fmt)

    target = Store.open(tmp_path / "two")
    target.add_articles([make_draft(i) for i in range(1, 4)])
    report = target.import_annotations(parse_export(data))
    assert (report.imported, report.skipped, report.unmatched, report.orphaned) == (3, 0, 0, 0)
    assert comparable(target) == comparable(source)

    again = target.import_annotations(parse_export(data))
    assert (again.imported, again.skipped) == (0, 3)
    assert len(target.annotations()) == 3


def test_w3c_export_follows_the_web_annotation_model(tmp_path, make_draft):
    store = Store.open(tmp_path / "one")
    fill(store, make_draft)
    collection = orjson.loads(export(store, "w3c"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 3
    items = collection["first"]["items"]
    tagged = next(i for i in items if any(b.get("purpose") == "tagging" for b in i.get("body", [])))
    assert tagged["type"] == "Annotation"
    assert tagged["target"]["source"] == "https://example.com/articles/1"
    kinds = {s["type"]: s for s in tagged["target"]["selector"]}
    assert kinds["TextQuoteSelector"]["exact"] == "Paragraph two"
    assert kinds["TextPositionSelector"]["end"] - kinds["TextPositionSelector"]["start"] == 13
    assert {b["value"] for b in tagged["body"] if b["purpose"] == "tagging"} == {"policy", "check"}
    assert next(i for i in items if i["motivation"] == "questioning")


def test_an_import_matches_articles_by_link_when_ids_differ_and_reports_the_unknown(tmp_path, make_draft):
    source = Store.open(tmp_path / "one")
    fill(source, make_draft)
    data = export(source, "json")
    target = Store.open(tmp_path / "two")
    # Same links, other sources: other ids. Article 3 is missing, article 1's text was edited.
    target.add_articles([make_draft(1, source="elsewhere", body=source.body(source.annotations()[-1].article)),
                         make_draft(2, source="elsewhere")])
    report = target.import_annotations(parse_export(data))
    assert (report.imported, report.unmatched) == (2, 1)
    assert {a.article for a in target.annotations()} <= {a.id for a in target.articles()}


def test_an_import_reanchors_to_the_current_text_and_keeps_orphans(tmp_path, make_draft):
    from reader.models import Block, Body

    source = Store.open(tmp_path / "one")
    fill(source, make_draft)
    target = Store.open(tmp_path / "two")
    target.add_articles([
        make_draft(1, body=Body(blocks=(
            Block("paragraph", "A new first paragraph."), Block("paragraph", "Paragraph two of article 1.")
        ))),
        make_draft(2, body=Body(blocks=(Block("paragraph", "Rewritten entirely."),))),
        make_draft(3),
    ])
    report = target.import_annotations(parse_export(export(source, "json")))
    assert (report.imported, report.orphaned) == (3, 1)
    moved = next(a for a in target.annotations() if a.quote == "Paragraph two")
    assert target.body(moved.article).text[moved.start : moved.end] == "Paragraph two" and not moved.orphaned
    assert next(a for a in target.annotations() if a.kind == "question").orphaned


@pytest.mark.parametrize("data, message", [
    (b"this is not json", "not JSON"),
    (b'{"format": "broadsheet-annotations", "version": 1, "annotations": [{"id": "a", "art', "not JSON"),
    (b'{"hello": "world"}', "neither a broadsheet"),
    (b'{"format": "broadsheet-annotations", "version": 7, "annotations": []}', "version 7"),
    (b'{"format": "broadsheet-annotations", "version": 1, "annotations": [{"id": "a", "article": "b", "quote": 5}]}',
     "annotation 1"),
    (b'{"format": "broadsheet-annotations", "version": 1, "annotations": '
     b'[{"id": "a", "article": "b", "quote": "q", "start": "x", "end": 3}]}', "whole number"),
    (b'{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", '
     b'"target": {"source": "https://x.example/", "selector": [{"type": "CssSelector", "value": "p"}]}}',
     "TextQuoteSelector"),
    (b'[{"type": "Annotation", "body": {"value": "no target"}}]', "target"),
])
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_written(tmp_path, make_draft, data, message):
    store = Store.open(tmp_path / "lib")
    fill(store, make_draft)
    before = comparable(store)
    with pytest.raises(BadImport, match=message):
        store.import_annotations(parse_export(data, "bad.json"))
    assert comparable(store) == before


def test_a_megabyte_note_in_an_import_is_refused(tmp_path, make_draft):
    store = Store.open(tmp_path / "lib")
    ids = fill(store, make_draft)
    item = {"id": "x1", "article": ids[0], "quote": "Paragraph two", "start": 0, "end": 13, "note": "n" * 1_000_000}
    data = orjson.dumps({"format": "broadsheet-annotations", "version": 1, "annotations": [item]})
    with pytest.raises(BadImport, match="too long"):
        parse_export(data)


def test_markdown_groups_by_article_and_a_note_cannot_break_its_structure(tmp_path, make_draft):
    store = Store.open(tmp_path / "lib")
    ids = fill(store, make_draft)
    hostile = (
        "# Not a heading\n> not a quote\n- not a list\n[link](javascript:alert(1)) <script>x</script> *bold*\n    code?"
    )
    store.set_article_note(ids[0], hostile)
    annotations = store.annotations()
    text = to_markdown(annotations, store.annotated_articles(a.article for a in annotations))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["# Annotations", "## Article number 1", "## Article number 2", "## Article number 3"]
    assert "> Paragraph two" in text and "Tags: \\#check \\#policy" in text
    assert "https://example.com/articles/1" in text
    assert "<script>" not in text and "\\<script\\>" in text and "[link](" not in text
    assert not any(line.startswith(("> not", "- not", "    code")) for line in text.splitlines())
    assert "\\# Not a heading" in text


def test_escape_markdown_leaves_plain_text_readable():
    assert escape_markdown("Rates rose 0.5 points, said the Fed.") == "Rates rose 0.5 points, said the Fed."
    assert escape_markdown("1. first") == "1\\. first"
