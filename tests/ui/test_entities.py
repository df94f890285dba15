"""Entities in the app: the sidebar fills for the open article, filters, mentions, the entity screen."""

from __future__ import annotations

import time

from textual.widgets import OptionList, Static

from reader.models import Block, Body
from reader.store import Store
from reader.tui.background.analysis import Analysis
from reader.tui.screens.entity import EntityScreen
from reader.tui.widgets.entity_sidebar import EntitySidebar
from reader.tui.widgets.reader.pane import ReaderPane

from .conftest import (
    CARACAS_CHRONICLES,
    SEED_TITLES,
    article_list,
    highlighted,
    notifications,
    replace_text,
    screen_lines,
    searched,
    settle,
    static_text,
    titles,
    type_text,
    until,
)

#: How long a wait for the model's worker may take: on a loaded machine its start alone (spaCy
#: loading) took over a minute. The tests wait on what the app shows, so a quick run is quick.
MODEL_WAIT = 300.0


async def analysed(pilot, timeout: float = MODEL_WAIT) -> EntitySidebar:
    """Wait until the sidebar shows the open article's entities."""
    sidebar = pilot.app.screen_stack[0].query_one(EntitySidebar)
    deadline = time.monotonic() + timeout
    while not sidebar.entities and time.monotonic() < deadline:
        await pilot.pause(0.1)
    assert sidebar.entities, f"the sidebar never filled: {pilot.app.analysis_status!r} {pilot.app.analysis_note!r}"
    return sidebar


async def open_caracas_chronicles(pilot, everything: bool = True) -> EntitySidebar:
    """Open the article and wait for its entities (and, by default, every seed's)."""
    article_list(pilot.app).set_cursor(titles(pilot.app).index(CARACAS_CHRONICLES))
    await pilot.press("enter")
    await settle(pilot)
    sidebar = await analysed(pilot)
    # The worker loads the model and the gazetteer first: seconds, more on a busy machine.
    deadline = time.monotonic() + MODEL_WAIT
    while everything and len(pilot.app.entity_library.article_ids) < 5 and time.monotonic() < deadline:
        await pilot.pause(0.1)
    return sidebar


def names(sidebar: EntitySidebar, kind: str) -> list[str]:
    return [e.name for e in sidebar.entities if e.kind == kind]


async def press_on(pilot, sidebar: EntitySidebar, name: str, key: str) -> None:
    """Focus the sidebar, put its cursor on ``name`` and press ``key``."""
    await pilot.press("e")
    sidebar.cursor = [e.name for e in sidebar.rows()].index(name)
    await pilot.press(key)
    await settle(pilot)


def marked_words(app) -> list[str]:
    """The words the reader pane shows highlighted as the current mention."""
    body = app.screen.query_one("#reader-body", Static).content
    return [body.plain[span.start:span.end] for span in body.spans if "yellow" in str(span.style)]


async def test_the_open_article_gets_its_people_organisations_and_places(start):
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot)
        assert names(sidebar, "person")[0] == "Antonio Ledezma"  # the most prominent comes first
        assert {"Mariano Rajoy", "Julio Borges", "Nicolás Maduro"} <= set(names(sidebar, "person"))
        assert {"Madrid", "Venezuela", "Dominican Republic"} <= set(names(sidebar, "place"))
        assert "Organization of American States" in names(sidebar, "organisation")
        assert "Venezuelan" not in {e.name for e in sidebar.entities}  # nationality words are not entities
        ledezma = next(e for e in sidebar.entities if e.name == "Antonio Ledezma")
        assert ledezma.mentions >= 4 and ledezma.leading
        text = static_text(pilot.app, "#entities-content")
        assert text.index("People") < text.index("Organisations") < text.index("Places")


async def test_enter_on_an_entity_lists_the_articles_naming_it(start):
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot)
        await press_on(pilot, sidebar, "Mariano Rajoy", "enter")
        assert sorted(titles(pilot.app)) == sorted([SEED_TITLES[2], SEED_TITLES[3]])
        assert "entity: Mariano Rajoy" in pilot.app.screen.sub_title
        await pilot.press("escape")
        assert titles(pilot.app) == SEED_TITLES


async def test_m_highlights_the_mentions_and_steps_through_them(start):
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot)
        await press_on(pilot, sidebar, "Mariano Rajoy", "m")
        assert notifications(pilot.app)[-1] == "Mariano Rajoy: mention 1 of 2 (m: next)"
        assert marked_words(pilot.app) == ["Mariano Rajoy"]
        await pilot.press("m")
        assert notifications(pilot.app)[-1] == "Mariano Rajoy: mention 2 of 2 (m: next)"
        assert marked_words(pilot.app) == ["Rajoy"]
        await pilot.press("m", "m")
        await pilot.pause()
        # One toast says where m landed: each step's replaces the last, none piles over the text.
        shown = [toast.message for toast in pilot.app._notifications]
        assert shown.count("Mariano Rajoy: mention 2 of 2 (m: next)") == 1
        assert not [message for message in shown if message.startswith("Mariano Rajoy: mention 1")]


