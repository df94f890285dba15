"""The commands that change articles: read, unread, star, unstar, tag, untag and delete, by id or query."""

from __future__ import annotations

import sys
from argparse import Namespace

from ..ingest.sanitize import clean_line
from ..store import Store
from ..text import TAG_RULE, counted, normalise_tag, tag_problem
from .exits import UsageError
from .output import print_json
from .selection import chosen, target_ids


def _set_read(store: Store, args: Namespace, read: bool) -> int:
    state = "read" if read else "unread"
    ids = target_ids(store, args, args.ids, f"mark {{}} {state}")
    changed = store.mark_read(ids, read)
    print(
        f"marked {counted(len(changed), 'article')} {state}"
        + (f" ({len(ids) - len(changed)} already were)" if len(changed) < len(ids) else "")
    )
    return 0


def mark_read(store: Store, args: Namespace) -> int:
    return _set_read(store, args, True)


def mark_unread(store: Store, args: Namespace) -> int:
    return _set_read(store, args, False)


def _set_star(store: Store, args: Namespace, starred: bool) -> int:
    verb = "starred" if starred else "unstarred"
    ids = target_ids(store, args, args.ids, "star {}" if starred else "remove the star from {}")
    changed = store.change_marks(ids, starred=starred)
    if chosen(args):
        print(f"{verb} {counted(len(changed), 'article')}"
              + (f" ({len(ids) - len(changed)} already were)" if len(changed) < len(ids) else ""))
    else:
        for article_id in ids:
            print(f"{verb} {article_id}")
    return 0


def star(store: Store, args: Namespace) -> int:
    return _set_star(store, args, True)


def unstar(store: Store, args: Namespace) -> int:
    return _set_star(store, args, False)


def tag(store: Store, args: Namespace) -> int:
    return _change_tags(store, args, adding=True)


def untag(store: Store, args: Namespace) -> int:
    return _change_tags(store, args, adding=False)


def _change_tags(store: Store, args: Namespace, *, adding: bool) -> int:
    ids, raw = ([], args.items) if chosen(args) else (args.items[:1], args.items[1:])
    if not raw:
        raise UsageError("no tag given: `broadsheet tag ID TAG...` or `broadsheet tag --query Q TAG...`")
    tags = checked_tags(raw, adding=adding)
    shown = " ".join(f"#{t}" for t in tags)
    doing = f"tag {{}} {shown}" if adding else f"remove {shown} from {{}}"
    targets = target_ids(store, args, ids, doing)
    changed = store.change_marks(targets, add_tags=tags) if adding else store.change_marks(targets, remove_tags=tags)
    if chosen(args):
        verb = "tagged" if adding else "untagged"
        print(f"{verb} {counted(len(changed), 'article')} {shown}"
              + (f" ({len(targets) - len(changed)} already were)" if len(changed) < len(targets) else ""))
    else:
        state = store.state(targets[0])
        print(f"{targets[0]}: {' '.join(state.tags) or '(no tags)'}")
        if not changed:
            # Stdout stays the article's tags for scripts; the person typing learns nothing changed.
            said = f"already had {shown}" if adding else f"had no {shown}"
            print(f"broadsheet: {targets[0]} {said}; nothing changed", file=sys.stderr)
    return 0


def checked_tags(raw: list[str], *, adding: bool) -> list[str]:
    """Tags in the form they are kept in. When ``adding``, a tag that cannot be one is refused,
    and one that was changed (capitals, spaces) is said on stderr: a script should know the name
    it will find it by. Removing takes any tag there is, as older versions kept some."""
    tags: list[str] = []
    for given in raw:
        text = clean_line(given).lstrip("#")
        tag = normalise_tag(text)
        problem = tag_problem(given, text) if adding or not tag else None
        if problem:
            raise UsageError(problem)
        if adding and tag != given:
            print(f"broadsheet: tag {given!r} is kept as {tag!r} ({TAG_RULE[:1].lower()}{TAG_RULE[1:-1]})",
                  file=sys.stderr)
        tags.append(tag)
    return list(dict.fromkeys(tags))


def delete(store: Store, args: Namespace) -> int:
    ids = target_ids(store, args, args.ids, "delete {}" + (" (--force: marked ones too)" if args.force else ""))
    removal = store.remove_articles(ids, force=args.force)
    if removal.removed:
        _tidy_derived(store, args)
    if args.json:
        print_json({"deleted": list(removal.removed), "kept": list(removal.kept)})
        return 0
    kept = (f"; kept {counted(len(removal.kept), 'article')} you starred, tagged or annotated (--force deletes them)"
            if removal.kept else "")
    print(f"deleted {counted(len(removal.removed), 'article')}{kept}")
    return 0


def _tidy_derived(store: Store, args: Namespace) -> None:
    """Take deleted articles out of the stories, and out of the search index if there is one,
    now rather than at their next use: a search or the reader must never offer them."""
    from ..search import index_path
    from .story_commands import place_new

    place_new(store)
    if index_path(store.home).exists():
        from contextlib import closing

        from .search_commands import open_index

        with closing(open_index(store, quiet=args.quiet)):
            pass
