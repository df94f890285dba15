"""Running the real app on a library in tmp_path with a frozen clock, and reading what it shows."""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea
from textual.worker import WorkerCancelled

from reader.config import ConfigProblem, Settings
from reader.models import Article
from reader.store import Store
from reader.tui.app import BroadsheetApp
from reader.tui.services import Services
from reader.tui.widgets.article_list import ArticleList
from reader.tui.writer import Writes

#: "Now" for every UI test, so relative dates and snapshots never drift.
FROZEN_NOW = datetime(2026, 11, 23, tzinfo=UTC)

#: The five seed articles, newest first, as the manifest describes them. The two of
#: 20 November 2017 share a timestamp; they keep the manifest's order.
SEEDS_NEWEST_FIRST = [
    ("Antonio Ledezma", "Wikipedia"),
    ("Exiled Caracas Mayor: Military Intervention Has Already Begun in Venezuela", "Breitbart"),
    ("Escaped Venezuelan Opposition Leader Welcomed in Spain, Meets with Rajoy", "Venezuelanalysis"),
    ("Ledezma Lands in Madrid; Opposition Sets Talks in the Dominican Republic", "Caracas Chronicles"),
    ("Caracas Mayor Ledezma, Venezuela’s Most Inconvenient Political Prisoner, Flees to Colombia", "PanAm Post"),
]
SEED_TITLES = [title for title, _ in SEEDS_NEWEST_FIRST]
CARACAS_CHRONICLES = SEED_TITLES[3]


def frozen_clock() -> datetime:
    return FROZEN_NOW


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch):
    """Local times (a feed's last fetch, recent dates) show in UTC, whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class RecordingApp(BroadsheetApp):
    """The app, keeping a list of the notifications it showed for the tests to read."""

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.notified: list[tuple[str, str, str]] = []

    def notify(
        self, message: str, *, title: str = "", severity="information", timeout=None, markup: bool = True
    ) -> None:
        self.notified.append((severity, title, message))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)


def build_app(
    home: Path,
    settings: Settings | None = None,
    *,
    config_problems: list[ConfigProblem] | None = None,
    config_path: Path | None = None,
    poll_seconds: float = 0.2,
    refresh_seconds: float | None = None,
    analyse_entities: bool = False,
    welcome: bool = False,
    sync_connect=None,
    sync_seconds: float | None = None,
) -> RecordingApp:
    """The app on the library at ``home``, as `broadsheet` would build it, with a frozen clock."""
    services = Services(
        store=Store.open(home),
        settings=settings or Settings(),
        config_problems=list(config_problems or []),
        config_path=config_path,
        clock=frozen_clock,
        poll_seconds=poll_seconds,
        refresh_seconds=refresh_seconds,
        # Off unless a test is about entities: each analyser starts a worker process.
        analyse_entities=analyse_entities,
        # Off unless a test is about the first start: the others begin on the first row.
        welcome=welcome,
        sync_seconds=sync_seconds,
    )
    if sync_connect is not None:  # a test's own sync server (tests/syncfake.py), never a real one
        services.sync_connect = sync_connect
    app = RecordingApp(services)
    # Scrolls jump instead of gliding: the tests check where they end, and need not wait for it.
    app.animation_level = "none"
    return app


async def workers_done(app) -> None:
    """Wait for every worker running now. One that a newer job of its group replaced (exclusive)
    ends cancelled, which Textual's wait_for_complete raises as an error; that is no failure."""
    for worker in list(app.workers):
        try:
            await worker.wait()
        except WorkerCancelled:
            pass


