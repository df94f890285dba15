"""What the feeds screen shows of a feed: its row in the table and the lines under it."""

from __future__ import annotations

from rich.text import Text

from ....ingest.sanitize import clean_line
from ....models import Feed
from ....store import FeedCounts

FULL_TEXT_HELP = {"ask": "X fetches an article's whole text", "always": "every new item's page is fetched",
                  "never": "only the feed's text"}
_STATUS_STYLES = {"ok": "green", "warn": "yellow", "failed": "bold red", "gone": "dim red", "new": "yellow"}
COLUMNS = ("Status", "Feed", "Unread", "Articles", "Last fetch", "Tags")


def feed_row(feed: Feed, counts: FeedCounts) -> tuple[Text, ...]:
    """The cells of the feed's row, under COLUMNS."""
    when = f"{feed.last_fetch.astimezone():%d %b %H:%M}" if feed.last_fetch else "never"
    return (
        Text(feed.health, style=_STATUS_STYLES.get(feed.health, "")),
        Text(clean_line(feed.name)[:60]),
        Text(f"{counts.unread:,}", style="bold" if counts.unread else "dim"),
        Text(f"{counts.articles:,}"),
        Text(when),
        Text(clean_line(" ".join(f"#{t}" for t in feed.tags))),
    )


def feed_detail(feed: Feed | None) -> Text:
    """The highlighted feed's address, site, last error or warning and settings."""
    detail = Text()
    if feed is not None:
        detail.append(clean_line(feed.url) + "\n", style="underline")
        if feed.site_url:
            detail.append(f"site: {clean_line(feed.site_url)}\n", style="dim")
        if feed.error:
            detail.append(f"last error: {clean_line(feed.error)}\n", style="red")
        elif feed.warning:
            detail.append(f"warning: {clean_line(feed.warning)}\n", style="yellow")
        if feed.status == "gone":
            detail.append("The server says this feed is gone for good; it is no longer fetched.\n", style="italic")
        if feed.full_text != "ask":  # the default goes unsaid, as on every feed until changed
            detail.append(f"full text: {feed.full_text} ({FULL_TEXT_HELP[feed.full_text]}; x changes it)\n",
                          style="dim")
        if feed.last_success:
            detail.append(f"last new content: {feed.last_success.astimezone():%d %b %Y %H:%M}", style="dim")
    return detail
