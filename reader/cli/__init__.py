"""The command line: opens the library, runs one command, turns expected errors into one line.

Command modules are imported only for the command being run, and the parser's module imports
almost nothing: completion runs `broadsheet` on every Tab, and `broadsheet tag` should not pay
for loading the fetcher, the search index and the story grouping it never uses.
"""

from __future__ import annotations

import importlib
import os
import sys
from argparse import Namespace
from collections.abc import Callable

from . import exits
from .parser import build_parser, command_word

#: Each command is a function of (store, parsed arguments) returning an exit status, named as
#: "module:function" within reader.cli.
HANDLERS = {
    "list": "commands:list_articles",
    "show": "commands:show_article",
    "stats": "commands:show_stats",
    "read": "bulk_commands:mark_read",
    "unread": "bulk_commands:mark_unread",
    "star": "bulk_commands:star",
    "unstar": "bulk_commands:unstar",
    "tag": "bulk_commands:tag",
    "untag": "bulk_commands:untag",
    "delete": "bulk_commands:delete",
    "import": "commands:import_paths",
    "feeds add": "feed_commands:add",
    "feeds remove": "feed_commands:remove",
    "feeds rename": "feed_commands:rename",
    "feeds list": "feed_commands:list_feeds",
    "feeds import": "feed_commands:import_file",
    "feeds export": "feed_commands:export_file",
    "feeds edit": "fulltext_commands:edit_feed",
    "fulltext": "fulltext_commands:fetch_full_text",
    "save": "fulltext_commands:save",
    "fetch": "feed_commands:fetch",
    "analyse": "entity_commands:analyse",
    "entities": "entity_commands:list_entities",
    "entity": "entity_commands:show_entity",
    "search": "search_commands:search",
    "reindex": "search_commands:reindex",
    "views list": "search_commands:list_views",
    "views add": "search_commands:add_view",
    "views remove": "search_commands:remove_view",
    "views rename": "search_commands:rename_view",
    "annotations": "annotation_commands:list_annotations",
    "annotate": "annotation_commands:annotate",
    "export": "annotation_commands:export",
    "export story": "story_commands:export_story",
    "stories": "story_commands:list_stories",
    "story": "story_commands:show_story",
    "outlets": "story_commands:list_outlets",
    "outlet": "story_commands:set_outlet_group",
    "import annotations": "annotation_commands:import_file",
    "sync add": "sync_commands:add",
    "sync status": "sync_commands:status",
    "sync now": "sync_commands:now",
    "sync remove": "sync_commands:remove",
}

#: Commands that need no library: they only print what the command line itself knows.
WITHOUT_STORE = {"completion": "completion:print_script", "help": "reference:show_help"}


def main(argv: list[str] | None = None) -> None:
    completing = "_ARGCOMPLETE" in os.environ
    parser = build_parser(None if completing else command_word(sys.argv[1:] if argv is None else argv))
    if completing:
        # The shell asking for completions: answer and exit before anything else is loaded.
        from .completion import complete

        complete(parser)
    args = parser.parse_args(argv)
    # httpx's package loads its own command-line client (click, Rich and Pygments: a fifth of
    # a second) whenever those are installed; no command uses it, and `fetch` starts from cron.
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    from ..errors import BroadsheetError
    from ..search.errors import QueryError

    try:
        if args.command is None:
            _run_app(args)
            return
        if args.command in WITHOUT_STORE:
            status = _function(WITHOUT_STORE[args.command])(parser, args)
        else:
            status = _run(args)
    except QueryError as error:
        # The query with a caret under the fault, after the one error line.
        print(f"broadsheet: bad query: {error}", file=sys.stderr)
        for line in error.caret_lines():
            print(f"  {line}", file=sys.stderr)
        sys.exit(exits.ERROR)
    except exits.UsageError as error:
        print(f"broadsheet: {error}", file=sys.stderr)
        sys.exit(exits.USAGE)
    except BroadsheetError as error:
        print(f"broadsheet: {error}", file=sys.stderr)
        sys.exit(exits.ERROR)
    except KeyboardInterrupt:
        sys.exit(exits.INTERRUPTED)
    except BrokenPipeError:
        # `broadsheet list | head` closes the pipe early: that is not an error.
        sys.stderr.close()
        sys.exit(exits.OK)
    sys.exit(status or exits.OK)


def _run(args: Namespace) -> int:
    from ..paths import library_home
    from ..seeds import ensure_seeded
    from ..store import Store

    store = Store.open(library_home(args.home))
    ensure_seeded(store)
    status: int = _function(HANDLERS[_command_name(args)])(store, args)
    return status


def _function(name: str) -> Callable[..., int]:
    module, function = name.split(":")
    found: Callable[..., int] = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return found


def _command_name(args: Namespace) -> str:
    if args.command in ("feeds", "views", "sync"):
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
