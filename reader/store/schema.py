"""The store's format version, and migrations from older layouts (with a backup first)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from ..models import ArticleDraft, Block, Body, parse_datetime, utc_now
from .errors import CorruptFile, NewerSchema
from .files import write_atomically

if TYPE_CHECKING:
    from .store import Store

#: Version 1 kept everything, bodies included, in one TinyDB file (``broadsheet.json``):
#: the layout whose every keypress rewrote the whole library. Version 2 splits user
#: state, metadata shards and body packs.
SCHEMA = 2
FORMAT_FILE = "format.json"
LEGACY_FILE = "broadsheet.json"


def read_schema(home: Path) -> int | None:
    """The schema of the store in ``home``; None for a folder that holds no store yet."""
    path = home / FORMAT_FILE
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return 1 if (home / LEGACY_FILE).exists() else None
    except orjson.JSONDecodeError as error:
        raise CorruptFile(path, f"invalid JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("schema"), int):
        raise CorruptFile(path, "no schema version in it")
    if data["schema"] > SCHEMA:
        raise NewerSchema(
            f"the library at {home} was written by a newer broadsheet (format {data['schema']}, "
            f"this one reads up to {SCHEMA}); upgrade broadsheet to open it"
        )
    schema: int = data["schema"]
    return schema


def write_schema(home: Path, schema: int = SCHEMA) -> None:
    write_atomically(home / FORMAT_FILE, orjson.dumps({"format": "broadsheet", "schema": schema}))


def backup(home: Path, schema: int) -> Path:
    """Copy every file of the store aside before a migration changes anything."""
    stamp = utc_now().strftime("%Y%m%dT%H%M%S")
    target = home / "backups" / f"schema-{schema}-{stamp}"
    target.mkdir(parents=True)
    for item in home.iterdir():
        if item.name in ("backups", ".lock"):
            continue
        if item.is_dir():
            shutil.copytree(item, target / item.name)
        else:
            shutil.copy2(item, target / item.name)
    return target


def migrate(store: Store, schema: int) -> Path:
    """Bring an older store up to date; returns the folder holding the backup."""
    saved = backup(store.home, schema)
    if schema == 1:
        _migrate_1_to_2(store)
    write_schema(store.home)
    return saved


def _migrate_1_to_2(store: Store) -> None:
    legacy = store.home / LEGACY_FILE
    try:
        tables = orjson.loads(legacy.read_bytes())
    except orjson.JSONDecodeError as error:
        raise CorruptFile(legacy, f"invalid JSON: {error}") from None
    rows = list(tables.get("articles", {}).values())
    drafts = [
        ArticleDraft(
            source=row.get("source", "import"),
            guid=row.get("guid") or row.get("url") or row["title"],
            title=row["title"],
            body=Body(blocks=tuple(Block("paragraph", p) for p in row.get("body", "").split("\n\n") if p.strip())),
            outlet=row.get("outlet", ""),
            url=row.get("url", ""),
            published=parse_datetime(row.get("published")),
            kind=row.get("kind", ""),
        )
        for row in rows
    ]
    store.library.add(drafts)
    links = store.library.index()["links"]
    for draft, row in zip(drafts, rows, strict=True):
        # A row whose link another row already had was stored once, under that row: its marks go
        # onto the copy that was kept.
        article_id = store.library.id_for(draft.source, draft.guid) or links.get(draft.url)
        if article_id is None:
            continue
        if row.get("read"):
            store.user.set_read([article_id], True)
        if row.get("starred") or row.get("tags"):
            store.user.update_mark(article_id, starred=bool(row.get("starred")), tags=row.get("tags", []))
    # The backup holds the original; leaving it here would make the next open migrate again.
    legacy.unlink()
