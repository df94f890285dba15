"""What the words around a name say it is: the noun before it, an apposition, what it owns."""

from __future__ import annotations

import re

from .knowledge import knowledge
from .lexicon import ORG_NOUNS, PERSON_FOLLOWERS, PLACE_NOUNS, PLACE_PREPOSITIONS, ROLE_NOUNS, TITLES
from .names import looks_like_person
from .normalise import fold
from .words import bare, previous_word


def _nouns(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


#: A person's occupation the role list cannot hold: "a geophysicist", "an immunologist".
_OCCUPATION = r"[a-z]{3,}(?:ist|ologist)"
#: What may follow the head of a noun phrase: punctuation or a word that opens a complement
#: ("a village in", "the state miner, said"). "the Chilean state miner" is no state.
_PHRASE_END = (
    r"(?=[,.;:)]| (?:in|of|on|at|for|from|that|which|who|whose|with|near|based|and|to|since|where|by|off|"
    r"along|outside|about|some|just|north|south|east|west|run|owned|led|founded|behind|beside|opposite|"
    r"below|above|across|between|[a-z]{3,}ing)\b|$)"
)  # (and a participle: "the law firm representing", "the fan platform run by")
#: A role or an occupation as the head of an apposition: "Jacqueline Faría, an official...",
#: "Vera Korolenko, a geophysicist whose...".
ROLES = rf"(?:{_nouns(ROLE_NOUNS)})\b|{_OCCUPATION}{_PHRASE_END}"
APPOSITION = re.compile(rf", (?:a|an|the|his|her)? ?(?:[\w-]+ ){{0,2}}(?:{ROLES})")

# What a name is, said by the noun just before it ("the newspaper Le Monde", "pollster Ifop") or
# in an apposition after it ("Ipsos, a polling firm,", "Senahú, a village in Alta Verapaz").
_NOUN_BEFORE = re.compile(r"\b(" + _nouns(ORG_NOUNS | PLACE_NOUNS) + r") $")
# "The national employers' federation, Gesamtmetall, said": the noun phrase, a comma, the name
# and another comma; the name stands in apposition to the noun.
_PHRASE_COMMA = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Aa]|[Aa]n) (?:[\w'’-]+ ){0,3}?(" + _nouns(ORG_NOUNS | PLACE_NOUNS) + r"), $"
)
# "Axel Springer, which owns Bild and Politico": what is owned, bought or published is a business.
_OWNED_THING = re.compile(r"\b(?:owns|bought|acquired|publishes|operates|sold|took over) (?:the )?$")
# "the law firm Leigh Day", "its coalition partner Kendo": a noun phrase ending right before a
# name, which then stands in apposition to it, says more than a given name opening the name.
_PHRASE_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her) (?:[a-z-]+ )?(?:" + _nouns(ORG_NOUNS) + r"|coalition partner) $"
)
PHRASE_CUE = 1.5
# The same phrase and the name after it, for names the model missed: "the state utility Varnpower".
NAMED_AFTER_NOUN = re.compile(
    r"\b(?:the|a|an|its|their) (?:[a-z-]+ )?(?:" + _nouns(ORG_NOUNS) + r") "
    r"([A-ZÀ-ÖØ-Þ][\w'’&+.-]*(?: (?:de |del |la |of )?[A-ZÀ-ÖØ-Þ][\w'’&+.-]*){0,3})"
)
#: A news site is an outlet ("Rappler, the news site, reported"); a site alone may be a place's.
_NEWS_SITE = r"news (?:site|website)|wire service"
_NOUN_AFTER = re.compile(
    r", (?:a|an|the|its|their|another)? ?(?:[\w'’-]+ ){0,3}?(" + _NEWS_SITE + "|" + _nouns(ORG_NOUNS | PLACE_NOUNS)
    + r")" + _PHRASE_END
)


def described_after(text: str, end: int) -> bool:
    """Whether an apposition right after ``end`` says what the name is: "Tempo, the news
    magazine, said", "Postimees, the country's oldest daily": a name, though a word opens it."""
    return _NOUN_AFTER.match(text, end) is not None
