"""The command line's grammar: global options and one subparser per command."""

from __future__ import annotations

import argparse

from .. import __version__

DESCRIPTION = "A keyboard-driven terminal news reader. With no command, opens the reader."
EPILOG = "Article ids may be given in full or by any unambiguous prefix. `broadsheet COMMAND --help` for details."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="broadsheet", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"broadsheet {__version__}")
    parser.add_argument("--home", metavar="DIR", help="library folder (default: $BROADSHEET_HOME, else the platform's data folder)")
    parser.add_argument("--config", metavar="FILE", help="config file (default: $BROADSHEET_CONFIG, else the platform's config folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", help="list articles, newest first")
    listing.add_argument("--unread", action="store_true", help="only unread articles")
    listing.add_argument("--starred", action="store_true", help="only starred articles")
    listing.add_argument("--tag", metavar="TAG", help="only articles with this tag")
    listing.add_argument("--limit", type=_positive, metavar="N", help="at most N articles (default: all)")
    _json(listing)

    show = commands.add_parser("show", help="print one article")
    show.add_argument("id", metavar="ID")
    show.add_argument("--comments", action="store_true", help="print reader comments too")
    _json(show)

    _json(commands.add_parser("stats", help="counts of articles, unread, starred, feeds, tags, annotations"))

    for name, text in (("read", "mark read"), ("unread", "mark unread"), ("star", "star"), ("unstar", "remove the star from")):
        command = commands.add_parser(name, help=f"{text} one or more articles")
        command.add_argument("ids", nargs="+", metavar="ID")

    for name, text in (("tag", "add tags to"), ("untag", "remove tags from")):
        command = commands.add_parser(name, help=f"{text} an article")
        command.add_argument("id", metavar="ID")
        command.add_argument("tags", nargs="+", metavar="TAG")

    importing = commands.add_parser("import", help="import text, Markdown or HTML files, or folders of them")
    importing.add_argument("paths", nargs="+", metavar="PATH")
    _json(importing)
    return parser


def _json(command: argparse.ArgumentParser) -> None:
    command.add_argument("--json", action="store_true", help="print JSON instead of text")


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return number