async def test_the_list_scope_counts_entities_across_the_list(start):
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot)
        await pilot.press("e", "a")
        await settle(pilot)
        assert sidebar.scope == "list"
        ledezma = next(e for e in sidebar.entities if e.name == "Antonio Ledezma")
        assert ledezma.articles == 5
        assert "Entities in this list" in static_text(pilot.app, "#entities-content")


async def test_the_list_scope_is_counted_per_list_not_per_cursor_move(start, monkeypatch):
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot)
        await pilot.press("e", "a")
        await settle(pilot)
        library = pilot.app.entity_library
        counted = []
        monkeypatch.setattr(type(library), "across", lambda self, ids: counted.append(len(ids)) or [])
        article_list(pilot.app).focus()
        await pilot.press("j", "j", "k")
        await settle(pilot)
        assert counted == [] and sidebar.entities  # moving the cursor recounted nothing
        await pilot.press("H")  # hide read: the list changes, so it is counted again
        await settle(pilot)
        assert counted == [len(titles(pilot.app))]


async def test_the_entity_screen_shows_names_articles_and_mentions_and_jumps_to_one(start):
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot)
        await press_on(pilot, sidebar, "Mariano Rajoy", "i")
        screen = pilot.app.screen
        assert isinstance(screen, EntityScreen)
        summary = static_text(pilot.app, "#entity-summary")
        assert summary.startswith("Mariano Rajoy  person") and "Rajoy (" in summary
        options = screen.query_one(OptionList)
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert rows[0].startswith("Articles (2) from 2 outlets")
        assert any("Often named with" in row for row in rows) and any("Antonio Ledezma" in row for row in rows)
        mention_rows = [
            i for i in range(options.option_count) if options.get_option_at_index(i).id.split("|")[1] == "mention"
        ]
        assert len(mention_rows) >= 4
        options.highlighted = mention_rows[-1]
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EntityScreen)
        assert pilot.app.screen.query_one(ReaderPane).showing_changes is False
        assert marked_words(pilot.app) in (["Rajoy"], ["Mariano Rajoy"])
        assert highlighted(pilot.app).title in (SEED_TITLES[2], SEED_TITLES[3])


async def test_a_correction_is_saved_and_survives_a_restart(start, home):
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot)
        await press_on(pilot, sidebar, "Mariano Rajoy", "i")
        await pilot.press("r")
        await settle(pilot)
        assert pilot.app.focused.value == "Mariano Rajoy"  # the rename starts from the name
        await replace_text(pilot, "President Mariano Rajoy Brey")
        await pilot.press("enter")
        deadline = time.monotonic() + 10
        while (
            "President Mariano Rajoy Brey" not in static_text(pilot.app, "#entity-summary")
            and time.monotonic() < deadline
        ):
            await pilot.pause(0.1)
        assert static_text(pilot.app, "#entity-summary").startswith("President Mariano Rajoy Brey  person")
    assert [c.action for c in Store.open(home).entity_corrections()] == ["rename"]
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot)
        assert "President Mariano Rajoy Brey" in names(sidebar, "person")
        assert "Mariano Rajoy" not in names(sidebar, "person")


async def test_without_the_model_the_sidebar_says_why_and_simpler_rules_fill_it(start, monkeypatch):
    monkeypatch.setenv("BROADSHEET_ENTITY_MODEL", "no_such_model_package")
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot, everything=False)
        assert "Antonio Ledezma" in names(sidebar, "person")
        assert "no_such_model_package" in sidebar.note and sidebar.note.startswith("Simpler extractor in use")
        assert any("simpler rules" in m for m in notifications(pilot.app, "warning"))
        assert pilot.app.is_running


async def test_articles_another_process_fetched_are_analysed_too(start, home, make_draft):
    async with start(analyse_entities=True) as pilot:
        app = pilot.app
        await analysed(pilot)  # the seeds' analysis is under way or done
        draft = make_draft(1, title="Mayor of Oslo resigns", body=Body((Block(
            "paragraph", "Oslo mayor Ingrid Halvorsen resigned on Monday, the city council said."),)))
        # As `broadsheet fetch` from cron would, while the app runs.
        new_id = Store.open(home).add_articles([draft]).added[0]
        deadline = time.monotonic() + MODEL_WAIT
        while new_id not in app.services.store.entity_results([new_id]) and time.monotonic() < deadline:
            await pilot.pause(0.2)
        results = app.services.store.entity_results([new_id])
        assert new_id in results and any(m.text == "Ingrid Halvorsen" for m in results[new_id].article.mentions)


