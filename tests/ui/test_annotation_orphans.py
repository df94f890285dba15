"""Highlights whose passage is gone, and highlights made twice: an orphan is stepped to, deleted
or given a new passage in the reader; the same words highlighted again step to the highlight."""

from __future__ import annotations

from reader.models import Block, Body
from reader.seeds import ensure_seeded
from reader.store import Store

from .test_annotations import HIGHLIGHT, open_article, painted, saved, seeded_highlight, shown, stored

ORIGINAL = ["The council agreed to delay the vote until spring.", "Critics said the delay was welcome."]


def with_orphan(home, make_draft) -> str:
    """An article whose second paragraph the outlet removed, with a highlight on it (now an orphan)."""
    def edition(paragraphs):
        return make_draft(1, title="Council vote", body=Body(blocks=tuple(Block("paragraph", p) for p in paragraphs)))

    store = Store.open(home)
    ensure_seeded(store)
    article_id = store.add_articles([edition(ORIGINAL)]).added[0]
    text = store.body(article_id).text
    lost_at = text.index("Critics said")
    store.add_annotation(article_id, lost_at, lost_at + len(ORIGINAL[1]) - 1, note="not all of them", text=text)
    store.add_articles([edition(["Update: new figures were published on Monday.", ORIGINAL[0]])])
    assert [a.orphaned for a in stored(home, article_id)] == [True]
    return article_id


async def test_d_deletes_the_orphan_stepped_to_and_u_brings_it_back(start, home, make_draft):
    article_id = with_orphan(home, make_draft)
    async with start() as pilot:
        app = pilot.app
        await open_article(pilot, "Council vote")
        await pilot.press("right_square_bracket")  # no placed highlight: straight to the orphan
        assert shown(app, "#highlight-note").startswith(" Orphaned   1 of 1")
        await pilot.press("d")
        await saved(pilot)
        assert stored(home, article_id) == []
        assert "whose passage the outlet changed" not in shown(app, "#article-note")
        await pilot.press("u")
        await saved(pilot)
        [back] = stored(home, article_id)
        assert back.orphaned and back.note == "not all of them"


async def test_a_selection_while_an_orphan_is_current_re_attaches_it_there(start, home, make_draft):
    article_id = with_orphan(home, make_draft)
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot, "Council vote")
        await pilot.press("right_square_bracket")
        # v then s takes the sentence at the caret: the new first paragraph.
        await pilot.press("v", "s", "h")
        await saved(pilot)
        [moved] = stored(home, article_id)
        assert not moved.orphaned and moved.note == "not all of them"
        assert moved.quote == reader.body_text[moved.start:moved.end]
        assert moved.quote.startswith("Update: new figures")
        assert painted(app, HIGHLIGHT) == [moved.quote]
        assert "whose passage the outlet changed" not in shown(app, "#article-note")
        await pilot.press("u")  # back to the orphan it was
        await saved(pilot)
        [back] = stored(home, article_id)
        assert back.orphaned and back.quote.startswith("Critics said")


async def test_S_on_a_sentence_already_highlighted_steps_to_it_instead_of_a_duplicate(start, home):
    async with start() as pilot:
        app = pilot.app
        reader = await open_article(pilot)
        await pilot.press("S")
        await saved(pilot)
        [first] = stored(home, reader.article_id)
        await pilot.press("S")
        await saved(pilot)
        assert [a.id for a in stored(home, reader.article_id)] == [first.id]
        assert reader.current_annotation is not None and reader.current_annotation.id == first.id
        assert shown(app, "#highlight-note").startswith(" Highlight   1 of 1")


async def test_h_on_the_words_of_a_highlight_made_before_makes_no_second_one(start, home):
    article_id, before = seeded_highlight(home, "Antonio Ledezma arrived in Madrid")
    async with start() as pilot:
        reader = await open_article(pilot)
        start_at = reader.body_text.index("Antonio Ledezma arrived in Madrid")
        reader.post_message(reader.AnnotateRequested(article_id, start_at, start_at + len(before.quote)))
        await saved(pilot)
        assert [a.id for a in stored(home, article_id)] == [before.id]
        assert reader.current_annotation is not None and reader.current_annotation.id == before.id


async def test_the_note_editor_fits_80_by_24_with_tags_kind_and_the_save_hint(start):
    from textual.widgets import Input, RadioSet

    from reader.tui.screens.note_editor import NoteEditor

    async with start(size=(80, 24)) as pilot:
        app = pilot.app
        await open_article(pilot)
        await pilot.press("v", "p", "a")  # a whole paragraph: the longest quote the editor shows
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        screen = app.screen
        for widget in (screen.query_one("#note-tags", Input), screen.query_one("#note-kind", RadioSet),
                       screen.query_one(".hint")):
            region = widget.region
            assert region.height > 0 and 0 <= region.y and region.bottom <= 24, (widget, region)
