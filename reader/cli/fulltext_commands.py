"""The full-text commands: `fulltext ID`, `save URL`, `feeds edit --full-text`, and fetch's follow-up."""

from __future__ import annotations

import asyncio
import sys
from argparse import Namespace

from ..config import load_settings
from ..feeds.http import FetchLimits
from ..fulltext import FullTextError, Upgrade, full_text, full_texts, page_limits, save_page
from ..ingest.sanitize import clean_line
from ..paths import config_file
from ..store import Store
from . import exits
from .output import print_json
from .progress import progress


def _limits(args: Namespace) -> FetchLimits:
    # The config decides whether local addresses may be fetched; a problem in it is the app's to show.
    settings, _ = load_settings(config_file(getattr(args, "config", None)))
    return page_limits(settings)


def fetch_full_text(store: Store, args: Namespace) -> int:
    article = store.article(args.id)
    try:
        upgrade = asyncio.run(full_text(store, article.id, _limits(args)))
    except FullTextError as error:
        if args.json:
            print_json({"id": article.id, "ok": False, "error": error.message, "kind": error.kind})
            return exits.ERROR
        raise FullTextError(f"{article.id}: {error.message}; the article keeps the text it had", error.kind) \
            from None
    if args.json:
        print_json({"id": article.id, "ok": True, "words_before": upgrade.words_before,
                    "words_after": upgrade.words_after, "revisions": upgrade.article.revisions})
    else:
        print(f"{article.id}: the full text, {upgrade.words_after:,} words (the feed's {upgrade.words_before:,} "
              f"are kept: `D` in the app shows them) — {clean_line(article.title)}")
    _place(store)
    return exits.OK


def save(store: Store, args: Namespace) -> int:
    saved = asyncio.run(save_page(store, args.url, tuple(args.tag or ()), _limits(args)))
    article = saved.article
    if args.json:
        print_json({"id": article.id, "state": saved.state, "title": article.title, "outlet": article.outlet,
                    "url": article.url})
    else:
        said = {"added": "saved", "updated": "saved again (the page had changed)",
                "unchanged": "already saved, unchanged", "exists": "already in the library"}[saved.state]
        print(f"{said}: {clean_line(article.title)} — {clean_line(article.outlet)} [{article.id}]")
    if saved.state in ("added", "updated"):
        _place(store)
    return exits.OK


def edit_feed(store: Store, args: Namespace) -> int:
    if args.full_text is None:
        print("nothing to change: give --full-text always|never|ask", file=sys.stderr)
        return exits.USAGE
    feed = store.set_feed_full_text(args.feed, args.full_text)
    print(f"{clean_line(feed.name)} [{feed.id}]: full text {feed.full_text}")
    return exits.OK


def follow_up(store: Store, article_ids: list[str], args: Namespace) -> list[Upgrade]:
    """After a fetch: the full text of the new items of feeds set to `always`; failures are
    reported as lines and leave the feed's text."""
    always = {f.id for f in store.feeds() if f.full_text == "always"}
    if not always:  # the usual case: no article need be looked up
        return []
    wanted = [i for i in article_ids if store.article(i).source in always]
    if not wanted:
        return []
    upgrades: list[Upgrade] = []
    with progress("fetching full text", quiet=args.quiet) as bar:
        count = 0

        def done(article_id: str, upgrade: Upgrade | None, error: FullTextError | None) -> None:
            nonlocal count
            count += 1
            if error is not None:
                bar.log(f"broadsheet: {article_id}: no full text: {clean_line(error.message)}")
            elif upgrade is not None:
                upgrades.append(upgrade)
            bar.update(count, len(wanted))

        asyncio.run(full_texts(store, wanted, _limits(args), done=done))
    return upgrades


def _place(store: Store) -> None:
    # A longer text can move an article to another story, and names more people in it.
    from .story_commands import place_new

    place_new(store)
