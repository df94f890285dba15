"""What each scripting command does, on a store that is already open."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from ..ingest.sanitize import clean_line
from ..models import Article
from ..store import Store
from ..text import normalise_tag
from . import exits
from .output import NO_MARKS, annotation_block, annotation_json, article_json, article_row, body_lines, print_json
from .selection import newest_first, selected_ids


def list_articles(store: Store, args: Namespace) -> int:
    limit = args.limit or sys.maxsize
    chosen = selected_ids(store, args)
    if chosen is None:
        articles = store.newest(limit, unread=args.unread, starred=args.starred, tag=args.tag)
    else:
        articles = _filtered(store, args, newest_first(store, chosen))[:limit]
    read_ids, marks = store.states_of(a.id for a in articles)
    feeds = _feed_names(store)
    if args.json:
        print_json([article_json(a, read_ids, marks, feeds) for a in articles])
    else:
        for article in articles:
            print(article_row(article, read_ids, marks))
    return 0


def _filtered(store: Store, args: Namespace, articles: list[Article]) -> list[Article]:
    """--unread, --starred and --tag applied to articles a query, view or feed chose."""
    read_ids, marks = store.states()
    tag = normalise_tag(args.tag) if args.tag else None
    return [
        a for a in articles
        if not (args.unread and a.id in read_ids)
        and not (args.starred and not marks.get(a.id, NO_MARKS).starred)
        and not (tag and tag not in marks.get(a.id, NO_MARKS).tags)
    ]


def _feed_names(store: Store) -> dict[str, str]:
    return {feed.id: feed.name for feed in store.feeds()}


def show_article(store: Store, args: Namespace) -> int:
    article = store.article(args.id)
    body = store.body(article)
    read_ids, marks = store.states_of([article.id])
    feeds = _feed_names(store)
    annotations = store.annotations(article.id)
    if args.json:
        data = article_json(article, read_ids, marks, feeds)
        data["body"] = body.to_json()
        data["text"] = body.text
        data["annotations"] = [annotation_json(a, article) for a in annotations]
        print_json(data)
    else:
        feed = feeds.get(article.source)
        for line in body_lines(article, body, read_ids, marks, with_comments=args.comments, feed=feed):
            print(line)
        if annotations:
            print(f"\nYour highlights and notes ({len(annotations)}):")
            for annotation in annotations:
                print()
                for line in annotation_block(annotation):
                    print(line)
    return 0


def show_stats(store: Store, args: Namespace) -> int:
    stats = store.stats()
    counts = {
        "articles": stats.articles,
        "unread": stats.unread,
        "starred": stats.starred,
        "feeds": stats.feeds,
        "tags": stats.tags,
        "annotations": stats.annotations,
    }
    if args.json:
        print_json(counts)
    else:
        width = max(map(len, counts))
        for name, count in counts.items():
            print(f"{name:<{width}}  {count}")
    return 0


def import_paths(store: Store, args: Namespace) -> int:
    """Import what can be read and report the rest: one bad file does not stop the others."""
    # Here, not at the top: list, show and stats share this module and read no documents.
    from ..ingest import iter_documents, load_document
    from ..ingest.errors import IngestError
    from ..ingest.metadata import Metadata, parse_date

    drafts, problems = [], []
    published = parse_date(args.published, Path("--published"), "value") if args.published else None
    given = Metadata(outlet=clean_line(args.outlet or ""), published=published)
    for name in args.paths:
        path = Path(name)
        if not path.exists():
            problems.append(f"{name}: no such file or folder")
            continue
        for document in iter_documents([path]):
            try:
                drafts.append(load_document(document, given))
            except IngestError as error:
                problems.append(str(error))
    result = store.add_articles(drafts)
    if result.added:
        from .story_commands import place_new

        place_new(store)
    for problem in problems:
        print(f"broadsheet: {clean_line(problem)}", file=sys.stderr)
    if args.json:
        print_json({
            "added": list(result.added),
            "updated": list(result.updated),
            "unchanged": list(result.unchanged),
            "errors": problems,
        })
    else:
        print(
            f"imported {len(result.added)} new, {len(result.updated)} updated, {len(result.unchanged)} unchanged"
            + (f", {len(problems)} failed" if problems else "")
        )
    if problems:
        # A script must be able to tell that a file was left out, even when others went in.
        return exits.FILES_FAILED if drafts else exits.ERROR
    return exits.OK
