"""Pieces the command line's grammar shares: option types, --json, --quiet and completion hints."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

#: What an argument completes to: feed ids, article tags, saved views' names (see candidates.py).
KINDS = ("feeds", "tags", "views")

# Choices the grammar offers, written out because the modules that define them import half the
# core, and every command builds the grammar first; tests/unit/test_cli_startup.py checks they agree.
#: reader.annotations.model.KINDS
ANNOTATION_KINDS = ("highlight", "question", "disagree")
#: reader.annotations.incoming.FORMATS
ANNOTATION_FORMATS = ("json", "w3c", "hypothesis", "readwise")
#: reader.models.FULL_TEXT_MODES
FULL_TEXT_MODES = ("always", "never", "ask")


def json_flag(command: argparse.ArgumentParser) -> None:
    command.add_argument("--json", action="store_true", help="print JSON instead of text (`broadsheet help json`)")


def completes(action: argparse.Action, kind: str) -> argparse.Action:
    """Mark ``action`` as completing to the library's ``kind``; read by argcomplete at Tab."""
    from . import candidates

    action.completer = getattr(candidates, kind)  # type: ignore[attr-defined]
    return action


def add_quiet(parser: argparse.ArgumentParser) -> None:
    """-q/--quiet before the command and after it (`broadsheet -q fetch`, `broadsheet fetch -q`).

    On the subcommands the default is suppressed, so an absent flag there does not undo one
    given before the command.
    """
    help_text = "no progress bars or per-item lines: only the summary and errors"
    parser.add_argument("-q", "--quiet", action="store_true", help=help_text)
    for command in subcommands(parser):
        command.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=help_text)


def subcommands(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Every subparser under ``parser``, at any depth."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in dict.fromkeys(action.choices.values()):  # aliases share a parser
                yield command
                yield from subcommands(command)


def seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a number of seconds") from None
    if not 0 < number <= 3600:
        raise argparse.ArgumentTypeError("must be between 0 and 3600 seconds")
    return number


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return number
