"""The panes: scrolling the reader, reader comments, zoom, the sidebar, focus and quitting."""

from __future__ import annotations

from textual.widgets import Collapsible

from reader.tui.widgets.entity_sidebar import EntitySidebar
from reader.tui.widgets.reader.pane import ReaderPane

from .conftest import (
    CARACAS_CHRONICLES,
    SEED_TITLES,
    article_list,
    highlighted,
    notifications,
    reader_title,
    settle,
    static_text,
    until,
)


def reader(app) -> ReaderPane:
    return app.screen.query_one(ReaderPane)


def sidebar(app) -> EntitySidebar:
    return app.screen.query_one(EntitySidebar)


async def open_caracas_chronicles(pilot) -> None:
    await pilot.press("j", "j", "j", "enter")
    await settle(pilot)
    assert reader_title(pilot.app) == CARACAS_CHRONICLES


async def test_space_and_b_scroll_the_reader_when_it_has_focus(start):
    async with start(size=(100, 30)) as pilot:
        app = pilot.app
        await open_caracas_chronicles(pilot)
        pane = reader(app)
        assert pane.max_scroll_y > 2 * pane.size.height
        assert pane.scroll_y == 0
        await pilot.press("space")
        await settle(pilot)
        first_page = pane.scroll_y
        assert first_page > 0
        await pilot.press("space")
        await settle(pilot)
        assert pane.scroll_y > first_page
        await pilot.press("b")
        await settle(pilot)
        assert pane.scroll_y == first_page
        await pilot.press("j")
        await settle(pilot)
        assert pane.scroll_y == first_page + 1
        await pilot.press("g")
        await settle(pilot)
        assert pane.scroll_y == 0
        # j scrolled the reader; the list's cursor did not move.
        assert highlighted(app).title == CARACAS_CHRONICLES


async def test_c_shows_the_reader_comments_apart_from_the_body(start):
    async with start() as pilot:
        app = pilot.app
        await open_caracas_chronicles(pilot)
        article = highlighted(app)
        body = app.services.store.body(article)
        assert body.comments, "the Caracas Chronicles seed has reader comments"
        comments = app.screen.query_one("#reader-comments", Collapsible)
        assert comments.display and comments.collapsed
        assert f"({len(body.comments)})" in comments.title
        first_comment = body.comments[0].text.splitlines()[0][:40]
        assert first_comment not in static_text(app, "#reader-body")
        assert "Metropolitan Mayor and political prisoner" in static_text(app, "#reader-body")
        await pilot.press("c")
        await settle(pilot)
        assert not comments.collapsed
        assert first_comment in static_text(app, "#reader-comments-text")
        # The comments are brought into view.
        assert reader(app).scroll_y > 0
        await pilot.press("c")
        await settle(pilot)
        assert comments.collapsed


