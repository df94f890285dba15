"""The command line's grammar: global options and one subparser per command."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .. import __version__
from .arguments import ANNOTATION_KINDS, FULL_TEXT_MODES, add_quiet, completes, json_flag, positive, seconds
from .article_parser import article_commands

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
    _feed_commands(commands, wanted)
    _entity_commands(commands, wanted)
    _search_commands(commands, wanted)
    _annotation_commands(commands, wanted)
    _story_commands(commands, wanted)
    _sync_commands(commands, wanted)
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


def _feed_commands(commands: SubParsers, wanted: Wanted) -> None:
    if wanted("feeds"):
        feeds = commands.add_parser("feeds", help="subscribe to feeds, list, import and export them")
        actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)

        add = actions.add_parser("add", help="subscribe to a feed (or to the feed a web page advertises)")
        add.add_argument("url", metavar="URL")
        add.add_argument("--title", metavar="T", help="a name for it (default: the feed's own title)")
        add.add_argument("--tag", metavar="T", action="append", help="a tag for the feed (repeatable)")
        add.add_argument(
            "--yes", "-y", action="store_true", help="take the first feed a web page advertises without asking"
        )
        add.add_argument("--no-check", action="store_true", help="subscribe without fetching the URL first")
        add.add_argument("--force", action="store_true", help="subscribe even if the URL cannot be fetched or read now")

        remove = actions.add_parser("remove", help="unsubscribe; starred, tagged and annotated articles are kept")
        completes(remove.add_argument("feed", metavar="URL|ID"), "feeds")

        rename = actions.add_parser("rename", help="give a feed your name for it (\"\" for its own again)")
        completes(rename.add_argument("feed", metavar="URL|ID"), "feeds")
        rename.add_argument("title", metavar="TITLE")

        edit = actions.add_parser("edit", help="change how a feed is read: --full-text always|never|ask")
        completes(edit.add_argument("feed", metavar="URL|ID"), "feeds")
        edit.add_argument("--full-text", choices=list(FULL_TEXT_MODES), metavar="always|never|ask",
                          help="always: fetch every new item's page for its whole text, in the background; "
                          "ask (the default): when you press X; never: not even then")

        json_flag(actions.add_parser("list", help="feeds with their status, last error and article counts"))

        importing = actions.add_parser("import", help="subscribe to every feed in an OPML file or a newsboat urls file")
        importing.add_argument("file", metavar="FILE")

        export = actions.add_parser("export", help="write the subscriptions as OPML 2.0 (to stdout without FILE)")
        export.add_argument("file", metavar="FILE", nargs="?")

    if wanted("fetch"):
        fetch = commands.add_parser("fetch", help="fetch feeds and store new and changed articles")
        completes(fetch.add_argument("--feed", metavar="URL|ID", action="append", help="only this feed (repeatable)"),
                  "feeds")
        fetch.add_argument(
            "--concurrency", type=positive, default=16, metavar="N", help="requests in flight at once (default 16)"
        )
        fetch.add_argument(
            "--per-host", type=positive, default=4, metavar="N", help="requests in flight to one host (default 4)"
        )
        fetch.add_argument(
            "--timeout", type=seconds, default=30.0, metavar="S", help="give up on a feed after S seconds (default 30)"
        )
        json_flag(fetch)

    if wanted("fulltext"):
        whole = commands.add_parser("fulltext", help="fetch an article's page and make its whole text the article's",
                                    description="The feed's text is kept as the earlier version (`D` in the app); "
                                    "highlights move onto the full text. A page that is paywalled, empty, not HTML, "
                                    "too large or too slow leaves the article as it was.")
        whole.add_argument("id", metavar="ID")
        json_flag(whole)

    if wanted("save"):
        save = commands.add_parser("save", help="save any web page as an article, under the source \"saved\"",
                                   description="The outlet is the site's own name. Saving the same URL again updates "
                                   "the article, keeping the earlier text. Pages on private or local addresses are "
                                   "refused unless the config says fetch_private_hosts = true.")
        save.add_argument("url", metavar="URL")
        completes(save.add_argument("--tag", metavar="T", action="append", help="a tag for it (repeatable)"), "tags")
        json_flag(save)


def _entity_commands(commands: SubParsers, wanted: Wanted) -> None:
    kinds = ["person", "organisation", "place"]
    if wanted("analyse"):
        analyse = commands.add_parser(
            "analyse", help="find the people, organisations and places in articles not analysed yet"
        )
        analyse.add_argument("--limit", type=positive, metavar="N", help="at most N articles, newest first")
        analyse.add_argument("--no-model", action="store_true", help="use the simpler rules instead of the spaCy model")

    if wanted("entities"):
        listing = commands.add_parser(
            "entities", help="list the people, organisations and places found, most mentioned first"
        )
        listing.add_argument("--article", metavar="ID", help="only those named in this article, most prominent first")
        listing.add_argument("--type", choices=kinds, help="only this kind")
        listing.add_argument("--all", action="store_true", help="hidden ones too")
        json_flag(listing)

    if wanted("entity"):
        one = commands.add_parser("entity", help="show one person, organisation or place, or correct it")
        one.add_argument("name", metavar="NAME", help="any of its names")
        fix = one.add_mutually_exclusive_group()
        fix.add_argument("--rename", metavar="NEW", help="call it NEW")
        fix.add_argument("--type", choices=kinds, help="it is of this kind")
        fix.add_argument("--hide", action="store_true", help="leave it out of lists")
        fix.add_argument("--show", action="store_true", help="list it again")
        fix.add_argument("--merge", metavar="OTHER", help="OTHER is the same one: fold it in")
        fix.add_argument("--split", metavar="ALIAS", help="ALIAS is someone or something else: take it out")
        json_flag(one)


def _search_commands(commands: SubParsers, wanted: Wanted) -> None:
    if wanted("search"):
        search = commands.add_parser(
            "search",
            help="find articles by words and filters, best matches first",
            description="Words must all match (OR between two terms: either); \"a phrase\", prefix*, -word or NOT word "
            "to leave out, parentheses; is:unread|read|starred|annotated, tag:T, outlet:NAME (feed:), author:NAME, "
            "entity:NAME, type:person|organisation|place, after:2017-11-01, before:2018. A query starting with - "
            "goes after --: `broadsheet search -- -colombia ledezma`.",
        )
        search.add_argument(
            "query", nargs="+", metavar="QUERY", help="the query (several arguments are joined with spaces)"
        )
        search.add_argument("--limit", type=positive, default=20, metavar="N", help="show the best N (default 20)")
        json_flag(search)

    if wanted("views"):
        views = commands.add_parser("views",
                                    help="saved searches: list them with their unread counts, add, rename, remove")
        actions = views.add_subparsers(dest="views_command", metavar="ACTION", required=True)
        json_flag(actions.add_parser("list", help="every saved view with its unread and total counts"))
        add = actions.add_parser("add", help="save a query under a name")
        add.add_argument("name", metavar="NAME")
        add.add_argument("query", nargs="+", metavar="QUERY")
        remove = actions.add_parser("remove", help="forget a saved view")
        completes(remove.add_argument("name", metavar="NAME"), "views")
        rename = actions.add_parser("rename", help="give a saved view another name")
        completes(rename.add_argument("old", metavar="OLD"), "views")
        rename.add_argument("new", metavar="NEW")

    if wanted("reindex"):
        commands.add_parser("reindex", help="rebuild the search index from the library")


def _annotation_commands(commands: SubParsers, wanted: Wanted) -> None:
    if wanted("annotations"):
        listing = commands.add_parser("annotations", help="list highlights and notes, newest first")
        completes(listing.add_argument("--tag", metavar="T", help="only those with this tag"), "tags")
        listing.add_argument("--article", metavar="ID", help="only those on this article")
        listing.add_argument("--orphaned", action="store_true",
                             help="only those whose passage is gone from the article")
        listing.add_argument("--delete", metavar="ID", action="append",
                             help="delete this annotation (repeatable; ids as listed) instead of listing")
        json_flag(listing)

    if wanted("annotate"):
        annotate = commands.add_parser(
            "annotate", help="highlight a passage of an article, or write a note on the whole article"
        )
        annotate.add_argument("id", metavar="ID")
        annotate.add_argument(
            "--quote",
            metavar="TEXT",
            help="the passage, exactly as in `broadsheet show ID` (without it, --note is on the article)",
        )
        annotate.add_argument("--prefix", metavar="P",
                              help="text just before the passage, when it occurs more than once")
        annotate.add_argument("--suffix", metavar="S",
                              help="text just after the passage, when it occurs more than once")
        annotate.add_argument(
            "--note", metavar="TEXT", help="your note (with no --quote: the article's note; empty removes it)"
        )
        annotate.add_argument("--tag", metavar="T", action="append", help="a tag (repeatable)")
        annotate.add_argument("--kind", choices=list(ANNOTATION_KINDS), default="highlight", help="default: highlight")

    if wanted("export"):
        export = commands.add_parser(
            "export", help="write out your annotations (Markdown, JSON, W3C Web Annotations) or a story's comparison"
        )
        export.add_argument("what", choices=["annotations", "story"], metavar="annotations|story")
        export.add_argument("id", nargs="?", metavar="STORY", help="with `story`: the story (or one of its articles)")
        export.add_argument("--format", choices=["md", "json", "w3c"], default="md",
                            help="default: md (w3c: annotations only)")
        export.add_argument("--out", metavar="FILE", help="write to FILE (atomically) instead of stdout")
        export.add_argument("--per-article", action="store_true",
                            help="with --format md: one file per article, with front matter, into the folder --out DIR")


def _story_commands(commands: SubParsers, wanted: Wanted) -> None:
    if wanted("stories"):
        stories = commands.add_parser("stories", help="articles grouped into stories: the accounts of one event")
        stories.add_argument("--all", action="store_true", help="every story, those of one article too")
        stories.add_argument("--rebuild", action="store_true",
                             help="group the whole library afresh (your corrections are kept and applied)")
        json_flag(stories)

    if wanted("story"):
        story = commands.add_parser(
            "story", help="compare a story's accounts: coverage, who is named and left out, labels, quotes, wording"
        )
        story.add_argument("id", metavar="ID", help="a story id (s...) or the id of one of its articles")
        change = story.add_mutually_exclusive_group()
        change.add_argument("--move", metavar="ARTICLE", help="move an article out of this story (with --to)")
        change.add_argument("--split", metavar="ARTICLE", nargs="+", help="these articles become a story of their own")
        change.add_argument("--merge", metavar="STORY", help="fold another story into this one")
        change.add_argument("--rename", metavar="TITLE", help="give the story a title of your own")
        change.add_argument("--undo", action="store_true", help="take back the last story correction")
        story.add_argument("--to", metavar="STORY|new", help="with --move: the story it belongs to, or `new`")
        json_flag(story)

    if wanted("outlets"):
        outlets = commands.add_parser("outlets", help="the outlets in the library, with the group you put each in")
        json_flag(outlets)
    if wanted("outlet"):
        outlet = commands.add_parser("outlet",
                                     help="put an outlet in a group of your naming (left, wire, state media...)")
        outlet.add_argument("name", metavar="NAME")
        outlet.add_argument("--group", metavar="GROUP", required=True, help="the group; \"\" takes it out of any")


def _sync_commands(commands: SubParsers, wanted: Wanted) -> None:
    if not wanted("sync"):
        return
    sync = commands.add_parser("sync", help="sync read state, stars, tags, article notes and feeds with tt-rss or a "
                               "Google Reader API server (FreshRSS, Inoreader, The Old Reader, Miniflux)")
    actions = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="set up the account (password from a prompt or $BROADSHEET_SYNC_PASSWORD)")
    add.add_argument("provider", choices=["ttrss", "greader"],
                     help="the service (ttrss: Tiny Tiny RSS; greader: the Google Reader API)")
    add.add_argument("url", metavar="URL", help="where the server is (tt-rss: the address api/ is under; FreshRSS: "
                     "https://HOST/api/greader.php)")
    add.add_argument("--user", required=True, metavar="NAME")
    add.add_argument("--push-feeds", action="store_true",
                     help="also subscribe the server to this library's feeds (its feeds always come here)")
    add.add_argument("--no-tags", action="store_true",
                     help="keep tags here only, for a server that keeps no labels on articles (Miniflux)")
    json_flag(actions.add_parser("status", help="the account, the last sync, changes waiting and conflicts"))
    now = actions.add_parser("now", help="sync now")
    json_flag(now)
    now.add_argument("--full", action="store_true",
                     help="list every article's marks, not only what changed (done daily anyway)")
    actions.add_parser("remove", help="forget the account (the library keeps every article and mark)")


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
