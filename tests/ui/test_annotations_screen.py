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

from .conftest import SEED_TITLES, reader_title, settle, titles, type_text

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
        await pilot.pause(0.2)
        await settle(pilot)
        assert len(listed(pilot.app)) == 3
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, AnnotationsScreen)


async def test_entity_filter_uses_the_entity_library(start, home):
    seeded_with_annotations(home)
    async with start() as pilot:
        app = pilot.app
        await open_screen(pilot)
        breitbart = next(a.id for a in app.services.store.articles() if a.outlet == "Breitbart")
        app.screen.entity_articles = lambda name: {breitbart} if name == "ivan simonovis" else set()
        await filter_by(pilot, 'entity:"Iván Simonovis"')
        assert listed(app) == ["29 military checkpoints"]


async def test_enter_opens_the_article_at_the_passage_even_when_a_search_hid_it(start, home):
    seeded_with_annotations(home)
    async with start() as pilot:
        app = pilot.app
        await pilot.press("slash")
        await type_text(pilot, "rajoy")  # a search that leaves Breitbart out
        await pilot.press("enter")
        await pilot.pause(0.3)
        await settle(pilot)
        assert SEED_TITLES[1] not in titles(app)
        await open_screen(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        await pilot.pause(0.1)
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
