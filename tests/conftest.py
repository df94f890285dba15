"""Fixtures shared by every test: an isolated home for each test and article drafts to store."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.models import ArticleDraft, Block, Body, Comment

#: The checkout, so child processes (`python -m reader`, helper scripts) import this code.
PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Drafts are spread 17 days apart back from here, so a few of them span several months (shards).
BASE_DATE = datetime(2024, 3, 28, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every location the app could touch at tmp_path, so no test sees the real home."""
    user_home = tmp_path / "user-home"
    for name, folder in {
        "HOME": user_home,
        "XDG_DATA_HOME": user_home / ".local" / "share",
        "XDG_CONFIG_HOME": user_home / ".config",
        "XDG_CACHE_HOME": user_home / ".cache",
        "XDG_STATE_HOME": user_home / ".local" / "state",
        "XDG_RUNTIME_DIR": user_home / "run",
    }.items():
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path / "library"))
    monkeypatch.setenv("BROADSHEET_CONFIG", str(tmp_path / "config.toml"))
    pythonpath = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(PROJECT_ROOT), pythonpath])))


@pytest.fixture(autouse=True)
def feeds_read_both_ways(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the feed tests, every document the fast XML reading takes is read by feedparser too, and
    the two must agree (tests/plainkit.py)."""
    if request.module.__name__.rsplit(".", 1)[-1].startswith(("test_feeds_", "test_cli_feeds")):
        from tests.plainkit import check_both_readings

        check_both_readings(monkeypatch)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The library folder; the same one $BROADSHEET_HOME names, and not created yet."""
    return tmp_path / "library"


def draft(i: int, **overrides) -> ArticleDraft:
    """The i-th of a family of distinct articles, each published 17 days and 1 hour before the last."""
    fields = dict(
        source="feed:example",
        guid=f"guid-{i}",
        title=f"Article number {i}",
        body=Body(
            blocks=(
                Block("heading", f"Heading {i}", level=2),
                Block("paragraph", f"Paragraph one of article {i}, citing a source [1]."),
                Block("paragraph", f"Paragraph two of article {i}."),
            ),
            links=(f"https://source.example/{i}",),
            comments=(Comment(f"A comment on article {i}", author="reader"),),
        ),
        outlet="The Example Times",
        outlet_url="https://example.com",
        author=f"Writer {i}",
        url=f"https://example.com/articles/{i}",
        published=BASE_DATE - timedelta(days=17 * i, hours=i),
        kind="news report",
    )
    fields.update(overrides)
    return ArticleDraft(**fields)


@pytest.fixture
def make_draft():
    """``make_draft(i, **overrides)``: an ArticleDraft; higher ``i`` means published earlier."""
    return draft


@pytest.fixture
def feed_server():
    """A started FeedServer (tests/feedserver.py) on 127.0.0.1: ``feed_server.route("/feed", body=...)``."""
    from tests.feedserver import FeedServer

    with FeedServer() as server:
        yield server


@pytest.fixture(scope="session")
def ttrss_server():
    """A real Tiny Tiny RSS on loopback (.ci/ttrss.sh); the test skips with the reason if there is none."""
    from tests.ttrsskit import start_server

    return start_server()


@pytest.fixture
def ttrss_account(ttrss_server):
    """A fresh account on it, with the API switched on and one feed."""
    return ttrss_server.new_account()
