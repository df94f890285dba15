"""`broadsheet stories`, `story`, `outlets`, `outlet` and `export story`."""

from __future__ import annotations

import sys
import time
from argparse import Namespace
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..ingest.sanitize import clean_line
from ..store import Store
from ..store.files import write_atomically
from ..stories import Story, StoryCorrection, StoryError, StoryLibrary, new_story_id, rebuild
from ..stories.desk import StoryDesk
from .output import print_json

# A fetch imports this module to place what it brought; comparing and exporting a story load
# the entity library, the parser and the output of stories, which only their commands need.
if TYPE_CHECKING:
    from ..stories.comparison import Comparison
    from ..stories.extracting import Read


def _desk(store: Store, quiet: bool = False) -> StoryDesk:
    desk = StoryDesk.open(store)
    if desk.index.notice:
        print(f"broadsheet: {clean_line(desk.index.notice)}", file=sys.stderr)
    report = desk.update(progress=None if quiet else _progress("placing"), waiting=None if quiet else _waiting)
    for problem in report.problems:
        print(f"broadsheet: {clean_line(problem)}", file=sys.stderr)
    return desk


def _waiting(holder: str) -> None:
    if sys.stderr.isatty():
        by = f" ({holder})" if holder else ""
        print(f"  waiting for the articles being placed{by}…", file=sys.stderr, flush=True)


def _progress(what: str):  # type: ignore[no-untyped-def]
    last = time.monotonic()

    def show(done: int, total: int) -> None:
        nonlocal last
        if total > 500 and (done == total or time.monotonic() - last > 2.0) and sys.stderr.isatty():
            last = time.monotonic()
            print(f"  {what} {done:,}/{total:,}", file=sys.stderr, flush=True)

    return show


def place_new(store: Store, known: dict[bytes, Read] | None = None) -> None:
    """After an import or a fetch: put the new articles in their stories (``known``: readings
    of them made already, see reader.stories.extracting.read_drafts)."""
    try:
        StoryDesk.open(store).update(known=known)
    except StoryError as error:
        print(f"broadsheet: stories not updated: {clean_line(str(error))}", file=sys.stderr)


def list_stories(store: Store, args: Namespace) -> int:
    desk = StoryDesk.open(store)
    if args.rebuild:
        started = time.monotonic()
        report = rebuild(desk.index, store, progress=_progress("grouping"))
        print(f"regrouped {report.placed:,} articles into stories in {time.monotonic() - started:.1f} s",
              file=sys.stderr)
    else:
        desk = _desk(store)
    library = desk.library(lone=args.all)
    stories = library.stories if args.all else library.shared()
    read, _ = store.states()
    if args.json:
        from ..stories.export import story_json

        print_json([story_json(s, s.unread(read)) for s in stories])
        return 0
    if not stories:
        print("no story has more than one account yet (`broadsheet stories --all` lists every article's)")
        return 0
    for story in stories:
        outlets = len(story.outlets)
        accounts = len(story.originals)
        unread = story.unread(read)
        print(f"{story.id}  {story.last:%Y-%m-%d}  {accounts:>2} account{'s' * (accounts != 1)}, "
              f"{outlets:>2} outlet{'s' * (outlets != 1)}{f', {unread} unread' if unread else ''}  "
              f"{clean_line(story.title)}")
    return 0


def show_story(store: Store, args: Namespace) -> int:
    desk = _desk(store)
    library = desk.library()
    story = library.get(args.id)
    if args.undo:
        undone = desk.corrections.undo()
        print(f"undid: {undone.describe()}" if undone else "there is no story correction to undo")
        return 0
    correction = _correction(store, library, story, args)
    if correction is not None:
        made = desk.correct(correction)
        after = desk.library()
        moved = after.story_of(made.articles[0]) if made.articles else None
        print(f"{made.describe()}" + (f": now in story {moved.id} ({clean_line(moved.title)})" if moved else ""))
        return 0
    from ..stories.export import comparison_json
    from .story_output import print_comparison

    comparison = _compare(desk, story, quiet=args.json)
    if args.json:
        print_json(comparison_json(comparison))
    else:
        print_comparison(comparison, store)
    return 0


