"""Labels and quotes in one account: the phrase an outlet puts next to a person or organisation
("the fugitive mayor"), and who speaks each quote, down to a "he said" a few sentences after
the name it stands for."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..entities.library import EntityLibrary
from ..models.entities import Entity, Mention
from ..text import fold
from .comparison_types import Label, Passage, Quote
from .quotes import QuoteFound
from .reading import Reading

_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? (?=[A-Z])")
#: Kinds that get labels and speak.
LABELLED = ("person", "organisation")


def _mention_in(mentions: list[tuple[Mention, Entity]], part: str, start: int, end: int
                ) -> tuple[Mention, Entity] | None:
    """The entity mention within [start, end): the one ending last, then the longest. A chain
    of proper nouns describes the name it ends with: in "Hardline Interior Minister Viktor
    Sallo" a mention of "Hardline Interior" is part of his title."""
    best = None
    for mention, entity in mentions:
        if mention.part == part and start <= mention.start and mention.end <= end:
            if best is None or (mention.end, mention.end - mention.start) > (best[0].end,
                                                                              best[0].end - best[0].start):
                best = (mention, entity)
    return best


def labels_in(article_id: str, outlet: str, reading: Reading, mentions: list[tuple[Mention, Entity]],
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
            if phrase.rsplit(" ", 1)[-1].lower() == "of":
                continue  # "Organization of" before "American States": the start of the name itself
            if phrase and _covering(mentions, label.part, label.start, mention.start) is None:
                # The passage is the phrase itself: less a leading article and the space before the name.
                region = text[label.start:mention.start]
                start = label.start + max(0, region.rfind(phrase.split()[0], 0, len(region) - len(phrase) + 1))
                add(entity, phrase, "premodifier", label.part, start, start + len(phrase))
        elif label.kind == "shared":
            if _covering(mentions, label.part, label.start, label.end) is None \
                    and not (entity.kind == "organisation" and label.phrase == label.phrase.title()):
                add(entity, label.phrase, "premodifier", label.part, label.start, label.end)
        elif not any(m.part == label.part and m.start <= label.start and label.end <= m.end for m, _ in mentions):
            # (A "description" within a name, "Right" in "the Coalition for the Right to Health", is the name's.)
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


def quotes_in(article_id: str, outlet: str, reading: Reading, mentions: list[tuple[Mention, Entity]],
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
    entities lack, as written; (None, None) for nobody named. A pronoun never stands for
    someone the quote names."""
    if quote.pronoun:
        pronoun = quote.speaker.lower()
        kinds = ("person",) if pronoun in ("he", "she") else ("organisation", "person")
        # Whom the quote itself names is talked about, not talking: "“I spoke with Ledezma,” he wrote".
        spoken_of = {e.key for m, e in mentions if m.part == quote.part and quote.start <= m.start < quote.end}
        same_part = [(m, e) for m, e in mentions if m.part == quote.part]
        for kind in kinds:
            for start, end in quote.antecedents:
                entity = _entity_at(mentions, quote.part, start, end) or entities.find(text[start:end])
                if entity is not None and entity.kind == kind and _agrees(entity, pronoun, same_part, text) \
                        and entity.key not in spoken_of:
                    return entity.name, entity.key
        return None, None
    start, end = quote.head
    if start < 0:
        return None, None
    if not quote.named:
        # A role ("the minister said"): the name the article gave that role, if one is an entity.
        for a_start, a_end in quote.antecedents:
            entity = _entity_at(mentions, quote.part, a_start, a_end)
            if entity is not None and entity.kind in LABELLED:
                return entity.name, entity.key
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


def _agrees(entity: Entity, pronoun: str, mentions: list[tuple[Mention, Entity]], text: str) -> bool:
    if pronoun not in ("he", "she") or entity.kind != "person":
        return True
    gender = _honorific(entity, mentions, text) or _gender(entity.name.split()[0])
    return gender == "" or gender == ("male" if pronoun == "he" else "female")


def _honorific(entity: Entity, mentions: list[tuple[Mention, Entity]], text: str) -> str:
    """"male" or "female" when the article calls the person Mr or Ms somewhere ("Ms Robin
    Doyle"): surer than a first name that is given to either."""
    for mention, other in mentions:
        if other.key == entity.key and mention.end <= len(text):
            found = _HONORIFIC.search(text[max(0, mention.start - 6):mention.end])
            if found is not None:
                return "male" if found.group(1) == "Mr" else "female"
    return ""


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
