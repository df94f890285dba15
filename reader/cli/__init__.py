"""The command line: opens the library, runs one command, turns expected errors into one line."""

from __future__ import annotations

import sys
from argparse import Namespace

from ..errors import BroadsheetError
from ..paths import library_home
from ..search.errors import QueryError
from ..seeds import ensure_seeded
from ..store import Store
from . import annotation_commands, commands, entity_commands, feed_commands, search_commands, story_commands
from .parser import build_parser

#: Each command is a function of (store, parsed arguments) returning an exit status.
HANDLERS = {
    "list": commands.list_articles,
    "show": commands.show_article,
    "stats": commands.show_stats,
    "read": commands.mark_read,
    "unread": commands.mark_unread,
    "star": commands.star,
    "unstar": commands.unstar,
    "tag": commands.tag,
    "untag": commands.untag,
    "import": commands.import_paths,
    "feeds add": feed_commands.add,
    "feeds remove": feed_commands.remove,
    "feeds rename": feed_commands.rename,
    "feeds list": feed_commands.list_feeds,
    "feeds import": feed_commands.import_file,
    "feeds export": feed_commands.export_file,
    "fetch": feed_commands.fetch,
    "analyse": entity_commands.analyse,
    "entities": entity_commands.list_entities,
    "entity": entity_commands.show_entity,
    "search": search_commands.search,
    "reindex": search_commands.reindex,
    "views list": search_commands.list_views,
    "views add": search_commands.add_view,
    "views remove": search_commands.remove_view,
    "views rename": search_commands.rename_view,
    "annotations": annotation_commands.list_annotations,
    "annotate": annotation_commands.annotate,
    "export": annotation_commands.export,
    "export story": story_commands.export_story,
    "stories": story_commands.list_stories,
    "story": story_commands.show_story,
    "outlets": story_commands.list_outlets,
    "outlet": story_commands.set_outlet_group,
    "import annotations": annotation_commands.import_file,
}


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            _run_app(args)
            return
        store = Store.open(library_home(args.home))
        ensure_seeded(store)
        command = _command_name(args)
        status = HANDLERS[command](store, args)
    except QueryError as error:
        # The query with a caret under the fault, after the one error line.
        print(f"broadsheet: bad query: {error}", file=sys.stderr)
        for line in error.caret_lines():
            print(f"  {line}", file=sys.stderr)
        sys.exit(1)
    except BroadsheetError as error:
        print(f"broadsheet: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # `broadsheet list | head` closes the pipe early: that is not an error.
        sys.stderr.close()
        sys.exit(0)
    sys.exit(status or 0)


def _command_name(args: Namespace) -> str:
    if args.command in ("feeds", "views"):
        return f"{args.command} {getattr(args, args.command + '_command')}"
    # `import annotations FILE` reads an annotation export; `import ./annotations` is a folder.
    if args.command == "import" and len(args.paths) == 2 and args.paths[0] == "annotations":
        return "import annotations"
    if args.command == "export" and args.what == "story":
        return "export story"
    command: str = args.command
    return command


def _run_app(args: Namespace) -> None:
    # Imported here so that scripting commands never pay for loading Textual.
    from ..tui.launch import run_app

    run_app(home=args.home, config=args.config)
