"""The view of the list: hiding read articles, sort orders and the title filter."""

from __future__ import annotations

from textual.widgets import Input

from reader.store import Store

from .conftest import (
    SEED_TITLES,
    SEEDS_NEWEST_FIRST,
    article_list,
    drain,
    highlighted,
    notifications,
    reader_title,
    searched,
    settle,
    titles,
    type_text,
)


async def test_H_hides_read_articles_and_shows_them_again(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j", "N", "j", "j", "N")  # rows 1 and 3 read
        await settle(pilot)
        await pilot.press("g", "H")
        await settle(pilot)
        assert titles(app) == [SEED_TITLES[0], SEED_TITLES[2], SEED_TITLES[4]]
        assert "unread only" in app.screen.sub_title
        await pilot.press("H")
        await settle(pilot)
        assert titles(app) == SEED_TITLES
        assert "all articles" in app.screen.sub_title


async def test_hide_read_keeps_the_cursor_on_the_same_article(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("N", "j", "j")  # row 0 read; cursor on row 2
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        assert highlighted(app).title == SEED_TITLES[2]
        assert reader_title(app) == SEED_TITLES[2]


async def test_O_cycles_the_sort_through_oldest_first_outlet_title_and_date(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("O")
        await settle(pilot)
        published = [a.published for a in article_list(app).listing.rows]
        assert published == sorted(published) and titles(app)[-1] == SEED_TITLES[0]
        assert "oldest first" in app.screen.sub_title
        await pilot.press("O")
        await settle(pilot)
        by_outlet = sorted(SEEDS_NEWEST_FIRST, key=lambda seed: seed[1].casefold())
        assert [a.outlet for a in article_list(app).listing.rows] == [outlet for _, outlet in by_outlet]
        assert [a.outlet for a in article_list(app).listing.rows] == [
            "Breitbart", "Caracas Chronicles", "PanAm Post", "Venezuelanalysis", "Wikipedia",
        ]
        assert "by outlet" in app.screen.sub_title
        assert any("Sorted by outlet" in n for n in notifications(app))
        await pilot.press("O")
        await settle(pilot)
        assert titles(app) == sorted(SEED_TITLES, key=str.casefold)
        assert titles(app)[0] == "Antonio Ledezma"
        assert "by title" in app.screen.sub_title
        await pilot.press("O")
        await settle(pilot)
        assert titles(app) == SEED_TITLES
        assert "by " not in app.screen.sub_title and "oldest" not in app.screen.sub_title


async def test_sort_keeps_the_cursor_on_the_same_article(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("G")  # the PanAm Post article, last by date
        await settle(pilot)
        await pilot.press("O")  # oldest first: it is first now
        await settle(pilot)
        assert highlighted(app).outlet == "PanAm Post"
        assert article_list(app).cursor == 0
        await pilot.press("O")  # by outlet
        await settle(pilot)
        assert highlighted(app).outlet == "PanAm Post"
        assert article_list(app).cursor == 2


async def test_slash_searches_as_you_type_title_matches_first_and_escape_clears(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("slash")
        search = app.screen.query_one("#search", Input)
        assert search.display and app.focused is search
        await pilot.press(*"madrid")
        await searched(pilot)
        # The one title naming Madrid first, then the articles that name it in their text.
        assert titles(app)[0] == SEED_TITLES[3] and len(titles(app)) > 1
        assert "search: madrid" in app.screen.sub_title
        # Typing goes into the field: none of those letters ran a key of the list (d, m, ...).
        assert search.value == "madrid"
        await pilot.press("escape")
        await settle(pilot)
        assert not search.display
        assert search.value == ""
        assert titles(app) == SEED_TITLES
        assert app.focused is article_list(app)


async def test_search_by_outlet_and_ignoring_case(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("slash")
        await type_text(pilot, 'OUTLET:"caracas chronicles"')
        await searched(pilot)
        assert titles(app) == [SEED_TITLES[3]]


async def test_search_is_accent_insensitive(start, home, make_draft):
    store = Store.open(home)
    store.add_articles([make_draft(1, title="Nicolás Maduro visita Cúcuta", outlet="El Tiempo")])
    async with start() as pilot:
        app = pilot.app
        assert len(titles(app)) == 6
        await pilot.press("slash")
        await type_text(pilot, "cucuta")
        await searched(pilot)
        assert titles(app)[0] == "Nicolás Maduro visita Cúcuta"
        await pilot.press("escape", "slash")
        await type_text(pilot, "nicolas")
        await searched(pilot)
        assert "Nicolás Maduro visita Cúcuta" in titles(app)


async def test_enter_in_search_returns_to_the_results(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("slash")
        await type_text(pilot, '"welcomed in spain"')
        await searched(pilot)
        await pilot.press("enter")
        assert app.focused is article_list(app)
        assert titles(app) == [SEED_TITLES[2]]
        await pilot.press("enter")
        await drain(pilot)
        assert reader_title(app) == SEED_TITLES[2]
        assert app.services.store.state(highlighted(app).id).read


async def test_searching_shows_the_best_match_in_the_reader(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("slash")
        await type_text(pilot, "spain")
        await searched(pilot)
        assert titles(app)[0] == SEED_TITLES[2]
        # Not "Antonio Ledezma", the first row before the search.
        assert reader_title(app) == SEED_TITLES[2]


async def test_star_after_hiding_read_stars_the_article_being_read(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("N", "j", "j")  # row 0 read; reading row 2
        await settle(pilot)
        await pilot.press("H", "s")
        await drain(pilot)
        shown = reader_title(app)
        starred = [a.title for a in article_list(app).listing.rows if app.services.store.state(a.id).starred]
        assert starred == [shown] == [SEED_TITLES[2]]


async def test_A_marks_only_the_articles_in_the_filtered_view(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("slash", *'"lands in madrid"')
        await searched(pilot)
        await pilot.press("enter", "A")
        await drain(pilot)
        assert "0 unread" in app.screen.sub_title  # in the view; the other four stay unread
        only = highlighted(app)
        assert only.title == SEED_TITLES[3]
    read_ids, _ = Store.open(home).states()
    assert read_ids == {only.id}
