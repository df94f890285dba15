"""Scoring entity extraction against the gold files in entities_gold/: per-type P/R/F1, merges."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from reader.entities import ArticleEntities, Entity, Extractor, canonicalise
from reader.entities.normalise import fold
from reader.seeds import seed_drafts

GOLD = Path(__file__).parent / "entities_gold"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KINDS = ("person", "organisation", "place")


def norm(alias: str) -> str:
    """Gold and system aliases compare folded, without a leading "the" or a trailing "'s"."""
    folded = fold(alias)
    folded = re.sub(r"^(?:the|a|an) ", "", folded)
    return re.sub(r"'s$", "", folded)


@dataclass(frozen=True)
class GoldEntity:
    name: str
    kind: str
    aliases: frozenset[str]
    optional: bool = False
    #: Other acceptable spans for matching; not aliases, so not part of the merge score.
    also: frozenset[str] = frozenset()

    @property
    def names(self) -> frozenset[str]:
        return self.aliases | self.also


@dataclass(frozen=True)
class GoldArticle:
    article_id: str
    title: str
    text: str
    entities: tuple[GoldEntity, ...]


#: Sets of news articles beside the seeds: "tune" the rules may be fitted to, "heldout" never;
#: "tune3" to "tune9" were written after the fitting, to check that the rules generalise, and
#: "tune4" to "tune10" were then fitted to in turn, each first scored unseen (tune10 after that
#: fitting, its first score kept in test_entities_quality.py); "tune11" likewise, first scored
#: unseen, then tuned on; "tune12" is the next unseen set, its floors from its first score.
FOLDERS = {"tune": GOLD / "news_tune", "tune2": GOLD / "news_tune2", "tune3": GOLD / "news_tune3",
           "tune4": GOLD / "news_tune4", "tune5": GOLD / "news_tune5", "tune6": GOLD / "news_tune6",
           "tune7": GOLD / "news_tune7", "tune8": GOLD / "news_tune8", "tune9": GOLD / "news_tune9",
           "tune10": GOLD / "news_tune10", "tune11": GOLD / "news_tune11",
           "tune12": GOLD / "news_tune12",
           "heldout": GOLD / "news_heldout"}


def load_gold(group: str) -> list[GoldArticle]:
    """group "seeds": the five seeds (texts from seeds/); "own": the first test articles (texts
    inline); the "tune" sets and "heldout": the larger sets of news in their folders."""
    drafts = {d.guid: d for d in seed_drafts(SEEDS)} if group == "seeds" else {}
    articles = []
    folder = FOLDERS.get(group, GOLD)
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        is_seed = "article" in data
        if folder is GOLD and is_seed != (group == "seeds"):
            continue
        if is_seed:
            draft = drafts[data["article"]]
            article_id, title, text = data["article"], draft.title, draft.body.text
        else:
            article_id, title, text = path.stem, data["title"], data["text"]
        entities = tuple(
            GoldEntity(e["name"], e["kind"], frozenset(e["aliases"]), e.get("optional", False),
                       frozenset(e.get("also", ())))
            for e in data["entity"]
        )
        articles.append(GoldArticle(article_id, title, text, entities))
    return articles


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    by_kind: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    untyped: Counts = field(default_factory=Counts)
    mentions: Counts = field(default_factory=Counts)
    merge_strict: tuple[int, int] = (0, 0)
    merge_found: tuple[int, int] = (0, 0)
    errors: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.by_kind.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    def table(self) -> str:
        lines = [f"{'':14}{'P':>7}{'R':>7}{'F1':>7}   tp  fp  fn"]
        rows = [*self.by_kind.items(), ("all (typed)", self.overall), ("all (untyped)", self.untyped),
                ("mentions", self.mentions)]
        for name, c in rows:
            lines.append(f"{name:14}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}  {c.tp:3} {c.fp:3} {c.fn:3}")
        ok, total = self.merge_strict
        lines.append(f"merge (all gold aliases found, in one entity): {ok}/{total} = {ok / max(total, 1):.3f}")
        ok, total = self.merge_found
        lines.append(f"merge (aliases found land in one entity):      {ok}/{total} = {ok / max(total, 1):.3f}")
        return "\n".join(lines)


def run_system(gold: list[GoldArticle], extractor: Extractor) -> tuple[list[ArticleEntities], list[Entity]]:
    found = list(extractor.extract_many((a.article_id, a.title, a.text) for a in gold))
    return found, canonicalise(found)


def score(gold: list[GoldArticle], found: list[ArticleEntities], entities: list[Entity]) -> Report:
    report = Report()
    per_article: dict[str, list[tuple[Entity, set[str]]]] = defaultdict(list)
    for entity in entities:
        if entity.hidden:
            continue
        aliases: dict[str, set[str]] = defaultdict(set)
        for occ in entity.occurrences:
            aliases[occ.article_id].add(norm(occ.alias))
        for article_id, names in aliases.items():
            per_article[article_id].append((entity, names))
    for article in gold:
        _score_article(report, article, per_article[article.article_id])
    by_id = {a.article_id: a for a in found}
    for article in gold:
        _score_mentions(report, article, by_id[article.article_id])
    _score_merges(report, gold, per_article)
    return report


def _score_article(report: Report, article: GoldArticle, system: list[tuple[Entity, set[str]]]) -> None:
    used: set[int] = set()
    for gold in sorted(article.entities, key=lambda g: g.optional):
        wanted = {norm(a) for a in gold.names}
        matches = [i for i, (_, names) in enumerate(system) if names & wanted and i not in used]
        matches.sort(key=lambda i: -len(system[i][1] & wanted))
        used.update(matches)
        if gold.optional:
            continue
        if not matches:
            report.by_kind[gold.kind].fn += 1
            report.untyped.fn += 1
            report.errors.append(f"{article.article_id}: missed {gold.kind} {gold.name!r}")
            continue
        entity = system[matches[0]][0]
        report.untyped.tp += 1
        if entity.kind == gold.kind:
            report.by_kind[gold.kind].tp += 1
        else:
            report.by_kind[gold.kind].fn += 1
            report.by_kind[entity.kind].fp += 1
            report.errors.append(f"{article.article_id}: {gold.name!r} typed {entity.kind}, gold {gold.kind}")
        for extra in matches[1:]:  # the same gold entity found as two: a merge that did not happen
            report.by_kind[system[extra][0].kind].fp += 1
            report.untyped.fp += 1
            report.errors.append(f"{article.article_id}: {gold.name!r} split off as {system[extra][0].name!r}")
    for i, (entity, names) in enumerate(system):
        if i not in used:
            report.by_kind[entity.kind].fp += 1
            report.untyped.fp += 1
            report.errors.append(f"{article.article_id}: spurious {entity.kind} {sorted(names)}")


def _score_mentions(report: Report, article: GoldArticle, found: ArticleEntities) -> None:
    """Approximate mention level: gold mentions are the occurrences of gold aliases in the text,
    longest first; a system mention counts when its span and kind agree."""
    gold_spans: dict[tuple[str, int, int], str] = {}
    skip: dict[tuple[str, int, int], str] = {}
    for part, text in (("title", article.title), ("body", article.text)):
        forms = sorted(((a, g) for g in article.entities for a in g.names), key=lambda x: -len(x[0]))
        taken: list[tuple[int, int]] = []
        for alias, gold in forms:
            for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text.replace("\xa0", " ")):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append(m.span())
                (skip if gold.optional else gold_spans).setdefault((part, *m.span()), gold.kind)
    system = {(m.part, m.start, m.end): m.kind for m in found.mentions}
    for span, kind in system.items():
        if span in skip:
            continue
        if gold_spans.get(span) == kind:
            report.mentions.tp += 1
        else:
            report.mentions.fp += 1
    report.mentions.fn += sum(1 for span, kind in gold_spans.items() if system.get(span) != kind)


def _score_merges(report: Report, gold: list[GoldArticle], per_article: dict) -> None:
    aliases: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for article in gold:
        for entity in article.entities:
            if not entity.optional:
                aliases[entity.name].update((article.article_id, norm(a)) for a in entity.aliases)
    strict = found_ok = found_total = total = 0
    for name, pair_set in sorted(aliases.items()):
        pairs = sorted(pair_set)
        if len({alias for _, alias in pairs}) < 2:
            continue
        total += 1
        homes = []
        for article_id, alias in pairs:
            home = next((e.key for e, names in per_article[article_id] if alias in names), None)
            homes.append(home)
        landed = {h for h in homes if h is not None}
        if None not in homes and len(landed) == 1:
            strict += 1
        if len([h for h in homes if h]) >= 2:
            found_total += 1
            if len(landed) == 1:
                found_ok += 1
            else:
                report.errors.append(f"merge: {name!r} spread over {sorted(landed)}")
        if None in homes:
            lost = sorted(alias for (a, alias), h in zip(pairs, homes, strict=True) if h is None)
            report.errors.append(f"merge: {name!r} aliases not found: {lost}")
    report.merge_strict = (strict, total)
    report.merge_found = (found_ok, found_total)
