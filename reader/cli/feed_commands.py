"""The feed commands: subscribe, unsubscribe, list, import, export, and fetch."""

from __future__ import annotations

import asyncio
import sys
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BroadsheetError
from ..ingest.sanitize import clean_line
from ..store import Store
from ..text import counted
from . import exits
from .feed_output import feed_json, feed_rows, outcome_json, outcome_line, summary_line
from .output import print_json
from .progress import progress

# Each command imports what only it needs: `fetch` runs from cron every few minutes, and the
# probing, OPML and subscription-file readers would add to every run's start-up.
if TYPE_CHECKING:
    from ..feeds.probe import Probe
    from ..feeds.refresh import FeedOutcome


class FeedCommandError(BroadsheetError):
    """A feed command cannot go on; the message says what to do instead."""


def add(store: Store, args: Namespace) -> int:
    from ..feeds.probe import probe_url
    from ..feeds.subscriptions import normalise_feed_url

    url = normalise_feed_url(args.url)
    title = args.title or ""
    found_title = ""
    if not args.no_check:
        probe = asyncio.run(probe_url(url))
        advertised = ""
        if probe.kind == "page":
            url, advertised = _choose(probe, args.yes)
            # A page may advertise a feed that is gone: the one chosen is checked as well.
            probe = asyncio.run(probe_url(url))
        if probe.kind == "failed":
            if not args.force:
                raise FeedCommandError(f"{url}: {probe.error} (--force subscribes anyway)")
            print(f"warning: {clean_line(probe.error)}; subscribed anyway", file=sys.stderr)
        elif probe.kind == "feed":
            url, found_title = probe.url, advertised or probe.title
    # The name found is the feed's own, not the user's: the feed's later renames still show.
    feed, created = store.add_feed(url, title, args.tag or (), feed_title=found_title)
    if created:
        print(f"subscribed to {clean_line(feed.title or found_title or feed.url)} [{feed.id}] {clean_line(feed.url)}")
    else:
        print(f"already subscribed: {clean_line(feed.name)} [{feed.id}]")
    return 0


def _choose(probe: Probe, assume_yes: bool) -> tuple[str, str]:
    """Ask which advertised feed to subscribe to; only a person at a terminal can answer."""
    candidates = probe.candidates
    print(f"{clean_line(probe.url)} is a web page; it advertises:")
    for number, found in enumerate(candidates, 1):
        print(f"  {number}. {clean_line(found.title) or '(untitled)'}  {clean_line(found.url)}")
    if assume_yes:
        return candidates[0].url, candidates[0].title
    if not sys.stdin.isatty():
        raise FeedCommandError("not subscribed: pass --yes to take the first feed, or give a feed's URL")
    answer = input(f"Subscribe to which? [1-{len(candidates)}, Enter for 1, n to cancel] ").strip().lower()
    if answer in ("n", "no", "q"):
        raise FeedCommandError("not subscribed")
    choice = int(answer) if answer.isdigit() else 1
    if not 1 <= choice <= len(candidates):
        raise FeedCommandError(f"no choice {answer!r}; not subscribed")
    return candidates[choice - 1].url, candidates[choice - 1].title


def remove(store: Store, args: Namespace) -> int:
    removal = store.remove_feed(args.feed)
    kept = f", {removal.kept} kept (starred, tagged or annotated)" if removal.kept else ""
    print(f"unsubscribed from {clean_line(removal.feed.name)}: {counted(removal.removed, 'article')} removed{kept}")
    return 0


def rename(store: Store, args: Namespace) -> int:
    feed = store.rename_feed(args.feed, args.title)
    print(f"{feed.id} is now called {clean_line(feed.name)}")
    return 0


def list_feeds(store: Store, args: Namespace) -> int:
    feeds = store.feeds()
    counts = store.feed_counts()
    if args.json:
        print_json([feed_json(feed, counts.get(feed.id)) for feed in feeds])
    elif not feeds:
        print("no feeds yet: `broadsheet feeds add URL` or `broadsheet feeds import FILE`")
    else:
        for line in feed_rows(feeds, counts):
            print(line)
    return 0


def import_file(store: Store, args: Namespace) -> int:
    from ..feeds.urls_file import read_subscription_file

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FeedCommandError(f"{path}: {error.strerror or error}") from error
    result = read_subscription_file(data, path.name)
    subscribed = store.add_feeds((s.url, s.title, s.tags) for s in result.subscriptions)
    added = sum(created for _, created in subscribed)
    for entry, reason in result.skipped:
        print(f"skipped {clean_line(entry)[:120]}: {clean_line(reason)}", file=sys.stderr)
    known = len(result.subscriptions) - added
    print(
        f"imported {counted(added, 'feed')}"
        + (f", {known} already subscribed" if known else "")
        + (f", {len(result.skipped)} skipped" if result.skipped else "")
    )
    return 0


def export_file(store: Store, args: Namespace) -> int:
    from ..feeds.opml import write_opml
    from ..feeds.subscriptions import Subscription
    from ..store.files import write_atomically

    subscriptions = [Subscription(url=f.url, title=f.title, tags=f.tags, site_url=f.site_url) for f in store.feeds()]
    document = write_opml(subscriptions)
    if args.file and args.file != "-":
        write_atomically(Path(args.file), document.encode())
        print(f"exported {len(subscriptions)} feeds to {args.file}", file=sys.stderr)
    else:
        sys.stdout.write(document)
    return 0


def fetch(store: Store, args: Namespace) -> int:
    from ..feeds.http_types import FetchLimits
    from ..feeds.pool import ParserPool
    from ..feeds.refresh import refresh_feeds

    feeds = [store.feed(ref) for ref in args.feed] if args.feed else store.feeds()
    if not feeds:
        print("no feeds to fetch: `broadsheet feeds add URL` first", file=sys.stderr)
        return 0
    limits = FetchLimits(
        concurrency=args.concurrency,
        per_host=args.per_host,
        connect_timeout=min(10.0, args.timeout),
        deadline=args.timeout,
    )

    # Grouping the new articles into stories is left to a process of its own (place_detached):
    # it took longer than the downloads, and nothing in a fetch's output depends on it.
    pool = ParserPool()
    with progress("fetching feeds", quiet=args.quiet) as bar:

        def tell(outcome: FeedOutcome, done: int, total: int) -> None:
            # Only failures get a line: cron mails what it sees, and 2,000 "unchanged" lines say nothing.
            if outcome.failed:
                bar.log(f"broadsheet: {outcome_line(outcome)}")
            bar.update(done, total)

        try:
            report = asyncio.run(refresh_feeds(store, feeds, limits, progress=tell, pool=pool))
        finally:
            pool.close()
    if report.added or report.updated:
        from .fulltext_commands import follow_up

        follow_up(store, report.added + report.updated, args)
    if report.added:
        # The detached placer is started without loading the stories' code (NumPy and the
        # grouping: a fifth of a second the fetch's own process would spend for nothing);
        # only when no process can be started is it loaded, to place here.
        from ..stories.detached import place_detached

        if place_detached(store.home) is None:
            from .story_commands import place_new

            place_new(store)
    if args.json:
        print_json({"feeds": [outcome_json(o) for o in report.outcomes], "elapsed": round(report.elapsed, 3),
                    "added": len(report.added), "updated": len(report.updated), "failed": len(report.failed)})
    else:
        print(summary_line(report))
    return exits.FEEDS_FAILED if report.failed else exits.OK
