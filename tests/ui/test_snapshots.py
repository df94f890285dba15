"""Snapshots of the main screens: the seeds on a fresh library, with the clock frozen.

Update with `pytest tests/ui/test_snapshots.py --snapshot-update`, after reading the report of
what changed (snapshot_report.html).
"""

from __future__ import annotations

from datetime import UTC

import pytest

from reader.search.views import SavedViews
from reader.store import Store

from .conftest import build_app, compared, searched, settle, stories_loaded


@pytest.fixture
def seeded_app(home):
    """The app on a new library in tmp_path; its writer is stopped after the test."""
    app = build_app(home, poll_seconds=60)
    yield app
    app.services.writer.drain(10.0)
    app.services.writer.stop()


@pytest.fixture
def first_start_app(home):
    """The app as a new user first sees it: on the newest news, with the welcome."""
    app = build_app(home, poll_seconds=60, welcome=True)
    yield app
    app.services.writer.drain(10.0)
    app.services.writer.stop()


def after(*keys: str):
    """A run_before that waits for the library to load, presses ``keys`` and waits again."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


class TestMainScreen:
    def test_seeds_at_80x24(self, snap_compare, first_start_app):
        assert snap_compare(first_start_app, terminal_size=(80, 24), run_before=after())

    def test_seeds_at_160x48(self, snap_compare, first_start_app):
        assert snap_compare(first_start_app, terminal_size=(160, 48), run_before=after())

    def test_sidebar_at_80x24_beside_the_reader(self, snap_compare, seeded_app):
        # Too narrow for three panes: the sidebar takes the list's place, the text stays readable.
        assert snap_compare(seeded_app, terminal_size=(80, 24), run_before=after("j", "enter", "E"))

    def test_article_open_at_100x30(self, snap_compare, seeded_app):
        assert snap_compare(seeded_app, terminal_size=(100, 30), run_before=after("j", "enter"))

    def test_article_open(self, snap_compare, seeded_app):
        assert snap_compare(seeded_app, terminal_size=(160, 48), run_before=after("j", "enter"))


class TestHelpScreen:
    def test_help_over_the_list(self, snap_compare, seeded_app):
        assert snap_compare(seeded_app, terminal_size=(120, 40), run_before=after("question_mark"))


class TestFeedsScreen:
    def test_feeds_with_their_status(self, snap_compare, home):
        # Fetch states are written directly: a snapshot must not depend on a server or the clock.
        store = Store.open(home)
        subscribed = store.add_feeds([
            ("https://globe.example/rss", "The Globe", ["world"]),
            ("https://down.example/feed.xml", "", []),
            ("https://gone.example/atom", "Gone Gazette", ["local"]),
            ("https://new.example/feed", "Not Fetched Yet", []),
        ])
        globe, down, gone, _ = (feed.id for feed, _ in subscribed)
        fetched = {"last_fetch": "2026-11-22T09:30:00+00:00"}
        with store.writing():
            store.feeds_file.record_fetches({
                globe: {**fetched, "status": "ok", "last_success": fetched["last_fetch"], "site_url": "https://globe.example/"},
                down: {**fetched, "status": "failed", "error": "HTTP 500 Internal Server Error"},
                gone: {**fetched, "status": "gone", "error": "HTTP 410 Gone"},
            })
        app = build_app(home, poll_seconds=60)
        try:
            assert snap_compare(app, terminal_size=(120, 30), run_before=after("F", "j"))
        finally:
            app.services.writer.drain(10.0)
            app.services.writer.stop()


class TestEntities:
    def test_sidebar_of_an_analysed_article(self, snap_compare, home):
        # Analysed before the app starts (with the model, as a user's library would be), so the
        # snapshot does not wait on the background analysis.
        from reader.entities.analyser import analyse_now
        from reader.seeds import ensure_seeded

        store = Store.open(home)
        ensure_seeded(store)
        analyse_now(store)
        app = build_app(home, poll_seconds=60)
        try:
            assert snap_compare(app, terminal_size=(160, 48), run_before=after("j", "j", "j", "enter", "e", "j"))
        finally:
            app.services.writer.drain(10.0)
            app.services.writer.stop()


class TestSearch:
    def test_results_with_marked_words(self, snap_compare, seeded_app):
        async def run_before(pilot) -> None:
            await settle(pilot)
            await pilot.press("slash", *"madrid", "enter")
            await searched(pilot)

        assert snap_compare(seeded_app, terminal_size=(160, 48), run_before=run_before)

    def test_saved_views_with_counts(self, snap_compare, home):
        SavedViews(Store.open(home)).add("Exile in Spain", "spain OR madrid")
        SavedViews(Store.open(home)).add("Unread about the OAS", 'is:unread "organization of american states"')
        app = build_app(home, poll_seconds=60)
        try:
            assert snap_compare(app, terminal_size=(120, 30), run_before=after("V"))
        finally:
            app.services.writer.drain(10.0)
            app.services.writer.stop()


def annotated_home(home):
    """The seeds with three highlights of different kinds and notes on Caracas Chronicles,
    and a note on the article, all dated so the snapshot never drifts."""
    from datetime import datetime, timedelta

    from reader.annotations.anchoring import select
    from reader.annotations.model import Annotation
    from reader.seeds import ensure_seeded

    store = Store.open(home)
    ensure_seeded(store)
    article = next(a for a in store.articles() if a.outlet == "Caracas Chronicles")
    text = store.body(article).text
    day = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    for hours, (quote, kind, note, tags) in enumerate([
        ("arrived in Madrid on Saturday after escaping custody", "highlight", "", ()),
        ("an unfriendly act", "disagree", "Which act? The meeting itself, or what Rajoy said there?", ("diplomacy",)),
        ("set to take place on December 1st and 2nd", "question", "Did the talks happen on those dates?",
         ("follow-up", "talks")),
    ]):
        start = text.index(quote)
        chosen = select(text, start, start + len(quote))
        store.save_annotation(Annotation(id="", article=article.id, kind=kind, quote=chosen.quote, prefix=chosen.prefix,
                                         suffix=chosen.suffix, start=chosen.start, end=chosen.end, note=note, tags=tags,
                                         created=day + timedelta(hours=hours)))
    store.save_annotation(Annotation(id="", article=article.id, kind="article-note",
                                     note="Compare with how Venezuelanalysis tells the meeting.",
                                     created=day - timedelta(hours=1)))
    return article


class TestAnnotations:
    def test_highlights_drawn_with_the_note_of_the_current_one(self, snap_compare, home):
        annotated_home(home)
        app = build_app(home, poll_seconds=60)

        async def run_before(pilot) -> None:
            await settle(pilot)
            await pilot.press("j", "j", "j", "enter")
            await settle(pilot)
            await pilot.press("right_square_bracket", "right_square_bracket")
            await settle(pilot)

        try:
            assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)
        finally:
            app.services.writer.drain(10.0)
            app.services.writer.stop()

    def test_the_annotations_screen(self, snap_compare, home):
        annotated_home(home)
        app = build_app(home, poll_seconds=60)
        try:
            assert snap_compare(app, terminal_size=(140, 30), run_before=after("M"))
        finally:
            app.services.writer.drain(10.0)
            app.services.writer.stop()


class TestStories:
    """The list by story and the story screen on the seeds (analysed, grouped and parsed before
    the app starts, so the snapshots wait on nothing but the app)."""

    @staticmethod
    def _app(library):
        return build_app(library, poll_seconds=60)

    @staticmethod
    def _after(*keys: str, story: bool = False):
        async def run_before(pilot) -> None:
            await settle(pilot)
            await stories_loaded(pilot)
            await pilot.press(*keys)
            await settle(pilot)
            if story:
                await compared(pilot)
                await settle(pilot)

        return run_before

    @pytest.mark.parametrize("size", [(80, 24), (160, 48)])
    def test_the_list_by_story(self, snap_compare, library, size):
        app = self._app(library)
        try:
            assert snap_compare(app, terminal_size=size, run_before=self._after("L", "j", "right"))
        finally:
            app.services.writer.drain(10.0)
            app.services.writer.stop()

    @pytest.mark.parametrize("size", [(80, 24), (160, 48)])
    def test_the_story_screen(self, snap_compare, library, size):
        app = self._app(library)
        try:
            assert snap_compare(app, terminal_size=size, run_before=self._after("j", "T", story=True))
        finally:
            app.services.writer.drain(10.0)
            app.services.writer.stop()

    def test_the_accounts_side_by_side(self, snap_compare, library):
        app = self._app(library)

        async def run_before(pilot) -> None:
            await self._after("j", "T", story=True)(pilot)
            await pilot.press("5", "s")
            await settle(pilot)

        try:
            assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)
        finally:
            app.services.writer.drain(10.0)
            app.services.writer.stop()
