"""Scoring story grouping against the gold sets in tests/data/stories/: B-cubed precision, recall
and F1, and the distractor pairs (two events sharing people and words) that were merged."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.files import load_document
from reader.models import ArticleDraft
from reader.store import Store
from reader.stories import StoryIndex, StoryLibrary, index_path, sync
from reader.text import fold

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


def _norm(text: str) -> list[str]:
    words = re.sub(r"[^\w\s'-]", " ", fold(text).replace("’", "'")).split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return words


def _token_f1(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def same_phrase(found: list[str], gold: list[str]) -> bool:
    """Two labels agree when their words mostly do (token F1 of 0.67), or when one is the other
    cut short before a clause ("former television presenter" for "former television presenter
    who promised..."): the gold keeps whole appositives, the app shows their noun phrase."""
    if _token_f1(found, gold) >= 0.67:
        return True
    shorter, longer = sorted((found, gold), key=len)
    return bool(shorter) and longer[:len(shorter)] == shorter


def same_entity(found: str | None, gold: str) -> bool:
    """A found canonical name names the gold entity: the same name, or one a shorter form of
    the other ending alike ("Reyna" for "Tomas Reyna")."""
    if not found or not gold:
        return not found and not gold
    a, b = _norm(found), _norm(gold)
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return bool(shorter) and longer[-len(shorter):] == shorter


@dataclass(frozen=True)
class ReadingScores:
    label_precision: float
    label_recall: float
    labels_found: int
    labels_gold: int
    speaker_accuracy: float
    quotes_matched: int
    quotes_gold: int

    def line(self) -> str:
        return (f"labels P {self.label_precision:.3f} R {self.label_recall:.3f} ({self.labels_found} found, "
                f"{self.labels_gold} gold); direct-quote speakers {self.speaker_accuracy:.3f} of "
                f"{self.quotes_matched} matched ({self.quotes_gold} gold)")


def score_readings(gold: GoldSet, comparisons: Iterable, ids: dict[str, str]) -> ReadingScores:
    """Labels and quote speakers found against the gold set's, article by article."""
    slug_of = {article_id: slug for slug, article_id in ids.items()}
    gold_labels = [(lab["article"], lab["entity"], _norm(lab["phrase"])) for ev in gold.events.values()
                   for lab in ev.get("label", ())]
    gold_quotes = [(q["article"], _norm(q["text"]), q["speaker"]) for ev in gold.events.values()
                   for q in ev.get("quote", ()) if q.get("direct", True)]
    found_labels, found_quotes = [], []
    scored = {slug for ev in gold.events.values() for slug in ev["articles"]}  # lone articles have no gold
    for comparison in comparisons:
        for label in comparison.labels:
            if slug_of[label.passage.article_id] in scored:
                found_labels.append((slug_of[label.passage.article_id], label.entity, _norm(label.phrase)))
        for quote in comparison.quotes:
            if quote.direct and slug_of[quote.passage.article_id] in scored:
                found_quotes.append((slug_of[quote.passage.article_id], _norm(quote.text), quote.speaker))
    used: set[int] = set()
    correct = 0
    for article, entity, phrase in found_labels:
        for i, (g_article, g_entity, g_phrase) in enumerate(gold_labels):
            if i not in used and g_article == article and same_entity(entity, g_entity) \
                    and same_phrase(phrase, g_phrase):
                used.add(i)
                correct += 1
                break
    matched = right = 0
    taken: set[int] = set()
    for g_article, g_text, g_speaker in gold_quotes:
        best, best_i = 0.0, -1
        for i, (article, text, _) in enumerate(found_quotes):
            if i not in taken and article == g_article:
                score = _token_f1(text, g_text)
                if score > best:
                    best, best_i = score, i
        if best >= 0.6:
            taken.add(best_i)
            matched += 1
            right += same_entity(found_quotes[best_i][2], g_speaker)
    return ReadingScores(correct / len(found_labels) if found_labels else 0.0,
                         correct / len(gold_labels) if gold_labels else 0.0, len(found_labels), len(gold_labels),
                         right / matched if matched else 0.0, matched, len(gold_quotes))
