"""The grammar of the commands that bring articles in and keep them in step: feeds, fetch,
fulltext, save and sync."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .arguments import FULL_TEXT_MODES, completes, json_flag, positive, seconds

if TYPE_CHECKING:
    from .article_parser import SubParsers


def feed_commands(commands: SubParsers, wanted: Callable[[str], bool]) -> None:
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


def sync_commands(commands: SubParsers, wanted: Callable[[str], bool]) -> None:
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