async def settle(pilot: Pilot) -> None:
    """Wait until the workers (library load, body load, store checks) are done and shown."""
    await workers_done(pilot.app)
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Put ``text`` into the focused box at its cursor in one go, where what is typed matters
    and how it is typed does not (key by key costs a pause per key)."""
    focused = pilot.app.focused
    if isinstance(focused, TextArea):
        focused.insert(text)
    else:
        assert isinstance(focused, Input), f"no box has the focus: {focused!r}"
        focused.insert_text_at_cursor(text)
    await pilot.pause()


async def replace_text(pilot: Pilot, text: str) -> None:
    """What a user does to a box that starts filled (a rename): clear it, then type."""
    focused = pilot.app.focused
    assert isinstance(focused, Input), f"no box has the focus: {focused!r}"
    focused.value = ""
    await type_text(pilot, text)


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app run until ``condition`` holds (or ``seconds`` pass; the test's assertion then
    says what did not happen): for what a debounce timer or a worker brings, on a busy machine."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.02)
    await settle(pilot)


async def searched(pilot: Pilot) -> None:
    """Wait for a query typed in the search box to have run: the box waits for typing to pause,
    then runs it in a worker."""
    box = pilot.app.main.search_box
    deadline = time.monotonic() + 10
    while box.waiting and time.monotonic() < deadline:
        await pilot.pause(0.05)
    await settle(pilot)


async def drain(pilot: Pilot) -> None:
    """Wait until every queued write is on disk and the app has handled what each reported
    (the writer's messages are handled in order, so one more posted after them comes last)."""
    assert await asyncio.to_thread(pilot.app.services.writer.drain, 10.0)
    handled = asyncio.Event()
    pilot.app.post_message(Writes.Done(lambda _: handled.set(), None))
    await asyncio.wait_for(handled.wait(), 10)
    await pilot.pause()


@asynccontextmanager
async def running(home: Path, *, size: tuple[int, int] = (160, 48), **options) -> AsyncIterator[Pilot]:
    """Start the app, wait for the library to load, and stop its writer afterwards."""
    app = build_app(home, **options)
    try:
        async with app.run_test(size=size, notifications=True) as pilot:
            await settle(pilot)
            # On a busy machine the main screen may not have started loading yet when the
            # first settle looks for workers: wait for the load to be over.
            deadline = time.monotonic() + 30
            while not app.main.feed.load_done and time.monotonic() < deadline:
                await pilot.pause(0.05)
            await settle(pilot)
            if not article_list(app).listing.rows:
                # Shown with a failing test's output: why the list is empty, if it should not be.
                print("empty list at start; loading:", app.main.library_loading,
                      "notifications:", app.notified)
            yield pilot
    finally:
        app.indexing.stop()
        app.storying.stop()
        app.analysis.stop()
        app.services.feeds.close()
        app.services.writer.drain(10.0)
        app.services.writer.stop()


@pytest.fixture
def start(home: Path):
    """``async with start(**options) as pilot``: the app running on the test's library."""

    def _start(**options):
        return running(home, **options)

    return _start


@pytest.fixture(scope="module")
def prepared_stories(tmp_path_factory) -> Path:
    """The seeds analysed with the model, grouped and parsed once, as a user's library would
    be after its first run: the tests then wait on nothing but the app."""
    from reader.entities import Extractor
    from reader.entities.analyser import analyse_now
    from reader.seeds import ensure_seeded
    from reader.stories.desk import StoryDesk

    home = tmp_path_factory.mktemp("stories") / "library"
    store = Store.open(home)
    ensure_seeded(store)
    analyse_now(store, store.unanalysed_ids(None), None, extractor=Extractor())
    desk = StoryDesk.open(store)
    desk.update()
    desk.compare(desk.library().shared()[0])
    return home


@pytest.fixture
def library(prepared_stories, home) -> Path:
    """A private copy of the prepared library, to read and correct."""
    return shutil.copytree(prepared_stories, home)


async def stories_loaded(pilot: Pilot, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while pilot.app.story_library is None and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert pilot.app.story_library is not None, "the stories never loaded"
    await settle(pilot)


async def compared(pilot: Pilot, timeout: float = 60.0):
    """The story screen on top, once its comparison is shown."""
    from reader.tui.screens.story import StoryScreen

    screen = pilot.app.screen
    assert isinstance(screen, StoryScreen)
    deadline = time.monotonic() + timeout
    while screen.comparison is None and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert screen.comparison is not None, static_text(pilot.app, "#story-summary")
    await pilot.pause()
    return screen


# Reading the screen ------------------------------------------------------------------------------


def article_list(app) -> ArticleList:
    return app.screen.query_one(ArticleList)


def titles(app) -> list[str]:
    """The list's rows, top to bottom, as titles."""
    return [article.title for article in article_list(app).listing.rows]


def highlighted(app) -> Article:
    article = article_list(app).highlighted
    assert article is not None
    return article


def static_text(app, selector: str) -> str:
    """The plain text a Static on the main screen shows."""
    content = app.screen.query_one(selector, Static).content
    return getattr(content, "plain", str(content))


def reader_title(app) -> str:
    """The first line of the reader pane's header: the title of the article it shows."""
    return static_text(app, "#reader-header").split("\n", 1)[0]


_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)"'
    r' clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>'
)


def screen_lines(app) -> list[str]:
    """The terminal as the user sees it, one string per line, read from an exported screenshot."""
    svg = app.export_screenshot()
    cell = 12.2  # the screenshot's width of one terminal cell
    lines: dict[int, list[str]] = {}
    for x, _length, line, text in _TEXT.findall(svg):
        row = lines.setdefault(int(line), [])
        column = round(float(x) / cell)
        current = "".join(row)
        row[:] = [current.ljust(column)[:column] + html.unescape(text).replace("\xa0", " ").rstrip("\n")]
    return ["".join(lines.get(i, [""])) for i in range(max(lines, default=-1) + 1)]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def list_lines(app) -> list[str]:
    """The article list's part of the screen, one string per row."""
    region = article_list(app).region
    lines = screen_lines(app)[region.y : region.y + region.height]
    return [line.ljust(region.right)[region.x : region.right] for line in lines]


def row_line(app, title: str) -> str:
    """The list row showing ``title`` (which may be cut short on screen)."""
    lines = list_lines(app)
    matches = [line for line in lines if line[4:].startswith(title[:12])]
    assert matches, f"no row of the list shows {title[:12]!r}:\n" + "\n".join(lines[:10])
    return matches[0]


def notifications(app, severity: str | None = None) -> list[str]:
    """The notifications the app has shown (of one severity, if given), as "title: message"."""
    return [
        f"{title}: {message}" if title else message
        for level, title, message in app.notified
        if severity in (None, level)
    ]
