"""Scoring story grouping against the gold sets in tests/data/stories/: B-cubed precision, recall
and F1, and the distractor pairs (two events sharing people and words) that were merged."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.files import load_document
from reader.models import ArticleDraft
from reader.store import Store
from reader.stories import StoryIndex, StoryLibrary, index_path, sync

SETS = Path(__file__).resolve().parents[1] / "data" / "stories"


@dataclass(frozen=True)
class GoldSet:
    #: slug -> the article as imported
    drafts: dict[str, ArticleDraft]
    #: slug -> event id (a singleton's own slug)
    event_of: dict[str, str]
    #: pairs of event ids that must stay apart
    distractors: frozenset[frozenset[str]]
    events: dict[str, dict]


def load_set(name: str) -> GoldSet:
    folder = SETS / name
    drafts = {path.stem: load_document(path) for path in sorted((folder / "articles").glob("*.md"))}
    event_of: dict[str, str] = {}
    distractors = set()
    events = {}
    for path in sorted((folder / "gold").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if path.stem == "singletons":
            for slug in data["articles"]:
                event_of[slug] = f"single:{slug}"
            continue
        events[data["id"]] = data
        for slug in data["articles"]:
            event_of[slug] = data["id"]
        for other in data.get("distractor_of", ()):
            distractors.add(frozenset((data["id"], other)))
    return GoldSet(drafts, event_of, frozenset(distractors), events)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    merged_distractors: tuple[tuple[str, str], ...]

    def line(self) -> str:
        merged = ", ".join(f"{a}+{b}" for a, b in self.merged_distractors) or "none"
        return f"B-cubed P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}; distractors merged: {merged}"


def bcubed(gold: dict[str, str], found: dict[str, str], distractors: Iterable[frozenset[str]] = ()) -> Scores:
    """``gold`` and ``found``: item -> cluster. Per item, precision is the share of its found
    cluster that shares its gold cluster; recall the share of its gold cluster found with it."""
    items = sorted(gold)
    by_found: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in items:
        by_found.setdefault(found[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        same_found, same_gold = by_found[found[item]], by_gold[gold[item]]
        both = len(same_found & same_gold)
        precision += both / len(same_found)
        recall += both / len(same_gold)
    p, r = precision / len(items), recall / len(items)
    merged = []
    for pair in distractors:
        a, b = sorted(pair)
        if any(gold[i] == a and found[i] == found[j] and gold[j] == b for i in items for j in items):
            merged.append((a, b))
    return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0, tuple(sorted(merged)))


def group_set(gold: GoldSet, home: Path) -> tuple[Store, StoryIndex, dict[str, str], dict[str, str]]:
    """Import a set into a new library and place it, as `broadsheet import` and the app do:
    (store, index, slug -> story id, slug -> article id)."""
    store = Store.open(home)
    store.add_articles(gold.drafts.values())
    ids = {slug: store.library.id_for("import", draft.guid) for slug, draft in gold.drafts.items()}
    index = StoryIndex.open(index_path(home))
    sync(index, store)
    library = StoryLibrary.load(index)
    found = {slug: library.get(article_id).id for slug, article_id in ids.items()}
    return store, index, found, ids  # type: ignore[return-value]
