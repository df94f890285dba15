"""The comparison of one story's accounts: who covered it and when, who each names and leaves
out, how each labels the people and organisations in it, whom each lets speak, and the words
each uses more than the others. Every item keeps the article and offsets of its passage, so
the app can jump there and the command line can cite it.

Built from value types only (the story, article texts, readings, the entity library), so it
is the same in the app, the command line and an export.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from ..entities.library import EntityLibrary
from ..models.entities import Entity, Mention
from ..text import fold
from .attribution import labels_in, quotes_in
from .comparison_types import Comparison, Coverage, Label, Named, Omission, Passage, Quote
from .library import Story, outlet_name
from .reading import Reading
from .wording import distinctive

__all__ = ["Comparison", "Coverage", "Label", "Named", "Omission", "Passage", "Quote", "compare", "outlet_name"]

#: An entity is an omission of an account when at least this share of the story's other
#: outlets (and at least two of them) name it.
OMISSION_SHARE = 0.6


def compare(
    story: Story,
    texts: Mapping[str, tuple[str, str]],
    readings: Mapping[str, Reading],
    entities: EntityLibrary,
    groups: Mapping[str, str],
    library_share: Callable[[str], float | None] = lambda _: None,
    library_size: int = 0,
) -> Comparison:
    """``texts``: article id -> (title, Body.text); ``groups``: outlet -> its group."""
    originals = {a.article_id for a in story.originals}
    coverage = _coverage(story, texts, groups)
    resolved = _first_names_joined({a.article_id: entities.resolved(a.article_id) for a in story.accounts})
    named = _named(story, resolved)
    omissions = _omissions(story, named)
    labels: list[Label] = []
    quotes: list[Quote] = []
    for account in story.accounts:
        reading = readings.get(account.article_id)
        if reading is None:
            continue
        mentions = resolved[account.article_id]
        title, text = texts[account.article_id]
        labels.extend(labels_in(account.article_id, account.outlet, reading, mentions, {"title": title, "body": text}))
        quotes.extend(quotes_in(account.article_id, account.outlet, reading, mentions, entities,
                              {"title": title, "body": text}))
    by_outlet: dict[str, list[tuple[str, str, list[tuple[int, int]]]]] = defaultdict(list)
    for account in story.accounts:
        if account.article_id in originals:
            reading = readings.get(account.article_id)
            spans = [(q.start, q.end) for q in reading.quotes if q.direct and q.part == "body"] if reading else []
            by_outlet[outlet_name(account.outlet)].append((account.article_id, texts[account.article_id][1], spans))
    name_words = frozenset(w for n in named for w in fold(n.name).replace("’", "'").split())
    wording = distinctive(by_outlet, library_share, library_size, name_words) if len(by_outlet) > 1 else {}
    split: dict[str, list[str]] = defaultdict(list)
    for outlet in story.outlets:
        split[groups.get(outlet, "")].append(outlet)
    pending = tuple(a.article_id for a in story.accounts
                    if a.article_id not in readings or a.article_id not in entities.article_ids)
    return Comparison(story, coverage, {g: tuple(o) for g, o in split.items()}, named, omissions, tuple(labels),
                      tuple(quotes), {o: tuple(t) for o, t in wording.items()}, pending, story.outlets, dict(texts))


def _first_names_joined(resolved: dict[str, list[tuple[Mention, Entity]]]) -> dict[str, list[tuple[Mention, Entity]]]:
    """A person the story names by first name only ("his wife Anna") is the one person of the
    story with that first name and a surname ("Anna Reyna"), when there is just one."""
    from ..entities.knowledge import knowledge

    people = {e.key: e for pairs in resolved.values() for _, e in pairs if e.kind == "person"}
    full: dict[str, list[Entity]] = defaultdict(list)
    for entity in people.values():
        words = entity.name.split()
        if len(words) > 1:
            full[fold(words[0])].append(entity)
    same: dict[str, Entity] = {}
    for entity in people.values():
        word = fold(entity.name)
        if " " not in word and len(full.get(word, ())) == 1 and knowledge().given_name(word):
            same[entity.key] = full[word][0]
    if not same:
        return resolved
    return {a: [(m, same.get(e.key, e)) for m, e in pairs] for a, pairs in resolved.items()}


def _coverage(story: Story, texts: Mapping[str, tuple[str, str]], groups: Mapping[str, str]) -> tuple[Coverage, ...]:
    seen: dict[str, str] = {}
    rows = []
    for account in story.accounts:
        carried = tuple(dict.fromkeys(c.outlet for c in story.copies_of(account.article_id)))
        rows.append(Coverage(account.article_id, account.outlet, account.published, account.title,
                             len(texts[account.article_id][1].split()), groups.get(account.outlet, ""),
                             seen.get(account.outlet), carried, account.copy_of))
        seen.setdefault(account.outlet, account.article_id)
    return tuple(rows)


def _named(story: Story, resolved: Mapping[str, list[tuple[Mention, Entity]]]) -> tuple[Named, ...]:
    by_key: dict[str, Entity] = {}
    by_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    by_article: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, dict[str, Passage]] = defaultdict(dict)
    for account in story.accounts:
        for mention, entity in resolved[account.article_id]:
            by_key[entity.key] = entity
            by_outlet[entity.key][outlet_name(account.outlet)] += 1
            by_article[entity.key][account.article_id] += 1
            first[entity.key].setdefault(account.article_id,
                                         Passage(account.article_id, mention.part, mention.start, mention.end))
    ranked = sorted(by_key, key=lambda k: (-len(by_article[k]), -sum(by_article[k].values()), by_key[k].name))
    return tuple(Named(k, by_key[k].name, by_key[k].kind, dict(by_outlet[k]), dict(by_article[k]), first[k])
                 for k in ranked)


def _omissions(story: Story, named: tuple[Named, ...]) -> tuple[Omission, ...]:
    outlets = [outlet_name(o) for o in story.outlets]
    if len(outlets) < 3:
        return ()
    found = []
    first_article = {outlet_name(a.outlet): a.article_id for a in reversed(story.accounts)}
    for entity in named:
        naming = [o for o in outlets if entity.by_outlet.get(o)]
        for outlet in outlets:
            if outlet in naming:
                continue
            others = len(outlets) - 1
            if len(naming) >= 2 and len(naming) >= OMISSION_SHARE * others:
                found.append(Omission(outlet, first_article[outlet], entity.key, entity.name, tuple(naming)))
    return tuple(found)
