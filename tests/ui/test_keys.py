"""Keys typed faster than the app answers them are handled in order, each by the widget focused
once the key before it is done: none goes to the wrong widget, none is lost."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from reader.store import Store
from reader.tui.screens.main import MainScreen

from .conftest import drain, highlighted, settle


def burst(app, keys: str) -> None:
    """Keys arriving together, as from a fast typist or a paste into the terminal: all queued
    before the first is handled (Pilot's press waits for each)."""
    names = {"/": "slash", "\r": "enter"}
    for key in keys:
        app.post_message(events.Key(names.get(key, key), "\r" if key == "\r" else key))


async def test_letters_typed_right_after_slash_go_into_the_search_box(start):
    async with start() as pilot:
        app = pilot.app
        burst(app, "/ledezma")  # the moment the app starts, before the list has loaded
        await settle(pilot)
        assert app.main.query_one("#search", Input).value == "ledezma"
        assert isinstance(app.screen, MainScreen) and not app.main.has_class("-zoomed")


async def test_a_tag_typed_right_after_t_goes_into_the_tag_editor(start, home):
    async with start() as pilot:
        app = pilot.app
        await settle(pilot)
        target = highlighted(app)
        burst(app, "texile\r")
        await settle(pilot)
        await drain(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.services.store.state(target.id).tags == ("exile",)
    assert Store.open(home).state(target.id).tags == ("exile",)


async def test_moving_down_twice_quickly_moves_twice(start):
    async with start() as pilot:
        app = pilot.app
        await settle(pilot)
        first = highlighted(app)
        burst(app, "jj")
        await settle(pilot)
        listed = app.main.listing.rows
        assert highlighted(app).id == listed[[a.id for a in listed].index(first.id) + 2].id
