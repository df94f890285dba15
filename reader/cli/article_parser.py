"""The grammar of the article commands: list, show, stats, the marks, delete and import."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..text import TAG_RULE
from .arguments import ANNOTATION_FORMATS, completes, json_flag, positive

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

SELECTION_EPILOG = (
    "Instead of ids, --query, --view and --feed choose the articles (together: those all of them "
    "choose). On a terminal you are asked to confirm with the count; a script passes --yes."
)


def article_commands(commands: SubParsers, wanted: Callable[[str], bool]) -> None:
    if wanted("list"):
        listing = commands.add_parser(
            "list", help="list articles, newest first",
            description="List articles, newest first. The filters combine: all of them must hold.",
        )
        listing.add_argument("--unread", action="store_true", help="only unread articles")
        listing.add_argument("--starred", action="store_true", help="only starred articles")
        completes(listing.add_argument("--tag", metavar="TAG", help="only articles with this tag"), "tags")
        _selection(listing)
        listing.add_argument("--limit", type=positive, metavar="N", help="at most N articles (default: all)")
        json_flag(listing)

    if wanted("show"):
        show = commands.add_parser("show", help="print one article, with your highlights and notes")
        show.add_argument("id", metavar="ID")
        show.add_argument("--comments", action="store_true", help="print reader comments too")
        json_flag(show)

    if wanted("stats"):
        json_flag(commands.add_parser("stats", help="counts of articles, unread, starred, feeds, tags, annotations"))

    for name, text in (
        ("read", "mark articles read"), ("unread", "mark articles unread"), ("star", "star articles"),
        ("unstar", "remove the star from articles"),
    ):
        if not wanted(name):
            continue
        command = commands.add_parser(name, help=f"{text}, by id or by query", epilog=SELECTION_EPILOG)
        command.add_argument("ids", nargs="*", metavar="ID")
        _selection(command, confirm=True)

    for name, text, to in (("tag", "add tags to", "to"), ("untag", "remove tags from", "from")):
        if not wanted(name):
            continue
        command = commands.add_parser(
            name, help=f"{text} an article, or {to} the articles a query chooses",
            usage=f"broadsheet {name} [options] (ID | --query Q | --view NAME | --feed F) TAG [TAG ...]",
            description=TAG_RULE, epilog=SELECTION_EPILOG,
        )
        completes(command.add_argument("items", nargs="+", metavar="ID|TAG",
                                       help="the article's id then its tags; only tags with --query/--view/--feed"),
                  "tags")
        _selection(command, confirm=True)

    if wanted("delete"):
        delete = commands.add_parser(
            "delete", help="delete articles; starred, tagged and annotated ones are kept unless --force",
            epilog=SELECTION_EPILOG + " A deleted article does not come back when its feed sends it again.",
        )
        delete.add_argument("ids", nargs="*", metavar="ID")
        _selection(delete, confirm=True)
        delete.add_argument("--force", action="store_true",
                            help="delete starred, tagged and annotated articles too, with their highlights and notes")
        json_flag(delete)

    if wanted("import"):
        importing = commands.add_parser(
            "import",
            help="import text, Markdown or HTML files, or folders of them; "
            "`import annotations FILE` reads an annotation export",
            epilog="`broadsheet import annotations FILE` imports annotations (broadsheet JSON, W3C Web Annotations, "
            "a Hypothesis export or Readwise CSV); "
            "to import a folder named annotations, write ./annotations. "
            "Exits 4 when some files were imported and others failed (each is named on stderr).",
        )
        importing.add_argument("paths", nargs="+", metavar="PATH")
        importing.add_argument("--outlet", metavar="NAME",
                               help="the outlet of files that do not say (front matter, meta tags)")
        importing.add_argument("--published", metavar="DATE",
                               help="when files that do not say were published: 2017-11-20 or 2017-11-20T09:30:00Z")
        importing.add_argument("--format", choices=ANNOTATION_FORMATS, dest="annotation_format",
                               help="with `import annotations`: the file's format (default: told from its content)")
        json_flag(importing)


def _selection(command: argparse.ArgumentParser, *, confirm: bool = False) -> None:
    command.add_argument("--query", metavar="Q",
                         help="articles matching a query in the search language (`broadsheet search --help`)")
    completes(command.add_argument("--view", metavar="NAME", help="articles in a saved view"), "views")
    completes(command.add_argument("--feed", metavar="URL|ID", help="articles from this feed"), "feeds")
    if confirm:
        command.add_argument("--yes", "-y", action="store_true",
                             help="do it without asking (needed when there is no terminal to ask on)")
