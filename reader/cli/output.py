"""How the command line prints articles: aligned text rows for people, JSON for scripts."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import orjson

from ..annotations.model import Annotation
from ..ingest.sanitize import clean_line, clean_text
from ..models import Article, Body, Marks

NO_MARKS = Marks()


def print_json(data: object) -> None:
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def article_json(
    article: Article, read_ids: set[str], marks: dict[str, Marks], feeds: dict[str, str] | None = None
) -> dict[str, object]:
    """An article as `list --json` and `show --json` print it; ``feeds`` names the feeds by id."""
    mark = marks.get(article.id, NO_MARKS)
    feed = article.source if feeds is not None and article.source in feeds else None
    return {
        "id": article.id,
        # The feed it came from (null for imported files, the seeds, or a feed since removed).
        "feed": feed,
        "feed_title": feeds[feed] if feeds is not None and feed is not None else None,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "published": article.published.isoformat(),
        "kind": article.kind,
        "read": article.id in read_ids,
        "starred": mark.starred,
        "tags": list(mark.tags),
        "comments": article.comment_count,
    }


def article_row(article: Article, read_ids: set[str], marks: dict[str, Marks]) -> str:
    """One line: id, unread dot, star, date, outlet, title and tags; every field sanitised."""
    mark = marks.get(article.id, NO_MARKS)
    flags = ("•" if article.id not in read_ids else " ") + ("★" if mark.starred else " ")
    tags = " ".join(f"#{t}" for t in mark.tags)
    outlet = clean_line(article.outlet)[:20]
    row = f"{article.id}  {flags} {article.published:%Y-%m-%d}  {outlet:<20}  {clean_line(article.title)}"
    return f"{row}  {clean_line(tags)}" if tags else row


def body_lines(
    article: Article, body: Body, read_ids: set[str], marks: dict[str, Marks], with_comments: bool,
    feed: str | None = None,
) -> Iterator[str]:
    mark = marks.get(article.id, NO_MARKS)
    yield clean_line(article.title)
    details = [article.outlet, article.author, f"{article.published:%Y-%m-%d %H:%M} UTC"]
    yield " · ".join(clean_line(d) for d in details if d)
    if article.url:
        yield clean_line(article.url)
    status = ["read" if article.id in read_ids else "unread"]
    if mark.starred:
        status.append("starred")
    status += [f"#{t}" for t in mark.tags]
    yield f"[{article.id}] " + " ".join(status)
    if feed is not None:
        yield f"feed: {clean_line(feed)} [{article.source}]"
    for block in body.blocks:
        yield ""
        text = clean_text(block.text)
        if block.kind == "heading":
            yield text.upper() if block.level <= 2 else text
        elif block.kind == "list_item":
            yield "  " * max(block.level - 1, 0) + "• " + text
        elif block.kind == "quote":
            yield "\n".join("> " + line for line in text.splitlines())
        else:
            yield text
    if body.links:
        yield ""
        yield "Links:"
        for number, url in enumerate(body.links, 1):
            yield f"[{number}] {clean_line(url)}"
    if body.comments:
        yield ""
        if with_comments:
            yield f"Comments ({len(body.comments)}):"
            for comment in body.comments:
                indent = "    " * comment.depth
                who = f"{clean_line(comment.author)}: " if comment.author else ""
                for line in (who + clean_text(comment.text)).splitlines():
                    yield indent + line
                yield ""
        else:
            yield f"({len(body.comments)} reader comments; --comments shows them)"


def annotation_block(annotation: Annotation) -> list[str]:
    """One of the article's own highlights or notes, as `show` prints it under the text."""
    kind = "note on the article" if annotation.is_article_note else annotation.kind
    when = f"  {annotation.created:%Y-%m-%d}" if annotation.created else ""
    lines = [f"{annotation.id}  {kind}{when}" + ("  ORPHANED (passage no longer in the article)"
                                                 if annotation.orphaned else "")]
    if annotation.quote:
        lines.append(f"    “{clean_line(annotation.quote)}”")
    lines += [f"    {line}" for line in clean_text(annotation.note).splitlines()]
    if annotation.tags:
        lines.append("    " + clean_line(" ".join(f"#{t}" for t in annotation.tags)))
    return lines


def annotation_json(annotation: Annotation, article: Article | None) -> dict[str, object]:
    return {
        "id": annotation.id,
        **annotation.to_doc(),
        "orphaned": annotation.orphaned,
        "article_title": article.title if article else "",
        "article_url": article.url if article else "",
    }
