"""The entity sidebar and the entity screen as lists: a cursor from the first key, j/k/g/G, enter."""

from __future__ import annotations

from reader.tui.screens.entity import EntityScreen
from reader.tui.widgets.entity_sidebar import EntitySidebar

from .conftest import reader_title, screen_text, settle, titles


def sidebar_cursor(app) -> list[str]:
    """The names the sidebar draws as its cursor (reversed)."""
    content = app.screen.query_one("#entities-content").content
    return [content.plain[span.start:span.end].strip() for span in content.spans if "reverse" in str(span.style)]


def entity_screen_cursor(app) -> str:
    """The row of the entity screen the user sees highlighted."""
    rows = app.screen.query_one("#entity-rows")
    assert rows.highlighted is not None, "no row is highlighted"
    prompt = str(rows.get_option_at_index(rows.highlighted).prompt)[:30]
    return next(line for line in screen_text(app).splitlines() if prompt in line).strip()


async def focused_sidebar(pilot) -> EntitySidebar:
    await pilot.press("enter")  # open the first article
    await settle(pilot)
    sidebar = pilot.app.screen.query_one(EntitySidebar)
    assert sidebar.entities, "the prepared library has the article's entities"
    await pilot.press("e")
    await pilot.pause()
    return sidebar


async def test_the_sidebar_shows_its_cursor_as_soon_as_it_has_the_focus(start, library):
    async with start() as pilot:
        sidebar = await focused_sidebar(pilot)
        assert sidebar_cursor(pilot.app) == [sidebar.rows()[0].name]
        await pilot.press("tab")  # on to the list: no cursor left behind
        await pilot.pause()
        assert sidebar_cursor(pilot.app) == []
        await pilot.press("shift+tab")
        await pilot.pause()
        assert sidebar_cursor(pilot.app) == [sidebar.rows()[0].name]


async def test_j_k_g_and_G_move_the_sidebar_cursor_and_enter_lists_its_articles(start, library):
    async with start() as pilot:
        sidebar = await focused_sidebar(pilot)
        rows = [e.name for e in sidebar.rows()]
        await pilot.press("j", "j")
        assert sidebar_cursor(pilot.app) == [rows[2]]
        await pilot.press("k")
        assert sidebar_cursor(pilot.app) == [rows[1]]
        await pilot.press("G")
        assert sidebar_cursor(pilot.app) == [rows[-1]]
        await pilot.press("g")
        assert sidebar_cursor(pilot.app) == [rows[0]]
        await pilot.press("j", "enter")
        await settle(pilot)
        assert f"entity: {rows[1]}" in pilot.app.screen.sub_title
        assert titles(pilot.app) and len(titles(pilot.app)) <= 5


async def test_the_entity_screen_has_a_cursor_at_once_that_j_k_g_G_move_and_enter_opens(start, library):
    async with start() as pilot:
        await focused_sidebar(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, EntityScreen)
        rows = screen.query_one("#entity-rows")
        first_article = rows.highlighted
        assert first_article is not None and "Articles (" not in entity_screen_cursor(pilot.app)
        await pilot.press("j")
        assert rows.highlighted == first_article + 1
        await pilot.press("k")
        assert rows.highlighted == first_article
        await pilot.press("G")
        assert rows.highlighted == rows.option_count - 1
        await pilot.press("g")
        assert rows.highlighted == first_article
        assert "⏎ Open" in screen_text(pilot.app).splitlines()[-1]
        title = str(rows.get_option_at_index(first_article).prompt).split("  ", 2)[-1].strip()
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EntityScreen)
        assert reader_title(pilot.app) == title
