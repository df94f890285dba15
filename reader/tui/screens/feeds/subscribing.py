"""Subscribing from the feeds screen: the address typed is checked (a feed, a web page that
advertises feeds, or neither), then the feed is added and fetched."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from ....feeds.errors import FeedError
from ....feeds.probe import Probe, probe_url
from ....feeds.subscriptions import normalise_feed_url
from ....ingest.sanitize import clean_line
from ...workers import run_in_thread
from ..dialogs import Choose, Confirm, Prompt

if TYPE_CHECKING:
    from ...app import BroadsheetApp
    from . import FeedsScreen


class Subscribing:
    def __init__(self, app: BroadsheetApp, screen: FeedsScreen) -> None:
        self._app = app
        self._screen = screen

    def start(self) -> None:
        """Ask for an address."""
        if not self._app.check_writable(self._screen):
            return
        prompt = Prompt("Subscribe to a feed", placeholder="https://… — a feed, or a web page that advertises one")
        self._app.push_screen(prompt, self._check_url)

    def _check_url(self, text: str | None) -> None:
        if not text:
            return
        try:
            url = normalise_feed_url(text)
        except (FeedError, ValueError) as error:
            self._screen.notify(str(error), severity="error", markup=False)
            return
        self._screen.notify(f"Checking {url}…", timeout=3, markup=False)
        self.probe(url)

    def probe(self, url: str) -> None:
        screen = self._screen
        run_in_thread(screen, lambda: screen.post_message(screen.Probed(asyncio.run(probe_url(url)))),
                      group="feeds.probe", exclusive=True)

    def probed(self, probe: Probe) -> None:
        """What the address turned out to be: subscribe, choose among a page's feeds, or ask."""
        if probe.kind == "feed":
            self._subscribe(probe.url, "")
        elif probe.kind == "page":
            subscribed = {_comparable(f.url) for f in self._screen.feeds}
            choices = [f"{clean_line(c.title) or '(untitled)'} — {clean_line(c.url)}"
                       + ("  (subscribed already)" if _comparable(c.url) in subscribed else "")
                       for c in probe.candidates]

            def chosen(index: int | None) -> None:
                # A page may advertise a feed that is gone: it is checked as a URL typed in would
                # be (and as the command line does), so a dead one is refused, not left as a row.
                if index is not None:
                    self._check_url(probe.candidates[index].url)

            self._app.push_screen(
                Choose(f"{clean_line(probe.url)} is a web page. Subscribe to which of its feeds?", choices), chosen
            )
        else:
            question = f"{clean_line(probe.url)}: {clean_line(probe.error)}.\n\nSubscribe anyway?"

            def answered(yes: bool | None) -> None:
                if yes:
                    self._subscribe(probe.url, "")

            self._app.push_screen(Confirm(question, yes="Subscribe", no="Cancel"), answered)

    def _subscribe(self, url: str, title: str) -> None:
        screen = self._screen

        def done(result) -> None:
            feed, created = result
            if created:
                screen.notify(f"Subscribed to {clean_line(feed.name)}; fetching it now.", markup=False)
                self._app.refresh_feeds([feed.id])
            else:
                screen.notify(f"Already subscribed to {clean_line(feed.name)}.", markup=False)
            screen.load_feeds()

        self._app.writes.submit(
            lambda store: store.add_feed(url, title),
            on_done=done,
            on_error=lambda e: screen.notify(f"Not subscribed: {e}", severity="error", markup=False),
        )


def _comparable(url: str) -> str:
    """A feed's address as two spellings of it compare: no scheme, "www." or trailing slash."""
    rest = url.strip().split("://", 1)[-1].lower()
    return rest.removeprefix("www.").rstrip("/")
