"""Subscriptions across a sync: the server's feeds join the library's (their categories or folders
become the feed's tags), and, when the account asks, the library's feeds join the server's.

A feed seen on both sides once is remembered (``SyncState.feeds``), so a feed removed on either
side afterwards stays removed rather than coming back from the other. URLs are compared in their
normalised form, so ``HTTP://Example.org:80/feed`` is the feed ``http://example.org/feed``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..feeds.subscriptions import BadFeedURL, Subscription, make_subscription, normalise_feed_url, shown
from ..store import Store
from .errors import ServerError
from .provider import SyncProvider
from .state import SyncState


@dataclass(frozen=True, slots=True)
class FeedsReport:
    added: int = 0
    """Feeds of the server's the library now follows."""
    pushed: int = 0
    """Feeds of ours the server now follows."""
    notices: tuple[str, ...] = ()


def _normalised(url: str) -> str | None:
    try:
        return normalise_feed_url(url)
    except BadFeedURL:
        return None


def exchange(store: Store, provider: SyncProvider, state: SyncState, *, push: bool) -> FeedsReport:
    """Bring the subscriptions across; ``state.feeds`` is updated, the caller saves it."""
    notices: list[str] = []
    seen = set(state.feeds)
    theirs: dict[str, Subscription] = {}
    for remote in provider.subscriptions():
        try:
            # Titles and folders are the server's text: cleaned as an OPML file's are.
            found = make_subscription(remote.url, remote.title, remote.folders)
        except BadFeedURL:
            if remote.url not in seen:
                seen.add(remote.url)
                notices.append(f"the server's feed {shown(remote.url)} is not an address broadsheet fetches")
            continue
        if found.url in theirs:  # in two folders
            old = theirs[found.url]
            found = Subscription(found.url, old.title, tuple(dict.fromkeys(old.tags + found.tags)))
        theirs[found.url] = found
    ours = {(_normalised(f.url) or f.url): f for f in store.feeds()}
    new = [(s.url, s.title, s.tags) for url, s in theirs.items() if url not in ours and url not in seen]
    added = sum(1 for _, created in store.add_feeds(new) if created) if new else 0
    pushed = 0
    if push:
        for url, feed in ours.items():
            if url in theirs or url in seen:
                continue
            seen.add(url)  # tried once: a server that refuses it is not asked at every sync
            try:
                provider.subscribe(feed.url, feed.title)
                pushed += 1
            except ServerError as error:  # a refusal; a server gone away fails the sync, to be redone
                notices.append(str(error))
    state.feeds = sorted(seen | set(theirs))
    return FeedsReport(added, pushed, tuple(notices))
