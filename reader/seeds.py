"""The sample articles shipped with broadsheet, imported into an empty library on first start."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .models import ArticleDraft, parse_datetime
from .paths import seeds_dir

if TYPE_CHECKING:
    from .store import Store

#: The source name seeds are stored under; with the file name it identifies each one,
#: which is what makes importing them twice a no-op.
SEED_SOURCE = "seed"


@dataclass(frozen=True)
class SeedEntry:
    file: str
    title: str
    outlet: str
    outlet_url: str
    url: str
    author: str
    published: str
    kind: str


def read_manifest(folder: Path | None = None) -> list[SeedEntry]:
    import tomllib

    folder = folder or seeds_dir()
    with open(folder / "manifest.toml", "rb") as handle:
        manifest = tomllib.load(handle)
    fields = SeedEntry.__dataclass_fields__
    return [SeedEntry(**{name: entry.get(name, "") for name in fields}) for entry in manifest["article"]]


def seed_drafts(folder: Path | None = None) -> list[ArticleDraft]:
    # Imported here: every command checks for the seeds, and only a first start reads them.
    from .ingest import parse_plain_text
    from .ingest.infobox import readable

    folder = folder or seeds_dir()
    drafts = []
    for entry in read_manifest(folder):
        text = (folder / entry.file).read_text(encoding="utf-8")
        title, body = parse_plain_text(text, title=entry.title or None)
        body = replace(body, blocks=readable(body.blocks))  # the encyclopedia entry's infobox
        drafts.append(
            ArticleDraft(
                source=SEED_SOURCE,
                guid=entry.file,
                title=title,
                body=body,
                outlet=entry.outlet,
                outlet_url=entry.outlet_url,
                author=entry.author,
                url=entry.url,
                published=parse_datetime(entry.published),
                kind=entry.kind,
            )
        )
    return drafts


def import_seeds(store: Store, folder: Path | None = None) -> int:
    """Add the seeds; returns how many were new. Safe to call any number of times."""
    result = store.add_articles(seed_drafts(folder))
    return len(result.added)


def ensure_seeded(store: Store) -> int:
    """Import the seeds once per library, on its first start.

    A flag in the session (not "is the library empty") decides, so a user who later
    removes the seeds does not see them come back, and a first start cut short by a
    crash finishes the job next time.
    """
    if store.read_only or store.session().get("seeded"):
        return 0
    added = import_seeds(store)
    store.save_session(seeded=True)
    return added
