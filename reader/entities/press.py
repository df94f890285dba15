"""News outlets (papers, broadcasters, pollsters) and political parties, told by how news cites,
prints and counts them: "told Reuters", "the Nikkei reported", "the broadcaster Kanal 9", "a
survey by Ipsos", "the front page of Il Gazzettino", "Zelvan MP", "the Greens took 7 per cent".

The model misses a one-word or foreign outlet cited as a source, or takes it for a person (a
paper named like a given name, a station named like a person), and sees a party written as a
plural for a nationality ("the Greens"). The names found here are offered as candidates
(``press_cues``); the words around any name add their votes for its kind (``press_votes``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from .countries import is_nation
from .knowledge import knowledge
from .lexicon import PLACE_PREPOSITIONS
from .normalise import fold
from .words import at_sentence_start, bare, demonym, is_title, previous_word, whole_word_starts

# A name: capitalised words, with the linking words of foreign titles inside ("Corriere della
# Sera", "Le Monde", "Daily and Sunday") and a figure after a word ("Radio 101.5").
_WORD = r"(?!(?:MPs?|Its|His|Her|Their|This|That|These|Those|A|An)\b)[A-ZÀ-ÖØ-Þ][\w'’&+-]*"
_NAME = (
    rf"{_WORD}(?: (?:de|del|della|dello|di|du|des|la|le|el|per|y|and|of) {_WORD}| {_WORD}| \d+(?:\.\d+)?(?!\w|\.\d))"
    r"{0,4}"
)
_RUN = re.compile(rf"(?<![\w'’-])(?:[Tt]he )?({_NAME})")
#: The last word of a paper's or a station's name: whatever the rest, the name is an outlet's.
#: (Common heads only; "Star", "Sun" or "Mail" end other names too, and count only beside a cue.)
OUTLET_HEADS = frozenset(
    "times post herald journal tribune gazette gazeta daily chronicle chronicles telegraph observer "
    "courier zeitung online news".split()
)
#: Words for a newspaper or for news in other languages, which open its name as often as they close it
#: ("Diario Austral", "Morgen Dagbladet", "Het Avondblad"), any of them, in a name of two words or more.
PAPER_WORDS = frozenset(
    "diario diaris jornal gazzetta gazete corriere dagblad dagbladet nieuwsblad avondblad tageblatt "
    "tagblatt avisen folha periodico noviny zpravy novosti nachrichten noticias notizie nieuws vijesti "
    "wiadomosci".split()
)
_LOOSE_HEADS = frozenset("star sun mail standard globe express mirror sport sports tv radio".split())

def _tails(*cues: str) -> tuple[str, ...]:
    """How the text before a name ends when one of ``cues`` stands right before it (read with
    str.endswith, which a regular expression searched backwards is many times slower than)."""
    return tuple(f" {cue}{the} " for cue in cues for the in ("", " the"))


# Who a source speaks to or is quoted by: "told Reuters", "quoted by Velorna", "writing in Le Monde";
# who saw a paper not yet public: "the ruling, seen by Dawn", "a letter seen by Reuters".
_SOURCE_BEFORE = _tails(
    "told", "quoted by", "cited by", "interviewed by", "in an interview with", "in an interview on", "writing in",
    "wrote in", "speaking to", "seen by", "obtained by",
)
# What an outlet is, right before its name: "the left-leaning daily Liberté", "the broadcaster
# Kanal 9", "public broadcaster NHK", "the journal Terra", "the radio station Radio 101.5".
_MEDIUM_BEFORE = _tails(
    "newspaper", "daily", "weekly", "paper", "tabloid", "broadsheet", "magazine", "broadcaster", "radio station",
    "radio", "channel", "news agency", "news site", "news website", "news portal", "journal", "outlet",
)
# A party or an alliance before its name: "the opposition coalition Unidad Plena", "the ruling
# Morena".
_PARTY_BEFORE = _tails(
    "party", "coalition", "alliance", "bloc", "movement", "the ruling", "its ruling", "the governing", "its governing",
)
# "Ferro's party, Nueva Ruta,": an apposition, not "the party, Smith said".
_PARTY_APPOSITION = _tails("party,", "coalition,", "alliance,")
# What a paper does or is, right after its name: "Velorna reported", "Marendo said in an
# editorial", "the Voskar newspaper".
_AFTER_SOURCE = (
    r"(?:['’]s)? (?:reported|reports|said in an editorial|wrote in an editorial|said in its editorial|"
    r"newspaper|daily|broadcaster|television|radio)\b"
)
# Who belongs to a party, and how it is counted: "Zelvan MP", "Nationals leader", "the Umoja
# Mbele coalition", "the Lex and Order (LO) party", "Labour won 12 seats", "Greens voters".
# (Not "Ferro's party": what a person leads.)
_AFTER_PARTY = (
    r"(?: \([A-Z][\w-]*\))? (?:party|coalition|alliance|bloc|MPs?|senators?|deputies|deputy|lawmakers?|"
    r"legislators?|leader|leadership|candidates?|voters|supporters|activists|members of parliament|"
    r"(?:won|took|holds|held|gained|lost|wins|takes) (?:\d+|[a-z]+) (?:seats|per cent|percent)|"
    r"(?:won|took|held|gained|lost) the (?:seat|election|vote))\b"
)
_SAID = r" (?:said|says|wrote|added)\b"
_VERB = re.compile(r" (?:reported|reports|said|says|wrote|added)\b")
_AFTER = re.compile(rf"(?P<source>{_AFTER_SOURCE})|(?P<party>{_AFTER_PARTY})|(?P<said>{_SAID})")
# A party named as the plural of its members: "the Greens", "the Nationals", "the Socialists".
_PLURAL_PARTY = re.compile(
    r"(?<=\bthe )(?:(?:Social|Christian|Liberal|Free|Swedish|Sweden) )?"
    r"(?:Greens|Socialists|Communists|Nationals|Liberals|Conservatives|Democrats|Republicans|Tories)\b"
)

#: A name cited as a source or counted as a party: more than the model's label, less than a
#: name's own head word.
SOURCE = 1.5
PARTY = 2.0
_ADJECTIVE_END = re.compile(r"(?:ist|ian|an|ic|al|ese|ish)$")
# A capitalised article inside a sentence opens the title of a paper, a work or a band, not a
# person's name or (but for "The Hague") a place's.
TITLE = 1.5
#: A name found so, before the words around it are weighed.
CUE = 1.0
#: A name ending in a paper's head word ("Marlow Evening Herald").
HEAD = 2.5
#: A name cited once, whom the article never names again nor titles: an outlet more than a person.
CITED_ONCE = 1.0
#: A word this common (Zipf) alone before "MP" or "leader" is the party's adjective ("Liberal
#: MP", "Green leader"), which news does not write as a name.
COMMON_WORD = 3.5
#: A word English knows at all (Zipf), made like an adjective: "Peronist", "Gaullist".
KNOWN_WORD = 1.5


# A word shaped as no person's name is, before what a source does: "24ur showed", "15min
# reported", "bTV showed", "TV5Monde broadcast": a station's or a site's name (not an ordinal).
_ODD_SOURCE = re.compile(
    r"(?<![\w.’'-])(\d+(?!st\b|nd\b|rd\b|th\b)[a-zA-Z]{2,}\w*|[a-z]{1,2}[A-Z]{2,}\w*|[A-Z]{2,}\d+[A-Z]?[a-z]\w*)"
    r"(?= (?:said|says|reported|reports|showed|shows|broadcast|aired|wrote|published)\b)"
)


def press_cues(text: str) -> Iterator[tuple[int, int, str, float]]:
    """(start, end, kind, weight) of outlets and parties the words around them name."""
    for match in _PLURAL_PARTY.finditer(text):
        yield match.start(), match.end(), "organisation", PARTY
    for match in _ODD_SOURCE.finditer(text):
        yield match.start(), match.end(), "organisation", SOURCE
    for match in _RUN.finditer(text):
        start, end = match.span(1)
        name = match.group(1)
        votes = press_votes(text, start, end, name)
        if not votes or _place(name):
            continue
        # "Police reported": a common word that opens the sentence; but "Nationals leader".
        plural_party = name.endswith("s") and ("organisation", PARTY) in votes
        if " " not in name and at_sentence_start(text, start) and not plural_party \
                and knowledge().frequency(name.lower()) >= COMMON_WORD:
            continue
        yield start, end, "organisation", CUE


def press_votes(text: str, start: int, end: int, name: str) -> list[tuple[str, float]]:
    """An organisation's votes when the words around the name say it is an outlet or a party."""
    votes = []
    words = name.split()
    head = words[-1].lower() if words else ""
    tail = f" {text[max(0, start - 40):start]}" if text[start - 1:start] == " " else ""
    cue = None
    for kind, tails in (("source", _SOURCE_BEFORE), ("medium", _MEDIUM_BEFORE), ("party", _PARTY_BEFORE)):
        if tail.endswith(tails):
            cue = kind
            break
    else:
        if tail.endswith(_PARTY_APPOSITION) and text[end:end + 1] == ",":
            cue = "party"
    after = _AFTER.match(text, end)
    follows = after.lastgroup if after is not None else None
    if follows in ("source", "said") and after is not None and _VERB.match(after.group()) \
            and bare(previous_word(text, start)) in PLACE_PREPOSITIONS:
        follows = None  # "Pharmacies in Kyushu reported": the verb is the people's, not the place's
    paper = any(fold(word) in PAPER_WORDS for word in words)
    if len(words) >= 2 and (head in OUTLET_HEADS or paper or (head in _LOOSE_HEADS and (cue or follows))):
        votes.append(("organisation", HEAD))
    if cue == "medium" or follows == "source" or (cue == "source" and not _place(name)):
        votes.append(("organisation", SOURCE))
    # ("The Republicans said", "researchers at Wits said": a plural is a party or a short name.)
    said_once = follows == "said" and " " not in name and not name.endswith("s")
    # (At a sentence's start: "residents of Tellmoor said" is said of a place's people.)
    if (follows == "source" or said_once) and at_sentence_start(text, start) and _cited_once(text, start, name):
        votes.append(("organisation", CITED_ONCE))
    if (cue == "party" or follows == "party") and not _place(name) and not _adjective(name) \
            and not name.endswith(("'s", "’s")):  # ("Ferro's party": what a person leads)
        votes.append(("organisation", PARTY))
    # "while The Courant said", "told The Hindu"
    titled = name.startswith("The ") and not at_sentence_start(text, start)
    if titled or (text[start - 5:start] == " The " and (text[start - 6:start - 5].islower()
                                                         or text[start - 6:start - 5] == ",")):
        if not _place(name) and not _place(f"The {name}"):
            votes.append(("organisation", TITLE))
    return votes


