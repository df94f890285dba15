"""The help screen, the command palette and the theme the app remembers."""

from __future__ import annotations

from textual.command import CommandPalette

from reader.store import Store
from reader.tui.commands import describe_keys
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen

from .conftest import (
    SEED_TITLES,
    compared,
    drain,
    running,
    screen_lines,
    screen_text,
    settle,
    stories_loaded,
    titles,
)


async def test_question_mark_lists_the_keys_under_the_parts_they_act_on(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        headings = [heading for heading, _ in app.screen.sections]
        # The focused list's keys first, then the screen's, by what they act on; those of the
        # whole app last.
        assert headings[0] == "List" and headings[-1] == "Everywhere"
        assert {"Article", "View", "Panes", "Highlights and notes"} <= set(headings)
        text = screen_text(app)
        for shown in ("Star", "article.star", "Next unread", "article.next_unread", "Open", "list.open"):
            assert shown in text, shown
        # Words, not the widgets' class names; Textual's own keys are left out or said plainly.
        for hidden in ("ArticleList", "ReaderPane", "(focused pane)", "Scroll Left", "Page Left"):
            assert hidden not in text, hidden
        described = {b.description for _, keys in app.screen.sections for b in keys}
        assert "palette" not in described and "" not in described
        # j and down are one entry, and so are the nine keys that open a link by its number.
        assert "down, j" in text or "j, down" in text
        [article] = [keys for heading, keys in app.screen.sections if heading == "Article"]
        numbered = [(b.key, b.description) for b in article if (b.id or "").startswith("article.link_")]
        assert numbered == [("1–9", "Open link N")]
        # The keys that work everywhere are further down the dialog, Textual's described plainly.
        await pilot.press("end")
        await settle(pilot)
        text = screen_text(app)
        assert "Everywhere" in text and "app.help" in text
        assert "Command palette: every action" in text and "Copy the selected text" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_at_80_columns_the_help_keeps_each_key_on_one_line_without_the_ids(start):
    async with start(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        lines = screen_lines(pilot.app)
        assert any("Page down" in line for line in lines) and not any("list.page_down" in line for line in lines)


async def test_help_follows_the_focused_pane(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("enter", "question_mark")
        await settle(pilot)
        headings = [heading for heading, _ in app.screen.sections]
        assert headings[:2] == ["Reader", "Highlights and notes"]
        text = screen_text(app)
        assert "reader.comments" in text and "Comments" in text
        assert "list.down" not in text
        # Visual mode's keys have a section of their own, written as people write them.
        [visual] = [keys for heading, keys in app.screen.sections if heading.startswith("Visual mode")]
        shown = {binding.id: describe_keys(binding.key) for binding in visual}
        assert shown["visual.sentence"] == ")" and shown["visual.paragraph_back"] == "{"
        assert {"visual.select_sentence", "visual.word", "visual.leave"} <= set(shown)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.is_running


async def test_ctrl_p_runs_a_command_by_part_of_its_name(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("N")  # the first article is read
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"hide or")
        await pilot.pause(0.3)
        assert "view: Hide or show read" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert titles(app) == SEED_TITLES[1:]
        assert "unread only" in app.screen.sub_title


async def test_the_palette_holds_the_apps_commands_not_textuals(start):
    async with start() as pilot:
        app = pilot.app
        titles_offered = [command.title for command in app.get_system_commands(app.screen)]
        assert "app: Change theme" in titles_offered and "app: Quit" in titles_offered
        for textual_own in ("Keys", "Screenshot", "Maximize", "Theme", "Quit"):
            assert textual_own not in titles_offered, textual_own
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"screensh")
        await pilot.pause(0.3)
        assert "Screenshot" not in screen_text(app)
        await pilot.press(*["backspace"] * len("screensh"), *"theme")
        await pilot.pause(0.3)
        assert "app: Change theme" in screen_text(app)


async def test_theme_choice_survives_a_restart(home):
    async with running(home) as pilot:
        app = pilot.app
        assert app.theme == "textual-dark"
        app.theme = "textual-light"
        await drain(pilot)
    assert Store.open(home).session().get("theme") == "textual-light"
    async with running(home) as pilot:
        assert pilot.app.theme == "textual-light"
        assert "-dark-mode" not in pilot.app.classes


async def test_the_footer_follows_the_focused_pane_and_the_screen_on_top(library):
    # The footer is rebuilt once for a burst of changes, and under another screen only when
    # it is back on top: each time it must still show the keys of where the user is.
    async with running(library) as pilot:
        app = pilot.app

        def footer() -> str:
            return screen_lines(app)[-1]

        await stories_loaded(pilot)
        assert "⏎ Open" in footer() and "Highlight" not in footer()
        await pilot.press("j", "enter")  # into the reader, on a news account
        await settle(pilot)
        assert "Highlight" in footer() and "⏎ Open" not in footer()
        await pilot.press("T")
        await compared(pilot)
        await settle(pilot)
        assert "Side by side" in footer() and "Highlight" not in footer()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "Highlight" in footer() and "Side by side" not in footer()
        await pilot.press("q")  # back to the list
        await settle(pilot)
        assert "⏎ Open" in footer()


async def test_the_help_tells_moving_by_a_sentence_from_selecting_one(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("enter", "question_mark")
        await settle(pilot)
        [visual] = [keys for heading, keys in app.screen.sections if heading.startswith("Visual mode")]
        labels = [binding.description for binding in visual]
        assert len(labels) == len(set(labels)), labels
        said = {binding.id: binding.description for binding in visual}
        assert said["visual.sentence"] == "Next sentence" and said["visual.select_sentence"] == "Select sentence"


async def test_the_feeds_screen_lists_enter_in_its_help_and_x_in_its_footer(start):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("F")
        await settle(pilot)
        assert "x Full text" in " ".join(screen_lines(app)[-1].split())
        await pilot.press("question_mark")
        await settle(pilot)
        ids = {binding.id for _, keys in app.screen.sections for binding in keys}
        assert "feeds.open" in ids
