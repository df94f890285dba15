"""Names the model tends to miss, found by the way news copy writes them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .bodies import team_cues
from .furniture import DATELINE
from .knowledge import knowledge
from .lexicon import FUNCTION_WORDS, HEAD_FIRST, PARTICLES, PLACE_NOUNS, PLACE_WORDS, TITLES
from .names import looks_like_person
from .normalise import fold
from .press import press_cues
from .spans import FOLLOWING_AREAS, Candidate, clean
from .surroundings import DESCRIBED, NAMED_AFTER_NOUN, ROLES, described_kind
from .words import at_sentence_start, bare, demonym

# A capitalised name with a web domain's ending, no address: "Chess.com", "Finews.ch", "Médias24.ma".
_SITE_NAME = re.compile(r"(?<![\w@/.-])[A-ZÀ-ÖØ-Þ][\w-]*\.(?:com|net|org|io|co\.uk|[a-z]{2})(?![\w/.-]|\.\w)")
SITE_NAME = 1.5
#: A side found so, before the words around it are weighed.
TEAM_CUE = 1.0

_DATELINE_REGION = re.compile(r", ([A-ZÀ-ÖØ-Þ][\w'’.-]*(?: [A-ZÀ-ÖØ-Þ][\w'’.-]*){0,2}) [—–-] ")
#: Capital-letter abbreviations that are not names.
COMMON_ABBREVIATIONS = frozenset(
    "AM PM OK TV CEO CFO COO CTO GDP VAT MP MPS PHD DNA HIV AIDS USD EUR GBP JPY ID PS FAQ RIP LOL "
    "BTW IPO AI IT PR HR QA FYI ASAP DIY NB AKA ETA VIP SUV PDF URL HTML CCTV LGBT LGBTQ".split()
)
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_ACRONYM = re.compile(r"(?<![\w@#/.-])[A-Z][A-Z0-9&]{1,6}(?![\w/-])")
_PLACE_PREPOSITION = re.compile(
    rf"\b(?:in|from|near|around|outside|across|into|via|throughout)(?: the)? ({_CAP}(?: {_CAP})*)"
)
_PLACE_NAMED = re.compile(rf"(?<![\w'’-]){_CAP}(?: (?:de |del |of |la )?{_CAP}){{1,4}}(?![\w'’-])")
_HEADED = re.compile(rf"({_CAP}(?: {_CAP})*) ([a-z]+)\b")
_ROMAN = re.compile(r"^[IVXLC]+$")
_DEMONYM = re.compile(r"(?:an|ian|ean|ese|ish|i|ic)$")
# "the city of Cúcuta", "the north of Punjab", "the market of La Hoyada".
_PLACE_OF = re.compile(
    rf"\b(?:city|town|village|state|province|region|district|municipality|capital|island|market|port|"
    # (A realm of the past is still a place: "the old kingdom of Dahomey".)
    rf"kingdom|empire|sultanate|emirate|"
    rf"north|south|east|west|centre|center|outskirts|suburbs|shores) of "
    rf"({_CAP}(?: (?:de|del|la|los|las) {_CAP}| {_CAP})*)"
)
# "Isabel Schnabel, the executive board member": a name introduced by what the person is.
_INTRODUCED = re.compile(rf"({_CAP}(?: {_CAP}){{1,3}}), (?:a|an|the|his|her)? ?(?:[\w-]+ ){{0,3}}(?:{{roles}})")


def cue_candidates(text: str, taken: list[tuple[int, int]], weak: Iterable[tuple[int, int]] = ()) -> list[Candidate]:
    """Candidates where ``taken`` (the model's names) has nothing. ``weak`` spans (the model's
    nationality words) give way to a strong cue: "Guárico state" is no nationality."""
    found: list[Candidate] = []
    occupied = list(taken)
    soft = list(weak)

    def offer(start: int, end: int, kind: str | None, weight: float = 0.0, strong: bool = False) -> None:
        if any(s < end and start < e for s, e in occupied):
            return
        if not strong and any(s < end and start < e for s, e in soft):
            return
        for candidate in clean(text, start, end, None, "cue"):
            if kind:
                candidate = candidate.vote(kind, weight)
            found.append(candidate)
            occupied.append((candidate.start, candidate.end))

    dateline = DATELINE.match(text)
    if dateline:
        offer(dateline.start(1), dateline.end(1), "place", 2.0, strong=True)
        # "REGINA, Sask. —", "JAFFNA, Sri Lanka —": the region after the town's comma is a place.
        region = _DATELINE_REGION.match(text, dateline.end(1))
        if region is not None:
            offer(region.start(1), region.end(1), "place", 2.0, strong=True)
    for start, end in _bracketed_long_names(text):
        offer(start, end, None)
    for start, end, kind, weight in press_cues(text):  # "told Dawn", "Fidesz MP", "the Greens"
        offer(start, end, kind, weight, strong=True)
    for match in _SITE_NAME.finditer(text):  # "Chess.com", "Finews.ch": a site is its publisher's name
        offer(match.start(), match.end(), "organisation", SITE_NAME, strong=True)
    for start, end in team_cues(text, occupied):  # "the Chiefs coach", "face the Wallabies"
        offer(start, end, "organisation", TEAM_CUE)
    for match in _HEADED.finditer(text):  # "Ramo Verde prison", "Guárico state"
        lone_opener = at_sentence_start(text, match.start(1)) and " " not in match.group(1)
        head = match.group(2)
        if (head in PLACE_WORDS or head in FOLLOWING_AREAS) and not lone_opener:
            # A nationality word before a place noun stays one ("Venezuelan border state").
            offer(match.start(1), match.end(1), None, strong=not _DEMONYM.search(match.group(1)))
    for match in _PLACE_NAMED.finditer(text):  # "fell on Wall Street", "Frans Seda Airport in Maumere"
        words = match.group().split()
        if (bare(words[-1]) in PLACE_WORDS and bare(words[0]) not in FUNCTION_WORDS) or bare(words[0]) in HEAD_FIRST:
            offer(match.start(), match.end(), "place", 1.0, strong=True)
    for match in _PLACE_OF.finditer(text):
        offer(match.start(1), match.end(1), "place", 1.0, strong=True)
    for match in NAMED_AFTER_NOUN.finditer(text):  # "the state utility Varnpower"
        first = match.group(1).split()[0]
        if bare(first) not in FUNCTION_WORDS | TITLES and not looks_like_person(match.group(1)) \
                and not demonym(first):
            offer(match.start(1), match.end(1), "organisation", 1.0)
    for match in DESCRIBED.finditer(text):
        if not looks_like_person(match.group(1)) or match.group(2) in PLACE_NOUNS:
            offer(match.start(1), match.end(1), described_kind(match.group(2)), 1.0)
    for pattern in (_INTRODUCED_ROLES, _WHO):
        for match in pattern.finditer(text):
            if looks_like_person(match.group(1)):
                offer(match.start(1), match.end(1), "person", 1.0)
    for match in _PLACE_PREPOSITION.finditer(text):
        if bare(match.group(1).split()[0]) not in FUNCTION_WORDS | TITLES:
            offer(match.start(1), match.end(1), "place", 1.0)
    for start, end in _known_places(text):
        offer(start, end, "place", 1.0)
    for match in _ACRONYM.finditer(text):
        word = match.group()
        if word in COMMON_ABBREVIATIONS or _ROMAN.match(word) or _shouting(text, match.start(), match.end()):
            continue
        offer(match.start(), match.end(), None)
    return found


# "Bong Joon-ho, who won the Palme d'Or": a name the model missed, and a clause only people take.
_WHO = re.compile(rf"({_CAP}(?: {_CAP}){{1,3}}), who\b")
_INTRODUCED_ROLES = re.compile(_INTRODUCED.pattern.replace("{roles}", ROLES))


#: A place the gazetteer knows is taken without the model only if this big (or a country or
#: region), and only if its name is no common English word ("Reading", "Bath", "Nice").
KNOWN_PLACE_POPULATION, KNOWN_PLACE_WORD, COUNTRY_POPULATION = 20_000, 3.0, 1_000_000
_CAPITALISED_RUN = re.compile(rf"(?<![\w'’-]){_CAP}(?: (?:de|del|la|el|do|da|of) {_CAP}| {_CAP}){{0,3}}")


def _known_places(text: str) -> Iterator[tuple[int, int]]:
    """Places the model missed: a run of capitalised words, mid-sentence, that the gazetteer
    knows as a country, a region or a town of some size ("around Jinotega and Matagalpa")."""
    known = knowledge()
    for match in _CAPITALISED_RUN.finditer(text):
        if at_sentence_start(text, match.start()):
            continue
        name = re.sub(r"['’]s?$", "", match.group())  # "of Kenya's 47 counties"
        place = known.place(fold(name))
        if place is None or not (place.region or place.population >= KNOWN_PLACE_POPULATION):
            continue
        # A country or a capital's region is often in the news, so frequent as a word ("Kyiv",
        # "Turkey"), and capitalised mid-sentence it is the place.
        country = place.region and place.population >= COUNTRY_POPULATION
        if " " not in name and known.frequency(name) >= KNOWN_PLACE_WORD and not country:
            continue
        yield match.start(), match.start() + len(name)


def _shouting(text: str, start: int, end: int) -> bool:
    """Whether the word sits among other capitalised words: a headline in capitals, not a name."""
    before = re.search(r"(\S+)\s$", text[max(0, start - 30):start])
    after = re.match(r"\s(\S+)", text[end:end + 30])
    return any(m and len(m.group(1)) > 2 and m.group(1).isupper() for m in (before, after))


def _bracketed_long_names(text: str) -> Iterator[tuple[int, int]]:
    """"The Coalition of Organizations for the Right to Health and Life (Codevida)": the words
    before a bracketed short name, back to the first that is neither capitalised nor a linking
    word."""
    for match in re.finditer(r" \(([A-ZÀ-ÖØ-Þ][\w-]*)\)", text):
        words = list(re.finditer(r"\S+", text[max(0, match.start() - 200):match.start()]))
        offset = max(0, match.start() - 200)
        start = None
        for word in reversed(words):
            token = word.group()
            if token[:1].isupper() and not token.endswith((",", ".", ";", ":")):
                start = offset + word.start()
            elif bare(token) in PARTICLES | {"to"} and start is not None:
                continue
            else:
                break
        if start is not None:
            yield start, match.start()
