"""How the command line prints entities: aligned rows, one entity in full, JSON; all sanitised."""

from __future__ import annotations

from collections.abc import Iterator

from ..entities import Entity, EntityLibrary, Mention
from ..ingest.sanitize import clean_line
from ..models import Article
from ..text import around

#: Article ids shown on an entity's row before "+N more" (--json lists them all).
ROW_IDS = 6
#: Characters of text shown either side of a mention.
CONTEXT = 50


def entity_json(entity: Entity, mentions: int | None = None) -> dict[str, object]:
    return {
        "key": entity.key,
        "name": entity.name,
        "type": entity.kind,
        "hidden": entity.hidden,
        "corrected": entity.corrected,
        "mentions": entity.mention_count if mentions is None else mentions,
        "aliases": entity.aliases,
        "articles": sorted(entity.articles),
    }


def entity_rows(rows: list[tuple[Entity, int]]) -> list[str]:
    """One aligned line per (entity, mentions): type, mentions, name, aliases, article ids."""
    names = [clean_line(entity.name) for entity, _ in rows]
    width = min(max(map(len, names), default=0), 32)
    lines = []
    for (entity, mentions), name in zip(rows, names, strict=True):
        aliases = ", ".join(f"{clean_line(alias)} ({count})" for alias, count in entity.aliases.items())
        ids = sorted(entity.articles)
        shown = " ".join(ids[:ROW_IDS]) + (f" +{len(ids) - ROW_IDS} more" if len(ids) > ROW_IDS else "")
        flag = "  [hidden]" if entity.hidden else ""
        lines.append(f"{entity.kind:<12}  {mentions:>5}  {name:<{width}}  {aliases}  [{shown}]{flag}")
    return lines


def entity_lines(
    entity: Entity,
    library: EntityLibrary,
    articles: dict[str, Article],
    mentions: list[tuple[str, Mention, str]],
) -> Iterator[str]:
    """One entity in full; ``mentions`` are (article id, mention, context line)."""
    yield clean_line(entity.name)
    flags = [
        entity.kind,
        f"{entity.mention_count} mentions in {len(entity.articles)} articles",
        f"key {clean_line(entity.key)}",
    ]
    flags += [flag for flag, on in (("hidden", entity.hidden), ("corrected", entity.corrected)) if on]
    yield " · ".join(flags)
    yield "Names: " + ", ".join(f"{clean_line(alias)} ({count})" for alias, count in entity.aliases.items())
    yield ""
    yield "Articles:"
    for article_id, count in sorted(entity.articles.items(), key=lambda kv: (-kv[1], kv[0])):
        article = articles.get(article_id)
        title = clean_line(article.title) if article else "(no longer in the library)"
        outlet = clean_line(article.outlet)[:20] if article else ""
        yield f"  {article_id}  {count:>3}  {outlet:<20}  {title}"
    together = library.cooccurring(entity.key)
    if together:
        yield ""
        yield "Named with: " + ", ".join(f"{clean_line(other.name)} ({shared})" for other, shared in together)
    yield ""
    yield "Mentions:"
    for article_id, mention, context in mentions:
        yield f"  {article_id}  {mention.part:<5}  {context}"


def context(text: str, mention: Mention, width: int = CONTEXT) -> str:
    """The mention in brackets with up to ``width`` characters of its own line either side."""
    before, passage, after = around(text, mention.start, mention.end, width)
    return clean_line(f"{before}[{passage}]{after}")


def mention_json(article_id: str, mention: Mention, context_line: str) -> dict[str, object]:
    return {
        "article": article_id,
        "part": mention.part,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "context": context_line,
    }
