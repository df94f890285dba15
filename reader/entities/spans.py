"""Span repair: turn the model's raw spans into clean names, with the evidence each one carries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .acceptance import ARTICLE_PREFIX, MODIFIERS, SMALL_FIRST, acceptable
from .knowledge import knowledge
from .lexicon import (
    DETERMINERS,
    FACILITY_WORDS,
    FUNCTION_WORDS,
    ORG_WORDS,
    PARTICLES,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    PREFIXES,
    ROLE_NOUNS,
    SURNAME_PARTICLES,
    TITLES,
)
from .normalise import fold
from .pieces import pieces, whole_words
from .words import (
    EDGE,
    POSSESSIVE,
    at_sentence_start,
    bare,
    demonym,
    dotted_abbreviation,
    is_title,
    previous_word,
    tokens,
)

#: Lower-case heads after a name that say it is a place or an organisation ("Aldao bridge").
FOLLOWING_PLACE = PLACE_WORDS - {"capital", "metro"}
#: Plural areas after a name: "the Kherson and Mykolaiv regions". (Not "Telstra towers": other
#: plurals are things the name owns.)
FOLLOWING_AREAS = frozenset(
    "regions provinces districts states counties islands rivers lakes valleys mountains hills municipalities".split()
)
FOLLOWING_ORG = frozenset(
    "party movement coalition alliance foundation company group network poll polls survey surveys shares stock "
    "executives employees spokesperson spokesman spokeswoman".split()
)

#: Lower-case nouns after a surname that say whose rule or time it was: "the Carmona dictatorship".
FOLLOWING_PERSON = frozenset("dictatorship regime administration presidency era years".split())

_MEASURE = re.compile(r"[\d.,:%]*\d[.,:%-][\d.,:%]*")
#: How common (Zipf) a word before a person's name must be to be taken for a description of the
#: person ("Socialist", "Green"), not a part of the name.
GLUED_WORD = 3.5
#: A given name this common in English ("Red", "Will", "May") is not taken for one here.
EVERYDAY_WORD = 5.0


#: Honorifics of two words, neither a title alone ("Sri" opens Sri Lanka): Malaysia's.
HONORIFICS = frozenset((("tan", "sri"), ("puan", "sri"), ("datuk", "seri"), ("dato", "sri"), ("dato", "seri"),
                        ("toh", "puan")))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A cleaned name in the prepared text and the kinds its context votes for."""

    start: int
    end: int
    text: str
    votes: tuple[tuple[str, float], ...] = ()
    #: The source of the span: "model", "repeat" (found again by name), "rule" (fallback).
    source: str = "model"

    def vote(self, kind: str, weight: float) -> Candidate:
        return Candidate(self.start, self.end, self.text, self.votes + ((kind, weight),), self.source)


# A role a body holds too: "its coalition partner Kendo", "its rival Marlex".
_BODY_ROLE = re.compile(r"\b(?:[Ii]ts|coalition|junior|business|trading) (?:partner|partners|rival|ally) $")


#: Words said to someone, which the model reads as the first word of the name that follows.
INTERJECTIONS = frozenset(
    "bravo hello hi hey thanks congratulations congrats welcome goodbye bye cheers dear farewell hooray "
    "kudos sorry oh".split()
)



def clean(text: str, start: int, end: int, kind: str | None, source: str = "model") -> list[Candidate]:
    """The names inside one raw span: cut at line breaks, trimmed, split at an owner's possessive."""
    found = []
    start, end = whole_words(text, start, end)
    # Names hold no line break and, but for "Washington, D.C.", no comma: the model's "Eldoret,
    # Ruto" is two.
    parts = list(re.finditer(r"[^\n,]+", text[start:end]))
    # The label of a span the model ran across a comma is worth less to each part.
    weight = 1.0 if "," not in text[start:end] else 0.5
    for part in parts:
        for s, e in pieces(text, start + part.start(), start + part.end()):
            for s2, e2 in _split_owner(text, s, e):
                owner = _office_holder(text, s2, e2)
                if owner is not None:  # "Lubbock County Sheriff Kelly Rowe": the county is named too
                    named = _trim(text, s2, owner, None, source, weight)
                    if named is not None:
                        found.append(named)
                    s2 = owner
                candidate = _trim(text, s2, e2, kind, source, weight)
                if candidate is not None:
                    found.append(candidate)
    return found


def _office_holder(text: str, start: int, end: int) -> int | None:
    """Where the title starts in "Caracas Mayor Ledezma" or "Lubbock County Sheriff Kelly Rowe":
    a place or a body, an office in it, its holder. Not in "Spanish President Rajoy", whose first
    word only describes him."""
    spans = tokens(text, start, end)
    for index in range(1, len(spans) - 1):
        word = text[spans[index][0]:spans[index][1]]
        if is_title(word) and not _possessive(word) and _person_tail(text, spans[index + 1:]):
            before = [text[s:e] for s, e in spans[:index]]
            if all(w[:1].isupper() and not demonym(w) and bare(w) not in TITLES | MODIFIERS | DETERMINERS
                   for w in before):
                return spans[index][0]
            return None
    return None