async def test_a_long_list_of_entities_keeps_each_count_on_its_names_line(start):
    async with start(analyse_entities=True, size=(120, 30)) as pilot:
        app = pilot.app
        article_list(app).set_cursor(titles(app).index(SEED_TITLES[0]))  # the encyclopedia entry: many names
        await pilot.press("enter")
        await settle(pilot)
        sidebar = await analysed(pilot)
        await settle(pilot)
        assert sidebar.show_vertical_scrollbar  # the list is longer than the pane
        # As drawn: the sidebar is right of the last pane border; no count wraps onto a line of its own.
        drawn = [line.rsplit("▏", 1)[-1].strip(" ▁▂▃▄▅▆▇█") for line in screen_lines(app) if "▏" in line]
        assert any("Antonio Ledezma" in line for line in drawn), (drawn, [e.name for e in sidebar.entities][:8])
        assert not [line for line in drawn if line.isdigit()], drawn


async def test_a_later_batch_is_taken_into_the_library_and_the_list_counts_grow(start, home, make_draft, monkeypatch):
    built: list[Analysis.LibraryBuilt] = []
    original = Analysis.built
    monkeypatch.setattr(Analysis, "built", lambda self, message: (built.append(message), original(self, message)))
    async with start(analyse_entities=True) as pilot:
        app = pilot.app
        sidebar = await open_caracas_chronicles(pilot)
        seeds = len(titles(app))
        deadline = time.monotonic() + MODEL_WAIT
        # The analysis went idle after the seeds, and the library was built from every result.
        while not (built and built[-1].full and built[-1].library is not None
                   and len(built[-1].library.article_ids) >= seeds) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        await pilot.press("e", "a")
        await settle(pilot)
        before = {e.name: e.articles for e in sidebar.entities}
        entities = len(app.entity_library)
        draft = make_draft(1, title="Mayor of Oslo resigns", body=Body((Block(
            "paragraph", "Oslo mayor Ingrid Halvorsen resigned on Monday, as Antonio Ledezma once did."),)))
        new_id = Store.open(home).add_articles([draft]).added[0]  # as `broadsheet fetch` from cron would
        deadline = time.monotonic() + MODEL_WAIT
        while not [m for m in built if not m.full and m.library and new_id in m.library.article_ids] \
                and time.monotonic() < deadline:
            await pilot.pause(0.1)
        taken = next(m.library for m in built if not m.full and m.library and new_id in m.library.article_ids)
        assert taken.find("Ingrid Halvorsen") is not None and len(taken) > entities
        await settle(pilot)
        after = {e.name: e.articles for e in sidebar.entities}
        assert after["Antonio Ledezma"] == before["Antonio Ledezma"] + 1  # the same entity, one more article
        assert "Oslo" in after and "Oslo" not in before  # a name new to the library (the view keeps the top 60)


async def test_searching_an_entity_no_article_names_says_so_under_the_box(start):
    # An empty list alone would not tell "nobody of that name" from "no unread article of theirs".
    async with start(analyse_entities=True) as pilot:
        await open_caracas_chronicles(pilot)
        await pilot.press("slash")
        await type_text(pilot, 'entity:"Nobody Atall"')
        await searched(pilot)
        said = pilot.app.screen.query_one("#search-error", Static)
        await until(pilot, lambda: said.display)
        assert said.display and "no person, organisation or place is called 'Nobody Atall'" in said.content.plain
        assert titles(pilot.app) == []
        await pilot.press(*["backspace"] * len('"Nobody Atall"'))
        await type_text(pilot, "Rajoy")
        await searched(pilot)
        await until(pilot, lambda: not said.display)
        assert not said.display and sorted(titles(pilot.app)) == sorted([SEED_TITLES[2], SEED_TITLES[3]])


async def test_the_entity_filter_header_follows_a_rename(start):
    async with start(analyse_entities=True) as pilot:
        sidebar = await open_caracas_chronicles(pilot)
        await press_on(pilot, sidebar, "Mariano Rajoy", "enter")
        assert "entity: Mariano Rajoy" in pilot.app.main.sub_title
        await press_on(pilot, sidebar, "Mariano Rajoy", "i")
        await pilot.press("r")
        await settle(pilot)
        await replace_text(pilot, "Mariano Rajóy")  # only an accent: the same articles
        await pilot.press("enter")
        await until(pilot, lambda: "entity: Mariano Rajóy" in pilot.app.main.sub_title, seconds=10)
