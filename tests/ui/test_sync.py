"""Sync in the app: at start and on a timer in the background, Y now, the header and the feeds
screen saying how it went; against an in-process server (tests/syncfake.py), never a real one."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from reader.store import Store
from reader.sync.service import PASSWORD_VARIABLE
from reader.tui.background.syncing import SyncStatus
from reader.tui.screens.feeds import FeedsScreen
from tests.syncfake import ACCOUNT, PASSWORD, FakeServer, remote, set_up_account

from .conftest import (
    CARACAS_CHRONICLES,
    SEED_TITLES,
    drain,
    highlighted,
    notifications,
    row_line,
    settle,
    static_text,
)

#: The seeds' GUIDs (their file names), as the server knows the same articles.
CARACAS_GUID = "003_d051598ad899e213.txt"
LEDEZMA_GUID = "004_8a0888072ac06a8b.txt"  # the first row, open in the reader at start


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def with_password(monkeypatch):
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)


async def synced(pilot) -> None:
    """Wait for the sync under way to be reported, and for the library read again after it."""
    app = pilot.app
    await settle(pilot)
    while app.syncing.running:
        await pilot.pause()
        await settle(pilot)
    await settle(pilot)


def header(app) -> str:
    return app.main.sub_title


def sync_notices(app) -> list[str]:
    return [n for n in notifications(app) if n.startswith("Sync:")]


async def test_the_sync_at_start_shows_the_servers_marks_in_the_list_and_the_open_article(
        start, home, server, with_password):
    set_up_account(home)
    server.add(remote("1", CARACAS_GUID, read=True), remote("2", LEDEZMA_GUID, starred=True, labels=("Venezuela",)))
    async with start(sync_connect=server.connect) as pilot:
        app = pilot.app
        await synced(pilot)
        assert server.logins == 1
        assert row_line(app, CARACAS_CHRONICLES)[1] != "●"  # read now
        assert highlighted(app).title == SEED_TITLES[0]
        assert "★" in row_line(app, SEED_TITLES[0])
        assert "★ starred" in static_text(app, "#reader-header") and "#venezuela" in static_text(app, "#reader-header")
        assert "synced 00:00" in header(app)
        assert sync_notices(app) == []  # a sync that went well says so in the header only
        opened = highlighted(app).id
    assert Store.open(home).state(opened).tags == ("venezuela",)


async def test_Y_syncs_now_both_ways_and_says_what_it_did(start, home, server, with_password):
    set_up_account(home)
    server.add(remote("1", CARACAS_GUID), remote("2", LEDEZMA_GUID))
    async with start(sync_connect=server.connect, sync_seconds=0) as pilot:
        app = pilot.app
        await synced(pilot)
        assert row_line(app, CARACAS_CHRONICLES)[1] == "●"
        server.mark("1", read=True)  # read on another machine
        await pilot.press("s")  # starred here, on the first row
        await drain(pilot)
        await pilot.press("Y")
        await synced(pilot)
        assert row_line(app, CARACAS_CHRONICLES)[1] != "●"
        assert server.articles["2"].marks.starred
        assert server.logins == 2
        assert sync_notices(app) == ["Sync: Synced 2 articles: 1 change taken, 1 sent, 0 added."]


async def test_the_header_says_syncing_while_it_syncs_then_when_it_synced(start, home, server, with_password):
    set_up_account(home)
    gate = threading.Event()
    login = server.connect

    def held(account, password):
        provider = login(account, password)
        original = provider.login

        def wait_then_login() -> None:
            gate.wait(10)
            original()

        provider.login = wait_then_login  # type: ignore[method-assign]
        return provider

    gate.set()  # the sync at start goes through; the test holds the next one
    async with start(sync_connect=held, sync_seconds=0) as pilot:
        app = pilot.app
        await synced(pilot)
        gate.clear()
        await pilot.press("Y")
        while not app.sync_state.running:  # the worker has said it started, and waits at the gate
            await pilot.pause()
        assert "syncing…" in header(app)
        gate.set()
        await synced(pilot)
        assert "syncing…" not in header(app) and "synced 00:00" in header(app)


async def test_a_server_that_is_down_is_said_once_and_the_app_goes_on(start, home, server, with_password):
    set_up_account(home)
    server.add(remote("1", CARACAS_GUID))
    server.go_down()
    async with start(sync_connect=server.connect) as pilot:
        app = pilot.app
        await synced(pilot)
        assert "sync failed (F)" in header(app)
        assert sync_notices(app) == ["Sync: The sync failed: rss.example.org did not answer in 15 s. The app goes on; "
                                     "your changes are kept for the next sync."]
        assert app.syncing.sync(asked=False) == ""  # the timer's next sync: failing the same way, unsaid
        await synced(pilot)
        assert len(sync_notices(app)) == 1
        await pilot.press("j", "s")  # the app works on
        await drain(pilot)
        assert "★" in row_line(app, highlighted(app).title)
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        account = static_text(app, "#sync-account")
        assert "reader at https://rss.example.org/ (ttrss)" in account
        assert "last error: rss.example.org did not answer in 15 s" in account
        server.failure = None  # back up: Y, from the feeds screen too
        await pilot.press("Y")
        await synced(pilot)
        account = static_text(app, "#sync-account")
        assert "last error" not in account and "last sync 23 Nov 00:00" in account
        assert "synced 00:00" in header(app)
        assert server.articles["1"].marks.starred is False and server.logins == 1


async def test_a_wrong_password_is_said_once(start, home, server, monkeypatch):
    set_up_account(home)
    monkeypatch.setenv(PASSWORD_VARIABLE, "wrong")
    async with start(sync_connect=server.connect) as pilot:
        app = pilot.app
        await synced(pilot)
        app.syncing.sync(asked=False)
        await synced(pilot)
        assert sync_notices(app) == ["Sync: The sync failed: the server refused the user name or password. "
                                     "The app goes on; your changes are kept for the next sync."]
        assert "sync failed (F)" in header(app)


async def test_without_a_password_it_says_how_to_give_one_and_tries_nothing(start, home, server, monkeypatch):
    set_up_account(home)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    async with start(sync_connect=server.connect) as pilot:
        app = pilot.app
        await synced(pilot)
        app.syncing.sync(asked=False)
        await synced(pilot)
        [notice] = sync_notices(app)
        assert f"${PASSWORD_VARIABLE}" in notice and "keyring" in notice
        assert "not synced: no password (F)" in header(app)
        await pilot.press("F")
        await settle(pilot)
        assert f"not syncing: no password for reader at https://rss.example.org/. Start broadsheet with " \
               f"${PASSWORD_VARIABLE} set" in static_text(app, "#sync-account")
        assert "not synced: no password (F)" in header(app)
        assert server.logins == 0


async def test_without_an_account_nothing_syncs_and_nothing_is_said(start, server, with_password):
    async with start(sync_connect=server.connect) as pilot:
        app = pilot.app
        await synced(pilot)
        assert server.logins == 0 and sync_notices(app) == [] and "sync" not in header(app)
        await pilot.press("F")
        await settle(pilot)
        assert not app.screen.query_one("#sync-account").display
        await pilot.press("Y")  # asked for, it says why not
        await synced(pilot)
        assert sync_notices(app) == ["Sync: Not synced: no sync account is set up: "
                                     "`broadsheet sync add ttrss|greader URL --user NAME`."]
        assert server.logins == 0


def test_the_header_part_of_each_state():
    assert SyncStatus().header == ""
    assert SyncStatus(ACCOUNT, running=True).header == "syncing…"
    assert SyncStatus(ACCOUNT, last_sync=datetime(2026, 11, 23, 14, 5, tzinfo=UTC)).header == "synced 14:05"
    assert SyncStatus(ACCOUNT, last_error="down").header == "sync failed (F)"
    assert SyncStatus(ACCOUNT, no_password=True, last_error="no password").header == "not synced: no password (F)"
