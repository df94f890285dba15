"""The annotations screen: every annotation, newest first, filtered as typed; enter opens the passage."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from textual.widgets import Input, Static

from reader.annotations.anchoring import select
from reader.annotations.model import Annotation
from reader.seeds import ensure_seeded
from reader.store import Store
from reader.tui.screens.annotations import AnnotationsScreen
from reader.tui.widgets.annotation_list import AnnotationList
from reader.tui.widgets.reader.marks import CURRENT_HIGHLIGHT
from reader.tui.widgets.reader.pane import ReaderPane

from .conftest import SEED_TITLES, reader_title, searched, settle, titles, type_text, until

DAY = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def annotate(store: Store, outlet: str, quote: str, hours: int, **fields) -> Annotation:
    article = next(a for a in store.articles() if a.outlet == outlet)
    text = store.body(article).text
    start = text.index(quote)
    chosen = select(text, start, start + len(quote))
    return store.save_annotation(Annotation(
        id="", article=article.id, quote=chosen.quote, prefix=chosen.prefix, suffix=chosen.suffix,
        start=chosen.start, end=chosen.end, created=DAY + timedelta(hours=hours), **fields))


def seeded_with_annotations(home):
    store = Store.open(home)
    ensure_seeded(store)
    return [
        annotate(
            store, "Caracas Chronicles", "an unfriendly act", 1, kind="disagree", note="Which act?", tags=("diplomacy",)
        ),
        annotate(store, "Breitbart", "29 military checkpoints", 2, note="Source for this number?", tags=("check",)),
        annotate(store, "PanAm Post", "Ledezma", 3, kind="question"),
    ]


def listed(app) -> list[str]:
    return [row.annotation.quote for row in app.screen.query_one(AnnotationList).rows]


async def open_screen(pilot) -> AnnotationsScreen:
    await pilot.press("M")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AnnotationsScreen)
    return pilot.app.screen


async def filtered(pilot) -> None:
    """Wait until the filter typed has run (the screen waits for typing to pause)."""
    deadline = time.monotonic() + 10
    while pilot.app.screen.waiting and time.monotonic() < deadline:
        await pilot.pause(0.05)
    await settle(pilot)


async def filter_by(pilot, text: str) -> None:
    """Type a filter after / (emptying the box first), as a user would."""
    box = pilot.app.screen.query_one("#annotations-filter", Input)
    if pilot.app.focused is box:
        await pilot.press("enter")
    box.value = ""
    await pilot.press("slash")
    await type_text(pilot, text)
    await filtered(pilot)


async def test_every_annotation_is_listed_newest_first_with_the_selected_one_in_full(start, home):
    seeded_with_annotations(home)
    async with start() as pilot:
        screen = await open_screen(pilot)
        assert listed(pilot.app) == ["Ledezma", "29 military checkpoints", "an unfriendly act"]
        assert "3 annotations on 3 articles" in screen.sub_title
        await pilot.press("j")
        detail = screen.query_one("#annotation-detail", Static).content.plain
        assert "“29 military checkpoints”" in detail and "Source for this number?" in detail and "#check" in detail


async def test_filters_by_words_tag_outlet_and_kind(start, home):
    seeded_with_annotations(home)
    async with start() as pilot:
        screen = await open_screen(pilot)
        await filter_by(pilot, "tag:diplomacy")
        assert listed(pilot.app) == ["an unfriendly act"]
        assert "1 of 3" in screen.sub_title
        await filter_by(pilot, "outlet:breitbart")
        assert listed(pilot.app) == ["29 military checkpoints"]
        await filter_by(pilot, "kind:question")
        assert listed(pilot.app) == ["Ledezma"]
        await filter_by(pilot, "source number")  # words of the note, in any order
        assert listed(pilot.app) == ["29 military checkpoints"]
        await filter_by(pilot, "nothing-like-this")
        assert listed(pilot.app) == []
        # Escape in the filter clears it and goes back to the list; escape again leaves.
        await pilot.press("escape")
        await until(pilot, lambda: len(listed(pilot.app)) == 3)
        assert len(listed(pilot.app)) == 3
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, AnnotationsScreen)


async def test_entity_filter_matches_passages_that_name_the_entity(start, library):
    """entity:"Name" keeps highlights whose passage names the entity (by any of its names), not
    every highlight on an article that names it somewhere."""
    seeded_with_annotations(library)
    store = Store.open(library)
    named = annotate(store, "Breitbart", "Ledezma", 4)  # the article names him; so does this passage
    async with start() as pilot:
        app = pilot.app
        deadline = time.monotonic() + 30
        while app.entity_library is None and time.monotonic() < deadline:
            await pilot.pause(0.05)
        await open_screen(pilot)
        await filter_by(pilot, 'entity:"Antonio Ledezma"')
        # Breitbart's "29 military checkpoints" is on an article naming Ledezma, but does not.
        assert sorted(listed(app)) == ["Ledezma", "Ledezma"]
        assert named.id in {row.annotation.id for row in app.screen.query_one(AnnotationList).rows}
        await filter_by(pilot, 'entity:"Nobody Of That Name"')
        assert listed(app) == []


async def test_filter_takes_or_not_and_parentheses_and_says_what_it_cannot_read(start, home):
    seeded_with_annotations(home)
    async with start() as pilot:
        screen = await open_screen(pilot)
        await filter_by(pilot, "tag:diplomacy OR tag:check")
        assert sorted(listed(pilot.app)) == ["29 military checkpoints", "an unfriendly act"]
        await filter_by(pilot, "(tag:diplomacy OR kind:question) -outlet:panam")
        assert listed(pilot.app) == ["an unfriendly act"]
        await filter_by(pilot, "kind:q")  # a unique start of a kind is enough
        assert listed(pilot.app) == ["Ledezma"]
        await filter_by(pilot, "kind:quote")
        listing = screen.query_one(AnnotationList)
        assert listed(pilot.app) == []
        assert "'kind:' takes highlight, question, disagree or article-note" in listing.empty_message
        await filter_by(pilot, "(tag:check")
        assert "never closed" in listing.empty_message


async def test_enter_opens_the_article_at_the_passage_even_when_a_search_hid_it(start, home):
    seeded_with_annotations(home)
    async with start() as pilot:
        app = pilot.app
        await pilot.press("slash")
        await type_text(pilot, "rajoy")  # a search that leaves Breitbart out
        await pilot.press("enter")
        await searched(pilot)
        await until(pilot, lambda: SEED_TITLES[1] not in titles(app))
        assert SEED_TITLES[1] not in titles(app)
        await open_screen(pilot)
        await pilot.press("j", "enter")
        await until(pilot, lambda: reader_title(app) == SEED_TITLES[1])
        assert reader_title(app) == SEED_TITLES[1]
        pane = app.screen.query_one(ReaderPane)
        assert pane.current_annotation is not None and pane.current_annotation.quote == "29 military checkpoints"
        body = app.screen.query_one("#reader-body", Static).content
        assert [body.plain[s.start:s.end] for s in body.spans if str(s.style) == CURRENT_HIGHLIGHT] == [
            "29 military checkpoints"
        ]
        assert "Source for this number?" in app.screen.query_one("#highlight-note", Static).content.plain


async def test_an_empty_library_of_annotations_says_how_to_make_one(start, home):
    async with start() as pilot:
        screen = await open_screen(pilot)
        assert listed(pilot.app) == []
        assert "v selects a passage" in screen.query_one(AnnotationList).empty_message


async def test_a_edits_the_selected_annotation_d_deletes_it_and_u_undoes_both(start, home):
    from textual.widgets import TextArea

    from reader.tui.screens.note_editor import NoteEditor

    from .conftest import drain

    seeded_with_annotations(home)
    store = Store.open(home)

    def notes() -> dict[str, str]:
        return {a.quote: a.note for a in store.annotations()}

    async with start() as pilot:
        app = pilot.app
        screen = await open_screen(pilot)
        await pilot.press("j")  # "29 military checkpoints"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        area = app.screen.query_one("#note-text", TextArea)
        assert area.text == "Source for this number?"
        await pilot.press(*["backspace"] * len("number?"))
        await pilot.press(*"count?")
        await pilot.press("ctrl+s")
        await drain(pilot)
        await settle(pilot)
        assert app.screen is screen
        assert notes()["29 military checkpoints"] == "Source for this count?"
        detail = screen.query_one("#annotation-detail", Static).content.plain
        assert "Source for this count?" in detail  # the list is read again, the cursor stays
        await pilot.press("d")
        await drain(pilot)
        await settle(pilot)
        assert "29 military checkpoints" not in notes()
        assert listed(app) == ["Ledezma", "an unfriendly act"]
        await pilot.press("u")
        await drain(pilot)
        await settle(pilot)
        assert notes()["29 military checkpoints"] == "Source for this count?"
        await pilot.press("u")  # the edit before the deletion
        await drain(pilot)
        await settle(pilot)
        assert notes()["29 military checkpoints"] == "Source for this number?"
        assert sorted(listed(app)) == ["29 military checkpoints", "Ledezma", "an unfriendly act"]
