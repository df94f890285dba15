"""The article list: first start, moving the cursor, opening articles, read and unread."""

from __future__ import annotations

import re

from reader.config import Settings
from reader.store import Store
from reader.tui.widgets.reader.pane import ReaderPane

from .conftest import (
    SEED_TITLES,
    SEEDS_NEWEST_FIRST,
    article_list,
    drain,
    highlighted,
    list_lines,
    notifications,
    reader_title,
    row_line,
    settle,
    static_text,
    titles,
)


async def test_first_start_shows_the_five_seeds_newest_first_all_unread(start, home):
    async with start() as pilot:
        app = pilot.app
        rows = article_list(app).listing.rows
        assert [(a.title, a.outlet) for a in rows] == SEEDS_NEWEST_FIRST
        published = [a.published for a in rows]
        assert published == sorted(published, reverse=True)
        assert "5 unread" in app.screen.sub_title
        assert "loading" not in app.screen.sub_title
        # Every row carries the unread dot, and the first one is highlighted and shown.
        for title in SEED_TITLES:
            assert row_line(app, title).startswith(" ●")
        assert article_list(app).cursor == 0
        assert reader_title(app) == SEED_TITLES[0]
        assert app.focused is article_list(app)
    read_ids, marks = Store.open(home).states()
    assert read_ids == set() and marks == {}


