"""Words around a name that only a body takes: a team's score and staff, an outlet someone told
or is quoted by, a party or a group someone leads or joins, what a firm has and writes.

A city's name is a club's on the sports pages ("beat Girona 3-1", "Girona president Delfí Geli"),
a firm or a paper may look like a person ("told Sky Sports", "director of Milieudefensie"). A
country stays a place: its national team is written as the country (see the gold's notes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .countries import is_nation
from .knowledge import knowledge
from .lexicon import ORG_NOUNS
from .namekinds import head_kind
from .names import looks_like_person
from .normalise import fold
from .words import POSSESSIVE, at_sentence_start, demonym

_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
_SCORE = r"\d{1,2}[-–]\d{1,2}\b"
# A team's people and followers, right after its name: "McLaren team principal Andrea Stella",
# "Girona president Delfí Geli", "Zamalek coach", "Lando Norris, his McLaren teammate".
_STAFF_AFTER = (
    r"(?:['’]s)? (?:team principal|team boss|teammates?|team-mates?|head coach|coach|manager|president|"
    r"striker|midfielder|defender|goalkeeper|winger|forward|full-back|fly-half|scrum-half|centre-back|flanker|"
    r"quarterback|playmaker|batsman|all-rounder|captain|drivers?|riders?|squad)\b"
    r"|, (?:coached|managed) by\b"
)
# A score beside the name: "beat Girona 3-1", "Al Ahly beat Zamalek 2-1", "drew 1-1 with Future FC".
_SCORE_AFTER = rf" {_SCORE}"
_BEAT_AFTER = rf" (?:beat|beats|drew|draws|lost|loses|edged|thrashed|routed|defeated)\b[^.;]{{0,40}}? {_SCORE}"
_SCORE_BEFORE = rf"\b{_SCORE} (?:with|against|over|to)"
# A result without its score: "the win over Fluminense". A player wins so too ("his first victory
# over Gukesh"): it weighs less than a score.
_MATCH_BEFORE = r"\b(?:win|wins|victory|victories) over|\bdefeats? (?:to|by)|\bloss to|\bdraw with"
# A line of results: "Results: Al Ahly 2 Zamalek 1; Ismaily 0 Pyramids FC 3".
_RESULT_BEFORE = re.compile(r"(?:[:;]|\b\d{1,2}) $")
_RESULT_AFTER = re.compile(r" \d{1,2}(?=[;.,]|$| [A-Z])")
# Whom someone plays, drives or finishes for: "fifth for Mercedes", "play for Ahly", "12 years at
# Mercedes", "joined from Paris Saint-Germain".
_FOR_BEFORE = (
    rf"\b(?:{_ORDINAL} for|(?:play|plays|played|playing|signed|signs|scored|scores|drive|drives|drove|"
    r"driving|race|races|raced|ride|rides|rode) for|joined from|signed from|on loan (?:at|from|to)|"
    r"years at|seasons? with|seasons? at|titles? with|(?:head )?coach of|captain of|coached|captained|"
    # Whom a player is signed from: "who signed Tavares from Corvinense".
    r"(?:signed|signs|signing) (?:[\w'’-]+ ){1,3}from)"
    # Whom a side plays: "face the Wallabies", "beat the Chiefs" (a person is not written with
    # "the": "face Harris" is no team).
    r"|\b(?:face|faces|faced|facing|play|plays|played|host|hosts|hosted|beat|beats)(?= the $)"
)
# Plural agreement, as British copy writes teams: "Barcelona, who travel to Seville".
_PLURAL_VERB = r"(?:, who)? (?:travel|play|face|host|visit|welcome|meet)\b"
# Who leads, heads or speaks for it: "who leads Forza Italia", "director of Milieudefensie"; a
# house where a party holds seats: "its majority in the Riigikogu".
_LED_BEFORE = (
    r"\b(?:leads|heads|headed|founded|co-founded|chairs|chaired|runs|joined|director of|directors of|"
    r"head of|chief of|founder of|founders of|leader of|leaders of|member of|members of|spokesman for|"
    r"spokeswoman for|spokesperson for|chief executive of|chairman of|chairwoman of|government of|"
    r"(?:majority|minority|seats) in)"
)
# Whom someone speaks to for publication: "told Les Echos", "according to the Standard", or asks
# or urges ("asked the Riigikogu for a vote": a body, no place); where
# someone writes or posts: "wrote on Twitter", "posted on Instagram" (a platform, not a person).
_TOLD_BEFORE = (
    r"\b(?:told|asked|urged|according to|in an interview with|speaking to|said to|"
    r"(?:said|wrote|writes|posted|posts|tweeted|published|shared) (?:it |this |a message |a video |a statement )?on)"
)

# What only a firm has or does, whatever its name looks like ("Morgan Stanley", "Roy Morgan"):
# "in notes to clients", "Goldman Sachs economists", "a Roy Morgan poll", "shares of".
_FIRM_AFTER = (
    r"(?:,)? (?:(?:said |wrote |added )?in (?:a )?(?:research )?notes? to (?:its )?clients|"
    r"(?:analysts|economists|strategists|bankers|clients|shares|stock|auditors|polls?|surveys?|exit poll)\b)"
)
# The words after a name, read once for all of the above.
_AFTER = re.compile(
    rf"(?P<team>{_STAFF_AFTER}|{_SCORE_AFTER}|{_BEAT_AFTER})|(?P<plural>{_PLURAL_VERB})|(?P<firm>{_FIRM_AFTER})"
)
_FIRM_BEFORE = (
    r"\b(?:shares (?:of|in)|stake in|advised by|audited by|clients of|(?:bankers|strategists|economists) at|"
    r"joint venture with|takeover of|merger with)"
)
# The words before a name, read once for all of the above.
_BEFORE = re.compile(
    rf"(?:(?P<team>{_SCORE_BEFORE}|{_FOR_BEFORE})|(?P<match>{_MATCH_BEFORE})|(?P<led>{_LED_BEFORE})|(?P<told>{_TOLD_BEFORE})"
    rf"|(?P<firm>{_FIRM_BEFORE})) (?P<the>the )?$"
)

# Where the name ends its phrase, or heads a body's: in "runs the Noor Ouarzazate complex" the
# complex is run, in "head of Coordinadora Democrática opposition coalition" the coalition led.
_PHRASE_END = re.compile(
    r"[,.;:)'’\"]| (?:said|says|and|or|in|on|at|to|that|for|with|from|by|since|about|which|who|last|this)\b|$"
    r"| (?:[a-z-]+ ){0,2}(?:" + "|".join(sorted(ORG_NOUNS, key=len, reverse=True)) + r")\b"
)

#: Each of these weighs a little more than a noun that says what the name is: a club's city has
#: the gazetteer and the model on the other side.
TEAM = 3.5
BODY = 2.0
#: A firm named like a person has the model, its shape and a given name against it.
FIRM = 2.5


def body_votes(text: str, start: int, end: int, name: str) -> list[tuple[str, float]]:
    """An organisation's votes from the words around a name that only a body takes."""
    folded = fold(name)
    if is_nation(folded):
        return []
    votes = []
    before = _BEFORE.search(text, max(0, start - 40), start) if text[start - 1:start] == " " else None
    cue = before.lastgroup if before is not None else None
    if cue == "the":
        cue = next(k for k in ("team", "match", "led", "told", "firm") if before.group(k))  # type: ignore[union-attr]
    after = _AFTER.match(text, end)
    follows = after.lastgroup if after is not None else None
    sided = cue == "team" or follows == "team" or (follows == "plural" and not name.endswith("s")) \
        or (_RESULT_BEFORE.search(text, max(0, start - 4), start) and _RESULT_AFTER.match(text, end))
    # (A name headed by a place's noun is faced as a place: "an arch facing the Gulf of Tamsa".)
    if sided and head_kind(name) != "place":
        votes.append(("organisation", TEAM))
    if cue == "match" and not looks_like_person(name):
        votes.append(("organisation", BODY))
    if cue == "firm" or follows == "firm":
        votes.append(("organisation", FIRM))
    # (A province's name is often its capital's and its club's too: "Girona" is not left out
    # above; a town someone leads or is told about is the town.)
    if cue in ("led", "told") and _PHRASE_END.match(text, end) and knowledge().place(folded) is None:
        if cue == "led" or (before.group("the") or not looks_like_person(name)):  # type: ignore[union-attr]
            votes.append(("organisation", BODY))
    return votes


