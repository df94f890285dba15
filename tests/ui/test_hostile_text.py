"""Text from feeds is shown as the characters it is: no markup, no escape sequences, no actions."""

from __future__ import annotations

import webbrowser
from datetime import UTC, datetime

import pytest

from reader.models import Block, Body, Comment
from reader.store import Store
from reader.tui.screens.main import MainScreen
from reader.tui.screens.tags import TagEditor

from .conftest import (
    article_list,
    drain,
    highlighted,
    notifications,
    reader_title,
    row_line,
    screen_text,
    settle,
    static_text,
)

HOSTILE = "[bold]x[/red] [@click=app.quit]click\x1b]52;c;aGVsbG8=\x07 \x1b[31mred"
#: What is left once the escape sequences are removed: the markup stays, as plain characters.
SHOWN = "[bold]x[/red] [@click=app.quit]click red"


def add_hostile_article(home, make_draft, **overrides) -> str:
    fields = dict(
        title=HOSTILE,
        outlet="[i]Outlet[/i]\x1b[2J",
        author="[link=https://evil.example]me[/link]",
        published=datetime(2026, 11, 22, tzinfo=UTC),
        body=Body(
            blocks=(Block("paragraph", "Body: " + HOSTILE), Block("heading", "[/]", level=2)),
            comments=(Comment("Comment: " + HOSTILE, author="[b]troll[/b]\x1b]0;title\x07"),),
        ),
    )
    fields.update(overrides)
    return Store.open(home).add_articles([make_draft(1, **fields)]).added[0]


def assert_no_escape_on_screen(app) -> None:
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "&#27;" not in svg and "\x07" not in svg
    text = screen_text(app)
    assert "52;c;" not in text and "aGVsbG8" not in text and "[31m" not in text


async def test_hostile_title_is_shown_literally_and_never_runs(start, home, make_draft):
    article_id = add_hostile_article(home, make_draft)
    async with start() as pilot:
        app = pilot.app
        assert highlighted(app).id == article_id
        row = row_line(app, "[bold]x[/red]")
        assert "[bold]x[/red] [@click=app.quit]" in row
        assert_no_escape_on_screen(app)
        await pilot.press("enter")
        await settle(pilot)
        assert reader_title(app) == SHOWN
        header = static_text(app, "#reader-header")
        assert "[i]Outlet[/i]" in header and "[link=https://evil.example]me[/link]" in header
        body = static_text(app, "#reader-body")
        assert "Body: " + SHOWN in body and "[/]" in body
        assert "\x1b" not in header + body
        await pilot.press("c")
        await settle(pilot)
        comments = static_text(app, "#reader-comments-text")
        assert "Comment: " + SHOWN in comments and "[b]troll[/b]" in comments
        assert "\x1b" not in comments
        assert_no_escape_on_screen(app)
        assert app.is_running


async def test_clicking_the_hostile_row_does_not_quit(start, home, make_draft):
    add_hostile_article(home, make_draft)
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j")
        await settle(pilot)
        line = row_line(app, "[bold]x[/red]")
        column = line.index("click")
        region = article_list(app).region
        # Click on "click" itself, then double-click to open the article.
        assert await pilot.click(offset=(region.x + column, region.y))
        await settle(pilot)
        assert app.is_running
        assert article_list(app).cursor == 0
        assert await pilot.click(offset=(region.x + column, region.y), times=2)
        await settle(pilot)
        assert app.is_running
        assert reader_title(app) == SHOWN
        # Clicking the reader's header (where the title is) does nothing either.
        header = app.screen.query_one("#reader-header")
        assert await pilot.click(header, offset=(2, 0))
        await settle(pilot)
        assert app.is_running
        assert app.return_code is None


async def test_tag_editor_shows_the_hostile_title_literally(start, home, make_draft):
    add_hostile_article(home, make_draft)
    async with start() as pilot:
        app = pilot.app
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagEditor)
        assert "[bold]x[/red]" in screen_text(app)
        assert_no_escape_on_screen(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_tag_that_looks_like_markup_is_saved_without_crashing(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("t", *"[/red]", "enter")
        await drain(pilot)
        await settle(pilot)
        assert app.is_running
        assert "#[/red]" in static_text(app, "#reader-header")
        assert any("#[/red]" in n for n in notifications(app))
        tagged = highlighted(app).id
    assert Store.open(home).state(tagged).tags == ("[/red]",)


@pytest.fixture
def opened_urls(monkeypatch) -> list[str]:
    """Never start a real browser: record what the app asked to open."""
    urls: list[str] = []

    def fake_open(url, *args, **kwargs) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    return urls


async def test_o_opens_http_links_only(start, home, make_draft, opened_urls):
    Store.open(home).add_articles(
        [
            make_draft(
                1, title="Has a web link", url="https://example.com/story", published=datetime(2026, 11, 22, tzinfo=UTC)
            ),
            make_draft(
                2, title="Has a script link", url="javascript:alert(1)", published=datetime(2026, 11, 21, tzinfo=UTC)
            ),
        ]
    )
    async with start() as pilot:
        app = pilot.app
        await pilot.press("o")
        await settle(pilot)
        assert opened_urls == ["https://example.com/story"]
        assert "Opening https://example.com/story" in notifications(app)
        await pilot.press("j", "o")
        await settle(pilot)
        assert opened_urls == ["https://example.com/story"]
        assert any("Not opening javascript:alert(1)" in n for n in notifications(app, "warning"))
        # The seeds have no link, except the Wikipedia entry.
        await pilot.press("j", "j", "o")
        await settle(pilot)
        assert any("has no web link" in n for n in notifications(app, "warning"))
        assert app.is_running


async def test_o_on_a_link_that_looks_like_markup_does_not_crash(start, home, make_draft, opened_urls):
    add_hostile_article(home, make_draft, url="https://example.com/[/red]")
    async with start() as pilot:
        app = pilot.app
        await pilot.press("o")
        await settle(pilot)
        assert app.is_running
        assert "Opening https://example.com/[/red]" in notifications(app)