async def test_j_k_g_G_move_the_cursor_and_the_reader_follows(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j")
        await settle(pilot)
        assert highlighted(app).title == SEED_TITLES[1]
        assert reader_title(app) == SEED_TITLES[1]
        await pilot.press("j", "j")
        await settle(pilot)
        assert reader_title(app) == SEED_TITLES[3]
        await pilot.press("k")
        await settle(pilot)
        assert reader_title(app) == SEED_TITLES[2]
        await pilot.press("G")
        await settle(pilot)
        assert article_list(app).cursor == 4
        assert reader_title(app) == SEED_TITLES[4]
        await pilot.press("j")  # already at the bottom: stays
        await settle(pilot)
        assert article_list(app).cursor == 4
        await pilot.press("g")
        await settle(pilot)
        assert article_list(app).cursor == 0
        assert reader_title(app) == SEED_TITLES[0]
        await pilot.press("down", "down", "up")
        await settle(pilot)
        assert reader_title(app) == SEED_TITLES[1]
        # Only moving does not read anything.
        assert "5 unread" in app.screen.sub_title


async def test_enter_opens_marks_read_and_focuses_the_reader(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j", "enter")
        await settle(pilot)
        opened = highlighted(app)
        assert opened.title == SEED_TITLES[1]
        assert isinstance(app.focused, ReaderPane)
        assert reader_title(app) == SEED_TITLES[1]
        assert "read" in app.screen.query_one("#reader-header").content.plain.splitlines()[-1]
        assert "4 unread" in app.screen.sub_title
        assert not row_line(app, SEED_TITLES[1]).startswith(" ●")
        assert row_line(app, SEED_TITLES[0]).startswith(" ●")
        await drain(pilot)
        assert app.services.store.state(opened.id).read
    assert Store.open(home).state(opened.id).read


async def test_enter_leaves_the_article_unread_when_mark_read_on_open_is_off(start, home):
    async with start(settings=Settings(mark_read_on_open=False)) as pilot:
        app = pilot.app
        await pilot.press("enter")
        await settle(pilot)
        opened = highlighted(app)
        assert isinstance(app.focused, ReaderPane)
        assert reader_title(app) == opened.title
        assert "5 unread" in app.screen.sub_title
        await drain(pilot)
    assert not Store.open(home).state(opened.id).read


async def test_n_and_p_open_the_next_and_previous_unread(start):
    async with start() as pilot:
        app = pilot.app
        # Read the second article first, so "next unread" has something to skip.
        await pilot.press("j", "N")
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        # n from row 0 skips the read row 1 and opens row 2, marking it read.
        assert article_list(app).cursor == 2
        assert reader_title(app) == SEED_TITLES[2]
        assert isinstance(app.focused, ReaderPane)
        listing = article_list(app).listing
        assert listing.is_read(listing.rows[2].id)
        await pilot.press("n")
        await settle(pilot)
        assert article_list(app).cursor == 3
        await pilot.press("p")
        await settle(pilot)
        # Rows 2 and 1 are read: p goes up to row 0.
        assert article_list(app).cursor == 0
        assert reader_title(app) == SEED_TITLES[0]
        await pilot.press("p")
        await settle(pilot)
        # Nothing unread above: p goes round to the last unread, as newsboat's does, and says so.
        assert article_list(app).cursor == 4
        assert any("Wrapped to the bottom" in n for n in notifications(app))
        await pilot.press("n")
        await settle(pilot)
        # Every article is read now, not only those in this list: it says that.
        assert "There are no unread articles: every article is read." in notifications(app)
        assert "0 unread" in app.screen.sub_title


async def test_N_toggles_read_on_the_highlighted_article(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j", "j", "N")
        await settle(pilot)
        target = highlighted(app)
        assert "4 unread" in app.screen.sub_title
        assert not row_line(app, target.title).startswith(" ●")
        await drain(pilot)
        assert app.services.store.state(target.id).read
        await pilot.press("N")
        await settle(pilot)
        assert "5 unread" in app.screen.sub_title
        assert row_line(app, target.title).startswith(" ●")
        await drain(pilot)
    assert not Store.open(home).state(target.id).read


async def test_A_marks_every_article_in_view_read(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("A")
        await settle(pilot)
        assert "0 unread" in app.screen.sub_title
        assert any("Marked 5 articles read" in n for n in notifications(app))
        for title in SEED_TITLES:
            assert not row_line(app, title).startswith(" ●")
        await drain(pilot)
    store = Store.open(home)
    read_ids, _ = store.states()
    assert len(read_ids) == 5


async def test_A_over_more_than_a_screenful_asks_first_and_u_undoes_it(start, home):
    from reader.tui.screens.dialogs import Confirm

    async with start(size=(100, 6)) as pilot:  # fewer list rows than the five unread seeds
        app = pilot.app
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, Confirm), app.main.articles.size
        await pilot.press("n")
        await settle(pilot)
        assert "5 unread" in app.screen.sub_title
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert "0 unread" in app.screen.sub_title
        await drain(pilot)
        assert len(Store.open(home).states()[0]) == 5
        await pilot.press("u")
        await drain(pilot)
        await settle(pilot)
        assert "5 unread" in app.screen.sub_title
        assert any("5 articles unread again" in n for n in notifications(app))
        assert app.main.listing.unread_count == 5
    assert Store.open(home).states()[0] == set()


async def test_a_list_longer_than_the_pane_still_shows_every_date_whole(start, home, make_draft):
    # With more rows than fit, a scrollbar appears: it must not cover the date's last letter.
    Store.open(home).add_articles([make_draft(i) for i in range(80)])
    async with start(size=(100, 24)) as pilot:
        rows = [line for line in list_lines(pilot.app) if "Article number" in line]
        assert len(rows) > 10
        assert all(re.search(r"\d\d \w{3} \d{4}", line) for line in rows), rows[:3]
        assert "28 Mar 2024" in rows[0]


async def test_a_new_library_opens_on_the_newest_news_with_a_welcome(start):
    async with start(welcome=True) as pilot:
        app = pilot.app
        assert titles(app)[0] == "Antonio Ledezma"  # the encyclopedia entry is the newest
        assert highlighted(app).outlet == "Breitbart"  # but the first start opens on the news
        assert any(n.startswith("Welcome to broadsheet. The sample: four outlets' accounts of one event")
                   for n in notifications(app))
        await pilot.press("k", "enter")
        await settle(pilot)
        body = static_text(app, "#reader-body")
        assert "Term Start1" not in body and "Office1" not in body  # the infobox reads as text
        assert "Governor of the Federal District, 13 January 1992 – 24 May 1993" in body


async def test_the_rows_take_a_new_theme_s_colours_and_the_cursor_its_focus(start):
    # Rows already drawn are kept between repaints: a change of theme or of focus must still
    # reach every row on screen.
    async with start() as pilot:
        app = pilot.app
        rows = article_list(app)

        def styles(index: int) -> list:
            return [segment.style for segment in rows.render_line(index) if segment.text.strip()]

        cursor_before, other_before = styles(0), styles(1)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        assert styles(0) != cursor_before and styles(1) != other_before
        focused_cursor = styles(0)
        rows.blur()
        await settle(pilot)
        assert styles(0) != focused_cursor


async def test_at_80_columns_titles_keep_room_before_the_date_and_the_sidebar_takes_the_lists_place(start):
    from reader.tui.widgets.entity_sidebar import EntitySidebar

    async with start(size=(80, 24)) as pilot:
        app = pilot.app
        row = row_line(app, "Exiled Caracas")
        # An older article's year alone, so the title keeps twenty letters and the outlet shows.
        assert "Exiled Caracas Mayor:" in row and "Breitba" in row and row.rstrip("▕ ").endswith("2017")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen.query_one(ReaderPane)
        width = reader.size.width
        await pilot.press("E")
        await settle(pilot)
        # Three panes do not fit: the sidebar takes the list's place, the article keeps its room.
        assert app.screen.query_one(EntitySidebar).display and not article_list(app).display
        assert reader.size.width >= width and app.focused is not article_list(app)
        await pilot.press("escape")
        await settle(pilot)
        assert article_list(app).display and app.focused is article_list(app)  # the list comes back


async def test_n_with_nothing_unread_anywhere_says_so(start, home):
    from reader.seeds import ensure_seeded

    store = Store.open(home)
    ensure_seeded(store)
    store.mark_read([a.id for a in store.articles()], True)
    async with start() as pilot:
        app = pilot.app
        await pilot.press("n")
        await settle(pilot)
        assert "There are no unread articles: every article is read." in notifications(app)
        assert not any("left here" in n or "No more" in n for n in notifications(app))