# A name: capitalised words, "the" before them kept out ("coached the Hurricanes").
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]*(?: [A-ZÀ-ÖØ-Þ][\w'’-]*){0,3}")
#: A word this common (Zipf) opening a sentence before "coach" is a word ("Former coach ..."); this
#: common, anywhere ("Test captain").
COMMON_WORD, EVERYDAY = 3.5, 5.0
# A linking word and a capitalised one after a name: the name goes on ("Visma-Lease a Bike").
_NAME_GOES_ON = re.compile(r" (?:a|de|del|da|do|la|le|du|y|e) [A-ZÀ-ÖØ-Þ]")
# An adjective's place: "the first Tongan head coach" describes the coach.
_DESCRIBING = re.compile(r"\b(?:first|second|only|last|youngest|oldest) $")


def team_cues(text: str, taken: Iterable[tuple[int, int]] = ()) -> Iterator[tuple[int, int]]:
    """Sides the model missed, named where only a side stands: "the Chiefs coach", "seven titles
    with the Crusaders", "then face the Wallabies". (A country is its national side, and a place.)
    Names starting inside ``taken`` (the model's) are not read again."""
    known = knowledge()
    covered = bytearray(len(text) + 1)
    for s, e in taken:
        covered[s:e] = b"\x01" * (e - s)
    for match in _CAPITALISED.finditer(text):
        if covered[match.start()]:
            continue
        start, name = match.start(), POSSESSIVE.sub("", match.group())
        opener = name.split(" ", 1)
        if len(opener) == 2 and at_sentence_start(text, start) and known.frequency(opener[0]) >= COMMON_WORD:
            start, name = start + len(opener[0]) + 1, opener[1]  # "Former Test captain"
        end = start + len(name)
        if name in ("The", "A", "An") or "'" in name or "’" in name or known.place(fold(name)) is not None:
            continue
        if _NAME_GOES_ON.match(text, end) or _DESCRIBING.search(text, max(0, start - 12), start) \
                or any(demonym(word) for word in name.split()):
            continue  # "Visma-Lease a Bike", "Uruguayan coach"
        single = " " not in name
        if single and known.frequency(name.lower()) >= (COMMON_WORD if at_sentence_start(text, start) else EVERYDAY):
            continue  # "Former coach", "named Test captain"
        if ("organisation", TEAM) in body_votes(text, start, end, name):
            yield start, end
