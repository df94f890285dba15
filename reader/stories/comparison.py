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
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from ..entities.library import EntityLibrary
from ..models.entities import Entity, Mention
from ..text import fold
from .library import Story
from .quotes import QuoteFound
from .reading import Reading
from .wording import Term, distinctive

#: An entity is an omission of an account when at least this share of the story's other
#: outlets (and at least two of them) name it.
OMISSION_SHARE = 0.6
#: Kinds that get labels and speak.
LABELLED = ("person", "organisation")
#: How far back (characters) a "he said" looks for whom "he" is.
PRONOUN_REACH = 800


@dataclass(frozen=True, slots=True)
class Passage:
    """Where an item is: an article, its title or body, and offsets there."""

    article_id: str
    part: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """One account in the timeline."""

    article_id: str
    outlet: str
    published: datetime
    title: str
    words: int
    group: str
    #: The outlet's earlier account of this story, when this one follows it up.
    follows: str | None
    #: Outlets that carried this account word for word (a wire copy).
    carried_by: tuple[str, ...]
    copy_of: str | None


@dataclass(frozen=True, slots=True)
class Named:
    """One entity across the accounts."""

    key: str
    name: str
    kind: str
    by_outlet: dict[str, int]
    by_article: dict[str, int]
    #: Where each account first names it.
    first: dict[str, Passage]


@dataclass(frozen=True, slots=True)
class Omission:
    outlet: str
    article_id: str
    key: str
    name: str
    named_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    entity: str
    outlet: str
    phrase: str
    kind: str
    passage: Passage


@dataclass(frozen=True, slots=True)
class Quote:
    #: The canonical name of the speaker, or None (unnamed or unattributed).
    speaker: str | None
    key: str | None
    #: The words that name the speaker as written ("a ministry source"); "" when none.
    speaker_words: str
    outlet: str
    text: str
    direct: bool
    passage: Passage

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Comparison:
    story: Story
    coverage: tuple[Coverage, ...]
    #: Group name -> outlets of the story in it ("" for outlets in no group).
    groups: dict[str, tuple[str, ...]]
    entities: tuple[Named, ...]
    omissions: tuple[Omission, ...]
    labels: tuple[Label, ...]
    quotes: tuple[Quote, ...]
    distinctive: dict[str, tuple[Term, ...]]
    #: Articles whose parse or entities are not there yet: their labels and quotes are missing.
    pending: tuple[str, ...] = ()
    outlets: tuple[str, ...] = field(default=())
    #: Article id -> (title, Body.text): what the offsets of every passage are into.
    texts: Mapping[str, tuple[str, str]] = field(default_factory=dict, repr=False)

    @property
    def one_sided(self) -> str | None:
        """The only group that covered the story, when the user grouped outlets and just one
        group did; None otherwise."""
        named = [g for g in self.groups if g]
        return named[0] if len(named) == 1 and "" not in self.groups else None

    def speakers(self, outlet: str) -> list[tuple[str, int, int]]:
        """(speaker, quotes, words) an outlet gives, most words first; unnamed speakers as ""."""
        counts: dict[str, list[int]] = {}
        for quote in self.quotes:
            if quote.outlet == outlet and quote.direct:
                row = counts.setdefault(quote.speaker or "", [0, 0])
                row[0] += 1
                row[1] += quote.words
        return sorted(((s, n, w) for s, (n, w) in counts.items()), key=lambda r: (-r[2], r[0]))


