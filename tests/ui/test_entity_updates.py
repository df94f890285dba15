"""Entities kept up to date while the app runs: an edited article is analysed again, and results
another process wrote (`broadsheet analyse`) reach the sidebar and the entity library."""

from __future__ import annotations

import asyncio
import threading

from reader.models import Block, Body
from reader.store import Store

from .conftest import CARACAS_CHRONICLES, article_list, settle, static_text, titles, until
from .test_entities import MODEL_WAIT, analysed, names
from .test_feeds import fetch_done, rss, subscribe

OSLO = "Mayor of Oslo resigns"
FIRST = "Oslo mayor Ingrid Halvorsen resigned on Monday, the city council said."
EDITED = "Oslo mayor Ingrid Halvorsen resigned on Monday. Her deputy, Lars Kristiansen, takes over."


def oslo(make_draft, text: str):
    return make_draft(1, title=OSLO, body=Body((Block("paragraph", text),)))


async def open_title(pilot, title: str) -> None:
    article_list(pilot.app).set_cursor(titles(pilot.app).index(title))
    await pilot.press("enter")
    await settle(pilot)


def sidebar_names(pilot) -> set[str]:
    sidebar = pilot.app.main.sidebar
    return {e.name for e in sidebar.entities or ()}


async def test_an_article_another_process_edited_is_shown_and_analysed_again(start, home, make_draft):
    Store.open(home).add_articles([oslo(make_draft, FIRST)])
    async with start(analyse_entities=True) as pilot:
        await open_title(pilot, OSLO)
        sidebar = await analysed(pilot)
        assert "Ingrid Halvorsen" in names(sidebar, "person")
        # As a `broadsheet import` or a cron `broadsheet fetch` of the outlet's edit would.
        assert Store.open(home).add_articles([oslo(make_draft, EDITED)]).updated
        await until(pilot, lambda: "Lars Kristiansen" in sidebar_names(pilot), seconds=MODEL_WAIT)
        assert "Lars Kristiansen" in names(sidebar, "person")
        assert "Her deputy, Lars Kristiansen" in static_text(pilot.app, "#reader-body")
        library = pilot.app.entity_library
        assert library.find("Lars Kristiansen") is not None


async def test_an_article_the_app_fetched_again_edited_is_analysed_again(start, home, feed_server):
    first = [("o1", OSLO, f"<p>{FIRST}</p>")]
    subscribe(home, feed_server.route("/oslo.xml", body=rss("Oslo News", first)))
    async with start(analyse_entities=True) as pilot:
        await pilot.press("R")
        await fetch_done(pilot)
        await open_title(pilot, OSLO)
        sidebar = await analysed(pilot)
        assert "Ingrid Halvorsen" in names(sidebar, "person")
        feed_server.route("/oslo.xml", body=rss("Oslo News", [("o1", OSLO, f"<p>{EDITED}</p>")]))
        pilot.app.notified.clear()
        await pilot.press("R")
        await fetch_done(pilot)
        await until(pilot, lambda: "Lars Kristiansen" in sidebar_names(pilot), seconds=MODEL_WAIT)
        assert "Lars Kristiansen" in names(sidebar, "person")


async def test_results_broadsheet_analyse_wrote_reach_the_running_app(start, home, monkeypatch):
    from reader.entities import Extractor
    from reader.entities.analyser import analyse_now

    read_on_ui_thread: list[str] = []
    original = Store.entity_results

    def entity_results(self, article_ids=None, **kwargs):
        if threading.current_thread() is threading.main_thread():
            read_on_ui_thread.append("entity_results")
        return original(self, article_ids, **kwargs)

    monkeypatch.setattr(Store, "entity_results", entity_results)
    # The app's own analysis is off: whatever it shows, another process found.
    async with start(analyse_entities=False) as pilot:
        app = pilot.app
        await open_title(pilot, CARACAS_CHRONICLES)
        assert app.main.sidebar.entities is None
        assert "Not analysed yet" in static_text(app, "#entities-content")
        other = Store.open(home)
        # As `broadsheet analyse --no-model` run from a shell would (the simpler rules: no model to load).
        count = await asyncio.to_thread(analyse_now, other, None, None, extractor=Extractor(load=None))
        assert count == len(titles(app))
        await until(pilot, lambda: "Antonio Ledezma" in sidebar_names(pilot), seconds=MODEL_WAIT)
        assert "Antonio Ledezma" in names(app.main.sidebar, "person")
        assert len(app.entity_library.article_ids) == count  # every article's, not only the open one's
        assert app.entity_library.find("Mariano Rajoy") is not None
        assert not read_on_ui_thread
