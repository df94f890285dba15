"""The incremental side of a sync: from a provider's cheap look, the server articles whose marks
may differ from the ones last agreed, fetched again for their real marks. Every other article
is taken to be as it was; a full listing once a day catches what a look can miss."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from .merge import label_tag
from .provider import RemoteArticle, RemoteChanges, SyncProvider
from .state import SyncState

FULL_EVERY = timedelta(hours=23)
"""How often every article's marks are listed, for what a look can miss (tt-rss: an article
marked unread while another unread one was purged leaves its unread count unchanged). An hour
short of a day, so that a sync at the same time each day makes one."""


def full_due(state: SyncState, now: datetime) -> bool:
    try:
        last = datetime.fromisoformat(state.last_full)
    except ValueError:
        return True
    return not timedelta(0) <= now - last < FULL_EVERY


def agreed_unread(state: SyncState) -> set[str]:
    return {rid for rid, entry in state.articles.items() if "m" in entry and not entry["m"][0]}


def suspects(state: SyncState, found: RemoteChanges) -> list[str]:
    """Known articles whose marks in the look differ from the agreed ones."""
    tags: dict[str, set[str]] = defaultdict(set)
    for caption, ids in found.labels.items():
        tag = label_tag(caption)
        for remote_id in ids if tag else ():
            tags[remote_id].add(tag)
    new = {r.remote_id for r in found.new}
    differ = []
    for remote_id, entry in state.articles.items():
        if remote_id in new:
            continue
        m = entry.get("m")
        if (m is None or (remote_id in found.unread) == bool(m[0]) or (remote_id in found.starred) != bool(m[1])
                or tags.get(remote_id, set()) != set(m[2]) or found.noted.get(remote_id, "") != m[3]):
            differ.append(remote_id)
    return differ


def changed(state: SyncState, found: RemoteChanges, provider: SyncProvider,
            touched: Iterable[str]) -> list[RemoteArticle]:
    """The articles to merge: the new ones, and the known ones that the look or the journal
    (``touched``: remote ids of articles changed here) points at, fetched for their whole marks,
    notes included. The server's copy is needed for a local change too: its note may have been
    edited there, and both edits must meet in the merge. Articles the server no longer has (tt-rss
    purges old ones) are forgotten."""
    new = {r.remote_id for r in found.new}
    wanted = list(dict.fromkeys([*suspects(state, found),
                                 *(t for t in touched if t in state.articles and t not in new)]))
    fetched = list(provider.contents(wanted)) if wanted else []
    got = {r.remote_id for r in fetched}
    for remote_id in wanted:
        if remote_id not in got:
            del state.articles[remote_id]
    return [*found.new, *fetched]