# "Ubisoft's chief executive", "Jinotega's mayor": what the name has says what it is.
_OWNS = re.compile(
    r"['’]s? (?:(chief executive|chief|ceo|chairman|chairwoman|board|shares|shareholders|stake|founder|"
    r"subsidiary|headquarters|spokesperson|spokesman|spokeswoman|staff|employees|annual|profits?|revenue|"
    r"customers|products?)|(mayor|governor|residents|inhabitants|capital|outskirts|streets|population))\b"
)
_WITHIN = re.compile(r", ((?:[A-ZÀ-ÖØ-Þ][\w'’-]+)(?: [A-ZÀ-ÖØ-Þ][\w'’-]+){0,2})(?=[,.;:)]| and| on| in| —|$)")
_PLACES_AFTER = re.compile(
    r" and (?:the )?[A-ZÀ-ÖØ-Þ][\w'’-]+(?: [A-ZÀ-ÖØ-Þ][\w'’-]+)? "
    r"(?:rivers|lakes|islands|provinces|states|towns|cities|villages|districts|regions|valleys|departments)\b"
)
WITHIN_REGION = 2.0
# Where in a country a name lies, set off after it: "Kayonza, in the east", "Sefwi Wiawso, in the
# Western North Region" (a person is placed with "of" or "from", seldom so).
_IN_AREA = re.compile(
    r", in the (?:(?:far )?(?:north|south)?-?(?:east|west|north|south)(?:ern)?(?:[,.;]| of\b)|"
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’-]+ ){1,3}(?:Region|Province|District|County|State|Department|Governorate|Prefecture)\b)"
)
# "analysts at Jefferies", "researchers from Sinovac": people at an organisation.
_STAFF_AT = re.compile(
    r"\b(?:analysts?|economists?|strategists?|researchers?|scientists?|executives?|lawyers?|bankers?|"
    r"traders?|employees?|engineers?|staff|shareholders|investors) (?:at|from|with|in) (?:the )?$"
)
# "the Danube", "the Bosphorus", "the Sydney Morning Herald": people are not written with "the".
# Only where the name ends the phrase: in "the Maduro government" or "the Noor Ouarzazate
# complex" the "the" is the noun's.
_THE = re.compile(r"(?<![\w.])the $")
_PHRASE_ENDS = re.compile(
    r"[,.;:)'’]| (?:said|says|has|had|have|is|was|were|are|will|would|could|in|of|on|at|to|and|or|for|"
    r"with|from|by|near)\b|$"
)
THE_PLACE, THE_ORGANISATION = 0.7, 0.6
# "Britain's Centrica", "Germany's Uniper": what a country has is a company or a body, or a
# person ("Germany's Olaf Scholz", told apart by the shape of the name).
_OF_COUNTRY = re.compile(r"\b([A-ZÀ-ÖØ-Þ][\w-]+(?: [A-ZÀ-ÖØ-Þ][\w-]+)?)['’]s $")
# "Morgan Stanley cut its price target", "Ledezma said his escape": the pronoun that follows.
_ITS = re.compile(r"(?: (?!(?:and|or|of|with|to|for|by|from|than|as)\b)[a-z]+){0,3} (its|his|her)\b")
PRONOUN = 1.2
_OWNED_BY = re.compile(r",? (?:owned|controlled|operated|majority-owned|wholly owned) by\b")
_REPORTED = re.compile(r" (?:reported|reports|wrote|published)\b")
#: How much each of those says.
NOUN_CUE = 1.5
OWNED = 1.2
NOT_A_PERSON = 0.8

# "the city of Cúcuta", "the border state of Tachira", "the barangays of Buhangin": a place noun,
# one or many, and "of".
PLACE_NOUN_OF = re.compile(
    r"\b(?:(?:city|town|village|state|province|region|municipality|capital|island|settlement|suburb|"
    r"district|township|barangay|neighbourhood|neighborhood|port|kingdom|empire|sultanate|emirate)s?|"
    r"cities|market|north|south|east|west) of $"
    # A point of the compass of a river or a range: "west of the Essequibo", "south of the Andes".
    r"|\b(?:north|south|east|west)(?:-?(?:east|west))? of the $"
)

# "Its chairman, Saripuddin Kasim", "his spokesman, Gboyega Akosile", "Velmar's chief executive,
# Oh Dae-sung": an office held by someone, then a comma and the holder.
_OFFICE_BEFORE = re.compile(
    r"(?:\b(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Oo]ur)|[A-ZÀ-ÖØ-Þ][\w-]*['’]s?)\s+(?:[\w'’-]+\s+){0,2}(?:"
    + _nouns(TITLES | ROLE_NOUNS)
    + r"),\s$"
)
OFFICE_HOLDER = 3.0


def _plurals(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "s" for w in words)


# "Greek islands such as Lesbos, Chios and Samos", "townships, including Ndirande and Bangwe",
# "firms like Marex": every name in a list after a plural noun is one of those.
_LIST_CAP = r"(?:the )?[A-ZÀ-ÖØ-Þ][\w'’-]*(?: (?:de |del |la |of )?[A-ZÀ-ÖØ-Þ][\w'’-]*)*"
_LISTED = re.compile(
    r"\b(" + _nouns(_plurals(ORG_NOUNS | PLACE_NOUNS)) + r"),? (?:such as|including|like|notably|of) "
    r"(?:" + _LIST_CAP + r"(?:, | and |, and ))*$"
)

#: How the text right before a name in such a list ends ("$" also matches before a last line break).
_LIST_GAPS = (", ", " and ", "such as ", "including ", "like ", "notably ", " of ")


