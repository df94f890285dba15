"""The command line's grammar: global options and one subparser per command."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .. import __version__
from .arguments import add_quiet
from .article_parser import article_commands
from .feed_parser import feed_commands, sync_commands
from .study_parser import annotation_commands, entity_commands, search_commands, story_commands

if TYPE_CHECKING:
    from .article_parser import SubParsers

    Wanted = Callable[[str], bool]

DESCRIPTION = "A keyboard-driven terminal news reader. With no command, opens the reader."
EPILOG = (
    "Article ids may be given in full or by any unambiguous prefix. `broadsheet COMMAND --help` for details; "
    "`broadsheet help json` for the shape of every --json output, `broadsheet help exit-codes` for what the "
    "exit status means."
)


#: Every command, in the order `--help` lists them.
COMMANDS = (
    "list", "show", "stats", "read", "unread", "star", "unstar", "tag", "untag", "delete", "import",
    "feeds", "fetch", "fulltext", "save", "analyse", "entities", "entity", "search", "views", "reindex",
    "annotations", "annotate", "export", "stories", "story", "outlets", "outlet", "sync", "completion", "help",
)

#: The long options before the command, and those of them that take a value.
GLOBAL_OPTIONS = ("--help", "--version", "--home", "--config", "--quiet")
VALUED_OPTIONS = ("--home", "--config")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The grammar of every command, or with ``only``, of that command alone.

    Building every subparser costs more than a command that marks one article takes to run.
    A parser holding one command parses that command's arguments, and words its help and its
    errors, exactly as the whole grammar does (tests/unit/test_cli_startup.py checks it):
    ``command_word`` says when it can be used.
    """

    def wanted(name: str) -> bool:
        return only is None or name == only

    parser = argparse.ArgumentParser(prog="broadsheet", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"broadsheet {__version__}")
    parser.add_argument(
        "--home", metavar="DIR", help="library folder (default: $BROADSHEET_HOME, else the platform's data folder)"
    )
    parser.add_argument(
        "--config", metavar="FILE", help="config file (default: $BROADSHEET_CONFIG, else the platform's config folder)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    article_commands(commands, wanted)
    feed_commands(commands, wanted)
    entity_commands(commands, wanted)
    search_commands(commands, wanted)
    annotation_commands(commands, wanted)
    story_commands(commands, wanted)
    sync_commands(commands, wanted)
    _reference_commands(commands, wanted)
    add_quiet(parser)
    return parser


def command_word(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, when a parser of that command alone can parse it (see
    ``build_parser``); None when there is none, or help, --version or anything unusual comes
    before it, and for the commands that show the whole grammar (help, completion)."""
    arguments = iter(argv)
    for argument in arguments:
        if argument == "-q":
            continue
        if not argument.startswith("-"):
            return argument if argument in COMMANDS and argument not in ("help", "completion") else None
        name, has_value, _ = argument.partition("=")
        # argparse takes any unambiguous prefix of a long option.
        matches = [option for option in GLOBAL_OPTIONS if len(name) > 2 and option.startswith(name)]
        if len(matches) != 1 or matches[0] in ("--help", "--version"):
            return None
        if matches[0] in VALUED_OPTIONS and not has_value and next(arguments, None) is None:
            return None
        if matches[0] == "--quiet" and has_value:
            return None
    return None


def _reference_commands(commands: SubParsers, wanted: Wanted) -> None:
    if wanted("completion"):
        completion = commands.add_parser(
            "completion", help="print a shell completion script (bash, zsh or fish)",
            description="Print the script that makes Tab complete broadsheet's commands, options, feed ids, "
            "tags and view names. bash: `source <(broadsheet completion bash)` in ~/.bashrc; zsh: "
            "`broadsheet completion zsh > ~/.zfunc/_broadsheet` (with ~/.zfunc in $fpath before compinit) or "
            "`source <(broadsheet completion zsh)` in ~/.zshrc; fish: "
            "`broadsheet completion fish > ~/.config/fish/completions/broadsheet.fish`.",
        )
        completion.add_argument("shell", choices=["bash", "zsh", "fish"], metavar="bash|zsh|fish")

    if wanted("help"):
        helping = commands.add_parser("help", help="help on a command, the --json shapes, or the exit codes")
        helping.add_argument("topic", nargs="*", metavar="COMMAND|json|exit-codes",
                             help="a command (`help feeds add`), `json` or `exit-codes`")