def _cited_once(text: str, start: int, name: str) -> bool:
    """"Thanh Niên reported", "Vísir said": news gives a person it quotes a title or a second
    mention by surname; a paper or a broadcaster it cites once is named once, bare. (A single word
    that is a given name, "Maria said", is a person's all the same.)"""
    words = name.split()
    if is_title(previous_word(text, start)) or (len(words) == 1 and knowledge().given_name(fold(name))):
        return False
    return not any(len(word) > 2 and len(list(islice(whole_word_starts(text, word), 2))) > 1
                   for word in words)


def _place(name: str) -> bool:
    folded = fold(name)
    return is_nation(folded) or knowledge().place(folded) is not None


def _adjective(name: str) -> bool:
    """A single word that describes a party's member or a region's people rather than names a
    party: "Liberal MP", "Catalan leader", "the Islamist party"."""
    if " " in name or name.endswith("s"):
        return False
    frequency = knowledge().frequency(name.lower())
    made_so = frequency >= KNOWN_WORD and _ADJECTIVE_END.search(name) is not None
    return frequency >= COMMON_WORD or made_so or demonym(name)


# What outlets publish, and where it appears ------------------------------------------------------

# What a pollster, a data firm or a paper makes, and who made it or for whom: "a tally by
# Bloomberg", "projections by Ifop and Ipsos for TF1", "an Odoxa survey for Le Figaro". (A list
# of names after it is one of them too: "Surveys by Ipsos and Ifop".)
_WORK_BY = re.compile(
    r"\b(?:surveys?|polls?|polling|tally|projections?|estimates?|ratings|forecasts?|calculations|count|"
    r"analysis|data|figures|study|studies|report|investigation|documentary|broadcast|interview|editorial|"
    r"column|article|story|op-ed|commentary|podcast) (?:by|for|from|in) (?:the )?"
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’-]*(?: [A-ZÀ-ÖØ-Þ][\w'’-]*)* (?:and|or) )?$"
)
# Where what a paper or a journal prints appears: "the front page of Il Gazzettino", "published
# in Nature", "quoted by Dawn".
_PRINTED_IN = re.compile(
    r"\b(?:front page|front pages|pages|columns|website|editor|editors|reporters?|correspondents?) of (?:the )?$"
    # (Not "reported in", "aired in": what happens in a place is reported and aired there too.)
    r"|\b(?:published|printed|quoted|cited) (?:in|by|on) (?:the )?$|\b(?:aired|broadcast|reported) (?:by|on) (?:the )?$"
)
# "said on France Inter radio", "Antenna 3 television": a broadcaster or a paper before its medium.
_MEDIUM_AFTER = re.compile(r" (?:radio|television|tv|newspaper|daily|weekly|magazine|broadcaster|channel)\b")
#: Each of these weighs as much as a noun that says what the name is.
OUTLET = 2.0
#: How the text before the name ends where _WORK_BY or _PRINTED_IN match ("$" also matches before
#: a last line break).
_CUE_ENDS = ("by ", "for ", "from ", "in ", "the ", "and ", "or ", "of ", "on ")


def outlet_votes(text: str, start: int, end: int) -> list[tuple[str, float]]:
    """An organisation's vote when the words around the name say it publishes or broadcasts."""
    window = max(0, start - 80)
    # Both patterns before the name end in one of these words: looked for only then (tried at
    # each of 80 places, they took a twentieth of the rules' time).
    after_cue = text[max(0, start - 6):start].removesuffix("\n").endswith(_CUE_ENDS)
    cued = bool((after_cue and _WORK_BY.search(text, window, start)) or _MEDIUM_AFTER.match(text, end))
    if not cued and after_cue and _PRINTED_IN.search(text, window, start):
        place = knowledge().place(fold(text[start:end]))
        cued = place is None  # "published in Britain" is a place
    return [("organisation", OUTLET)] if cued else []
