"""The grammar of the commands about what the articles say and what you make of them: entities,
search and saved views, annotations and export, stories and outlets."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .arguments import ANNOTATION_KINDS, completes, json_flag, positive

if TYPE_CHECKING:
    from .article_parser import SubParsers


def entity_commands(commands: SubParsers, wanted: Callable[[str], bool]) -> None:
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


def search_commands(commands: SubParsers, wanted: Callable[[str], bool]) -> None:
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


def annotation_commands(commands: SubParsers, wanted: Callable[[str], bool]) -> None:
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


def story_commands(commands: SubParsers, wanted: Callable[[str], bool]) -> None:
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
