"""Feeds in the app: fetching with R and r, the feeds screen, subscribing, removing, edits."""

from __future__ import annotations

import re
import time

from reader.store import Store
from reader.tui.widgets.reader.pane import ReaderPane
from tests.feedserver import Route

from .conftest import (
    article_list,
    drain,
    highlighted,
    notifications,
    screen_text,
    settle,
    static_text,
    titles,
    type_text,
    until,
)


def rss(title: str, items: list[tuple[str, str, str]], link: str = "https://outlet.example/") -> bytes:
    """An RSS 2.0 document; items are (guid, title, html text)."""
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{item_title}</title><link>https://outlet.example/{guid}</link>"
        f"<pubDate>Sun, 22 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[{text}]]></description></item>"
        for guid, item_title, text in items
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title><link>{link}</link>{entries}"
        "</channel></rss>"
    ).encode()


def subscribe(home, *urls: str, titles: tuple[str, ...] = ()) -> list[str]:
    store = Store.open(home)
    return [store.add_feed(url, titles[i] if i < len(titles) else "")[0].id for i, url in enumerate(urls)]


async def fetch_done(pilot, timeout: float = 10.0) -> None:
    """Wait until the fetch the test started has finished and its articles are listed."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause(0.05)
        if (
            any(m.startswith(("Fetched", "The fetch stopped")) for m in notifications(app))
            and not app.services.feeds.running
        ):
            break
    else:
        raise AssertionError(f"the fetch did not finish: {notifications(app)}")
    await pilot.pause(0.4)  # new articles are listed in batches, a quarter of a second apart
    await settle(pilot)


GLOBE = [("g1", "Globe story one", "<p>First globe text.</p>"), ("g2", "Globe story two", "<p>Second globe text.</p>")]
POST = [("p1", "Post story one", "<p>First post text.</p>")]


async def test_R_fetches_every_feed_with_progress_and_keeps_the_cursor(start, home, feed_server):
    feed_server.latency = 0.3
    subscribe(
        home,
        feed_server.route("/globe.xml", body=rss("The Globe", GLOBE)),
        feed_server.route("/post.xml", body=rss("The Post", POST)),
    )
    async with start() as pilot:
        await pilot.press("j", "j")
        before = highlighted(pilot.app).id
        await pilot.press("R")
        # Each feed answers after 0.3 s, so the progress stays up a while; a busy machine may
        # show it late, so it is looked for until it appears (or ten seconds pass).
        deadline = time.monotonic() + 10
        while "fetching" not in pilot.app.screen.sub_title and time.monotonic() < deadline:
            await pilot.pause(0.02)
        assert re.search(r"fetching [01]/2 feeds", pilot.app.screen.sub_title)
        await fetch_done(pilot)
        assert {"Globe story one", "Globe story two", "Post story one"} <= set(titles(pilot.app))
        assert highlighted(pilot.app).id == before
        assert "Fetched 2 feeds: 3 new, 0 changed." in notifications(pilot.app)
        assert "fetching" not in pilot.app.screen.sub_title


async def test_r_fetches_only_the_feed_of_the_article_under_the_cursor(start, home, feed_server):
    globe = feed_server.route("/globe.xml", body=rss("The Globe", GLOBE))
    subscribe(home, globe, feed_server.route("/post.xml", body=rss("The Post", POST)))
    async with start() as pilot:
        await pilot.press("R")
        await fetch_done(pilot)
        pilot.app.notified.clear()
        feed_server.route("/globe.xml", body=rss("The Globe", GLOBE + [("g3", "Globe story three", "<p>New.</p>")]))
        feed_server.route("/post.xml", body=rss("The Post", POST + [("p2", "Post story two", "<p>New.</p>")]))
        article_list(pilot.app).set_cursor(titles(pilot.app).index("Globe story one"))
        posts_before = len(feed_server.requests_to("/post.xml"))
        await pilot.press("r")
        await fetch_done(pilot)
        assert "Globe story three" in titles(pilot.app)
        assert "Post story two" not in titles(pilot.app)
        assert len(feed_server.requests_to("/post.xml")) == posts_before
        assert highlighted(pilot.app).title == "Globe story one"


async def test_the_feeds_screen_shows_status_counts_and_errors(start, home, feed_server):
    subscribe(
        home, feed_server.route("/globe.xml", body=rss("The Globe", GLOBE)), feed_server.route("/down.xml", status=500)
    )
    async with start() as pilot:
        await pilot.press("R")
        await fetch_done(pilot)
        assert any("1 failed (F shows why)" in m for m in notifications(pilot.app, "warning"))
        await pilot.press("F")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "The Globe" in text and "failed" in text
        globe_row = next(line for line in text.splitlines() if "The Globe" in line)
        assert globe_row.split()[0] == "ok" and " 2 " in globe_row
        # Feeds are sorted by name; the failing one has none, so its URL ("http…") sorts first.
        assert "last error: HTTP 500 Internal Server Error" in static_text(pilot.app, "#feed-detail")
        await pilot.press("j")
        assert "last error" not in static_text(pilot.app, "#feed-detail")
        assert "/globe.xml" in static_text(pilot.app, "#feed-detail")


async def test_enter_on_a_feed_lists_only_its_articles_and_escape_lists_all(start, home, feed_server):
    subscribe(
        home,
        feed_server.route("/globe.xml", body=rss("The Globe", GLOBE)),
        feed_server.route("/post.xml", body=rss("The Post", POST)),
    )
    async with start() as pilot:
        await pilot.press("R")
        await fetch_done(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("enter")  # the first feed by name: The Globe
        await settle(pilot)
        assert sorted(titles(pilot.app)) == ["Globe story one", "Globe story two"]
        assert "feed: The Globe" in pilot.app.screen.sub_title and "2 unread" in pilot.app.screen.sub_title
        await pilot.press("escape")
        assert "Post story one" in titles(pilot.app) and len(titles(pilot.app)) == 8


async def ask_to_subscribe(pilot, url: str) -> None:
    """F, a and the URL: wait until the feeds the page advertises are offered."""
    await pilot.press("F", "a")
    await type_text(pilot, url)
    await pilot.press("enter")
    for _ in range(100):
        await pilot.pause(0.05)
        if "Subscribe to which" in screen_text(pilot.app):
            break


async def test_adding_a_web_page_offers_the_feeds_it_advertises(start, home, feed_server):
    feed_server.route("/globe.xml", body=rss("The Globe", GLOBE))
    feed_server.route("/post.xml", body=rss("The Post", POST))
    page = (
        b"""<html><head><title>Site</title>
        <link rel="alternate" type="application/rss+xml" title="Globe news" href="/globe.xml">
        <link rel="alternate" type="application/rss+xml" title="Post news" href="/post.xml">"""
        b"</head><body></body></html>"
    )
    page_url = feed_server.route("/index.html", body=page, headers={"Content-Type": "text/html"})
    async with start() as pilot:
        await ask_to_subscribe(pilot, page_url)
        text = screen_text(pilot.app)
        assert "Globe news" in text and "Post news" in text
        await pilot.press("down", "enter")
        await fetch_done(pilot)
        store = pilot.app.services.store
        assert [f.url for f in store.feeds()] == [feed_server.url("/post.xml")]
        assert any("Subscribed to Post news" in m or "Subscribed to" in m for m in notifications(pilot.app))
        await pilot.press("escape")
        assert "Post story one" in titles(pilot.app) and "Globe story one" not in titles(pilot.app)
        # Asked again, the page's feeds say which one is subscribed already.
        await ask_to_subscribe(pilot, page_url)
        lines = [line for line in screen_text(pilot.app).splitlines() if "news —" in line]
        assert [("subscribed already" in line) for line in lines] == [False, True], lines


async def test_a_feed_a_page_advertises_that_answers_404_is_not_subscribed_to(start, home, feed_server):
    feed_server.route("/globe.xml", body=rss("The Globe", GLOBE))
    page = (
        b"""<html><head><title>Site</title>
        <link rel="alternate" type="application/rss+xml" title="Gone news" href="/gone.xml">
        <link rel="alternate" type="application/rss+xml" title="Globe news" href="/globe.xml">"""
        b"</head><body></body></html>"
    )
    page_url = feed_server.route("/index.html", body=page, headers={"Content-Type": "text/html"})
    async with start() as pilot:
        app = pilot.app
        await ask_to_subscribe(pilot, page_url)
        await pilot.press("enter")  # the first: the one that is gone
        await until(pilot, lambda: "Subscribe anyway?" in screen_text(app))
        assert "404" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        await drain(pilot)
        assert app.services.store.feeds() == []


async def test_a_url_that_is_not_a_web_address_is_refused(start, home):
    async with start() as pilot:
        await pilot.press("F", "a")
        await type_text(pilot, "javascript:alert(1)")
        await pilot.press("enter")
        await settle(pilot)
        assert any("http" in m for m in notifications(pilot.app, "error"))
        assert pilot.app.services.store.feeds() == []


async def test_removing_a_feed_asks_first_and_keeps_starred_articles(start, home, feed_server):
    subscribe(home, feed_server.route("/globe.xml", body=rss("The Globe", GLOBE)))
    async with start() as pilot:
        await pilot.press("R")
        await fetch_done(pilot)
        article_list(pilot.app).set_cursor(titles(pilot.app).index("Globe story two"))
        await pilot.press("s")
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert "Unsubscribe from The Globe?" in screen_text(pilot.app)
        await pilot.press("n")
        await settle(pilot)
        assert len(pilot.app.services.store.feeds()) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        await settle(pilot)
        assert pilot.app.services.store.feeds() == []
        assert any("1 article removed; kept 1" in m for m in notifications(pilot.app))
        await pilot.press("escape")
        for _ in range(40):
            await pilot.pause(0.05)
            if "Globe story one" not in titles(pilot.app):
                break
        assert "Globe story one" not in titles(pilot.app)
        assert "Globe story two" in titles(pilot.app)


async def test_an_edited_article_is_marked_and_D_shows_what_changed(start, home, feed_server):
    subscribe(home, feed_server.route("/globe.xml", body=rss("The Globe", GLOBE)))
    async with start() as pilot:
        await pilot.press("R")
        await fetch_done(pilot)
        edited = [("g1", "Globe story one", "<p>First globe text, corrected by the desk.</p>")] + GLOBE[1:]
        feed_server.route("/globe.xml", body=rss("The Globe", edited))
        pilot.app.notified.clear()
        await pilot.press("R")
        await fetch_done(pilot)
        assert "Fetched 1 feed: 0 new, 1 changed." in notifications(pilot.app)
        row = next(line for line in screen_text(pilot.app).splitlines() if "Globe story one" in line)
        assert "✎ Globe story one" in row
        article_list(pilot.app).set_cursor(titles(pilot.app).index("Globe story one"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        body = static_text(pilot.app, "#reader-body")
        assert body.startswith("Edited once since first fetched")
        assert "added 5 words and removed 1" in body
        assert "First globe text.text, corrected by the desk." in body  # "text." struck, then what replaced it
        assert pilot.app.screen.query_one(ReaderPane).showing_changes
        await pilot.press("D")
        assert static_text(pilot.app, "#reader-body").startswith("First globe text, corrected by the desk.")


async def test_quitting_stops_a_fetch_at_once(start, home, feed_server):
    subscribe(home, feed_server.route("/silent.xml", Route(silent=True)))
    async with start() as pilot:
        await pilot.press("R")
        for _ in range(40):
            await pilot.pause(0.05)
            if pilot.app.services.feeds.running:
                break
        assert pilot.app.services.feeds.running
        started = time.monotonic()
        await pilot.press("ctrl+q")
        while pilot.app.services.feeds.running and time.monotonic() - started < 10:
            await pilot.pause(0.05)
        assert not pilot.app.services.feeds.running, "the fetch was still waiting on its 30 s deadline"


HOSTILE = [(
    "h1",
    "[bold]x[/red] \x1b]52;c;aGk=\x07Boom \u202eevil [@click=app.quit]",
    "<p>Text [@click=app.quit] <a href='javascript:alert(1)'>click</a></p>",
)]


async def test_hostile_feed_text_is_shown_literally_and_never_acts(start, home, feed_server):
    subscribe(home, feed_server.route("/evil.xml", body=rss("Evil [@click=app.quit] \x1b[31mNews", HOSTILE)))
    async with start() as pilot:
        await pilot.press("R")
        await fetch_done(pilot)
        title = next(t for t in titles(pilot.app) if "Boom" in t)
        assert title == "[bold]x[/red] Boom evil [@click=app.quit]"
        article_list(pilot.app).set_cursor(titles(pilot.app).index(title))
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "[bold]x[/red] Boom evil" in text and "Evil [@click=app.quit] News" in text
        assert "\x1b" not in pilot.app.export_screenshot()
        body = static_text(pilot.app, "#reader-body")
        assert body.startswith("Text [@click=app.quit] click") and "javascript" not in body
        await pilot.click("#reader-body")
        await pilot.press("F")
        await settle(pilot)
        assert "Evil [@click=app.quit] News" in screen_text(pilot.app)
        assert pilot.app.is_running


async def test_the_auto_refresh_interval_fetches_without_a_key(start, home, feed_server):
    subscribe(home, feed_server.route("/globe.xml", body=rss("The Globe", GLOBE)))
    async with start(refresh_seconds=0.3) as pilot:
        deadline = time.monotonic() + 5
        while "Globe story one" not in titles(pilot.app) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert "Globe story one" in titles(pilot.app)
        # Quiet: an automatic fetch that found something says so; one that found nothing would not.
        assert any(m.startswith("Fetched 1 feed: 2 new") for m in notifications(pilot.app))


async def test_without_an_interval_nothing_is_fetched_by_itself(start, home, feed_server):
    subscribe(home, feed_server.route("/globe.xml", body=rss("The Globe", GLOBE)))
    async with start() as pilot:
        await pilot.pause(1.0)
        assert feed_server.requests_to("/globe.xml") == []


async def test_a_big_feed_is_parsed_in_worker_processes_from_inside_the_app(start, home, feed_server):
    # Textual replaces stderr with an object without a file descriptor, which starting worker
    # processes used to trip over: a feed too big to parse in a thread must still arrive.
    items = [(f"b{n}", f"Big story {n}", "<p>" + "A long paragraph of news. " * 40 + "</p>") for n in range(30)]
    subscribe(home, feed_server.route("/big.xml", body=rss("The Big Paper", items)))
    async with start() as pilot:
        await pilot.press("R")
        await fetch_done(pilot, timeout=30)
        assert "Fetched 1 feed: 30 new, 0 changed." in notifications(pilot.app)
        assert "Big story 29" in titles(pilot.app)


async def test_e_renames_a_feed_starting_from_its_name(start, home, feed_server):
    from textual.widgets import Input

    from reader.tui.screens.dialogs import Prompt

    [feed_id] = subscribe(home, feed_server.route("/globe.xml", body=rss("The Globe", GLOBE)), titles=("The Globe",))
    async with start() as pilot:
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, Prompt) and prompt.query_one(Input).value == "The Globe"
        prompt.query_one(Input).value = ""
        await type_text(pilot, "Morning Globe")
        await pilot.press("enter")
        await drain(pilot)  # the rename is written by the writer thread, then the list reloads
        await until(pilot, lambda: "Morning Globe" in screen_text(pilot.app), 30)
        assert "Morning Globe" in screen_text(pilot.app)
    assert Store.open(home).feed(feed_id).title == "Morning Globe"
