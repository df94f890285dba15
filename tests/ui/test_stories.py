"""Stories in the app: the list by story (L), "also told by" in the reader, the story screen (T)
with its sections, jumps to passages, side by side, and corrections with undo."""

from __future__ import annotations

import re
import time

from textual.widgets import OptionList

from reader.store import Store
from reader.stories.desk import StoryDesk
from reader.tui.screens.story import StoryScreen
from reader.tui.widgets.reader.pane import ReaderPane
from reader.tui.widgets.side_by_side import AccountColumn
from reader.tui.widgets.story_list import StoryList
from tests.conftest import draft

from .conftest import (
    SEED_TITLES,
    article_list,
    compared,
    notifications,
    running,
    screen_lines,
    screen_text,
    settle,
    static_text,
    stories_loaded,
    titles,
    until,
)

SEED_NEWS = SEED_TITLES[1:]  # the four news accounts; the encyclopedia entry is a story of its own


def story_list(app) -> StoryList:
    return app.main.query_one(StoryList)


def rows_text(screen: StoryScreen) -> list[str]:
    options = screen.query_one("#story-rows", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_story(pilot) -> StoryScreen:
    await stories_loaded(pilot)
    article_list(pilot.app).set_cursor(titles(pilot.app).index(SEED_NEWS[0]))
    await pilot.press("T")
    return await compared(pilot)


async def test_the_list_shows_stories_opens_them_and_remembers_it(library):
    async with running(library) as pilot:
        await stories_loaded(pilot)
        await pilot.press("L")
        stories = story_list(pilot.app)
        assert stories.display and not article_list(pilot.app).display and pilot.app.focused is stories
        assert [len(r.ids) for r in stories.rows] == [1, 4]  # the encyclopedia entry, the escape
        assert "4 accounts · 4 unread" in screen_text(pilot.app)
        stories.set_cursor(1)
        await pilot.press("right")  # shows the story's accounts, reading none
        assert not pilot.app.main.listing.is_read(stories.highlighted_article.id)
        assert [r.article.outlet for r in stories.rows if r.article and r.story] == [
            "PanAm Post", "Venezuelanalysis", "Caracas Chronicles", "Breitbart"]
        await pilot.press("j", "j")
        await settle(pilot)
        reader = pilot.app.main.query_one(ReaderPane)
        assert pilot.app.main.current.outlet == "Venezuelanalysis"
        await pilot.press("s")  # a star shows in the list by story as in the list by article
        await settle(pilot)
        line = stories.render_line(stories.cursor - int(stories.scroll_y)).text
        assert "●★ Venezuelanalysis" in line, line  # the star in its column, as in the list by article
        await pilot.press("s")
        await settle(pilot)
        header = static_text(pilot.app, "#reader-header")
        assert "Also told by PanAm Post, Caracas Chronicles, Breitbart" in header and reader.article_id
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.focused is reader
        assert pilot.app.main.listing.is_read(pilot.app.main.current.id)
    async with running(library) as pilot:  # the list by story is remembered
        await stories_loaded(pilot)
        assert story_list(pilot.app).display
        await pilot.press("L")
        assert article_list(pilot.app).display and not story_list(pilot.app).display


async def test_stories_another_process_placed_reach_the_app(library):
    async with running(library) as pilot:
        await stories_loaded(pilot)
        # As a `broadsheet fetch` from cron does: it stores an article, and its detached placer
        # places it before the app's own placing (which waits for it) finds anything new.
        elsewhere = Store.open(library)
        told = next(a for a in elsewhere.articles() if a.title == SEED_NEWS[0])
        retold = draft(1, guid="placed-elsewhere", title=told.title, body=elsewhere.body(told), outlet="The Reprint",
                       published=told.published)
        [added] = elsewhere.add_articles([retold]).added
        assert StoryDesk.open(elsewhere).update().placed == 1
        pilot.app.storying.update()
        deadline = time.monotonic() + 30
        while pilot.app.story_library.story_of(added) is None and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert pilot.app.story_library.story_of(added) is not None


async def test_the_list_by_story_follows_articles_another_process_placed(library):
    async with running(library) as pilot:
        app = pilot.app
        await stories_loaded(pilot)
        await pilot.press("L")
        stories = story_list(app)
        stories.set_cursor(1)  # the escape
        assert "4 accounts · 4 unread" in screen_text(app)
        assert "all stories" in app.main.sub_title and "all articles" not in app.main.sub_title
        # A `broadsheet fetch`: its article stored, its detached placer placing it.
        elsewhere = Store.open(library)
        told = next(a for a in elsewhere.articles() if a.title == SEED_NEWS[0])
        retold = draft(1, guid="placed-elsewhere", title=told.title, body=elsewhere.body(told), outlet="The Reprint",
                       published=told.published)
        elsewhere.add_articles([retold])
        StoryDesk.open(elsewhere).update()
        # The story's row shows the new account (the pane beside it may say so a moment first).
        await until(pilot, lambda: "· 5 unread" in screen_text(app) and len(stories.highlighted.ids) == 5,
                    seconds=30)
        # The cursor stayed on the story's row, which now has the new account.
        assert stories.highlighted.article is None and len(stories.highlighted.ids) == 5


async def test_sorting_in_the_list_by_story_says_it_applies_to_the_list_by_article(library):
    async with running(library) as pilot:
        app = pilot.app
        await stories_loaded(pilot)
        await pilot.press("L", "O")
        await settle(pilot)
        assert app.main.view.sort == "date" and "oldest first" not in app.main.sub_title
        assert any("always newest first" in n for n in notifications(app))


async def test_enter_in_the_list_by_story_reads_and_left_folds_the_story(library):
    # Enter reads, as in the list by article, on a story's row as on an account's; only the
    # arrows open and fold a story.
    async with running(library) as pilot:
        app = pilot.app
        await stories_loaded(pilot)
        await pilot.press("L")
        stories = story_list(app)
        stories.set_cursor(1)  # the escape, folded
        assert "▸ Caracas Mayor Ledezma" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        first = app.main.current
        assert app.focused is app.main.reader and app.main.listing.is_read(first.id)
        # The story opened around the account being read, the cursor on it.
        assert "▾ Caracas Mayor Ledezma" in screen_text(app)
        assert stories.highlighted.article is not None and stories.highlighted.article.id == first.id
        await pilot.press("q")  # back to the list
        stories.set_cursor(1)
        await pilot.press("enter")  # the open story's row: its next unread account, the story kept open
        await settle(pilot)
        second = app.main.current
        assert second.id != first.id and app.main.listing.is_read(second.id)
        assert "▾ Caracas Mayor Ledezma" in screen_text(app) and len(stories.rows) == 6
        await pilot.press("q", "left")
        await settle(pilot)
        assert "▸ Caracas Mayor Ledezma" in screen_text(app) and len(stories.rows) == 2
        assert stories.highlighted.article is None and stories.cursor == 1


async def test_the_list_by_story_at_80_columns_writes_compact_dates(library):
    async with running(library, size=(80, 24)) as pilot:
        await stories_loaded(pilot)
        await pilot.press("L", "j", "right")
        await settle(pilot)
        stories = story_list(pilot.app)
        region = stories.region
        lines = [line[region.x:region.right] for line in screen_lines(pilot.app)[region.y:region.y + 6]]
        # An older year's rows write the year alone: the title keeps the room.
        assert lines[1].rstrip("▕ ").endswith("2017") and lines[2].rstrip("▕ ").endswith("2017"), lines
        assert not any("Nov" in line for line in lines), lines
        # As the list by article writes them at this width.
        await pilot.press("L")
        await settle(pilot)
        assert any("   2017▕" in line for line in screen_lines(pilot.app)[1:7])


async def test_the_header_says_the_story_is_opening_and_its_number_keys_are_named(library):
    async with running(library) as pilot:
        app = pilot.app
        header: list[str] = []
        app.main.watch(app.main, "sub_title", lambda line: header.append(line), init=False)
        screen = await open_story(pilot)
        # The header said so while the screen was being built, and no longer does.
        assert any(line.endswith("· opening the story…") for line in header), header
        assert "opening" not in app.main.sub_title
        await pilot.press("question_mark")
        await settle(pilot)
        [story] = [keys for heading, keys in app.screen.sections if heading == "Story"]
        numbers = {b.key: b.description for b in story if b.key in "123456789"}
        assert numbers["1"] == "Section 1: Coverage" and numbers["3"] == "Section 3: Who is named"
        assert len(numbers) == 9 and all(numbers.values())
        assert "Section 9: Why grouped" in screen_text(app)
        await pilot.press("escape", "3")
        await settle(pilot)
        assert app.screen is screen and screen.section == "named"
        # The arrows move between the sections and the rows, as h and l do.
        await pilot.press("left")
        assert app.focused is screen.query_one("#story-sections")
        await pilot.press("right")
        assert app.focused is screen.query_one("#story-rows")


async def test_the_story_screen_compares_the_accounts_and_jumps_to_a_passage(library):
    async with running(library) as pilot:
        screen = await open_story(pilot)
        assert "4 accounts from 4 outlets" in static_text(pilot.app, "#story-summary")
        coverage = rows_text(screen)
        assert len(coverage) == 4 and "PanAm Post" in coverage[0]
        await pilot.press("5")  # labels
        labels = rows_text(screen)
        assert any("Venezuelanalysis: “Venezuelan fugitive”" in row for row in labels)
        assert any("Caracas Chronicles: “political prisoner”" in row for row in labels)
        rows = screen.query_one("#story-rows", OptionList)
        rows.highlighted = next(i for i, row in enumerate(labels) if "Venezuelan fugitive" in row)
        await pilot.press("enter")
        await settle(pilot)
        main = pilot.app.main
        assert pilot.app.screen is main and main.current.outlet == "Venezuelanalysis"
        reader = main.query_one(ReaderPane)
        deadline = time.monotonic() + 10
        while not reader.mark_layers.matches and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert [reader.body_text[s:e] for s, e in reader.mark_layers.matches] == ["Venezuelan fugitive"]
        await pilot.press("T")
        screen = await compared(pilot)
        await pilot.press("6")  # quotes
        assert any("Jose Maria Aznar: “Welcome to Spain, friend”" in row for row in rows_text(screen))
        await pilot.press("4")  # left out
        assert any("does not name" in row for row in rows_text(screen))
        await pilot.press("9")  # why grouped
        why = rows_text(screen)
        assert why[0].endswith("the story's first account") and "shared words" in why[1]
        # Words as the accounts write them, not the stems they are grouped by ("arriv").
        shared = why[1].split("shared words: ")[1].split(";")[0].split(", ")
        written = " ".join(f"{t} {b}" for t, b in screen.comparison.texts.values()).lower()
        assert shared and all(re.search(rf"\b{re.escape(w)}\b", written) for w in shared), shared


async def test_side_by_side_shows_as_many_accounts_as_fit_with_the_item_marked(library):
    async with running(library, size=(80, 24)) as pilot:
        screen = await open_story(pilot)
        await pilot.press("6", "s")
        await settle(pilot)
        columns = list(screen.query(AccountColumn))
        assert len(columns) == 1  # one at a time at 80 columns
        # The sections' rail, short of rows now, scrolls; its names still keep to one line each.
        assert any(line.startswith(" 2 Outlet groups ") for line in screen_lines(pilot.app)), screen_lines(pilot.app)
        first = str(columns[0]._text.content)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert str(list(screen.query(AccountColumn))[0]._text.content) != first
    async with running(library, size=(160, 48)) as pilot:
        screen = await open_story(pilot)
        await pilot.press("6", "s")
        await settle(pilot)
        assert len(list(screen.query(AccountColumn))) == 3
        aznar = next(i for i, item in enumerate(screen.items) if item.phrase == "Welcome to Spain, friend")
        screen.query_one("#story-rows", OptionList).highlighted = aznar
        await settle(pilot)
        marked = {c._text.content.plain.split("  (")[0] for c in screen.query(AccountColumn)
                  if any(span.style == "reverse bold" for span in c._text.content.spans)}
        assert marked == {"Venezuelanalysis"}, "the quote is marked in its account's column only"


async def test_corrections_from_the_story_screen_and_undo(library):
    async with running(library) as pilot:
        screen = await open_story(pilot)
        rows = screen.query_one("#story-rows", OptionList)
        rows.highlighted = 3  # Breitbart's account
        await pilot.press("x")
        await settle(pilot)
        deadline = time.monotonic() + 20
        while len(screen.story.accounts) != 3 and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert len(screen.story.accounts) == 3 and "Breitbart" not in screen.story.outlets
        assert "Split 1 article into a new story." in notifications(pilot.app)
        await pilot.press("u")
        deadline = time.monotonic() + 20
        while len(screen.story.accounts) != 4 and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert len(screen.story.accounts) == 4
        await pilot.press("r")
        pilot.app.screen.query_one("#prompt-input").value = "Ledezma escapes to Madrid"
        await pilot.press("enter")
        deadline = time.monotonic() + 20
        while screen.story.title != "Ledezma escapes to Madrid" and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert screen.story.title == "Ledezma escapes to Madrid"
        await pilot.press("1")
        rows.highlighted = 3
        await pilot.press("o")
        pilot.app.screen.query_one("#prompt-input").value = "right"
        await pilot.press("enter")
        await settle(pilot)
        deadline = time.monotonic() + 20
        while (screen.comparison is None or "right" not in screen.comparison.groups) and time.monotonic() < deadline:
            await pilot.pause(0.05)
        assert screen.comparison.groups["right"] == ("Breitbart",)
    store = Store.open(library)
    assert StoryDesk.open(store).library().shared()[0].title == "Ledezma escapes to Madrid"


async def test_an_account_split_off_can_be_merged_back(library):
    async with running(library) as pilot:
        app = pilot.app
        screen = await open_story(pilot)
        rows = screen.query_one("#story-rows", OptionList)
        rows.highlighted = 3  # Breitbart's account
        await pilot.press("x")
        await until(pilot, lambda: len(screen.story.accounts) == 3, seconds=20)
        await pilot.press("M")  # the story of one it became is near in time: offered
        await settle(pilot)
        choices = app.screen.query_one(OptionList)
        offered = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert any("(1 account)" in c for c in offered), offered
        choices.highlighted = next(i for i, c in enumerate(offered) if "(1 account)" in c)
        await pilot.press("enter")
        await until(pilot, lambda: len(screen.story.accounts) == 4, seconds=20)
        assert "Breitbart" in screen.story.outlets


async def test_mark_all_read_in_the_list_by_story_asks_only_for_more_than_it_shows(library):
    async with running(library) as pilot:
        app = pilot.app
        await stories_loaded(pilot)
        await pilot.press("L", "A")  # every article is on the screen, in two rows: no question
        await settle(pilot)
        assert app.screen is app.main and app.main.listing.unread_count == 0
        assert any("Marked 5 articles read" in n for n in notifications(app))
