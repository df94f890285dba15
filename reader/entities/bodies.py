"""Words around a name that only a body takes: a team's score and staff, an outlet someone told
or is quoted by, a party or a group someone leads or joins, what a firm has and writes.

A city's name is a club's on the sports pages ("beat Girona 3-1", "Girona president Delfí Geli"),
a firm or a paper may look like a person ("told Sky Sports", "director of Milieudefensie"). A
country stays a place: its national team is written as the country (see the gold's notes).
"""

from __future__ import annotations

import re

from .countries import is_nation
from .knowledge import knowledge
from .lexicon import ORG_NOUNS
from .names import looks_like_person
from .normalise import fold

_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
_SCORE = r"\d{1,2}[-–]\d{1,2}\b"
# A team's people and followers, right after its name: "McLaren team principal Andrea Stella",
# "Girona president Delfí Geli", "Zamalek coach", "Lando Norris, his McLaren teammate".
_STAFF_AFTER = re.compile(
    r"(?:['’]s)? (?:team principal|team boss|teammates?|team-mates?|head coach|coach|manager|president|"
    r"striker|midfielder|defender|goalkeeper|winger|forward|captain|drivers?|riders?|squad)\b"
    r"|, (?:coached|managed) by\b"
)
# A score beside the name: "beat Girona 3-1", "Al Ahly beat Zamalek 2-1", "drew 1-1 with Future FC".
_SCORE_AFTER = re.compile(rf" {_SCORE}")
_BEAT_AFTER = re.compile(
    rf" (?:beat|beats|drew|draws|lost|loses|edged|thrashed|routed|defeated)\b[^.;]{{0,40}}? {_SCORE}"
)
_SCORE_BEFORE = re.compile(rf"\b{_SCORE} (?:with|against|over|to) $")
# A line of results: "Results: Al Ahly 2 Zamalek 1; Ismaily 0 Pyramids FC 3".
_RESULT_BEFORE = re.compile(r"(?:[:;]|\b\d{1,2}) $")
_RESULT_AFTER = re.compile(r" \d{1,2}(?=[;.,]|$| [A-Z])")
# Whom someone plays, drives or finishes for: "fifth for Mercedes", "play for Ahly", "12 years at
# Mercedes", "joined from Paris Saint-Germain".
_FOR_BEFORE = re.compile(
    rf"\b(?:{_ORDINAL} for|(?:play|plays|played|playing|signed|signs|scored|scores|drive|drives|drove|"
    r"driving|race|races|raced|ride|rides|rode) for|joined from|signed from|on loan (?:at|from|to)|"
    r"years at|seasons? with|seasons? at) (?:the )?$"
)
# Plural agreement, as British copy writes teams: "Barcelona, who travel to Seville".
_PLURAL_VERB = re.compile(r"(?:, who)? (?:travel|play|face|host|visit|welcome|meet)\b")
# Who leads, heads or speaks for it: "who leads Forza Italia", "director of Milieudefensie".
_LED_BEFORE = re.compile(
    r"\b(?:leads|heads|headed|founded|co-founded|chairs|chaired|runs|joined|director of|directors of|"
    r"head of|chief of|founder of|founders of|leader of|leaders of|member of|members of|spokesman for|"
    r"spokeswoman for|spokesperson for|chief executive of|chairman of|chairwoman of) (?:the )?$"
)
# Whom someone speaks to for publication: "told Les Echos", "according to the Standard".
_TOLD_BEFORE = re.compile(r"\b(?:told|according to|in an interview with|speaking to|said to) (the )?$")

# What only a firm has or does, whatever its name looks like ("Morgan Stanley", "Roy Morgan"):
# "in notes to clients", "Goldman Sachs economists", "a Roy Morgan poll", "shares of".
_FIRM_AFTER = re.compile(
    r"(?:,)? (?:(?:said |wrote |added )?in (?:a )?(?:research )?notes? to (?:its )?clients|"
    r"(?:analysts|economists|strategists|bankers|clients|shares|stock|auditors|polls?|surveys?|exit poll)\b)"
)
_FIRM_BEFORE = re.compile(
    r"\b(?:shares (?:of|in)|stake in|advised by|audited by|clients of|(?:bankers|strategists|economists) at) "
    r"(?:the )?$"
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
    # (A province's name is often its capital's and its club's too: "Girona" is not left out.)
    place = knowledge().place(folded)
    votes = []
    window = max(0, start - 40)
    team = (_STAFF_AFTER.match(text, end) or _SCORE_AFTER.match(text, end) or _BEAT_AFTER.match(text, end)
            or _SCORE_BEFORE.search(text, window, start) or _FOR_BEFORE.search(text, window, start)
            or (_RESULT_BEFORE.search(text, max(0, start - 4), start) and _RESULT_AFTER.match(text, end)))
    if team or (not name.endswith("s") and _PLURAL_VERB.match(text, end)):
        votes.append(("organisation", TEAM))
    if _FIRM_AFTER.match(text, end) or _FIRM_BEFORE.search(text, window, start):
        votes.append(("organisation", FIRM))
    if place is None and _PHRASE_END.match(text, end):
        if _LED_BEFORE.search(text, window, start):
            votes.append(("organisation", BODY))
        told = _TOLD_BEFORE.search(text, window, start)
        if told and (told.group(1) or not looks_like_person(name)):
            votes.append(("organisation", BODY))
    return votes
