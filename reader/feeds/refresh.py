"""A fetch run: download feeds concurrently, parse on every core, store each feed's items.

Three stages overlap. Downloads run on an asyncio loop; each downloaded feed goes to the
parser pool; parsed feeds queue for a single writer, which stores whatever has piled up
in one locked write (one batch per feed, several feeds per write), so a slow disk or a
big feed never holds up the downloads. Nothing a server sends can remove anything: a
failed feed only has its status changed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from ..models import Feed, utc_now
from ..store import FeedUpdate, Store
from .http import DEFAULT_LIMITS, FetchLimits, FetchRequest, FetchResult, fetch_many
from .items import split_items
from .outcomes import FeedOutcome, Progress, RefreshReport
from .parsed import MALFORMED, ParseJob, malformed_warning
from .pool import ParserPool

__all__ = ["FeedOutcome", "Progress", "RefreshReport", "linger_after", "refresh_feeds"]


#: Seconds between two writes of parsed feeds, for them to pile up into one write.
LINGER = 0.5
#: Each write rewrites the months it touches and the index, so on a big first fetch the writes
#: grow with what is stored: the pause after one is this many times as long as it took (up to
#: MAX_LINGER), which keeps writing to about a quarter of the run rather than a growing share.
LINGER_PER_WRITE = 3.0
MAX_LINGER = 2.0
#: Feeds downloaded but not yet parsed, at most. Downloads outrun the parsers on a big first
#: fetch: unbounded, the whole of 2,000 feeds' responses (450 MB) waited in memory for them.
BACKLOG = 64


async def refresh_feeds(
    store: Store,
    feeds: list[Feed],
    limits: FetchLimits = DEFAULT_LIMITS,
    *,
    progress: Progress | None = None,
    pool: ParserPool | None = None,
) -> RefreshReport:
    """Fetch ``feeds`` (gone ones are skipped) and store what they bring.

    ``progress(outcome, done, total)`` is called on the loop as each feed finishes.
    Cancelling the task stops downloads at once; feeds already parsed are still stored.
    """
    started = time.perf_counter()
    # Each feed once, however often it was named (`fetch --feed ID --feed URL`).
    feeds = list({f.id: f for f in feeds if f.polled}.values())
    run = _Run(store, {f.id: f for f in feeds}, progress, pool or ParserPool())
    # A feed never fetched brings all its items: there will be parsing to do, and the parser
    # processes can start while the first requests are under way.
    run.pool.begin(warm=any(f.last_success is None for f in feeds))
    requests = [FetchRequest(url=f.url, key=f.id, etag=f.etag, last_modified=f.last_modified) for f in feeds]
    writer = asyncio.create_task(run.write_loop())
    backlog = asyncio.Semaphore(BACKLOG)
    try:
        async with asyncio.TaskGroup() as parsing:
            async for result in fetch_many(requests, limits, backlog=backlog):
                parsing.create_task(run.handle(result, backlog))
    except asyncio.CancelledError:
        run.report.cancelled = True
    finally:
        await run.queue.put(None)
        # Shielded, and waited for through any further cancel: what was parsed is written
        # before the run returns, even while it is being cancelled (again).
        while not writer.done():
            try:
                await asyncio.shield(writer)
            except asyncio.CancelledError:
                run.report.cancelled = True
        if pool is None:
            run.pool.close()
    run.report.elapsed = time.perf_counter() - started
    if run.report.cancelled:
        raise asyncio.CancelledError
    return run.report


class _Run:
    def __init__(self, store: Store, feeds: dict[str, Feed], progress: Progress | None, pool: ParserPool) -> None:
        self.store = store
        self.feeds = feeds
        self.progress = progress
        self.pool = pool
        self.report = RefreshReport()
        self.queue: asyncio.Queue[tuple[FeedUpdate, FeedOutcome] | None] = asyncio.Queue()
        # Read now, before the writer starts: asking the store from the loop later would wait
        # for its lock while a write is under way, and hold up every download meanwhile.
        self.known = {feed_id: store.feed_item_digests(feed_id) for feed_id in feeds}
        self.user_titles = {feed_id: store.feed_user_title(feed_id) for feed_id in feeds}

    async def handle(self, result: FetchResult, backlog: asyncio.Semaphore | None = None) -> None:
        """Parse and queue one feed's result; the backlog's permit is given back once parsed."""
        try:
            await self._handle(result)
        finally:
            if backlog is not None:
                backlog.release()

    async def _handle(self, result: FetchResult) -> None:
        feed = self.feeds[result.request.key]
        now = utc_now()
        changes: dict[str, str | list[str]]
        if not result.ok:
            state = "gone" if result.gone else "failed"
            changes = {
                "last_fetch": now.isoformat(), "status": state, "error": result.error, "error_kind": result.error_kind
            }
            await self.queue.put((
                FeedUpdate(feed.id, (), changes),
                FeedOutcome(feed, state, error=result.error, elapsed=result.elapsed),
            ))
            return
        changes = {"last_fetch": now.isoformat(), "status": "ok", "error": "", "error_kind": ""}
        if result.permanent_redirect:
            changes["url"] = result.permanent_redirect
        if result.not_modified:
            await self.queue.put((
                FeedUpdate(feed.id, (), changes), FeedOutcome(feed, "not modified", elapsed=result.elapsed)
            ))
            return
        changes |= {"last_success": now.isoformat(), "etag": result.etag, "last_modified": result.last_modified}
        content: bytes | None  # None when no item is new
        content = result.content
        known_items = 0
        items = split_items(content)
        known = self.known[feed.id]
        if items is not None and known.isdisjoint(items.digests):
            # Nothing of it is stored yet (a first fetch): the parser is given the document as it
            # came and finds for itself whether it is well-formed, with the whole document's line
            # numbers. Checking it here too would read every byte once more in this process.
            changes["item_digests"] = list(items.digests)
        elif items is not None:
            changes["item_digests"] = list(items.digests)
            content = items.without(known)
            # The parser sees only the new items (or nothing): whether the document is broken
            # is asked of the whole of it, so a broken item stored before still warns. With
            # items to parse, the job takes the whole along and it is checked where the job
            # runs (a parser process, beside the others), not in this one.
            if content is None:
                whole_problem = await asyncio.to_thread(_document_problem, result.content, result.headers)
                changes["warning"] = _rewarned(feed.warning, whole_problem, len(items.items))
                outcome = FeedOutcome(feed, "unchanged", elapsed=result.elapsed)
                await self.queue.put((FeedUpdate(feed.id, (), changes), outcome))
                return
            known_items = len(items.items) - sum(digest not in known for digest in items.digests)
        user_title = self.user_titles[feed.id]
        job = replace(_job(feed, result, content, now, user_title), known_items=known_items,
                      whole=result.content if known_items else None)
        parsed = await self.pool.parse(job)
        if parsed.error:
            changes = {"last_fetch": now.isoformat(), "status": "failed", "error": parsed.error, "error_kind": "parse"}
            outcome = FeedOutcome(feed, "failed", error=parsed.error, elapsed=result.elapsed)
            await self.queue.put((FeedUpdate(feed.id, (), changes), outcome))
            return
        assert parsed.feed is not None  # no error: a feed
        changes |= {"feed_title": parsed.feed.title, "site_url": parsed.feed.link,
                    "warning": "; ".join(parsed.feed.warnings)}
        # Reported under the name it has now: a first fetch turns a bare URL into a title.
        feed = replace(feed, title=user_title or parsed.feed.title)
        # "updated" is settled by the write; a feed with no items at all has nothing to write.
        state = "updated" if parsed.feed.drafts else "unchanged"
        outcome = FeedOutcome(feed, state, warnings=parsed.feed.warnings, elapsed=result.elapsed)
        await self.queue.put((FeedUpdate(feed.id, parsed.feed.drafts, changes), outcome))

    async def write_loop(self) -> None:
        """Store parsed feeds in few, large writes; status-only changes wait for the last one.

        Each write rewrites the month's metadata and the index, so parsed feeds are let pile
        up between writes (LINGER seconds, longer after a long write). A feed that brought no
        articles (a 304, a failure) is reported at once but written with the next batch of
        articles, or at the end: a 304 costs no write of its own.
        """
        status_only: list[FeedUpdate] = []
        last_write, pause = -LINGER, LINGER
        done = False
        while not done:
            first = await self.queue.get()
            batch = [first]
            if first is not None and first[0].drafts:
                await self._gather(batch, last_write + pause)
            while not self.queue.empty():
                batch.append(self.queue.get_nowait())
            if None in batch:
                done = True
            entries = [entry for entry in batch if entry is not None]
            with_articles = [entry for entry in entries if entry[0].drafts]
            for update, outcome in entries:
                if not update.drafts:
                    status_only.append(update)
                    self._report(outcome)
            if with_articles or (done and status_only):
                started = time.monotonic()
                await self._write(with_articles, status_only)
                status_only = []
                last_write = time.monotonic()
                pause = linger_after(last_write - started)

    async def _gather(self, batch: list[tuple[FeedUpdate, FeedOutcome] | None], until: float) -> None:
        """Add what arrives to ``batch`` until the time ``until``, or the end of the run."""
        while (left := until - time.monotonic()) > 0:
            try:
                entry = await asyncio.wait_for(self.queue.get(), left)
            except TimeoutError:
                return
            batch.append(entry)
            if entry is None:
                return

    async def _write(self, batch: list[tuple[FeedUpdate, FeedOutcome]], status_only: list[FeedUpdate]) -> None:
        updates = [update for update, _ in batch] + status_only
        try:
            saved = await asyncio.to_thread(self.store.save_fetches, updates)
        except Exception as error:  # the disk is full, the store is locked...: every feed in it says so
            saved = {}
            batch = [
                (u, FeedOutcome(o.feed, "failed", error=f"could not save: {error}", elapsed=o.elapsed))
                for u, o in batch
            ]
        for update, outcome in batch:
            result = saved.get(update.feed_id)
            if result is not None and outcome.state == "updated":
                state = "updated" if (result.added or result.updated) else "unchanged"
                outcome = FeedOutcome(
                    outcome.feed,
                    state,
                    result.added,
                    result.updated,
                    warnings=outcome.warnings,
                    elapsed=outcome.elapsed,
                )
            self._report(outcome)

    def _report(self, outcome: FeedOutcome) -> None:
        self.report.outcomes.append(outcome)
        if self.progress is not None:
            self.progress(outcome, len(self.report.outcomes), len(self.feeds))


def linger_after(took: float) -> float:
    """Seconds to let parsed feeds pile up after a write that took ``took`` seconds."""
    return min(MAX_LINGER, max(LINGER, LINGER_PER_WRITE * took))


def _document_problem(content: bytes, headers: Mapping[str, str]) -> str:
    # Imported here: a fetch whose feeds all answer 304 never loads feedparser.
    from .wellformed import document_problem

    return document_problem(content, headers)


def _rewarned(warning: str, problem: str, items_read: int) -> str:
    """The feed's last warning with what it said of the document's well-formedness brought up to
    date: nothing was parsed, so the rest (items skipped when they were read) still stands."""
    kept = [part for part in warning.split("; ") if part and not part.startswith(MALFORMED)]
    return "; ".join(([malformed_warning(problem, items_read)] if problem else []) + kept)


def _job(feed: Feed, result: FetchResult, content: bytes, now: datetime, user_title: str) -> ParseJob:
    return ParseJob(
        content=content,
        feed_id=feed.id,
        url=result.final_url or feed.url,
        headers=dict(result.headers),
        # The name the user gave the feed is the outlet its articles show under; without one,
        # the title the feed has in this very document (feed.title may be the one it had before).
        outlet=user_title,
        now=now,
    )

