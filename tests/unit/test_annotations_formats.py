"""Importing other tools' annotations: the W3C model's own examples (tests/data/annotations/w3c-*),
Hypothesis exports and Readwise CSV, matched to articles by URL, never duplicated on a second import."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.annotations.export import to_json, to_w3c
from reader.annotations.imports import BadImport, parse_export
from reader.annotations.urls import url_key
from reader.store import Store

DATA = Path(__file__).resolve().parent.parent / "data" / "annotations"


@pytest.fixture
def library(tmp_path, make_draft):
    """Articles 1-3 of the drafts (https://example.com/articles/N); their ids, in order."""
    store = Store.open(tmp_path / "lib")
    return store, store.add_articles([make_draft(i) for i in (1, 2, 3)]).added


def imported(store: Store, name: str):
    parsed = parse_export((DATA / name).read_bytes(), name)
    return parsed, store.import_annotations(parsed.incoming)


def by_article(store: Store, article_id: str):
    return sorted(store.annotations(article_id), key=lambda a: (a.kind, a.start))


@pytest.mark.parametrize("url", [
    "https://example.com/articles/1", "http://example.com/articles/1/", "https://www.example.com/articles/1",
    "https://example.com/articles/1?utm_source=x&utm_medium=y", "https://example.com:443/articles/1#part",
])
def test_url_variations_fold_to_one_key(url):
    assert url_key(url) == "example.com/articles/1"
    assert url_key("https://example.com/articles/1?page=2") == "example.com/articles/1?page=2"
    assert url_key("urn:x-pdf:abc") == ""


def test_the_specification_s_collection_imports_every_annotation_it_can(library):
    store, ids = library
    parsed, report = imported(store, "w3c-collection.json")
    assert (report.imported, [s.entry for s in report.skipped]) == (2, ["annotation 3 (id http://example.org/anno3)"])
    assert "not in this library" in report.skipped[0].reason
    assert store.article_note(ids[0]).note == "Link: http://example.net/comment1"
    # http, a trailing slash and utm_* parameters still find article 2.
    assert store.article_note(ids[1]).note == "Link: http://example.net/comment2"


def test_body_value_is_the_note_and_a_quote_without_position_is_found_by_its_context(library):
    store, ids = library
    _, report = imported(store, "w3c-body-value.json")
    assert report.imported == 1
    (highlight,) = store.annotations(ids[0])
    text = store.body(ids[0]).text
    # "of article 1" occurs twice; the prefix says it is the one after "Paragraph two ".
    assert highlight.note == "Comment text" and highlight.start == text.index("two of article 1") + 4
    assert text[highlight.start : highlight.end] == "of article 1" and not highlight.orphaned


def test_every_body_and_every_target_is_kept(library):
    store, ids = library
    _, report = imported(store, "w3c-multiple.json")
    assert report.imported == 2
    (note,) = store.annotations(ids[0])
    (highlight,) = store.annotations(ids[1])
    assert note.is_article_note and highlight.quote == "Paragraph two"
    for annotation in (note, highlight):
        assert annotation.note == "Link: http://example.org/description1\n\nJ'adore !"
        assert annotation.tags == ("tag1",) and f"{annotation.created:%Y-%m-%d}" == "2015-10-13"


def test_a_reply_joins_the_thread_of_the_annotation_it_answers(library):
    store, ids = library
    _, report = imported(store, "w3c-reply.json")
    assert (report.imported, report.skipped) == (1, ())
    (question,) = store.annotations(ids[2])
    assert question.kind == "question" and question.quote == "citing a source"
    assert question.note == "Which source?\n\nReply from Sam on 2016-06-02: The first link."


def test_iri_bodies_choices_and_unlocatable_selectors_are_kept_visibly(library):
    store, ids = library
    parsed, report = imported(store, "w3c-iri-bodies.json")
    assert report.imported == 4
    assert [(s.entry, s.reason) for s in parsed.skipped] == [
        ("annotation 5 (id http://example.org/anno7)", "it has no body and no quote: there is nothing to keep"),
        ("annotation 6 (id http://example.org/anno-bad)", "it has no target (the article it is on)"),
        ("annotation 7", "it is not an object"),
    ]
    assert store.article_note(ids[2]).note == (
        "Link: http://example.org/post1\n\nLink: http://example.org/video1 (Video)\n\nTag: http://example.org/city1"
    )
    assert store.article_note(ids[1]).note == (
        "A good point\n\nUn bon point\n\n"
        "(on a part of the page given by FragmentSelector, which broadsheet cannot locate)"
    )


W3C_EXAMPLES = ["w3c-collection.json", "w3c-body-value.json", "w3c-multiple.json", "w3c-reply.json",
                "w3c-iri-bodies.json"]


def test_no_w3c_example_becomes_an_empty_note(library):
    store, _ = library
    for name in W3C_EXAMPLES:
        imported(store, name)
    annotations = store.annotations()
    # Article-level notes on one article share its one note.
    assert len(annotations) == 6 and all(a.note or a.tags for a in annotations)


def test_a_hypothesis_export_imports_highlights_page_notes_and_replies(library):
    store, ids = library
    parsed, report = imported(store, "hypothesis-export.json")
    assert parsed.format == "hypothesis" and (report.imported, report.orphaned) == (3, 0)
    assert sorted(s.reason for s in (*parsed.skipped, *report.skipped)) == [
        "a reply to ZZnotInThisFileZZ, which is not in this file",
        "its article (https://elsewhere.example/not-in-the-library) is not in this library",
    ]
    (highlight,) = store.annotations(ids[0])
    text = store.body(ids[0]).text
    assert text[highlight.start : highlight.end] == "Paragraph two" and highlight.tags == ("follow-up", "policy")
    reply = "Reply from A Friend on 2024-04-02: Agreed, the figures are off."
    assert highlight.note == f"Worth checking **this**.\n\n{reply}"
    # Found by the document's canonical link, not its AMP address.
    assert store.article_note(ids[1]).note == "A page note: the whole piece leans on one source."
    assert [a.quote for a in store.annotations(ids[2])] == ["citing a source"]


def test_the_hypothesis_api_s_rows_import_too(library):
    store, ids = library
    parsed, report = imported(store, "hypothesis-api.json")
    assert (parsed.format, report.imported) == ("hypothesis", 1)
    assert store.annotations(ids[1])[0].tags == ("api",)


def test_readwise_csv_rows_are_matched_by_url_and_the_others_reported(library):
    store, ids = library
    parsed, report = imported(store, "readwise.csv")
    assert (parsed.format, report.imported) == ("readwise", 2)
    assert [(s.entry, s.reason) for s in (*parsed.skipped, *report.skipped)] == [
        ("row 3", "it has no URL to find its article (Some Book) by"),
        ("row 4", "its article (https://elsewhere.example/page) is not in this library"),
    ]
    (first,) = store.annotations(ids[0])
    assert (first.quote, first.note, first.tags) == ("Paragraph two of article 1.", "Key claim, check it",
                                                     ("follow-up", "policy"))
    assert f"{first.created:%Y-%m-%d %H:%M}" == "2024-04-10 09:12"
    (second,) = store.annotations(ids[1])
    assert store.body(ids[1]).text[second.start : second.end] == "citing a source [1]"


@pytest.mark.parametrize("name", [*W3C_EXAMPLES, "hypothesis-export.json", "hypothesis-api.json", "readwise.csv"])
def test_a_second_import_adds_nothing_and_a_round_trip_keeps_everything(library, tmp_path, make_draft, name):
    store, _ = library
    _, first = imported(store, name)
    before = sorted((a.id, a.note, a.tags) for a in store.annotations())
    _, again = imported(store, name)
    assert (again.imported, again.updated, again.already_here) == (0, 0, first.imported)
    assert sorted((a.id, a.note, a.tags) for a in store.annotations()) == before
    annotations = store.annotations()
    articles = store.annotated_articles(a.article for a in annotations)
    for n, export in enumerate((to_json, to_w3c)):
        fresh = Store.open(tmp_path / f"fresh-{n}")
        fresh.add_articles([make_draft(i, source="elsewhere") for i in (1, 2, 3)])
        report = fresh.import_annotations(parse_export(export(annotations, articles)).incoming)
        assert (report.imported, report.skipped, report.orphaned) == (len(annotations), (), 0)
        assert sorted((a.quote, a.note, a.tags) for a in fresh.annotations()) == sorted(
            (a.quote, a.note, a.tags) for a in annotations
        )


def test_a_changed_note_in_a_newer_file_updates_the_one_here(library, tmp_path):
    store, ids = library
    imported(store, "hypothesis-api.json")
    newer = (DATA / "hypothesis-api.json").read_text().replace(
        "Second paragraph, second article.", "Edited on Hypothesis."
    ).replace('"updated": "2024-04-07', '"updated": "2024-04-09')
    report = store.import_annotations(parse_export(newer.encode()).incoming)
    assert (report.imported, report.updated) == (0, 1)
    assert [a.note for a in store.annotations(ids[1])] == ["Edited on Hypothesis."]


@pytest.mark.parametrize("name, fmt, message", [
    ("readwise.csv", "json", "not JSON"),
    ("hypothesis-export.json", "w3c", "it looks like a Hypothesis export"),
    ("w3c-collection.json", "readwise", "no Highlight or URL column"),
])
def test_a_named_format_that_does_not_fit_is_refused(name, fmt, message):
    with pytest.raises(BadImport, match=message):
        parse_export((DATA / name).read_bytes(), name, fmt)