async def test_articles_without_comments_show_no_comments_section(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("enter")
        await settle(pilot)
        assert not app.screen.query_one("#reader-comments", Collapsible).display
        await pilot.press("c")  # nothing to show: it says so, and shows no empty section
        await until(pilot, lambda: "This article has no reader comments." in notifications(app))
        assert "This article has no reader comments." in notifications(app)
        assert not app.screen.query_one("#reader-comments", Collapsible).display


async def test_z_zooms_the_reader_and_q_returns_to_the_panes(start):
    async with start() as pilot:
        app = pilot.app
        full_width = reader(app).size.width
        await pilot.press("z")
        await settle(pilot)
        assert not article_list(app).display or article_list(app).size.width == 0
        assert app.focused is reader(app)
        assert reader(app).size.width > full_width
        assert reader_title(app) == SEED_TITLES[0]
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        assert article_list(app).size.width > 0
        assert app.focused is article_list(app)
        assert reader(app).size.width == full_width


async def test_E_toggles_the_sidebar(start):
    async with start() as pilot:
        app = pilot.app
        assert sidebar(app).display
        await pilot.press("E")
        await settle(pilot)
        assert not sidebar(app).display
        await pilot.press("E")
        await settle(pilot)
        assert sidebar(app).display


async def test_narrow_terminal_hides_the_sidebar_until_E(start):
    async with start(size=(80, 24)) as pilot:
        app = pilot.app
        assert not sidebar(app).display
        assert "Entities" not in static_text(app, "#entities-content") or not sidebar(app).display
        await pilot.press("E")
        await settle(pilot)
        assert sidebar(app).display
        assert sidebar(app).size.width > 0


async def test_at_80_columns_with_the_sidebar_open_the_reader_keeps_room_for_its_text(start):
    # Three panes in 80 columns: the reader's lines must still hold a few words, not one.
    async with start(size=(80, 24)) as pilot:
        app = pilot.app
        await open_caracas_chronicles(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert sidebar(app).display
        assert reader(app).content_region.width >= 24


async def test_e_focuses_the_sidebar_even_when_hidden(start):
    async with start(size=(80, 24)) as pilot:
        app = pilot.app
        await pilot.press("e")
        await settle(pilot)
        assert sidebar(app).display
        assert app.focused is sidebar(app)


async def test_tab_cycles_focus_list_reader_sidebar(start):
    async with start() as pilot:
        app = pilot.app
        assert app.focused is article_list(app)
        await pilot.press("tab")
        assert app.focused is reader(app)
        await pilot.press("tab")
        assert app.focused is sidebar(app)
        await pilot.press("tab")
        assert app.focused is article_list(app)
        await pilot.press("shift+tab")
        assert app.focused is sidebar(app)


async def test_tab_skips_the_hidden_sidebar(start):
    async with start(size=(80, 24)) as pilot:
        app = pilot.app
        await pilot.press("tab", "tab")
        assert app.focused is article_list(app)


async def test_q_in_the_reader_goes_back_to_the_list(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is reader(app)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        assert app.focused is article_list(app)
        await pilot.press("escape")  # escape at the top level does not quit
        await settle(pilot)
        assert app.is_running


async def test_q_in_the_list_quits(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running


async def test_back_in_the_list_the_reader_shows_the_article_the_keys_act_on(start):
    # An article opened from elsewhere (a story, an entity) may be one the list's filter hides:
    # back in the list, s or t act on the cursor's article, so that is the one the reader shows.
    async with start() as pilot:
        app = pilot.app
        await pilot.press("enter")  # open (and so read) the article under the cursor
        await settle(pilot)
        opened = reader_title(app)
        await pilot.press("q", "H")  # back to the list, read articles hidden
        await settle(pilot)
        assert opened not in [a.title for a in article_list(app).listing.rows]
        hidden = next(a for a in app.screen.listing.articles.values() if a.title == opened)
        app.screen.go.article(hidden.id)
        await settle(pilot)
        assert reader_title(app) == opened and app.focused is reader(app)
        await pilot.press("q")
        await settle(pilot)
        assert app.focused is article_list(app)
        assert reader_title(app) == highlighted(app).title != opened


async def test_the_end_of_each_article_is_reached_as_the_list_moves_between_long_and_short_ones(start):
    # The pane takes each article's height from one layout (no second one follows it): G must
    # still reach the last line of whichever article is shown, however long the one before it.
    async with start(size=(100, 30)) as pilot:
        app = pilot.app
        pane = reader(app)
        heights = []
        for _ in range(len(SEED_TITLES)):
            await settle(pilot)
            body = app.screen.current_body
            assert body is not None
            heights.append(pane.max_scroll_y)
            app.screen.set_focus(pane)
            await pilot.press("G")
            await settle(pilot)
            text = app.screen.query_one("#reader-body")
            assert pane.scroll_y == pane.max_scroll_y
            assert text.virtual_region.bottom <= pane.scroll_y + pane.scrollable_content_region.height
            if not body.comments:  # else the folded comments close the pane
                last_word = body.blocks[-1].text.split()[-1]
                shown = [line.split("▕")[-1].strip() for line in screen_lines_of(app)]
                assert any(line.endswith(last_word) for line in shown), reader_title(app)
            app.screen.set_focus(article_list(app))
            await pilot.press("j")
        assert len(set(heights)) > 2  # the seeds differ in length: the pane's height followed them


def screen_lines_of(app) -> list[str]:
    from .conftest import screen_lines

    return screen_lines(app)
