"""Local files to ArticleDrafts: pick a reader by suffix, and expand folders into files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..models import ArticleDraft, Body
from .errors import UnreadableDocument, UnsupportedDocument
from .html import parse_html
from .markdown import parse_markdown
from .metadata import Metadata, html_metadata, split_front_matter
from .plaintext import parse_plain_text

#: Larger files are not articles; refusing them keeps a stray dump from stalling an import.
MAX_BYTES = 20 * 1024 * 1024

def _read_plain(text: str, path: Path) -> tuple[str, Body, Metadata]:
    title, body = parse_plain_text(text)
    return title, body, Metadata()


def _read_markdown(text: str, path: Path) -> tuple[str, Body, Metadata]:
    meta, rest = split_front_matter(text, path)
    title, body = parse_markdown(rest, titled=bool(meta.title))
    return title, body, meta


def _read_html(text: str, path: Path) -> tuple[str, Body, Metadata]:
    title, body = parse_html(text)
    return title, body, html_metadata(text, path)


_READERS: dict[str, Callable[[str, Path], tuple[str, Body, Metadata]]] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
}

#: The suffixes load_document reads, lower-case.
SUPPORTED_SUFFIXES = frozenset(_READERS)


def load_document(path: Path, given: Metadata | None = None) -> ArticleDraft:
    """Read one local document as an article to import. Its title, outlet, author, date and link
    come from the document itself (front matter, meta tags), else from ``given`` (the command
    line's --outlet and --published), else from the file (its name, its time).

    Raises UnsupportedDocument for a suffix we do not read, UnreadableDocument for a file that
    is missing, unreadable, over 20 MB or not UTF-8, BadMetadata for front matter or a date
    that cannot be read; all are IngestErrors.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        kind = f"'{path.suffix}' files" if path.suffix else "files without a suffix"
        raise UnsupportedDocument(path, f"{kind} cannot be imported (use .txt, .md or .html)")
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            # Read one byte past the limit instead of trusting the size: the file may be growing.
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise UnreadableDocument(path, "is a folder, not a file") from None
    except FileNotFoundError:
        raise UnreadableDocument(path, "no such file") from None
    except OSError as error:
        raise UnreadableDocument(path, error.strerror or str(error)) from None
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(path, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            path, f"not UTF-8 text (undecodable byte at offset {error.start}); convert it to UTF-8"
        ) from None
    title, body, own = reader(text, path)
    meta = own.over(given) if given is not None else own
    return ArticleDraft(
        source="import",
        guid=str(path.resolve()),
        title=meta.title or title or path.stem,
        body=body,
        outlet=meta.outlet,
        author=meta.author,
        url=meta.url,
        published=meta.published or datetime.fromtimestamp(stat.st_mtime, tz=UTC),
        kind="news report" if meta.outlet and meta.published else "document",
    )


def iter_documents(paths: list[Path]) -> Iterator[Path]:
    """The documents to import: folders expanded, recursively and in sorted order, to the
    supported files in them, skipping hidden files and folders.

    Paths named explicitly are passed through even when unsupported or missing, so that
    load_document can tell the user what is wrong with them instead of skipping them silently.
    Each file is given once.
    """
    seen: set[Path] = set()
    for path in map(Path, paths):
        if not path.is_dir():
            candidates: Iterator[Path] = iter([path])
        else:
            candidates = _walk(path)
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def _walk(folder: Path) -> Iterator[Path]:
    # os.walk does not follow symlinked folders, so a link loop cannot make this endless.
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(root) / name
