"""How prominent each entity is in one article: mentions, headline and first paragraph."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..models import Body
from ..models.entities import ArticleEntities, Entity
from .normalise import fold

#: Being in the headline or the opening paragraph counts as this many extra mentions.
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class Prominence:
    key: str
    name: str
    kind: str
    mentions: int
    in_title: bool
    in_lead: bool
    score: float


def lead_end(body: Body) -> int:
    """Where the first paragraph block ends in ``body.text`` (a ``Body``); without one, the
    first block stands in, as an infobox or a list still opens the article."""
    offset = 0
    for block in body.blocks:
        if block.kind == "paragraph":
            return offset + len(block.text)
        offset += len(block.text) + 2
    return len(body.blocks[0].text) if body.blocks else 0


def alias_index(entities: Iterable[Entity]) -> dict[tuple[str, str], Entity]:
    """(article id, folded alias) -> entity: how an article's mentions find their entity."""
    index: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        for occ in entity.occurrences:
            index[(occ.article_id, fold(occ.alias))] = entity
    return index


def rank(article: ArticleEntities, index: dict[tuple[str, str], Entity], lead_end: int) -> list[Prominence]:
    """The article's entities, most prominent first. ``lead_end`` is where the first paragraph of
    the body ends (``Body.text.find("\\n\\n")``, or its length). Hidden entities are left out."""
    # Per entity key: [entity, mentions, named in the title, named in the lead], counted in place.
    tally: dict[str, list[Any]] = {}
    for mention in article.mentions:
        entity = index.get((article.article_id, fold(mention.text)))
        if entity is None or entity.hidden:
            continue
        row = tally.setdefault(entity.key, [entity, 0, False, False])
        row[1] += 1
        row[2] |= mention.part == "title"
        row[3] |= mention.part == "body" and mention.start < lead_end
    ranked = [
        Prominence(e.key, e.name, e.kind, n, title, lead, n + TITLE_WEIGHT * title + LEAD_WEIGHT * lead)
        for e, n, title, lead in tally.values()
    ]
    ranked.sort(key=lambda p: (-p.score, p.name))
    return ranked
