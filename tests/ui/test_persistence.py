"""What survives a restart, and what another process writes while the app runs."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

from reader.store import Store

from .conftest import (
    SEED_TITLES,
    article_list,
    drain,
    highlighted,
    reader_title,
    row_line,
    running,
    settle,
    static_text,
    titles,
    type_text,
)


async def wait_for(pilot, condition, seconds: float = 3.0) -> None:
    """Let the app poll the store until ``condition()`` holds (the app polls every 0.2 s here)."""
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()
    assert condition()


async def test_restart_keeps_read_star_and_tags(home):
    async with running(home) as pilot:
        await pilot.press("j", "s", "t")  # star and tag row 1
        await type_text(pilot, "spain")
        await pilot.press("enter")
        await pilot.press("j", "j", "N")  # row 3 read
        await settle(pilot)
        starred, read = article_list(pilot.app).listing.rows[1], highlighted(pilot.app)
        await drain(pilot)
    async with running(home) as pilot:
        app = pilot.app
        listing = article_list(app).listing
        assert listing.is_read(read.id)
        assert not row_line(app, read.title).startswith(" ●")
        assert "4 unread" in app.screen.sub_title
        assert "★" in row_line(app, starred.title)
        await pilot.press("j")
        await settle(pilot)
        assert reader_title(app) == starred.title
        assert "#spain" in static_text(app, "#reader-header")
        assert "★ starred" in static_text(app, "#reader-header")


async def test_restart_returns_to_an_article_of_the_newest_month(home):
    async with running(home) as pilot:
        await pilot.press("j", "k", "enter")
        await drain(pilot)
    async with running(home) as pilot:
        assert highlighted(pilot.app).title == SEED_TITLES[0]
        assert reader_title(pilot.app) == SEED_TITLES[0]


async def test_restart_returns_to_the_article_left_open(home):
    async with running(home) as pilot:
        await pilot.press("j", "j", "j", "enter")  # the Caracas Chronicles seed, November 2017
        await settle(pilot)
        opened = highlighted(pilot.app)
        assert opened.title == SEED_TITLES[3]
        await drain(pilot)
    assert Store.open(home).session().get("article") == opened.id
    async with running(home) as pilot:
        assert highlighted(pilot.app).id == opened.id
        assert reader_title(pilot.app) == opened.title


async def test_restart_keeps_the_view_hide_read_and_sort(home):
    async with running(home) as pilot:
        await pilot.press("N", "H", "O", "O")  # oldest first, then by outlet
        await drain(pilot)
    async with running(home) as pilot:
        app = pilot.app
        assert "unread only" in app.screen.sub_title
        assert "by outlet" in app.screen.sub_title
        assert SEED_TITLES[0] not in titles(app)
        assert [a.outlet for a in article_list(app).listing.rows] == [
            "Breitbart", "Caracas Chronicles", "PanAm Post", "Venezuelanalysis"
        ]


async def test_quit_with_q_saves_what_was_queued(home):
    async with running(home) as pilot:
        await pilot.press("A", "q")
    read_ids, _ = Store.open(home).states()
    assert len(read_ids) == 5


async def test_marks_made_by_another_process_show_up(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j", "j")
        await settle(pilot)
        before = highlighted(app)
        other = Store.open(home)
        target = article_list(app).listing.rows[4]
        await asyncio.to_thread(other.set_starred, target.id, True)
        await asyncio.to_thread(other.set_tags, target.id, ["cli"])
        await asyncio.to_thread(other.mark_read, [before.id])
        await wait_for(pilot, lambda: article_list(app).listing.is_starred(target.id))
        await wait_for(pilot, lambda: "4 unread" in app.screen.sub_title)
        assert "★" in row_line(app, target.title)
        assert article_list(app).listing.tags(target.id) == ("cli",)
        # The article being read shows its new state, and the cursor did not move.
        assert highlighted(app).id == before.id
        assert "read" == static_text(app, "#reader-header").splitlines()[-1].split()[0]


async def test_a_check_of_the_store_begun_before_a_mark_was_saved_does_not_undo_it(start, home):
    # The app's writes queue behind one another; a poll can read the store while the user's
    # mark waits its turn, and what that read found must not take the mark back off the screen.
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j")
        await settle(pilot)
        mine = highlighted(app)
        theirs = article_list(app).listing.rows[3]
        held = threading.Event()
        app.writes.submit(lambda store: held.wait(10))  # the writer busy with an earlier write
        await pilot.press("N")  # read, shown at once, its write queued
        assert article_list(app).listing.is_read(mine.id)
        await asyncio.to_thread(Store.open(home).mark_read, [theirs.id])  # another process
        app.main.feed.check()
        await wait_for(pilot, lambda: article_list(app).listing.is_read(theirs.id))
        assert article_list(app).listing.is_read(mine.id)
        held.set()
        await drain(pilot)
        assert mine.id in Store.open(home).states()[0] and article_list(app).listing.is_read(mine.id)


async def test_articles_added_by_another_process_show_up_and_the_cursor_stays(start, home, make_draft):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j", "j")
        await settle(pilot)
        before = highlighted(app)
        other = Store.open(home)
        newer = make_draft(1, title="Breaking: a newer article", published=datetime(2026, 11, 22, tzinfo=UTC))
        older = make_draft(2, title="An older article", published=datetime(2001, 1, 1, tzinfo=UTC))
        await asyncio.to_thread(other.add_articles, [newer, older])
        await wait_for(pilot, lambda: len(titles(app)) == 7)
        assert titles(app)[0] == "Breaking: a newer article"
        assert titles(app)[-1] == "An older article"
        assert "7 unread" in app.screen.sub_title
        # The new row above pushed the article down, and the cursor went with it.
        assert highlighted(app).id == before.id
        assert article_list(app).cursor == 3
        assert reader_title(app) == before.title


async def test_the_config_files_sort_and_hide_read_win_over_the_last_session(home, tmp_path):
    from reader.config import load_settings

    async with running(home) as pilot:
        await pilot.press("O", "O", "H")  # the session: by outlet, read ones hidden
        await drain(pilot)
    config = tmp_path / "config.toml"
    config.write_text('sort = "title"\nhide_read = false\n')
    settings, problems = load_settings(config)
    assert problems == [] and settings.given == {"sort", "hide_read"}
    async with running(home, settings=settings) as pilot:
        app = pilot.app
        assert titles(app) == sorted(SEED_TITLES, key=str.casefold)
        assert "unread only" not in app.screen.sub_title
    # Without them in the file, the session's choice comes back as before.
    async with running(home) as pilot:
        assert "by outlet" in pilot.app.screen.sub_title


async def test_restart_brings_back_the_search_the_focused_pane_and_the_place_in_the_article(home):
    from textual.widgets import Input

    from reader.tui.widgets.reader.pane import ReaderPane

    async with running(home) as pilot:
        app = pilot.app
        await pilot.press("slash")
        await type_text(pilot, "madrid")
        await pilot.press("enter")
        await settle(pilot)
        found = titles(app)
        assert 0 < len(found) < len(SEED_TITLES)
        await pilot.press("j", "enter")  # the second result, in the reader
        await settle(pilot)
        title = reader_title(app)
        reader = app.screen.query_one(ReaderPane)
        await pilot.press("space", "space")
        await settle(pilot)
        at = reader.offset_at_top()
        assert at > 0 and app.focused is reader
        await app.action_quit()
    async with running(home) as pilot:
        app = pilot.app
        await wait_for(pilot, lambda: titles(app) == found, seconds=15)
        assert app.screen.query_one("#search", Input).value == "madrid"
        assert "search: madrid" in app.screen.sub_title
        reader = app.screen.query_one(ReaderPane)
        await wait_for(pilot, lambda: reader_title(app) == title and reader.offset_at_top() > 0, seconds=15)
        assert abs(reader.offset_at_top() - at) < 200  # the same line, or the start of its paragraph
        assert app.focused is reader
