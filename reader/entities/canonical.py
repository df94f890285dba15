"""Canonical entities across the library: every way a name is written, merged into one entity."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from operator import attrgetter

from ..models.entities import KINDS, ArticleEntities, Correction, Entity, Occurrence
from .companies import clipped
from .corrections import apply_corrections
from .countries import country_code
from .knowledge import knowledge
from .merging import Forms, merge_all
from .names import is_acronym
from .normalise import fold, plain

#: A mention's own kind, against the article's evidence for its entity.
MENTION_WEIGHT = 0.01

_TEXT_AND_KIND = attrgetter("text", "kind")


def canonicalise(articles: Sequence[ArticleEntities], corrections: Iterable[Correction] = ()) -> list[Entity]:
    """Entities of the whole library, most mentioned first, with the user's corrections applied."""
    return apply_corrections(automatic_entities(articles), corrections)


def automatic_entities(articles: Sequence[ArticleEntities]) -> list[Entity]:
    forms = Forms()
    # A surname is resolved inside its own article first: "Rodríguez" next to "César Rodríguez"
    # is César, whoever else the library calls Rodríguez.
    local: dict[tuple[str, str], str] = {}
    # A name is usually written several times in an article: each spelling is looked at once,
    # and what is learnt of it is kept for _build as (article id, key, alias, mentions).
    written = [Counter(map(_TEXT_AND_KIND, article.mentions)) for article in articles]
    groups: list[tuple[str, str, str, int]] = []
    for article, spellings in zip(articles, written, strict=True):
        article_id = article.article_id
        kinds = {fold(m.text): m.kind for m in article.mentions} if article.links else {}
        for long, short in article.links:
            if _one_word_of(short, long):
                local[(article_id, fold(short))] = fold(long)
        # The article's weighted evidence decides kinds; a mention's own kind only breaks ties
        # (and stands in for the evidence in results stored without it).
        weight = MENTION_WEIGHT if article.votes else 1.0
        for (text, kind), count in spellings.items():
            folded, shown = fold(text), plain(text)
            key = local.get((article_id, folded), folded)
            forms.add(folded, shown, kind, article_id, weight, count)
            forms.find(key)
            groups.append((article_id, key, shown, count))
        for name, kind, vote in article.votes:
            if fold(name) in forms.kinds:
                forms.kinds[fold(name)][kind] += vote  # type: ignore[assignment]  # see Forms.kinds
    for article in articles:
        kinds = {fold(m.text): m.kind for m in article.mentions} if article.links else {}
        for long, short in article.links:
            if (article.article_id, fold(short)) not in local or _names_one_thing(short, long, kinds.get(fold(long))):
                forms.union(fold(short), fold(long))
    merge_all(forms)
    return _build(groups, forms)


def _one_word_of(short: str, long: str) -> bool:
    """A word of a longer name, standing for it in this article: "Pan" for Pan Gongsheng, "Kayla"
    for Kayla Sandoval-Begay, "Assembly" for the National Assembly, "Vanke" for China Vanke Co.
    Elsewhere the same word may be another Pan, another assembly: it is resolved here first.
    Acronyms are names of their own and join library-wide."""
    return " " not in short.strip() and len(long.split()) >= 2 and not is_acronym(short)


#: A word rarer than this (Zipf) that shortens an organisation's name names it library-wide too.
DISTINCTIVE = 3.0


def _names_one_thing(short: str, long: str, kind: str | None) -> bool:
    """"Sony" (of Sony Group Corp) or "Vanke" (of China Vanke Co) is that company wherever it is
    written: its first word, or a rare one, or a word cut short ("Fed" of the US Federal Reserve).
    "Assembly" or "Bank" is not, nor a person's first name or surname (those join across articles
    by their own rule)."""
    if kind in (None, "person"):
        return False
    words = long.split()
    if country_code(fold(words[0])) is not None:
        words = words[1:]
    return (fold(long).startswith(fold(short) + " ") or knowledge().frequency(short) < DISTINCTIVE
            or clipped(short, words))


def _build(groups: list[tuple[str, str, str, int]], forms: Forms) -> list[Entity]:
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    find = forms.find
    for article_id, key, shown, count in groups:
        counts[find(key)][(article_id, shown)] += count
    for key, key_votes in forms.kinds.items():
        kinds[forms.find(key)].update(key_votes)
    entities = []
    for root, occ in counts.items():
        aliases: Counter[str] = Counter()
        spread: dict[str, set[str]] = defaultdict(set)
        for (article_id, alias), n in occ.items():
            aliases[alias] += n
            spread[alias].add(article_id)
        name = _best_name(aliases, spread)
        votes = tuple(sorted(((k, round(v, 2)) for k, v in kinds[root].items() if v), key=lambda kv: -kv[1]))
        kind = max(KINDS, key=lambda k: (kinds[root][k], -KINDS.index(k)))
        occurrences = tuple(Occurrence(a, alias, n) for (a, alias), n in sorted(occ.items()))
        entities.append(Entity(fold(name), name, kind, occurrences, votes=votes))
    entities.sort(key=lambda e: (-e.mention_count, e.key))
    return _unique_keys(entities)


def _best_name(aliases: Counter[str], spread: dict[str, set[str]]) -> str:
    """The name to show: a full name over an acronym or a lone surname, then the most widely
    used, then the longest ("Antonio Ledezma", not "Ledezma" nor his full legal name).

    Spellings that differ only in accents or case count together, so that a misspelling written
    once ("Lepoldo López") never wins over the usual name written as "Leopoldo López" and
    "Leopoldo Lopez"; of those, the form written most often is shown, accents kept on a tie.
    """
    by_form: dict[str, list[str]] = defaultdict(list)
    for alias in aliases:
        by_form[fold(alias)].append(alias)

    multiword = [set(form.split()) for form in by_form if len(form.split()) >= 2]

    def rank(form: str) -> tuple[bool, int, bool, int, int, str]:
        written = by_form[form]
        words = form.split()
        articles = set().union(*(spread[a] for a in written))
        # "Antonio José Ledezma Díaz" holds all of "Antonio Ledezma" and two words more: a full
        # legal name, which an encyclopedia repeats but nobody calls him by.
        legal = any(len(other) >= 2 and set(words) > other and len(words) - len(other) >= 2 for other in multiword)
        return (len(words) >= 2 and not any(map(is_acronym, written)), len(articles), not legal,
                sum(aliases[a] for a in written), len(words), form)

    best = max(by_form, key=rank)
    return max(by_form[best], key=lambda a: (aliases[a], not a.isascii(), a))


def _unique_keys(entities: list[Entity]) -> list[Entity]:
    seen: Counter[str] = Counter()
    unique = []
    for entity in entities:
        seen[entity.key] += 1
        unique.append(entity if seen[entity.key] == 1 else entity.with_(key=f"{entity.key}#{seen[entity.key]}"))
    return unique

