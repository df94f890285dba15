"""Exporting annotations (Markdown, our JSON, W3C) and importing them back, including bad files."""

from __future__ import annotations

import orjson
import pytest

from reader.annotations.export import to_json, to_w3c
from reader.annotations.imports import BadImport, parse_export
from reader.annotations.markdown import escape_markdown, to_markdown, to_markdown_files
from reader.cli.annotation_commands import passage_bodies
from reader.models import Block, Body
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
    report = target.import_annotations(parse_export(data).incoming)
    assert (report.imported, report.updated, report.skipped, report.orphaned) == (3, 0, (), 0)
    assert comparable(target) == comparable(source)

    again = target.import_annotations(parse_export(data).incoming)
    assert (again.imported, again.updated, again.already_here) == (0, 0, 3)
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
    report = target.import_annotations(parse_export(data).incoming)
    assert report.imported == 2 and [s.reason for s in report.skipped] == [
        "its article (https://example.com/articles/3) is not in this library"
    ]
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
    report = target.import_annotations(parse_export(export(source, "json")).incoming)
    assert (report.imported, report.orphaned) == (3, 1)
    moved = next(a for a in target.annotations() if a.quote == "Paragraph two")
    assert target.body(moved.article).text[moved.start : moved.end] == "Paragraph two" and not moved.orphaned
    assert next(a for a in target.annotations() if a.kind == "question").orphaned


@pytest.mark.parametrize("data, message", [
    (b"this is not json", "not JSON"),
    (b'{"format": "broadsheet-annotations", "version": 1, "annotations": [{"id": "a", "art', "not JSON"),
    (b'{"hello": "world"}', "none of"),
    (b'{"format": "broadsheet-annotations", "version": 7, "annotations": []}', "version 7"),
    (b'{"format": "broadsheet-annotations", "version": 1, "annotations": {}}', "no list"),
    (b'{"format": "broadsheet-annotations", "version": 1, "annotations": [{"id": "a", "article": "b", "quote": 5}]}',
     "none of its 1 annotations"),
    (b'{"type": "AnnotationCollection", "first": "http://example.org/page1"}', "not in the file"),
    (b'[{"type": "Annotation", "body": {"value": "no target"}}]', "target"),
])
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_written(tmp_path, make_draft, data, message):
    store = Store.open(tmp_path / "lib")
    fill(store, make_draft)
    before = comparable(store)
    with pytest.raises(BadImport, match=message):
        store.import_annotations(parse_export(data, "bad.json").incoming)
    assert comparable(store) == before


def test_a_file_with_some_bad_entries_imports_the_good_ones_and_names_each_bad_one(tmp_path, make_draft):
    store = Store.open(tmp_path / "lib")
    ids = fill(store, make_draft)
    good = {"id": "x1", "article": ids[0], "quote": "Paragraph one", "start": 11, "end": 24}
    items = [good, {"id": "x2", "article": "b", "quote": 5}, {"id": "x3", "article": ids[0], "quote": "q",
             "start": "x", "end": 3}, {**good, "id": "x4", "note": "n" * 1_000_000}, "junk"]
    data = orjson.dumps({"format": "broadsheet-annotations", "version": 1, "annotations": items})
    parsed = parse_export(data)
    assert [i.annotation.id for i in parsed.incoming] == ["x1"]
    assert [(s.entry, s.reason.split(" (")[0]) for s in parsed.skipped] == [
        ("annotation 2 (id x2)", "'quote' is not text"),
        ("annotation 3 (id x3)", "position 'x' is not a whole number"),
        ("annotation 4 (id x4)", "'note' is too long"),
        ("annotation 5", "it is not an object"),
    ]
    assert store.import_annotations(parsed.incoming).imported == 1


def test_the_w3c_collection_and_its_page_have_ids(tmp_path, make_draft):
    store = Store.open(tmp_path / "lib")
    fill(store, make_draft)
    collection = orjson.loads(export(store, "w3c"))
    page = collection["first"]
    assert collection["id"].startswith("urn:uuid:") and page["id"].startswith("urn:uuid:")
    assert page["id"] != collection["id"] and page["partOf"] == collection["id"]
    assert page["type"] == "AnnotationPage"


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
    assert "> Paragraph two" in text and "#check #policy" in text
    assert "https://example.com/articles/1" in text
    assert "<script>" not in text and "\\<script\\>" in text and "[link](" not in text
    assert not any(line.startswith(("> not", "- not", "    code")) for line in text.splitlines())
    assert "\\# Not a heading" in text