def _split_owner(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # "Ministry's Conventions Center": a building named after its owner is two things.
    parts = re.split(r"(?<=\w)['’]s\s+", text[start:end])
    if len(parts) == 2 and bare(parts[1].split()[-1]) in FACILITY_WORDS and parts[1][:1].isupper():
        cut = start + len(parts[0])
        return [(start, cut), (end - len(parts[1]), end)]
    return [(start, end)]


def _trim(text: str, start: int, end: int, kind: str | None, source: str, weight: float) -> Candidate | None:
    spans = tokens(text, start, end)
    votes: list[tuple[str, float]] = [(kind, weight)] if kind else []
    # Trailing lower-case words: "CNE board", "Ramo Verde prison". Their head still says a kind.
    while spans and not _namelike(text[spans[-1][0]:spans[-1][1]], last=True):
        word = bare(text[spans[-1][0]:spans[-1][1]])
        if word in LOWER_LEGAL_FORMS and knowledge().legal_form(text[spans[0][0]:spans[-1][1]]):
            votes.append(("organisation", 2.0))
            break  # "Shell plc": the company's legal form, in lower case
        if word in FOLLOWING_PLACE:
            votes.append(("place", 2.0))
        spans.pop()
    # "Pokhara for Tuesday's match": a day or a month after a particle is when, not a name's word
    if len(spans) > 2 and bare(text[spans[-2][0]:spans[-2][1]]) in PARTICLES \
            and bare(text[spans[-1][0]:spans[-1][1]]) in FUNCTION_WORDS:
        del spans[-2:]
    titled = False
    spans, glued = _unglue(text, spans)
    if glued:
        votes.append(("person", 1.0))
    while spans:
        word = text[spans[0][0]:spans[0][1]]
        low = bare(word)
        if word.isupper() and len(word) > 1:
            break  # "AN Speaker": an abbreviation, whatever word it spells
        if low == "the" and word[:1].isupper() and _known_with_article(text, spans):
            break  # "The Hague", "The Gambia": the article is part of the name
        if low in DETERMINERS or low in MODIFIERS:
            spans.pop(0)
        elif low in PLACE_PREPOSITIONS and len(spans) > 1 and at_sentence_start(text, spans[0][0]):
            spans.pop(0)  # "In May Pen, ...": the preposition opens the sentence, not the name
        elif low in INTERJECTIONS and len(spans) > 1 and _addressed(text, spans[-1][1]):
            spans.pop(0)  # "Bravo Antonio!", "Thanks, Maria": the name is spoken to, not part of it
        elif word.lower().startswith(PREFIXES) and len(word) > 4:
            cut = word.index("-") + 1
            spans[0] = (spans[0][0] + cut, spans[0][1])
        elif is_title(word) and len(spans) > 1 and not _possessive(word) and _person_tail(text, spans[1:]):
            spans.pop(0)
            titled = True
        elif len(spans) > 3 and (low, bare(text[spans[1][0]:spans[1][1]])) in HONORIFICS \
                and _person_tail(text, spans[2:]):
            del spans[:2]  # "Tan Sri Tony Fernandes"
            titled = True
        else:
            break
    # A title inside: "Spanish President Mariano Rajoy", "Caracas Mayor Ledezma".
    for index in range(1, len(spans) - 1):
        word = text[spans[index][0]:spans[index][1]]
        if is_title(word) and not _possessive(word) and _person_tail(text, spans[index + 1:]):
            spans = spans[index + 1:]
            titled = True
            break
    if not spans:
        return None
    s, e = spans[0][0], spans[-1][1]
    while s < e and text[s] in EDGE:
        s += 1
    while e > s and text[e - 1] in EDGE + "." and not dotted_abbreviation(text, e):
        e -= 1
    name = text[s:e]
    possessive = POSSESSIVE.search(name)
    if possessive:
        e -= len(possessive.group(0))
        name = text[s:e]
    if not acceptable(text, s, e, name, kind):
        return None
    before = previous_word(text, s)
    if titled or (before[-1:].isalpha() and bare(before) in TITLES | ROLE_NOUNS
                  and not _BODY_ROLE.search(text, max(0, s - 30), s)):
        votes.append(("person", 3.0))
    # "Aldao bridge", "Fearless People's Alliance party"; one word may come between: "Ramo
    # Verde military jail", "Coordinadora Democrática opposition coalition".
    # (The word between may be a plural possessive: "the Agrounia farmers' movement".)
    after = re.match(r" ([a-z][\w-]*)(?:['’]? ([a-z][\w-]*))?", text[e:e + 40])
    for position, word in enumerate(after.groups() if after else ()):
        weight = 2.0 if position == 0 else 1.5
        if word in FOLLOWING_PLACE or word in FOLLOWING_AREAS:
            votes.append(("place", weight))
            break
        if word in FOLLOWING_ORG:
            votes.append(("organisation", weight))
            break
        if word in FOLLOWING_PERSON and position == 0 and not _region(name):
            # As sure as a title: "the Carmona dictatorship", "the Biden administration".
            votes.append(("person", 3.0))
            break
    return Candidate(s, e, name, tuple(votes), source)


def _addressed(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by "!", "," or "?": someone spoken to."""
    return text[end:end + 2].lstrip()[:1] in ("!", ",", "?")


def _region(name: str) -> bool:
    """A country, a region or a capital-sized city: "the Beijing regime" is a government's."""
    place = knowledge().place(fold(name))
    return place is not None and (place.region or place.population >= 1_000_000)


def _unglue(text: str, spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], bool]:
    """Drop the words before a person's name that say what the person is: a party, a nationality,
    a body ("Socialist Anne Hidalgo", "Green Yannick Jadot", "American Andrea Ghez", "Police
    Japhet Koome"). The rest must start with a given name and read as a person's name, and each
    word dropped must be an ordinary English word or a nationality, not part of a name."""
    known = knowledge()
    words = [text[s:e] for s, e in spans]
    for cut in range(1, min(3, len(spans) - 1)):
        rest, dropped = words[cut:], [bare(w) for w in words[:cut]]
        first = bare(rest[0])
        if not (2 <= len(rest) <= 4 and known.given_name(first) and known.frequency(first) < EVERYDAY_WORD):
            continue
        if not _person_tail(text, spans[cut:]) or any(w in PARTICLES or w in DETERMINERS for w in dropped):
            continue
        if all((known.frequency(w) >= GLUED_WORD or demonym(w)) and not known.given_name(w) for w in dropped):
            return spans[cut:], True
    return spans, False



def _known_with_article(text: str, spans: list[tuple[int, int]]) -> bool:
    name = text[spans[0][0]:spans[-1][1]].rstrip(EDGE + ".")
    return knowledge().place(fold(POSSESSIVE.sub("", name))) is not None


def _possessive(word: str) -> bool:
    return bool(POSSESSIVE.search(word.rstrip(EDGE)))


def _person_tail(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether what follows a title reads as a person's name: capitalised, no institution head.
    More titles may come first ("Director General Tedros Adhanom"), and particles after the
    first name ("Faisal bin Farhan", "Noah van den Heuvel")."""
    while spans and is_title(text[spans[0][0]:spans[0][1]]):
        spans = spans[1:]
    if not spans or len(spans) > 5:
        return False
    if len(spans) >= 2 and knowledge().legal_form(text[spans[0][0]:spans[-1][1]]) is not None:
        return False  # "Hon Hai Precision Industry Co": a company, whatever "Hon" may be
    for position, (s, e) in enumerate(spans):
        word = text[s:e]
        low = bare(word)
        if low in PARTICLES and position < len(spans) - 1 and (position > 0 or low in SURNAME_PARTICLES):
            continue  # "Faisal bin Farhan", and a surname after a title: "Mrs Le Pen", "Mr van der Laan"
        if low in PARTICLES or low in ORG_WORDS or low in PLACE_WORDS or low in TITLES:
            return False
        if low in FACILITY_WORDS and position == len(spans) - 1 and position > 0:
            return False  # "Queen Elizabeth Central Hospital" is named after her, not her
        if not word[:1].isupper():
            return False
    return True


#: Legal forms news writes in lower case; the others count only in capitals ("Equinor ASA").
LOWER_LEGAL_FORMS = frozenset("plc ltd llc inc corp".split())


#: A Romance particle elided before the capitalised word it joins: "Côte d'Ivoire", "Fratelli
#: d'Italia", "Val d'Aosta", "Cortina d'Ampezzo".
_ELIDED_PARTICLE = re.compile(r"(?:d|l|dell|dall|all|sull|nell|degl)['’][A-ZÀ-ÖØ-Þ]")


def _namelike(word: str, last: bool = False) -> bool:
    core = word.strip(EDGE)
    if not core:
        return False
    if last and _MEASURE.fullmatch(core):
        return False  # "McIntosh 0.3 seconds", "at 3:55.42", "beat Sinners 3-1": a measure or a score, not "TF1"
    if core[0].isupper() or core[0].isdigit() or SMALL_FIRST.fullmatch(core):
        return True  # ("bTV": a broadcaster's small first letter)
    if ARTICLE_PREFIX.match(core) or _ELIDED_PARTICLE.match(core):
        return True  # "Abdel Fattah al-Sisi", "Nadia el-Shazly"
    return not last and bare(core) in PARTICLES