def listed_kind(text: str, start: int) -> str | None:
    """The kind the plural noun before a list says of each name in it."""
    before = text[max(0, start - 12):start]
    if not before.removesuffix("\n").endswith(_LIST_GAPS):
        return None  # (the pattern's test at each of 150 places took a twentieth of the rules' time)
    match = _LISTED.search(text, max(0, start - 150), start)
    if match is None:
        return None
    noun = match.group(1)
    return "place" if noun in _plurals(PLACE_NOUNS) else "organisation"


# "Booths, the supermarket chain, said", "Elliott, the US hedge fund that": a name the model
# missed, described by what it is.
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’&+-]*"
DESCRIBED = re.compile(
    rf"({_CAP}(?: {_CAP}){{0,3}}), (?:a|an|the|another) (?:[\w'’-]+ ){{0,3}}?(" + _NEWS_SITE + "|"
    + _nouns(ORG_NOUNS | PLACE_NOUNS) + ")" + _PHRASE_END
)


def described_kind(noun: str) -> str:
    return "place" if noun in PLACE_NOUNS else "organisation"


def office_before(text: str, start: int) -> bool:
    """Whether an office and a comma stand right before ``start`` ("the zone's general manager, X")."""
    return _OFFICE_BEFORE.search(text, max(0, start - 50), start) is not None


def noun_votes(text: str, start: int, end: int) -> list[tuple[str, float]]:
    """The kind the words around a name say: a noun before it, an apposition, what it owns."""
    votes = []
    before = _NOUN_BEFORE.search(text, max(0, start - 30), start)
    after = _NOUN_AFTER.match(text, end)
    for match in (before, after):
        if match is not None:
            votes.append(("place" if match.group(1) in PLACE_NOUNS else "organisation", NOUN_CUE))
    phrase = _PHRASE_COMMA.search(text, max(0, start - 60), start)
    if phrase is not None and text[end:end + 1] == ",":
        votes.append(("place" if phrase.group(1) in PLACE_NOUNS else "organisation", NOUN_CUE))
    if _OWNED_THING.search(text, max(0, start - 20), start):
        votes.append(("organisation", OWNED))
    if _PHRASE_BEFORE.search(text, max(0, start - 40), start):
        votes.append(("organisation", PHRASE_CUE))
    within = _WITHIN.match(text, end)
    if within is not None and (region := knowledge().place(fold(within.group(1)))) is not None and region.region:
        votes.append(("place", WITHIN_REGION))  # "Villanueva, Honduras", "Mauna Kea, Hawaii"
    if _IN_AREA.match(text, end):
        votes.append(("place", WITHIN_REGION))  # "Kayonza, in the east", "Sefwi Wiawso, in the Western North Region"
    if _PLACES_AFTER.match(text, end):
        votes.append(("place", NOUN_CUE))  # "the Surma and Kushiyara rivers"
    owns = _OWNS.match(text, end)
    if owns is not None:
        votes.append(("organisation" if owns.group(1) else "place", OWNED))
    if _STAFF_AT.search(text, max(0, start - 40), start):
        votes.append(("organisation", OWNED))
    if _THE.search(text, max(0, start - 5), start) and _PHRASE_ENDS.match(text, end):
        votes.extend((("place", THE_PLACE), ("organisation", THE_ORGANISATION)))
    country = _OF_COUNTRY.search(text, max(0, start - 40), start)
    if country is not None and (place := knowledge().place(fold(country.group(1)))) is not None and place.region \
            and not looks_like_person(text[start:end]):
        votes.append(("organisation", OWNED))
    pronoun = _ITS.match(text, end)
    if pronoun is not None:
        votes.append(("organisation" if pronoun.group(1) == "its" else "person", PRONOUN))
    rest = text[end:end + 12]
    # (Not "pharmacies in Kyushu reported": the verb is the people's in the place.)
    if _REPORTED.match(rest) and bare(previous_word(text, start)) not in PLACE_PREPOSITIONS:
        votes.append(("organisation", NOT_A_PERSON))  # "Bloomberg reported", "Le Monde wrote"
    if _OWNED_BY.match(text, end):
        votes.append(("organisation", OWNED))  # "Kyivstar, owned by VEON": people are not owned
    if rest.startswith(", which"):
        votes.append(("organisation", NOT_A_PERSON))
    elif rest.startswith(", where"):
        votes.append(("place", NOT_A_PERSON))
    return votes


def person_clause(after: str, name: str) -> bool:
    """"Rajoy, who vowed", "Rajoy himself". Without the comma, "who" after a place the gazetteer
    knows is said of a noun before it ("families in Tralee who are being told")."""
    word = after.lstrip(" ,").split(" ", 1)[0].strip(",.")
    if word not in PERSON_FOLLOWERS:
        return False
    return after.startswith(",") or word not in ("who", "whose") or knowledge().place(fold(name)) is None
