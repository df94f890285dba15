"""The story screen on a library seen for the first time, before its accounts are analysed:
it says so where names, labels and quotes will be, and fills them in as the analysis lands,
without the user leaving and opening the story again."""

from __future__ import annotations

import asyncio
import time

from reader.entities import Extractor
from reader.entities.analyser import analyse_now

from .conftest import article_list, compared, running, static_text, stories_loaded, titles
from .test_stories import SEED_NEWS, rows_text


async def test_a_story_opened_before_analysis_fills_in_when_it_lands(home):
    async with running(home) as pilot:
        await stories_loaded(pilot)
        article_list(pilot.app).set_cursor(titles(pilot.app).index(SEED_NEWS[0]))
        await pilot.press("T")
        screen = await compared(pilot)
        assert len(screen.comparison.pending) == 4
        assert len(rows_text(screen)) == 4  # coverage lists the accounts all the same
        assert "4 accounts not analysed yet" in static_text(pilot.app, "#story-summary")
        await pilot.press("3")  # who is named
        await pilot.pause()
        assert rows_text(screen) == [
            "Not analysed yet (4 accounts waiting): this fills in by itself as the analysis reaches them."]
        await pilot.press("j")
        store = pilot.app.services.store
        await asyncio.to_thread(analyse_now, store, store.unanalysed_ids(None), None, extractor=Extractor())
        pilot.app.analysis.rebuild()  # as the app does when the analyser reports a batch
        deadline = time.monotonic() + 60
        while screen.comparison.pending and time.monotonic() < deadline:
            await pilot.pause(0.05)
        await pilot.pause()
        assert not screen.comparison.pending
        named = rows_text(screen)
        assert screen.section == "named" and any("Antonio Ledezma" in row for row in named), named
        assert "not analysed yet" not in static_text(pilot.app, "#story-summary")
