"""At launch the list comes first: the work that reads the whole library waits until it shows."""

from __future__ import annotations

from reader.tui.background.analysis import Analysis
from reader.tui.background.indexing import Indexing

from .conftest import SEED_TITLES, titles, until


async def test_analysis_and_search_begin_once_the_list_shows_its_articles(start, monkeypatch):
    """Analysis and indexing read every month of the library; begun with the app, their threads
    would hold the interpreter while the first month is read and drawn, which at 100,000 articles
    kept the list from the keys for a second or more."""
    rows_when_started: list[tuple[str, int]] = []

    def watching(name: str, original):
        def begin(self) -> None:
            rows_when_started.append((name, len(self._app.main.listing.rows)))
            original(self)
        return begin

    monkeypatch.setattr(Analysis, "start", watching("analysis", Analysis.start))
    monkeypatch.setattr(Indexing, "start", watching("search", Indexing.start))
    async with start(analyse_entities=True) as pilot:
        await until(pilot, lambda: len(rows_when_started) == 2)
        assert titles(pilot.app) == SEED_TITLES
        # Each began once, with the seeds already listed.
        assert sorted(rows_when_started) == [("analysis", len(SEED_TITLES)), ("search", len(SEED_TITLES))]
