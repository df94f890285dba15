"""Stars and tags: what the list and the reader show, and what the store keeps."""

from __future__ import annotations

from textual.widgets import Input

from reader.store import Store
from reader.tui.screens.main import MainScreen
from reader.tui.screens.tags import TagEditor
from reader.tui.widgets.reader.pane import ReaderPane

from .conftest import (
    drain,
    highlighted,
    notifications,
    reader_title,
    row_line,
    screen_lines,
    settle,
    static_text,
    type_text,
)


async def test_s_stars_and_unstars_the_highlighted_article(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j", "s")
        await settle(pilot)
        target = highlighted(app)
        assert row_line(app, target.title)[:4] == " ●★ "
        assert "★ starred" in static_text(app, "#reader-header")
        await drain(pilot)
        assert app.services.store.state(target.id).starred
        await pilot.press("s")
        await settle(pilot)
        assert "★" not in row_line(app, target.title)
        assert "starred" not in static_text(app, "#reader-header")
        await pilot.press("s")
        await drain(pilot)
    state = Store.open(home).state(target.id)
    assert state.starred and not state.read


async def test_s_in_the_reader_stars_the_open_article(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert isinstance(app.focused, ReaderPane)
        await pilot.press("s")
        await drain(pilot)
        opened = highlighted(app)
        assert "★" in row_line(app, opened.title)
    assert Store.open(home).state(opened.id).starred


async def test_t_opens_the_tag_editor_and_enter_saves_the_tags(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j", "t")
        await settle(pilot)
        assert isinstance(app.screen, TagEditor)
        target = app.screen_stack[-2].query_one("ArticleList").highlighted
        assert target.title[:40] in str(app.screen.query_one("Label").content)
        await type_text(pilot, "Venezuela exile")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await drain(pilot)
        assert app.services.store.state(target.id).tags == ("exile", "venezuela")
        header = static_text(app, "#reader-header")
        assert "#exile" in header and "#venezuela" in header
        assert any("Tags saved: #exile #venezuela" in n for n in notifications(app))
    assert Store.open(home).state(target.id).tags == ("exile", "venezuela")


async def test_a_second_enter_in_the_tag_editor_saves_once_and_closes_only_it(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j")
        target = highlighted(app)
        await pilot.press("t")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, TagEditor)
        await type_text(pilot, "twice")
        field = editor.query_one(Input)
        # Two submits queued before the dialog is gone, as a quick double Enter gives.
        field.post_message(Input.Submitted(field, field.value))
        field.post_message(Input.Submitted(field, field.value))
        await settle(pilot)
        await drain(pilot)
        assert app.is_running and isinstance(app.screen, MainScreen) and len(app.screen_stack) == 1
        assert app.services.store.state(target.id).tags == ("twice",)
        assert sum("Tags saved" in n for n in notifications(app)) == 1


async def test_tags_show_in_the_row_only_where_the_title_keeps_room(start):
    async with start(size=(160, 48)) as pilot:
        app = pilot.app
        await pilot.press("t")
        await type_text(pilot, "ab")
        await pilot.press("enter")
        await drain(pilot)
        # At 160 columns the title needs the room: the tags are in the reader's header.
        assert "#ab" not in row_line(app, highlighted(app).title)
        await pilot.press("enter")
        await settle(pilot)
        assert "#ab" in static_text(app, "#reader-header")
    async with start(size=(240, 48)) as pilot:
        app = pilot.app
        assert "#ab" in row_line(app, highlighted(app).title)


async def test_tag_editor_starts_with_the_current_tags_and_can_remove_them(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("t")
        await type_text(pilot, "one two")
        await pilot.press("enter")
        await drain(pilot)
        target = highlighted(app)
        await pilot.press("t")
        await settle(pilot)
        field = app.screen.query_one("#tag-input", Input)
        assert field.value == "one two"
        # Clear the field, then save: no tags left.
        field.value = ""
        await pilot.press("enter")
        await drain(pilot)
        assert "#one" not in static_text(app, "#reader-header")
    assert Store.open(home).state(target.id).tags == ()


async def test_tag_editor_suggests_a_tag_the_library_already_uses(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("t")
        await type_text(pilot, "venezuela")
        await pilot.press("enter")
        await drain(pilot)
        await pilot.press("j", "t")
        await settle(pilot)
        await pilot.press(*"ven")
        await pilot.pause(0.1)
        field = app.screen.query_one("#tag-input", Input)
        assert field.value == "ven"
        # The rest of the word is shown after what was typed.
        input_line = screen_lines(app)[field.region.y + field.region.height // 2]
        assert "venezuela" in input_line
        # → accepts the suggestion, as the dialog's hint says.
        await pilot.press("right")
        assert field.value == "venezuela"
        await pilot.press("enter")
        await drain(pilot)
        second = highlighted(app)
        assert app.services.store.state(second.id).tags == ("venezuela",)


async def test_escape_cancels_the_tag_editor_without_changes(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("t")
        await type_text(pilot, "keep")
        await pilot.press("enter")
        await drain(pilot)
        target = highlighted(app)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*" more", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert reader_title(app) == target.title
        await drain(pilot)
        assert "#keep" in static_text(app, "#reader-header")
        assert "#more" not in static_text(app, "#reader-header")
    assert Store.open(home).state(target.id).tags == ("keep",)


async def test_tag_editor_refuses_a_tag_the_command_line_refuses_and_keeps_the_typing(start, home):
    async with start() as pilot:
        app = pilot.app
        target = highlighted(app)
        await pilot.press("t")
        await type_text(pilot, 'venezuela To-Read "exile"')
        await pilot.press("enter")
        await settle(pilot)
        # Still open, with the words as typed and the command line's reason.
        assert isinstance(app.screen, TagEditor)
        assert app.screen.query_one("#tag-input", Input).value == 'venezuela To-Read "exile"'
        assert "quotes, parentheses and commas are not allowed" in static_text(app, "#tag-hint")
        field = app.screen.query_one("#tag-input", Input)
        field.value = "venezuela To-Read exile"
        await pilot.press("enter")
        await drain(pilot)
        assert not isinstance(app.screen, TagEditor)
    assert Store.open(home).state(target.id).tags == ("exile", "to-read", "venezuela")
