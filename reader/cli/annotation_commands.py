"""The annotation commands: list, annotate, export and import; every stored string printed sanitised."""

from __future__ import annotations

import sys
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

from ..annotations.anchoring import find_quote
from ..annotations.export import to_json, to_w3c
from ..annotations.imports import BadImport, parse_export
from ..annotations.incoming import ImportReport, ParsedFile, Skipped
from ..annotations.markdown import to_markdown, to_markdown_files
from ..annotations.model import Annotation, AnnotationError
from ..errors import BroadsheetError
from ..ingest.sanitize import clean_line, clean_text
from ..models import Article, Body
from ..store import Store
from ..store.errors import CorruptFile
from ..store.files import write_atomically
from ..text import counted, normalise_tag
from .output import annotation_json, print_json

EXPORTERS: dict[str, Callable[[list[Annotation], dict[str, Article]], str | bytes]] = {
    "md": to_markdown, "json": to_json, "w3c": to_w3c,
}


def list_annotations(store: Store, args: Namespace) -> int:
    if args.delete:
        return delete_annotations(store, args.delete)
    annotations = store.annotations(store.resolve(args.article) if args.article else None)
    if args.orphaned:
        annotations = [a for a in annotations if a.orphaned]
    if args.tag:
        tag = normalise_tag(args.tag)
        annotations = [a for a in annotations if tag in a.tags]
    articles = store.annotated_articles(a.article for a in annotations)
    if args.json:
        print_json([annotation_json(a, articles.get(a.article)) for a in annotations])
    elif not annotations:
        if args.orphaned:
            print("no orphaned annotations" + (" with that tag" if args.tag else "") + ": every passage is in place")
        else:
            print("no annotations" + (" with that tag" if args.tag else "") + " yet: "
                  "`broadsheet annotate ID --quote TEXT`")
    else:
        for annotation in annotations:
            for line in annotation_lines(annotation, articles.get(annotation.article)):
                print(line)
    return 0


def delete_annotations(store: Store, ids: list[str]) -> int:
    """Delete each annotation named; every id is checked before any is deleted."""
    known = {a.id: a for a in store.annotations()}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise AnnotationError(f"no annotation with id {', '.join(map(repr, unknown))}; nothing was deleted "
                              "(`broadsheet annotations` lists the ids)")
    for annotation_id in dict.fromkeys(ids):
        gone = store.delete_annotation(annotation_id)
        what = "note on the article" if gone.is_article_note else "highlight"
        quote = f" “{clean_line(gone.quote)[:60]}”" if gone.quote else ""
        print(f"deleted {what} {gone.id}{quote}")
    return 0


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
    if args.per_article:
        return _export_files(store, annotations, articles, args)
    if args.format == "md":
        document: str | bytes = to_markdown(annotations, articles, passage_bodies(store, annotations, articles))
    else:
        document = EXPORTERS[args.format](annotations, articles)
    data = document.encode() if isinstance(document, str) else document
    if args.out and args.out != "-":
        write_atomically(Path(args.out), data)
        print(f"exported {len(annotations)} annotations to {clean_line(args.out)}", file=sys.stderr)
    else:
        sys.stdout.write(data.decode())
    return 0


def passage_bodies(store: Store, annotations: list[Annotation], articles: dict[str, Article]) -> dict[str, Body]:
    """The bodies of the articles with a passage in place, for Markdown to give each passage the
    form of the blocks it spans. A damaged body leaves its passages as plain paragraphs rather than
    stopping the export."""
    bodies = {}
    for article_id in {a.article for a in annotations if a.quote and not a.orphaned}:
        if (article := articles.get(article_id)) is not None:
            try:
                bodies[article_id] = store.body(article)
            except CorruptFile:
                continue
    return bodies


def _export_files(store: Store, annotations: list[Annotation], articles: dict[str, Article], args: Namespace) -> int:
    if args.format != "md" or not args.out or args.out == "-":
        print("broadsheet: --per-article writes Markdown files into a folder: "
              "`export annotations --format md --per-article --out DIR`", file=sys.stderr)
        return 2
    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise BroadsheetError(f"{clean_line(args.out)} is a file, not a folder for --per-article")
    files = to_markdown_files(annotations, articles, passage_bodies(store, annotations, articles))
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_atomically(folder / name, text.encode())
    print(f"exported {counted(len(annotations), 'annotation')} of {counted(len(files), 'article')} "
          f"to {clean_line(args.out)}", file=sys.stderr)
    return 0


def import_file(store: Store, args: Namespace) -> int:
    path = Path(args.paths[1])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadImport(f"{path}: {error.strerror or error}") from error
    parsed = parse_export(data, path.name, args.annotation_format)
    report = store.import_annotations(parsed.incoming)
    if args.json:
        print_json(_report_json(parsed, report))
    else:
        for line in report_lines(parsed, report):
            print(line)
    return 0


def report_lines(parsed: ParsedFile, report: ImportReport) -> list[str]:
    """The summary line, then each entry skipped with its reason."""
    skipped = sorted((*parsed.skipped, *report.skipped), key=_position_in_file)
    lines = [
        f"imported {report.imported}, updated {report.updated}, skipped {report.already_here + len(skipped)}, "
        f"orphaned {report.orphaned} ({_FORMAT_NAMES[parsed.format]})"
    ]
    if report.already_here:
        lines.append(f"  {report.already_here} skipped: already here")
    # Entries and reasons quote the file, which may hold anything: printed sanitised.
    lines += [f"  skipped {clean_line(item.entry)}: {clean_line(item.reason)}" for item in skipped]
    if report.orphaned:
        lines.append(f"  {report.orphaned} orphaned: their passage is not in the article's text (kept, with the quote)")
    return lines


def _position_in_file(item: Skipped) -> int:
    # "annotation 5 (id …)", "row 3", "annotation 2 (id …), target 1": in the file's order.
    number = item.entry.split(" ")[1].rstrip(",") if " " in item.entry else ""
    return int(number) if number.isdigit() else 0


def _report_json(parsed: ParsedFile, report: ImportReport) -> dict[str, object]:
    return {
        "format": parsed.format, "imported": report.imported, "updated": report.updated,
        "already_here": report.already_here, "orphaned": report.orphaned,
        "skipped": [{"entry": s.entry, "reason": s.reason} for s in (*parsed.skipped, *report.skipped)],
    }


_FORMAT_NAMES = {"json": "broadsheet JSON", "w3c": "W3C Web Annotations", "hypothesis": "Hypothesis",
                 "readwise": "Readwise CSV"}