def outlet_name(outlet: str) -> str:
    return outlet or "(no outlet)"


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
        labels.extend(_labels(account.article_id, account.outlet, reading, mentions, {"title": title, "body": text}))
        quotes.extend(_quotes(account.article_id, account.outlet, reading, mentions, entities,
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


def _mention_in(mentions: list[tuple[Mention, Entity]], part: str, start: int, end: int
                ) -> tuple[Mention, Entity] | None:
    """The entity mention within [start, end) (the longest, then the last)."""
    best = None
    for mention, entity in mentions:
        if mention.part == part and start <= mention.start and mention.end <= end:
            if best is None or (mention.end - mention.start, mention.start) > (best[0].end - best[0].start,
                                                                                  best[0].start):
                best = (mention, entity)
    return best


def _labels(article_id: str, outlet: str, reading: Reading, mentions: list[tuple[Mention, Entity]],
            texts: Mapping[str, str]) -> list[Label]:
    found: list[Label] = []
    seen: set[tuple[str, str]] = set()

    def add(entity: Entity, phrase: str, kind: str, part: str, start: int, end: int) -> None:
        if entity.kind not in LABELLED or not phrase or (entity.key, phrase.lower()) in seen:
            return
        if phrase.lower() in {a.lower() for a in entity.aliases} or phrase.lower() == entity.name.lower():
            return  # a name, not a description
        seen.add((entity.key, phrase.lower()))
        found.append(Label(entity.key, entity.name, outlet, phrase, kind, Passage(article_id, part, start, end)))

    for label in reading.labels:
        hit = _mention_in(mentions, label.part, label.name_start, label.name_end)
        if hit is None:
            continue
        mention, entity = hit
        text = texts[label.part]
        if label.kind in ("premodifier", "name"):
            # Everything before the mention in its noun phrase, less another entity's name
            # standing alone there ("Venezuela" in "Venezuela's Ledezma" is not a label).
            phrase = _trim_phrase(text[label.start:mention.start])
            if entity.kind == "organisation" and phrase == phrase.title():
                continue  # capitalised words before an organisation's name are more of its name
            if phrase and _covering(mentions, label.part, label.start, mention.start) is None:
                # The passage is the phrase itself: less a leading article and the space before the name.
                region = text[label.start:mention.start]
                start = label.start + max(0, region.rfind(phrase.split()[0], 0, len(region) - len(phrase) + 1))
                add(entity, phrase, "premodifier", label.part, start, start + len(phrase))
        else:
            add(entity, label.phrase, label.kind, label.part, label.start, label.end)
    return found


def _trim_phrase(phrase: str) -> str:
    words = phrase.strip(" ,\n").split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _covering(mentions: list[tuple[Mention, Entity]], part: str, start: int, end: int) -> tuple[Mention, Entity] | None:
    """A mention that is the whole of [start, end) less spaces and a possessive."""
    for mention, entity in mentions:
        if mention.part == part and mention.start <= start + 1 and mention.end >= end - 4:
            return mention, entity
    return None


def _quotes(article_id: str, outlet: str, reading: Reading, mentions: list[tuple[Mention, Entity]],
            entities: EntityLibrary, texts: Mapping[str, str]) -> list[Quote]:
    found = []
    for quote in reading.quotes:
        speaker, key = _speaker(quote, mentions, entities, texts[quote.part])
        found.append(Quote(speaker, key, quote.speaker, outlet, quote.text, quote.direct,
                           Passage(article_id, quote.part, quote.start, quote.end)))
    return found


def _speaker(quote: QuoteFound, mentions: list[tuple[Mention, Entity]], entities: EntityLibrary,
             text: str) -> tuple[str | None, str | None]:
    """(canonical name, entity key) of whoever speaks: the entity named at the head of the
    speaker's words; for a pronoun, the first of its possible antecedents that agrees (a
    person for he and she, of the same gender where the first name tells); a name the
    entities lack, as written; (None, None) for nobody named."""
    if quote.pronoun:
        pronoun = quote.speaker.lower()
        kinds = ("person",) if pronoun in ("he", "she") else ("organisation", "person")
        for kind in kinds:
            for start, end in quote.antecedents:
                entity = _entity_at(mentions, quote.part, start, end) or entities.find(text[start:end])
                if entity is not None and entity.kind == kind and _agrees(entity, pronoun):
                    return entity.name, entity.key
        return None, None
    start, end = quote.head
    if start < 0:
        return None, None
    entity = _entity_at(mentions, quote.part, start, end)
    if entity is None and quote.named:
        entity = entities.find(text[start:end])
        if entity is None:
            return text[start:end], None
    if entity is None and not quote.named:
        entity = _described(mentions, quote, text)
    if entity is None or entity.kind not in LABELLED:
        return None, None
    return entity.name, entity.key


def _described(mentions: list[tuple[Mention, Entity]], quote: QuoteFound, text: str) -> Entity | None:
    """Whom "the ministry" or "the press service" stands for: the nearest organisation named
    before whose name has that word ("the Interior Ministry"). Only for definite descriptions:
    "a ministry source" is nobody in particular."""
    before = text[max(0, quote.speaker_start - 8):quote.speaker_start].lower().split()
    if not before or before[-1] not in ("the", "its", "his", "her", "their"):
        return None
    word = fold(text[quote.head[0]:quote.head[1]])
    for mention, entity in reversed(mentions):
        if mention.part != quote.part or mention.end > quote.speaker_start:
            continue
        if entity.kind == "organisation" and word in fold(entity.name).split():
            return entity
    return None


def _entity_at(mentions: list[tuple[Mention, Entity]], part: str, start: int, end: int) -> Entity | None:
    """The entity of the mention overlapping [start, end), the one ending last."""
    best = None
    for mention, entity in mentions:
        if mention.part == part and mention.start < end and start < mention.end:
            if best is None or mention.end > best[0].end:
                best = (mention, entity)
    return best[1] if best else None


def _agrees(entity: Entity, pronoun: str) -> bool:
    if pronoun not in ("he", "she") or entity.kind != "person":
        return True
    gender = _gender(entity.name.split()[0])
    return gender == "" or gender == ("male" if pronoun == "he" else "female")


@lru_cache(maxsize=4096)
def _gender(first_name: str) -> str:
    """"male", "female" or "" (unknown or either) for a first name."""
    from gender_guesser.detector import Detector

    global _detector
    if _detector is None:
        _detector = Detector(case_sensitive=False)
    found = _detector.get_gender(first_name)
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(found, "")


_detector: Any = None
