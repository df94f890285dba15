"""Annotations in the store: add, edit, delete and undo, article notes, input rules, re-anchoring."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.annotations.model import MAX_NOTE, AnnotationError, UnknownAnnotation
from reader.models import Block, Body
from reader.store import Store


@pytest.fixture
def store(home):
    return Store.open(home)


@pytest.fixture
def article(store, make_draft):
    return store.add_articles([make_draft(1)]).added[0]


def highlight(store, article_id, quote, **fields):
    text = store.body(article_id).text
    start = text.index(quote)
    return store.add_annotation(article_id, start, start + len(quote), **fields)


def test_an_annotation_is_saved_with_its_quote_context_and_times(store, article, home):
    saved = highlight(store, article, "Paragraph two", note="Worth checking", tags=["Fact Check"], kind="question")
    again = Store.open(home).annotation(saved.id)
    assert again == saved
    assert (again.quote, again.kind, again.note, again.tags) == (
        "Paragraph two", "question", "Worth checking", ("fact-check",)
    )
    assert again.prefix.endswith("citing a source [1].\n\n") and again.suffix.startswith(" of article 1.")
    assert again.created is not None and again.updated == again.created
    assert Store.open(home).stats().annotations == 1


def test_annotations_come_newest_first_and_by_article(store, article, make_draft):
    other = store.add_articles([make_draft(2)]).added[0]
    first = highlight(store, article, "Paragraph one")
    second = highlight(store, other, "Paragraph two")
    third = highlight(store, article, "Paragraph two")
    assert [a.id for a in store.annotations()] == [third.id, second.id, first.id]
    assert [a.id for a in store.annotations(article)] == [third.id, first.id]


def test_editing_changes_note_tags_and_kind_and_stamps_the_update(store, article):
    saved = highlight(store, article, "Paragraph one", note="first thought")
    edited = store.update_annotation(saved.id, note="second thought", tags=["A", "a ", "b"], kind="disagree")
    assert (edited.note, edited.tags, edited.kind) == ("second thought", ("a", "b"), "disagree")
    assert edited.created == saved.created and edited.updated >= saved.updated
    assert store.annotation(saved.id) == edited


def test_delete_returns_the_annotation_and_restore_brings_it_back_as_it_was(store, article):
    saved = highlight(store, article, "Paragraph one", note="keep me")
    deleted = store.delete_annotation(saved.id)
    assert deleted == saved and store.annotations() == []
    with pytest.raises(UnknownAnnotation):
        store.annotation(saved.id)
    store.restore_annotation(deleted)
    assert store.annotations() == [saved]


def test_the_article_note_is_set_replaced_and_removed_by_empty_text(store, article):
    assert store.article_note(article) is None
    first = store.set_article_note(article, "Overall: one-sided.\nSee the second source.")
    assert store.article_note(article).note == "Overall: one-sided.\nSee the second source."
    second = store.set_article_note(article, "Changed my mind")
    assert second.id == first.id and store.article_note(article).note == "Changed my mind"
    assert len(store.annotations(article)) == 1
    assert store.set_article_note(article, "   ") is None
    assert store.article_note(article) is None and store.annotations() == []


def test_control_characters_are_stripped_from_notes_and_tags(store, article):
    saved = highlight(
        store, article, "Paragraph one",
        note="line\x1b[2J one\n\tline \u202etwo\x07\x9b", tags=["ta\x07g", "\u202eevil"],
    )
    assert saved.note == "line one\n\tline two"
    assert saved.tags == ("evil", "tag")


def test_a_huge_note_and_an_empty_selection_are_refused_and_nothing_is_written(store, article):
    with pytest.raises(AnnotationError, match="too long"):
        highlight(store, article, "Paragraph one", note="x" * (MAX_NOTE + 1))
    with pytest.raises(AnnotationError, match="nothing is selected"):
        store.add_annotation(article, 5, 5)
    with pytest.raises(AnnotationError, match="nothing is selected"):
        text = store.body(article).text
        gap = text.index("\n\n")
        store.add_annotation(article, gap, gap + 2)
    with pytest.raises(AnnotationError, match="unknown kind"):
        highlight(store, article, "Paragraph one", kind="love")
    assert store.annotations() == []


def test_an_annotated_article_survives_removing_its_feed(store, make_draft):
    feed, _ = store.add_feed("https://example.com/feed.xml")
    ids = store.add_articles([make_draft(1, source=feed.id), make_draft(2, source=feed.id)]).added
    highlight(store, ids[0], "Paragraph one")
    removal = store.remove_feed(feed.id)
    assert (removal.removed, removal.kept) == (1, 1)
    assert [a.id for a in store.articles()] == [ids[0]]
    assert store.annotations()[0].article == ids[0]


def edited_draft(make_draft, paragraphs):
    return make_draft(1, body=Body(blocks=tuple(Block("paragraph", p) for p in paragraphs)))


def test_an_edited_article_carries_its_highlights_to_the_new_text(store, make_draft):
    original = ["The council agreed to delay the vote until spring.", "Critics said the delay was welcome."]
    article = store.add_articles([edited_draft(make_draft, original)]).added[0]
    kept = highlight(store, article, "delay the vote", note="why?")
    lost = highlight(store, article, "Critics said the delay was welcome", note="not all of them")
    note = store.set_article_note(article, "article note")

    result = store.add_articles([edited_draft(make_draft, ["Update: new figures were published.", original[0]])])
    assert result.updated == (article,)

    text = store.body(article).text
    moved = store.annotation(kept.id)
    assert text[moved.start : moved.end] == "delay the vote" and moved.start > kept.start and not moved.orphaned
    orphan = store.annotation(lost.id)
    assert orphan.orphaned and orphan.quote == lost.quote and orphan.note == "not all of them"
    assert store.article_note(article) == note


def test_a_feed_refresh_that_edits_an_article_reanchors_it(store, make_draft):
    from reader.store import FeedUpdate

    feed, _ = store.add_feed("https://example.com/feed.xml")
    first = make_draft(1, source=feed.id, body=Body(blocks=(Block("paragraph", "Rates rose by half a point."),)))
    article = store.save_fetches([FeedUpdate(feed.id, (first,))])[feed.id].added[0]
    saved = highlight(store, article, "half a point")
    edited = replace(
        first, body=Body(blocks=(Block("paragraph", "Correction: rates rose by half a point on Tuesday."),))
    )
    store.save_fetches([FeedUpdate(feed.id, (edited,))])
    now = store.annotation(saved.id)
    assert store.body(article).text[now.start : now.end] == "half a point" and now.start != saved.start


def test_annotations_are_split_over_files_by_article_and_still_read_as_one(store, home, make_draft):
    ids = store.add_articles([make_draft(i) for i in range(12)]).added
    saved = {highlight(store, i, "Paragraph one").id for i in ids}
    files = sorted(p.name for p in (home / "state" / "annotations").glob("*.json"))
    assert len(files) > 1
    assert set(Store.open(home).user.annotations.raw()) == saved
    assert Store.open(home).user.annotated_ids() == set(ids)


def test_an_older_single_annotation_file_is_read_and_moved_into_the_split_files(store, article, home):
    import orjson

    legacy = {"annotations": {"0123456789": {"article": article, "quote": "Paragraph one", "prefix": "", "suffix": "",
                                             "start": 15, "end": 28, "note": "old", "tags": [],
                                             "created": "2024-01-01T00:00:00+00:00"}}}
    (home / "state" / "annotations.json").write_bytes(orjson.dumps(legacy))
    reopened = Store.open(home)
    assert [a.note for a in reopened.annotations()] == ["old"]
    highlight(reopened, article, "Paragraph two")
    assert not (home / "state" / "annotations.json").exists()
    assert sorted(a.note for a in Store.open(home).annotations()) == ["", "old"]


def test_a_fixed_typo_moves_the_highlight_and_keeps_the_wording_first_highlighted(store, make_draft):
    from reader.annotations.export import to_json
    from reader.annotations.markdown import to_markdown
    from reader.annotations.model import Annotation
    from reader.cli.annotation_commands import annotation_lines

    typo = ["Former mayor Antonio Leedzma fled house arrest on Friday.", "Ledezma was met in Madrid."]
    article = store.add_articles([edited_draft(make_draft, typo)]).added[0]
    saved = highlight(store, article, "Leedzma", note="who?")
    fixed = [typo[0].replace("Leedzma", "Ledezma"), typo[1]]
    store.add_articles([edited_draft(make_draft, fixed)])
    now = store.annotation(saved.id)
    assert (now.quote, now.original, now.orphaned) == ("Ledezma", "Leedzma", False)
    assert store.body(article).text[now.start : now.end] == "Ledezma" and now.start == saved.start
    # A later edit moves it again: the original stays the wording first highlighted.
    store.add_articles([edited_draft(make_draft, ["An update on the story.", *fixed])])
    later = store.annotation(saved.id)
    assert (later.quote, later.original) == ("Ledezma", "Leedzma") and later.start > now.start
    articles = store.annotated_articles([article])
    assert "> was: Leedzma" in to_markdown([later], articles)
    assert b'"original": "Leedzma"' in to_json([later], articles)
    assert "    was: “Leedzma”" in annotation_lines(later, articles[article])
    # Documents stored before the field existed read as having no original.
    doc = later.to_doc()
    del doc["original"]
    assert Annotation.from_doc(later.id, doc).original == ""
    assert "original" not in saved.to_doc()


def test_restyled_spacing_or_quote_marks_are_no_change_of_wording(store, make_draft):
    article = store.add_articles([edited_draft(make_draft, ["He called it “a farce” on Friday."])]).added[0]
    saved = highlight(store, article, "“a farce”")
    store.add_articles([edited_draft(make_draft, ['He called it "a farce" on Friday.'])])
    now = store.annotation(saved.id)
    assert now.quote == '"a farce"' and now.original == "" and not now.orphaned
