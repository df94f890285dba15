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
from .plaintext import parse_plain_text

#: Larger files are not articles; refusing them keeps a stray dump from stalling an import.
MAX_BYTES = 20 * 1024 * 1024

_READERS: dict[str, Callable[[str], tuple[str, Body]]] = {
    ".txt": parse_plain_text,
    ".text": parse_plain_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}

#: The suffixes load_document reads, lower-case.
SUPPORTED_SUFFIXES = frozenset(_READERS)


def load_document(path: Path) -> ArticleDraft:
    """Read one local document as an article to import.

    Raises UnsupportedDocument for a suffix we do not read and UnreadableDocument for a file
    that is missing, unreadable, over 20 MB or not UTF-8; both are IngestErrors.
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
    title, body = reader(text)
    return ArticleDraft(
        source="import",
        guid=str(path.resolve()),
        title=title or path.stem,
        body=body,
        outlet="",
        published=datetime.fromtimestamp(stat.st_mtime, tz=UTC),
        kind="document",
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