def _correction(store: Store, library: StoryLibrary, story: Story, args: Namespace) -> StoryCorrection | None:
    anchor = story.accounts[0].article_id
    if args.move:
        article = store.resolve(args.move)
        if article not in story.article_ids:
            raise StoryError(f"article {article} is not in story {story.id}")
        if not args.to:
            raise StoryError("--move needs --to STORY (or --to new)")
        if args.to == "new":
            return StoryCorrection("move", (article,), new=new_story_id())
        target = library.get(args.to)
        if target.id == story.id:
            raise StoryError(f"article {article} is in story {story.id} already")
        return StoryCorrection("move", (article,), target=target.accounts[0].article_id)
    if args.split:
        articles = tuple(store.resolve(a) for a in args.split)
        outside = [a for a in articles if a not in story.article_ids]
        if outside:
            raise StoryError(f"not in story {story.id}: {', '.join(outside)}")
        if len(set(articles)) >= len(story.accounts):
            raise StoryError("a split leaves at least one article where it was")
        return StoryCorrection("split", articles, new=new_story_id())
    if args.merge:
        other = library.get(args.merge)
        if other.id == story.id:
            raise StoryError("a story cannot be merged with itself")
        return StoryCorrection("merge", (other.accounts[0].article_id,), target=anchor)
    if args.rename is not None:
        return StoryCorrection("rename", (anchor,), title=args.rename)
    return None


def _compare(desk: StoryDesk, story: Story, quiet: bool) -> Comparison:
    results = desk.store.entity_results(story.article_ids)
    missing = [i for i in story.article_ids if i not in results]
    if missing:
        from ..entities import Extractor
        from ..entities.analyser import analyse_now

        if not quiet:
            print(f"finding who each of {len(missing)} article{'s' * (len(missing) != 1)} names…", file=sys.stderr)
        analyse_now(desk.store, missing, None, extractor=Extractor())
    return desk.compare(story, progress=None if quiet else _progress("parsing"))


def list_outlets(store: Store, args: Namespace) -> int:
    desk = StoryDesk.open(store)
    groups = desk.outlets.all()
    counts = Counter(a.outlet for a in store.articles() if a.outlet)
    folded = {k.casefold(): g for k, g in groups.items()}
    rows = [(outlet, n, folded.get(outlet.casefold(), "")) for outlet, n in sorted(counts.items())]
    if args.json:
        print_json([{"outlet": o, "articles": n, "group": g or None} for o, n, g in rows])
        return 0
    if not rows:
        print("no articles name their outlet yet")
    for outlet, n, group in rows:
        print(f"{n:>6}  {clean_line(outlet):<32} {clean_line(group) if group else '—'}")
    return 0


def set_outlet_group(store: Store, args: Namespace) -> int:
    desk = StoryDesk.open(store)
    before = desk.outlets.set(args.name, args.group or "")
    name = clean_line(args.name)
    if args.group:
        print(f"{name} is in the group {clean_line(args.group)!r}" + (f" (was {before!r})" if before else ""))
    else:
        print(f"{name} is in no group" + (f" (was {before!r})" if before else ""))
    return 0


def export_story(store: Store, args: Namespace) -> int:
    if not args.id:
        raise StoryError("which story? `broadsheet export story ID --format md|json`")
    if args.format not in ("md", "json"):
        raise StoryError("a story exports as md or json")
    from ..stories.export import comparison_json, comparison_markdown

    desk = _desk(store, quiet=True)
    comparison = _compare(desk, desk.library().get(args.id), quiet=True)
    if args.format == "json":
        import orjson

        data = orjson.dumps(comparison_json(comparison), option=orjson.OPT_INDENT_2) + b"\n"
    else:
        data = comparison_markdown(comparison).encode()
    if args.out and args.out != "-":
        write_atomically(Path(args.out), data)
        print(f"exported story {comparison.story.id} to {clean_line(args.out)}", file=sys.stderr)
    else:
        sys.stdout.write(data.decode())
    return 0
