"""How the command line prints feeds and fetch results; every server-given string is sanitised."""

from __future__ import annotations

from datetime import datetime

from ..feeds.refresh import FeedOutcome, RefreshReport
from ..ingest.sanitize import clean_line
from ..models import Feed
from ..store import FeedCounts


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else "never"


def feed_json(feed: Feed, counts: FeedCounts | None) -> dict[str, object]:
    counts = counts or FeedCounts()
    return {
        "id": feed.id,
        "title": feed.title,
        "url": feed.url,
        "site_url": feed.site_url,
        "tags": list(feed.tags),
        "last_fetch": feed.last_fetch.isoformat() if feed.last_fetch else None,
        "last_success": feed.last_success.isoformat() if feed.last_success else None,
        # As the text listing says it: "warn" for a feed read with a warning, not "ok".
        "status": feed.health,
        "fetch_status": feed.status,
        "error": feed.error,
        "warning": feed.warning,
        "articles": counts.articles,
        "unread": counts.unread,
        "full_text": feed.full_text,
    }


def feed_rows(feeds: list[Feed], counts: dict[str, FeedCounts]) -> list[str]:
    lines = []
    for feed in feeds:
        tally = counts.get(feed.id) or FeedCounts()
        tags = " ".join(f"#{t}" for t in feed.tags)
        lines.append(
            f"{feed.id}  {feed.health:<6}  {tally.unread:>5}/{tally.articles:<5}  {_when(feed.last_fetch)}  "
            f"{clean_line(feed.name)[:40]}" + (f"  {clean_line(tags)}" if tags else "")
        )
        lines.append(f"{'':10}{clean_line(feed.url)}")
        if feed.error:
            lines.append(f"{'':10}last error: {clean_line(feed.error)}")
        elif feed.warning:
            lines.append(f"{'':10}warning: {clean_line(feed.warning)}")
    return lines


def outcome_json(outcome: FeedOutcome) -> dict[str, object]:
    return {
        "id": outcome.feed.id,
        "url": outcome.feed.url,
        "title": outcome.feed.name,
        "state": outcome.state,
        "added": list(outcome.added),
        "updated": list(outcome.updated),
        "error": outcome.error,
        "warnings": list(outcome.warnings),
        "seconds": round(outcome.elapsed, 3),
    }


def outcome_line(outcome: FeedOutcome) -> str:
    """One feed's outcome: its name (and id, to act on it) and what happened."""
    name = f"{clean_line(outcome.feed.name)[:50]} [{outcome.feed.id}]"
    if outcome.failed:
        detail = f"{outcome.state}: {clean_line(outcome.error)}"
    elif outcome.state == "updated":
        detail = f"{len(outcome.added)} new, {len(outcome.updated)} changed"
    else:
        detail = outcome.state
    return f"{name}: {detail}"


def summary_line(report: RefreshReport) -> str:
    feeds = len(report.outcomes)
    failed = len(report.failed)
    return (
        f"fetched {feeds} feed{'s' * (feeds != 1)} in {report.elapsed:.1f} s: "
        f"{len(report.added)} new articles, {len(report.updated)} changed"
        + (f", {failed} feed{'s' * (failed != 1)} failed" if failed else "")
    )
