"""The footer keeps "? Help" in sight at every width, on the main screen and on the screens it opens."""

from __future__ import annotations

import pytest

from reader.tui.screens.annotations import AnnotationsScreen
from reader.tui.screens.entity import EntityScreen
from reader.tui.screens.feeds import FeedsScreen
from reader.tui.screens.story import StoryScreen

from .conftest import compared, screen_lines, settle, stories_loaded

WIDTHS = (80, 100, 160)


def footer(app) -> str:
    return " ".join(screen_lines(app)[-1].split())


@pytest.mark.parametrize("width", WIDTHS)
async def test_the_main_screen_keeps_help_in_its_footer_in_the_list_and_the_reader(start, width):
    async with start(size=(width, 24)) as pilot:
        app = pilot.app
        assert "? Help" in footer(app), footer(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "? Help" in footer(app), footer(app)


async def help_kept_on(pilot, screen_type) -> None:
    """The screen the last keys opened is ``screen_type`` and its footer keeps "? Help"."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)
    assert "? Help" in footer(pilot.app), footer(pilot.app)


@pytest.mark.parametrize("width", WIDTHS)
async def test_the_feeds_and_annotations_screens_keep_help_in_their_footer(start, width):
    async with start(size=(width, 24)) as pilot:
        await pilot.press("F")
        await help_kept_on(pilot, FeedsScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("M")
        await help_kept_on(pilot, AnnotationsScreen)


@pytest.mark.parametrize("width", WIDTHS)
async def test_the_story_and_entity_screens_keep_help_in_their_footer(library, start, width):
    async with start(size=(width, 24)) as pilot:
        await stories_loaded(pilot)
        await pilot.press("j", "enter", "T")
        await compared(pilot)
        await help_kept_on(pilot, StoryScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("i")
        await help_kept_on(pilot, EntityScreen)
