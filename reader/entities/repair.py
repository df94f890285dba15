"""Mending the model's raw spans before cleaning: fragments joined, names cut short extended."""

from __future__ import annotations

import re

from .knowledge import knowledge
from .lexicon import FACILITY_WORDS, FUNCTION_WORDS, ORG_WORDS, PLACE_WORDS, TITLES
from .model import RawSpan
from .spans import LOWER_LEGAL_FORMS
from .words import at_sentence_start, bare, demonym

# Particles that continue a name across a lower-case word: "Fatherland for All", "Azimio la
# Umoja", "National Association of Mayors of Venezuela". "of" and "for" are left out after a
# person or a country: "Rajoy of Spain" is two things.
_CONTINUE = re.compile(
    r"^ (of|for|de|del|la|las|los|do|da|dos|das|di|du|von|van|der|den|ter|al|y)"
    r"(?: (?:de|den|der|la|le|los|da|di|van|von|the))*( [A-ZÀ-ÖØ-Þ][\w'’-]*)+"
)
_NOT_AFTER_PEOPLE = {"of", "for"}
_NEXT_CAPITAL = re.compile(r"^([ \-–])([A-ZÀ-ÖØ-Þ][\w'’-]*)")
_PREV_CAPITAL = re.compile(r"([A-ZÀ-ÖØ-Þ][\w'’-]*)([ \-–])$")
_PREV_PARTICLE = re.compile(r"(?<![\w'’-])(van|von|den|der|de|del|della|di|da|du|le|la|ter|ten)( )$", re.IGNORECASE)
#: How rare (Zipf) a sentence's first word must be to join the name the model found after it.
RARE_OPENER = 2.5
_NUMBER = re.compile(r"\d+")
#: After a trailing number, what makes it a score rather than part of the name ("Interstate 40
#: by APD" keeps it): another team, a semicolon, "and 214", "-6".
_SCORE_FOLLOWS = re.compile(r";| and \d|-\d| [A-ZÀ-ÖØ-Þ]")
#: Titles that stay in the names of institutions named after their holders.
_NAMESAKE_TITLES = frozenset("king queen prince princess sultan emir sheikh pope sir dame lord lady saint st".split())
_PRIORITY = {"FAC": 4, "ORG": 3, "PERSON": 2, "GPE": 1, "LOC": 1}


