"""Scoring who speaks the hard-case passages (passages.py): each passage imported and analysed
as the app does, its quotes attributed with its entities, and each gold quote's speaker compared
with the one found for the quote holding its words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from stories_score import same_entity

from reader.entities import Extractor
from reader.entities.analyser import analyse_now
from reader.entities.library import EntityLibrary
from reader.models import ArticleDraft
from reader.models.articles import Block, Body
from reader.store import Store
from reader.stories.attribution import quotes_in
from reader.stories.comparison_types import Quote
from reader.stories.parsing import load_parser
from reader.stories.reading import read_docs

from .passages import PASSAGES

TITLE = "News in brief"


@dataclass(frozen=True)
class Miss:
    passage: str
    quote: str
    gold: str
    found: str | None


@dataclass(frozen=True)
class SpeakerScores:
    right: int
    total: int
    misses: tuple[Miss, ...]

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def line(self) -> str:
        lines = [f"hard-case speakers {self.accuracy:.3f} ({self.right} of {self.total})"]
        lines += [f"  {m.passage}: {m.quote!r} gold {m.gold or '(nobody)'!r}, found {m.found or '(nobody)'!r}"
                  for m in self.misses]
        return "\n".join(lines)


def attributed(home: Path) -> dict[str, tuple[str, list[Quote]]]:
    """passage id -> (its body text, its quotes with their speakers)."""
    store = Store.open(home)
    drafts = [ArticleDraft("import", p["id"], TITLE, Body(tuple(Block("paragraph", t) for t in p["text"].split("\n"))),
                           outlet="Wire", published=datetime(2024, 5, 1, tzinfo=UTC)) for p in PASSAGES]
    store.add_articles(drafts)
    ids = {p["id"]: store.library.id_for("import", p["id"]) for p in PASSAGES}
    analyse_now(store, store.unanalysed_ids(None), None, extractor=Extractor())
    entities = EntityLibrary.build(store.entity_results(list(ids.values())), store.entity_corrections())
    nlp = load_parser()
    found = {}
    for slug, article_id in ids.items():
        assert article_id is not None
        text = store.body(store.article(article_id)).text
        reading = read_docs(nlp(TITLE), nlp(text))
        quotes = quotes_in(article_id, "Wire", reading, entities.resolved(article_id), entities,
                           {"title": TITLE, "body": text})
        found[slug] = (text, quotes)
    return found


def score(found: dict[str, tuple[str, list[Quote]]]) -> SpeakerScores:
    right = total = 0
    misses = []
    for passage in PASSAGES:
        text, quotes = found[passage["id"]]
        for words, gold in passage["quotes"]:
            total += 1
            at = text.find(words)
            quote = next((q for q in quotes if q.direct and q.passage.start <= at < q.passage.end), None)
            speaker = quote.speaker if quote is not None else None
            if same_entity(speaker, gold):
                right += 1
            else:
                misses.append(Miss(passage["id"], words, gold, speaker))
    return SpeakerScores(right, total, tuple(misses))
