"""Opening an article's web link in the user's browser, from a thread of the app."""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit

from textual.app import App
from textual.screen import Screen

from ..ingest.sanitize import clean_line
from .messages import Notice
from .workers import run_in_thread


def open_link(app: App[None], screen: Screen, url: str) -> None:
    """Open ``url`` if it is a web link; ``screen`` says what happens, ``app`` runs the browser."""
    url = clean_line(url)
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        screen.notify("This article has no web link to open." if not url else
                      f"Not opening {url}: only http and https links are opened.", severity="warning", markup=False)
        return
    screen.notify(f"Opening {url}", timeout=4, markup=False)
    # webbrowser runs the browser with an argument list, never through a shell.
    run_in_thread(app, lambda: webbrowser.open(url) or app.post_message(
        Notice(f"No web browser found. The link is: {url}", severity="warning", timeout=10)), group="app.browser")