def repair(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    """Join spans the model cut apart ("Coordinadora" "Democrática"), take in the rest of a name
    it stopped short of ("Fatherland" for All), and stop nothing at a line break (cleaning cuts
    there)."""
    spans = sorted((piece for span in spans for piece in _scores_apart(text, span)), key=lambda s: s.start)
    spans = _join_neighbours(text, _nicknamed(text, spans))
    blocked = [(s.start, s.end) for s in spans]
    mended = []
    for span in spans:
        if span.label == "NORP":
            mended.append(span)
            continue
        start, end = _extend(text, span, blocked)
        label = span.label
        if (with_form := _legal_tail(text, start, end)) is not None:
            end, label = with_form, "ORG"
        mended.append(RawSpan(start, end, label))
    return [_designation_off(text, s) for s in _join_neighbours(text, mended)]


# "a Unesco World Heritage site": the designation a body gives a place, read by the model as the
# end of the body's name.
_DESIGNATION = re.compile(r" World Heritage(?= (?:site|sites|list|status|area)\b)")


def _designation_off(text: str, span: RawSpan) -> RawSpan:
    match = _DESIGNATION.match(text, span.end - len(" World Heritage"))
    if match is None or match.end() != span.end or match.start() <= span.start:
        return span
    return RawSpan(span.start, match.start(), span.label)


#: A given name, a nickname in quotes, a surname: "Sebastian "Baste" Duterte", "Ronald "Bato" dela Rosa".
NICKNAMED = re.compile(
    r"(?<![\w'’-])([A-ZÀ-ÖØ-Þ][\w'’-]+) [\"“]([A-ZÀ-ÖØ-Þ][\w'’-]+)[\"”] "
    r"((?:(?:dela|de la|de|del|van|von|bin|al) )?[A-ZÀ-ÖØ-Þ][\w'’-]+)"
)


def _nicknamed(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    """One person where the model saw pieces of a name around a nickname in quotes, or nothing:
    a given name and a surname around one are a person's name."""
    if '"' not in text and "“" not in text:
        return spans
    for match in NICKNAMED.finditer(text):
        start, end = match.span()
        inside = [s for s in spans if s.start < end and start < s.end]
        if not knowledge().given_name(bare(match.group(1))) \
                or any(s.start < start or s.end > end for s in inside):
            continue
        spans = sorted([s for s in spans if s not in inside] + [RawSpan(start, end, "PERSON")], key=lambda s: s.start)
    return spans


def _join_neighbours(text: str, spans: list[RawSpan]) -> list[RawSpan]:
    joined: list[RawSpan] = []
    for span in spans:
        if joined and joined[-1].label == "NORP" and text[joined[-1].end:span.start] == " " \
                and _region(text[joined[-1].start:span.end]):
            # "French" "Guiana", "South" "Sudan": a demonym opening a country's or region's name.
            joined[-1] = RawSpan(joined[-1].start, span.end, "GPE")
            continue
        if joined and span.label != "NORP" and joined[-1].label != "NORP":
            last = joined[-1]
            gap = text[last.end:span.start]
            places = last.label in ("GPE", "LOC") and span.label in ("GPE", "LOC")
            # "Colombia-Venezuela border" names two countries; "Madrid–Barajas Airport" one airport.
            owner = re.search(r"['’]s?$", text[last.start:last.end])  # "Watch's Americas division"
            # "Rodrigo" "dos" "Santos Lima", "Ninho" "do" "Urubu": a particle the model cut a name
            # at, unless a region follows it ("Rosario de Santa Fe" is kept, "Banco de Chile" too).
            particle = _PARTICLE_GAP.fullmatch(gap) is not None and not _region(text[span.start:span.end])
            if (gap in ("", " ") or particle or (gap in ("-", "–") and not places)) and not owner \
                    and "\n" not in text[last.start:span.end]:
                label = max(last.label, span.label, key=lambda lab: _PRIORITY.get(lab, 0))
                joined[-1] = RawSpan(last.start, span.end, label)
                continue
        joined.append(span)
    return joined


_PARTICLE_GAP = re.compile(r" (?:do|dos|da|das|de|del|dello|della|delle|degli|dei) ")


def _region(name: str) -> bool:
    place = knowledge().place(name.lower())
    return place is not None and place.region


def _extend(text: str, span: RawSpan, blocked: list[tuple[int, int]]) -> tuple[int, int]:
    start, end = span.start, span.end
    while True:
        rest = text[end:end + 80]
        more = _CONTINUE.match(rest)
        if more and not (span.label in ("PERSON", "GPE") and more.group(1) in _NOT_AFTER_PEOPLE):
            candidate_end = end + more.end()
            if not _hits(blocked, end + 1, candidate_end, span):
                end = candidate_end
                continue
        nxt = _NEXT_CAPITAL.match(rest)
        owner = re.search(r"['’]s?$", text[start:end])  # "Watch's Americas division": stop
        # "Airbus SE": a legal form in capitals is the company's, not another name beside it.
        legal = nxt is not None and span.label == "ORG" and knowledge().legal_form(f"{text[start:end]} {nxt.group(2)}")
        joinable = nxt is not None and (_joinable(nxt.group(2)) or bool(legal))
        if nxt and not owner and joinable and not _hits(blocked, end + 1, end + nxt.end(), span):
            end += nxt.end()
            continue
        break
    if span.label == "PERSON":
        # "van den Heuvel", "de Gaulle": the particles before a surname belong to it.
        while (particle := _PREV_PARTICLE.search(text[max(0, start - 12):start])) is not None:
            word_start = start - len(particle.group(0))
            if _hits(blocked, word_start, start - 1, span):
                break
            start = word_start
    while True:
        prev = _PREV_CAPITAL.search(text[max(0, start - 40):start])
        if not prev:
            break
        word_start = start - len(prev.group(0))
        word = prev.group(1)
        if _named_after(text, span, start, end, word) and not _hits(blocked, word_start, start - 1, span):
            start = word_start
            continue
        opener = at_sentence_start(text, word_start) and not _rare_opener(word) \
            and not (span.label == "PERSON" and _given_opener(word))
        if not _joinable(word) or opener or _hits(blocked, word_start, start - 1, span):
            break
        if span.label == "PERSON" and bare(word) in ORG_WORDS | PLACE_WORDS:
            break  # "Inspector General of Police Japhet Koome": a body before a person is not the name
        start = word_start
    return start, end


_TAIL = re.compile(r" ([A-Za-z]{1,5}(?:[./][A-Za-z]{1,2})?\.?)(?=[\s,;:)]|\.?$)")


def _legal_tail(text: str, start: int, end: int) -> int | None:
    """The end of the name with the legal form right after it, which the model left out, and
    which makes whatever it labelled a company ("Shell plc", "Bavarian Nordic A/S")."""
    tail = _TAIL.match(text, end)
    if tail is None:
        return None
    word = tail.group(1)
    written = word.rstrip(".")
    if not (written.lower() in LOWER_LEGAL_FORMS or written.isupper() or written == "Co"):
        return None
    return tail.end(1) if knowledge().legal_form(f"{text[start:end]} {word}") else None


def _named_after(text: str, span: RawSpan, start: int, end: int, word: str) -> bool:
    """"Queen Elizabeth Central Hospital", "King Faisal Hospital": a royal or a saint's title opens
    the name of the institution named after them, even at the start of a sentence."""
    words = text[start:end].split()
    return (span.label in ("ORG", "FAC") and bare(word) in _NAMESAKE_TITLES and len(words) >= 2
            and bare(words[-1]) in ORG_WORDS | FACILITY_WORDS)


def _rare_opener(word: str) -> bool:
    """A sentence's first word English never uses and no nationality: the start of the name the
    model cut ("Mehidy" Hasan Miraz, "Dangote" Cement Plc), not "After" or "Kenyan"."""
    return knowledge().frequency(word) < RARE_OPENER and not demonym(word) and word[-1:].isalpha()


#: A given name this common in English ("Will", "Bill", "May") may open a sentence as a word.
EVERYDAY_GIVEN_NAME = 5.0


def _given_opener(word: str) -> bool:
    """A sentence's first word that is a given name, before a person the model found: the start of
    the name ("Noah" van den Heuvel after a dateline), unless English uses it every day."""
    known = knowledge()
    return known.given_name(bare(word)) and known.frequency(word) < EVERYDAY_GIVEN_NAME and not demonym(word)


def _joinable(word: str) -> bool:
    low = bare(word)
    return (
        low not in TITLES
        and low not in FUNCTION_WORDS
        and not re.search(r"['’]s?$", word)
        and not word.isupper()  # "GN officers": an acronym beside a name is another thing
    )


def _hits(blocked: list[tuple[int, int]], start: int, end: int, own: RawSpan) -> bool:
    return any(s < end and start < e and (s, e) != (own.start, own.end) for s, e in blocked)


def _scores_apart(text: str, span: RawSpan) -> list[RawSpan]:
    """"Ismaily 0 Pyramids FC", "Ceramica Cleopatra 2 ENPPI 0": a results line the model took for
    one name is teams and their scores. A number between capitalised words cuts the span; a
    number at its end goes when a score follows."""
    if span.label == "NORP" or not any(c.isdigit() for c in text[span.start:span.end]):
        return [span]
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[span.start:span.end])]
    words = [(span.start + s, span.start + e) for s, e in words]
    # Both teams' scores make a result: "Il Sole 24 Ore" has one number, and no other after it.
    numbers = sum(1 for s, e in words if _NUMBER.fullmatch(text[s:e])) + bool(re.match(r" \d", text[span.end:]))
    pieces: list[list[tuple[int, int]]] = [[]]
    for index, (s, e) in enumerate(words):
        after = words[index + 1] if index + 1 < len(words) else None
        if numbers >= 2 and _NUMBER.fullmatch(text[s:e]) and pieces[-1] and after and text[after[0]].isupper():
            pieces.append([])
        else:
            pieces[-1].append((s, e))
    last = pieces[-1]
    if len(last) > 1 and _NUMBER.fullmatch(text[last[-1][0]:last[-1][1]]) \
            and _SCORE_FOLLOWS.match(text, last[-1][1]):
        last.pop()
    if len(pieces) == 1 and last and last[-1][1] == span.end:
        return [span]
    return [RawSpan(p[0][0], p[-1][1], span.label) for p in pieces if p]
