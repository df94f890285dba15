"""`broadsheet help`: a command's help, the shape of every --json output, and the exit codes.

The shapes are a promise to scripts: keys are only ever added, never renamed or removed, and
tests/unit/test_cli_scripting.py checks that each command prints exactly the keys named here.
"""

from __future__ import annotations

import argparse
import textwrap

from . import exits
from .arguments import subcommands
from .exits import UsageError

ARTICLE = ("id, feed (the feed's id, or null for imported files and the seeds), feed_title, title, outlet, "
           "author, url, published (ISO 8601, UTC), kind, read, starred, tags, comments (how many reader comments)")

#: (command, what it prints). Objects are {key, ...}; [x] is a list of x.
JSON_SHAPES = (
    ("list", f"[article]; an article is {{{ARTICLE}}}"),
    ("show ID", "article + body {blocks [{kind, text, level?}], links, comments [{text, author, depth}]}, "
                "text (the plain text annotations anchor to), annotations [annotation]"),
    ("stats", "{articles, unread, starred, feeds, tags, annotations}"),
    ("delete", "{deleted [id], kept [id]} (kept: starred, tagged or annotated, without --force)"),
    ("import", "{added [id], updated [id], unchanged [id], errors [message]}"),
    ("import annotations FILE", "{format, imported, updated, already_here, orphaned, skipped [{entry, reason}]} "
     "(counts, but skipped: each entry left out and why)"),
    ("feeds list", "[{id, title, url, site_url, tags, last_fetch, last_success, status, fetch_status, error, "
                   "warning, articles, unread, full_text}]"),
    ("fetch", "{feeds [{id, url, title, state, added [id], updated [id], error, warnings, seconds}], "
              "elapsed, added, updated, failed} (added, updated and failed are counts)"),
    ("fulltext ID", "{id, ok, words_before, words_after, revisions} or, when the page gave no text, "
                    "{id, ok (false), error, kind (paywalled, empty, not_html, too_large, timeout, private...)}"),
    ("save URL", "{id, state (added, updated, unchanged or exists), title, outlet, url}"),
    ("search", "{query, total, ranked, notes, results [{id, title, title_marks, outlet, author, published, "
               "score, read, starred, tags, snippet, snippet_marks}]} (marks are [start, end] offsets)"),
    ("views list", "[{name, query, total, unread}]"),
    ("annotations", "[annotation]; an annotation is {id, article, kind, quote, prefix, suffix, start, end, "
                    "note, tags, created, updated, orphaned, article_title, article_url}"),
    ("entities", "[{key, name, type, hidden, corrected, mentions, aliases {spelling: count}, articles [id]}]"),
    ("entity NAME", "entity + articles [{id, title, outlet, published, mentions}], cooccurring [{key, name, "
                    "type, articles}], mentioned_at [{article, part, start, end, text, context}]"),
    ("stories", "[{id, title, articles [id], outlets, accounts, first, last, unread, corrected}]"),
    ("story ID", "{articles, entities, omissions, labels, quotes, speakers, distinctive, groups, one_sided, "
                 "pending} (see the README)"),
    ("outlets", "[{outlet, articles, group}]"),
    ("sync status", "{provider, url, user, keyring, push_feeds, no_tags, last_sync, last_error, pending, articles, "
                    "conflicts [{article, "
                    "field, local, server, local_at, server_at, kept, at}], notices [message]}"),
    ("sync now", "{articles, added, pushed, pulled, conflicts, feeds_added, feeds_pushed, notices [message], "
                 "seconds} (counts, but notices)"),
)


def json_reference() -> str:
    lines = [
        "What each --json prints (to stdout; messages and errors go to stderr). Keys are only ever added,",
        "never renamed or removed; dates are ISO 8601 in UTC; a missing value is null or \"\".",
        "",
    ]
    for command, shape in JSON_SHAPES:
        lines += textwrap.wrap(f"broadsheet {command} --json: {shape}", 100, initial_indent="  ",
                               subsequent_indent="      ")
    return "\n".join(lines)


def exit_reference() -> str:
    lines = ["What broadsheet exits with:", ""]
    lines += [f"  {code:>3}  {meaning}" for code, meaning in exits.TABLE]
    return "\n".join(lines)


def show_help(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    topic = list(args.topic)
    if topic in (["json"], ["exit-codes"]):
        print(json_reference() if topic == ["json"] else exit_reference())
        return exits.OK
    command = parser
    for word in topic:
        depth = command.prog.count(" ") + 1
        found = {c.prog.split()[-1]: c for c in subcommands(command) if c.prog.count(" ") == depth}
        if word not in found:
            raise UsageError(f"no command or help topic {' '.join(topic)!r} (topics: json, exit-codes)")
        command = found[word]
    command.print_help()
    return exits.OK
