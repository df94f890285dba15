"""What each scripting command does, on a store that is already open."""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from ..ingest import iter_documents, load_document
from ..ingest.errors import IngestError
from ..ingest.metadata import Metadata, parse_date
from ..ingest.sanitize import clean_line
from ..store import Store
from .output import article_json, article_row, body_lines, print_json


def list_articles(store: Store, args: Namespace) -> int:
    limit = args.limit or sys.maxsize
    articles = store.newest(limit, unread=args.unread, starred=args.starred, tag=args.tag)
    read_ids, marks = store.states()
    if args.json:
        print_json([article_json(a, read_ids, marks) for a in articles])
    else:
        for article in articles:
            print(article_row(article, read_ids, marks))
    return 0


def show_article(store: Store, args: Namespace) -> int:
    article = store.article(args.id)
    body = store.body(article)
    read_ids, marks = store.states()
    if args.json:
        data = article_json(article, read_ids, marks)
        data["body"] = body.to_json()
        data["text"] = body.text
        print_json(data)
    else:
        for line in body_lines(article, body, read_ids, marks, with_comments=args.comments):
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


def _set_read(store: Store, args: Namespace, read: bool) -> int:
    ids = [store.resolve(ref) for ref in args.ids]
    changed = store.mark_read(ids, read)
    state = "read" if read else "unread"
    print(
        f"marked {len(changed)} article{'s' * (len(changed) != 1)} {state}"
        + (f" ({len(ids) - len(changed)} already were)" if len(changed) < len(ids) else "")
    )
    return 0


def mark_read(store: Store, args: Namespace) -> int:
    return _set_read(store, args, True)


def mark_unread(store: Store, args: Namespace) -> int:
    return _set_read(store, args, False)


def _set_star(store: Store, args: Namespace, starred: bool) -> int:
    # Resolve every id before changing anything, so a typo leaves nothing half done (as `read` does).
    for article_id in [store.resolve(ref) for ref in args.ids]:
        store.set_starred(article_id, starred)
        print(f"{'starred' if starred else 'unstarred'} {article_id}")
    return 0


def star(store: Store, args: Namespace) -> int:
    return _set_star(store, args, True)


def unstar(store: Store, args: Namespace) -> int:
    return _set_star(store, args, False)


def tag(store: Store, args: Namespace) -> int:
    article_id = store.resolve(args.id)
    state = store.add_tags(article_id, args.tags)
    print(f"{article_id}: {' '.join(state.tags) or '(no tags)'}")
    return 0


def untag(store: Store, args: Namespace) -> int:
    article_id = store.resolve(args.id)
    state = store.remove_tags(article_id, args.tags)
    print(f"{article_id}: {' '.join(state.tags) or '(no tags)'}")
    return 0


def import_paths(store: Store, args: Namespace) -> int:
    """Import what can be read and report the rest: one bad file does not stop the others."""
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
    return 1 if problems and not drafts else 0