def test_escape_markdown_leaves_plain_text_readable():
    assert escape_markdown("Rates rose 0.5 points, said the Fed.") == "Rates rose 0.5 points, said the Fed."
    assert escape_markdown("1. first") == "1\\. first"


def test_markdown_tags_are_note_app_tags_with_each_highlight_s_date(tmp_path, make_draft):
    store = Store.open(tmp_path / "lib")
    ids = fill(store, make_draft)
    store.update_annotation(store.annotations(ids[0])[0].id, tags=["policy", "c++ & co"])
    annotations = store.annotations()
    text = to_markdown(annotations, store.annotated_articles(a.article for a in annotations))
    marks = next(line for line in text.splitlines() if "#policy" in line)
    day = f"{annotations[0].created:%Y-%m-%d}"
    assert marks == f"{day} · #c-co #policy"
    assert "[https://example.com/articles/1](<https://example.com/articles/1>)" in text


def test_markdown_per_article_files_have_front_matter_and_stable_names(tmp_path, make_draft):
    store = Store.open(tmp_path / "lib")
    ids = fill(store, make_draft)
    annotations = store.annotations()
    files = to_markdown_files(annotations, store.annotated_articles(a.article for a in annotations))
    assert sorted(files) == sorted(f"article-number-{n}-{i}.md" for n, i in zip((1, 2, 3), ids, strict=True))
    first = files[f"article-number-1-{ids[0]}.md"]
    assert first.startswith('---\ntitle: "Article number 1"\nurl: "https://example.com/articles/1"\n')
    assert 'tags: ["check","policy"]\n---\n\n# Article number 1\n' in first
    assert "> Paragraph two" in first and "#check #policy" in first
    assert files == to_markdown_files(annotations, store.annotated_articles(a.article for a in annotations))


def test_markdown_passages_keep_their_list_items_and_quotes_and_the_text_stays_escaped(tmp_path, make_draft):
    blocks = (
        Block("paragraph", "The minister listed her aims:"),
        Block("list_item", "1. Lower rates.", 1),
        Block("list_item", "2. Fewer rules.", 1),
        Block("list_item", "Cheaper *bread*.", 2),
        Block("quote", "We will not fail.\nNot this time."),
        Block("paragraph", "- not a list, but a dash"),
        Block("paragraph", "# not a heading either"),
    )
    store = Store.open(tmp_path / "lib")
    (article_id,) = store.add_articles([make_draft(1, body=Body(blocks=blocks))]).added
    text = store.body(article_id).text
    for first, last in (("aims:", "bread*."), ("We will", "this time."), ("- not a list", "either")):
        store.add_annotation(article_id, text.index(first), text.index(last) + len(last), text=text)
    annotations = store.annotations()
    articles = store.annotated_articles([article_id])
    files = to_markdown_files(annotations, articles, passage_bodies(store, annotations, articles))
    day = f"{annotations[0].created:%Y-%m-%d}"
    published = f"{articles[article_id].published:%Y-%m-%d}"
    assert files[f"article-number-1-{article_id}.md"] == "\n".join([
        "---",
        'title: "Article number 1"',
        'url: "https://example.com/articles/1"',
        'outlet: "The Example Times"',
        f'published: "{published}"',
        f'broadsheet_id: "{article_id}"',
        "---",
        "",
        "# Article number 1",
        "",
        f"The Example Times · {published} · [https://example.com/articles/1](<https://example.com/articles/1>)",
        "",
        "> aims:",
        ">",
        "> 1. Lower rates.",
        "> 2. Fewer rules.",
        ">     - Cheaper \\*bread\\*.",
        "",
        day,
        "",
        "> > We will not fail.\\",
        "> > Not this time.",
        "",
        day,
        "",
        "> \\- not a list, but a dash",
        ">",
        "> \\# not a heading either",
        "",
        day,
        "",
    ])
