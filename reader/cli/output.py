"""How the command line prints articles: aligned text rows for people, JSON for scripts."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import orjson

from ..ingest.sanitize import clean_line, clean_text
from ..models import Article, Body, Marks

NO_MARKS = Marks()


def print_json(data: object) -> None:
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def article_json(article: Article, read_ids: set[str], marks: dict[str, Marks]) -> dict[str, object]:
    mark = marks.get(article.id, NO_MARKS)
    return {
        "id": article.id,
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
    article: Article, body: Body, read_ids: set[str], marks: dict[str, Marks], with_comments: bool
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
