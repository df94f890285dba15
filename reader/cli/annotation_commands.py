"""The annotation commands: list, annotate, export and import; every stored string printed sanitised."""

from __future__ import annotations

import sys
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

from ..annotations.anchoring import find_quote
from ..annotations.export import to_json, to_markdown, to_w3c
from ..annotations.imports import BadImport, parse_export
from ..annotations.model import Annotation
from ..ingest.sanitize import clean_line, clean_text
from ..models import Article
from ..store import Store
from ..store.files import write_atomically
from ..text import normalise_tag
from .output import print_json

EXPORTERS: dict[str, Callable[[list[Annotation], dict[str, Article]], str | bytes]] = {
    "md": to_markdown, "json": to_json, "w3c": to_w3c,
}


def list_annotations(store: Store, args: Namespace) -> int:
    annotations = store.annotations(store.resolve(args.article) if args.article else None)
    if args.tag:
        tag = normalise_tag(args.tag)
        annotations = [a for a in annotations if tag in a.tags]
    articles = store.annotated_articles(a.article for a in annotations)
    if args.json:
        print_json([annotation_json(a, articles.get(a.article)) for a in annotations])
    elif not annotations:
        print("no annotations" + (" with that tag" if args.tag else "") + " yet: `broadsheet annotate ID --quote TEXT`")
    else:
        for annotation in annotations:
            for line in annotation_lines(annotation, articles.get(annotation.article)):
                print(line)
    return 0


def annotation_json(annotation: Annotation, article: Article | None) -> dict[str, object]:
    return {
        "id": annotation.id,
        **annotation.to_doc(),
        "orphaned": annotation.orphaned,
        "article_title": article.title if article else "",
        "article_url": article.url if article else "",
    }


def annotation_lines(annotation: Annotation, article: Article | None) -> list[str]:
    """A few lines per annotation: id, kind, date and article; the quote; the note; tags."""
    title = clean_line(article.title) if article else "(article no longer in the library)"
    when = f"{annotation.created:%Y-%m-%d}" if annotation.created else ""
    kind = "note on the article" if annotation.is_article_note else annotation.kind
    flag = "  ORPHANED (passage no longer in the article)" if annotation.orphaned else ""
    lines = [f"{annotation.id}  {kind}  {when}  [{annotation.article}] {title}{flag}"]
    if annotation.quote:
        quote = clean_line(annotation.quote)
        lines.append(f"    “{quote if len(quote) <= 200 else quote[:199] + '…'}”")
    if annotation.original:
        original = clean_line(annotation.original)
        lines.append(f"    was: “{original if len(original) <= 200 else original[:199] + '…'}”")
    lines += [f"    {line}" for line in clean_text(annotation.note).splitlines()]
    if annotation.tags:
        lines.append("    " + clean_line(" ".join(f"#{t}" for t in annotation.tags)))
    return lines + [""]


def annotate(store: Store, args: Namespace) -> int:
    article_id = store.resolve(args.id)
    tags = args.tag or ()
    if args.quote is None:
        if args.note is None:
            print(
                "broadsheet: give --quote TEXT to highlight a passage, or --note TEXT for a note on the article",
                file=sys.stderr,
            )
            return 2
        saved = store.set_article_note(article_id, args.note)
        print(f"note on {article_id} saved" if saved else f"note on {article_id} removed")
        return 0
    text = store.body(article_id).text
    selector = find_quote(text, args.quote, args.prefix or "", args.suffix or "")
    saved = store.add_annotation(
        article_id, selector.start, selector.end, kind=args.kind, note=args.note or "", tags=tags, text=text
    )
    print(f"annotated {article_id}: {saved.id} ({saved.kind}, characters {saved.start}-{saved.end})")
    return 0


def export(store: Store, args: Namespace) -> int:
    annotations = store.annotations()
    articles = store.annotated_articles(a.article for a in annotations)
    document = EXPORTERS[args.format](annotations, articles)
    data = document.encode() if isinstance(document, str) else document
    if args.out and args.out != "-":
        write_atomically(Path(args.out), data)
        print(f"exported {len(annotations)} annotations to {clean_line(args.out)}", file=sys.stderr)
    else:
        sys.stdout.write(data.decode())
    return 0


def import_file(store: Store, args: Namespace) -> int:
    path = Path(args.paths[1])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadImport(f"{path}: {error.strerror or error}") from error
    report = store.import_annotations(parse_export(data, path.name))
    parts = [f"imported {report.imported} annotations"]
    if report.skipped:
        parts.append(f"{report.skipped} already here")
    if report.unmatched:
        parts.append(f"{report.unmatched} skipped: their article is not in this library")
    if report.orphaned:
        parts.append(f"{report.orphaned} whose passage is no longer in the article (kept, marked orphaned)")
    print(", ".join(parts))
    return 0
