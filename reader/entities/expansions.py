"""Long names written out before their bracketed acronym, commas and "and" included.

"the Ministry of Environment, Water and Ecological Transition (MAATE)", "the National Union of Rail,
Maritime and Transport Workers (RMT)": the model cuts such names at the comma or the "and", and
cleaning cuts there too. The bracket says where the name ends; its letters, or the name's head
word, say where it starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .countries import country_code
from .knowledge import knowledge
from .lexicon import FUNCTION_WORDS, ORG_WORDS, PARTICLES
from .names import expands, initials, is_acronym
from .normalise import fold
from .spans import Candidate
from .words import dotted_abbreviation

_BRACKET = re.compile(r" \(([A-ZÀ-ÖØ-Þ][\w&-]{1,9})\)")
_WORD = re.compile(r"\S+")
#: Lower-case words a long name holds ("Office for the Coordination of Humanitarian Affairs").
_INSIDE = PARTICLES | {"to", "and", "&"}
#: At most this many words back from the bracket.
MAX_WORDS = 14


def spelled_out(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each long name right before a bracketed acronym, when the acronym's letters
    spell it from some word on, or when it is one run of capitalised words with a comma or an
    "and" inside and an institution's head word ("Foundation for Political, Economic and Social
    Research (SETA)")."""
    for match in _BRACKET.finditer(text):
        acronym = match.group(1)
        if not is_acronym(acronym):
            continue
        starts = _word_starts(text, match.start())
        if not starts:
            continue
        end = match.start()
        spelled = [s for s in starts if _spells(acronym, text[s:end])]
        if spelled:
            start = spelled[-1]  # the farthest start that spells it
            index = starts.index(start)
            owner = text[starts[index + 1]:start].strip() if index + 1 < len(starts) else ""
            if is_acronym(owner) and country_code(fold(owner)) is None:
                start = starts[index + 1]  # and the owner before it: "UN Office for the ... (OCHA)"
            yield start, end
            continue
        start = starts[-1]
        name = text[start:end]
        # (A list inside the name, not a clause after one: "Minister Jan Kowal, of the Farmers' Party".)
        if ("," in name or " and " in name) and _institution(name) and not re.search(r", [a-z]", name):
            yield start, end
        elif (named := _named_for(text, acronym, starts, match)) is not None:
            yield named, end


#: Words of a name bracketing an acronym of another language: "Law and Justice (PiS)".
MIN_WORDS, MAX_NAME_WORDS = 2, 6


def _named_for(text: str, acronym: str, starts: list[int], match: re.Match[str]) -> int | None:
    """Where the name before a bracketed acronym starts when its letters spell another language's
    name ("Law and Justice (PiS)", "Republican Left of Catalonia (ERC)"): the acronym written again
    later says it is the name's; the name is the run of capitalised words before it, never across
    a list ("Junts and the Republican Left...")."""
    if re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text[match.end():]) is None:
        return None
    end = match.start()
    fitting = [s for s in starts if ", " not in text[s:end] and " and the " not in text[s:end]
               and MIN_WORDS <= len(text[s:end].split()) <= MAX_NAME_WORDS]
    if not fitting or fold(text[fitting[-1]:end].split()[0]) in FUNCTION_WORDS:
        return None
    return fitting[-1]


def _spells(acronym: str, name: str) -> bool:
    if len(name.split()) < 2:
        return False
    letters = "".join(c for c in acronym.upper() if c.isalpha())
    plain = name.replace(",", " ")
    return expands(acronym, plain) or initials(plain) == letters or initials(plain, with_particles=True) == letters


def _institution(name: str) -> bool:
    words = [fold(w.strip(",")) for w in name.split()]
    return bool(words) and (words[0] in ORG_WORDS or words[-1] in ORG_WORDS)


def _word_starts(text: str, end: int) -> list[int]:
    """Where a name ending at ``end`` may start, nearest first: each capitalised word going back,
    over linking words and commas between capitalised words, until anything else."""
    line_start = text.rfind("\n", 0, end) + 1
    window_start = max(line_start, end - 200)
    words = list(_WORD.finditer(text, window_start, end))
    starts: list[int] = []
    for position, word in enumerate(reversed(words)):
        if position >= MAX_WORDS:
            break
        token = word.group()
        core = token.rstrip(",")
        # ("S.A." ends a company's name, not a sentence.)
        if (token.endswith((";", ":", "!", "?")) or (token.endswith(".") and not dotted_abbreviation(token, len(token)))
                or (token.endswith(",") and position == 0)):
            break
        if core[:1].isupper():
            starts.append(word.start())
        elif fold(core) in _INSIDE and starts:
            continue
        else:
            break
    # A name opens with a capital, never with the linking word last passed.
    return starts


# "the Independent High Authority for Elections, known by its French acronym ISIE", "Saudi Arabian
# Oil Co, better known as Saudi Aramco", "Ahmed Sayed, who is known to fans as "Zizo"": the text
# says the two are one, whatever letters the second is made of.
# Also "Puerto Cabezas, known to its mainly Miskito residents as Bilwi", "Chattogram, the port
# city formerly known as Chittagong".
# And "Rural Solidarity, known in Polish as Solidarność Rolników Indywidualnych", "the Federal
# Motor Transport Authority, known by its German name, the Kraftfahrt-Bundesamt": a translation;
# "Jaringan Advokasi Tambang, the Mining Advocacy Network known as Jatam": a translation in the
# description too. "Teteu, whose full name is Matheus Carvalho da Rocha": a name in full. "Pakistan
# Mobile Communications Limited, which trades as Jazz", "Vodafone Ukraine, which is legally
# registered as PrJSC VF Ukraine": a company's brand and its legal name.
# "Centrais Elétricas Brasileiras S.A., the Brazilian company known as Eletrobras": a description
# that opens with a nationality.
_KNOWN_AS = re.compile(
    r", (?:who is |which (?:is )?|the (?P<also>(?:[A-ZÀ-ÖØ-Þ][\w'’-]+ ){2,5})|the (?:[A-Z][a-z]+ )?(?:[a-z-]+ ){1,3})?"
    r"(?:(?:trades|trading|(?:legally |officially )?registered) as |"
    r"(?:better |also |widely |locally |commonly |formerly |once |previously )?known "
    r"(?:by its (?:[A-Z][\w-]+ )?(?:acronym|initials|abbreviation|name),? |"
    r"(?:(?:to|in|among|throughout) (?:[\w-]+ ){1,4}?)?as )|whose (?:full |real |birth |legal )?name is )"
    r"[\"“]?((?:the )?[A-ZÀ-ÖØ-Þ][\w&+'’-]*(?: (?:& )?[A-ZÀ-ÖØ-Þ][\w&+'’-]*){0,4})"
)


def known_as(text: str) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """(the name, the other name it is known by) for each "X, known as Y" the text declares."""
    for match in _KNOWN_AS.finditer(text):
        # ("In Puerto Cabezas, known as...": a sentence's opening word is not the name's.)
        starts = [s for s in _word_starts(text, match.start())
                  if fold(text[s:s + 12].split(" ")[0]) not in FUNCTION_WORDS]
        if starts:
            start, end = match.span(2)
            if text.startswith("the ", start):
                start += 4
            yield (starts[-1], match.start()), (start, end)
            if match.group("also"):
                also = match.start("also")
                yield (starts[-1], match.start()), (also, also + len(match.group("also").rstrip()))


# "Eliud Kipchoge, the two-time Olympic champion known as "the Philosopher"", "Johnson Asiedu
# Nketia, the party chairman, known as "General Mosquito"", "Raymond Gallegos Jr., 24, who police
# said is known as "Junior"": a nickname in quotes, after a description of the one it names.
_NICKNAME = re.compile(
    r"[,.]?, [^.;:!?\"“”\n]{0,60}?\bknown (?:(?:to|among|throughout) (?:[\w-]+ ){1,4}?)?as [\"“]"
    r"((?:the )?[A-ZÀ-ÖØ-Þ][\w'’-]*(?: [A-ZÀ-ÖØ-Þ][\w'’-]*){0,3})[\"”,]"
)


def nicknames(text: str) -> Iterator[tuple[int, tuple[int, int]]]:
    """(where the name ends, the nickname) for each quoted nickname a description introduces."""
    for match in _NICKNAME.finditer(text):
        start, end = match.span(1)
        if text.startswith("the ", start):
            start += 4
        yield match.start(), (start, end)


def declared_links(text: str, candidates: list[Candidate]) -> tuple[list[tuple[str, str]], list[Candidate]]:
    """Pairs the text itself declares equal: "Name (ACR)" or "ACR (Name)"; a bracketed short form
    the model missed becomes a candidate too."""
    links, extra = [], []
    known = {(c.start, c.end) for c in candidates}
    for candidate in candidates:
        rest = text[candidate.end:candidate.end + 60]
        # "the Law and Justice party (PiS)": what kind of body it is, between the name and its acronym.
        head = _HEAD_NOUN.match(rest)
        skip = head.end() if head is not None and head.group(1) in ORG_WORDS and " " in candidate.text else 0
        rest = rest[skip:]
        if not rest.startswith(" (") or (skip and not is_acronym(rest[2:rest.find(")")])):
            continue
        close = rest.find(")")
        inner = rest[2:close] if close > 2 else ""
        if not inner or "\n" in inner or len(inner.split()) > 8 or not inner[:1].isupper():
            continue
        one_word = len(inner.split()) == 1
        long_name = len(candidate.text.split()) >= 2 or _compound_spells(inner, candidate.text)
        if (one_word and long_name) or (is_acronym(candidate.text) and not one_word):
            start = candidate.end + skip + 2
            links.append((candidate.text, inner))
            if (start, start + len(inner)) not in known:
                extra.append(Candidate(start, start + len(inner), inner, (), "link"))
    for (start, end), (other_start, other_end) in known_as(text):
        name = next((c for c in candidates if c.end == end and c.start >= start), None)
        if name is None:
            continue
        other = next((c for c in candidates if c.start == other_start), None)
        if other is None:
            other = Candidate(other_start, other_end, text[other_start:other_end], (), "link")
            extra.append(other)
        links.append((name.text, other.text))
    for end, (other_start, other_end) in nicknames(text):
        named = next((c for c in candidates if c.end == end), None)
        if named is None or any(c.start == other_start for c in candidates):
            continue
        other = Candidate(other_start, other_end, text[other_start:other_end], (), "link")
        extra.append(other)
        links.append((named.text, other.text))
    return links, extra


_HEAD_NOUN = re.compile(r" ([a-z]+)(?= \()")


def _compound_spells(acronym: str, name: str) -> bool:
    """"Kraftfahrt-Bundesamt (KBA)": a compound's parts open the acronym's letters, which may take
    more than one from a part ("Bundes-amt")."""
    parts = re.split(r"[-–]", name)
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    return (" " not in name and len(parts) >= 2 and is_acronym(acronym)
            and letters.startswith(initials(name)) and len(letters) <= 2 * len(parts))


#: The head of such a name: a body, or a centre ("Centre for Political and Strategic Studies").
_HEADS = ORG_WORDS | {"centre", "center", "system", "programme", "program", "observatory"}
_CAPS = r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?: (?:to |of |the )?[A-ZÀ-ÖØ-Þ][\w'’-]+)*"
_LISTING_NAME = re.compile(
    rf"(?<![\w'’-])((?:[A-ZÀ-ÖØ-Þ][\w-]+ ){{1,4}}(?:of|for) (?:the )?{_CAPS}(?:, {_CAPS})*,? and {_CAPS})"
)


# (The head's words hold no apostrophe: "Japan's Ministry of Economy, Trade and Industry" is the
# ministry of a country.)
def listing_names(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of a body's name whose complement is a list, with no bracket after it: "the
    Ministry of Environment, Water and Ecological Transition", "the Al-Ahram Centre for Political
    and Strategic Studies". Only with an institution's head word before "of" or "for", and a list
    of common words: "the Ministry of Defence and Russia" is two names."""
    for match in _LISTING_NAME.finditer(text):
        name = match.group(1)
        head, _, complement = re.split(r" (of|for) ", name, maxsplit=1)
        if not any(fold(w) in _HEADS for w in head.split()):
            continue
        words = [w for w in re.split(r"[ ,]+", complement) if w[:1].isupper()]
        if words and all(_common_word(w) for w in words):
            yield match.start(1), match.end(1)


#: How common (Zipf) each word listed in such a name must be.
COMMON_WORD = 3.0


_BRITISH = re.compile(r"is(?=(?:ation|ations|e|es|ed|ing)$)")


def _common_word(word: str) -> bool:
    """A word of English prose: "Water", "Strategic", "Rail" (though a town is called that too);
    not "Russia" or "Ana"."""
    known = knowledge()
    folded = fold(word)
    # (A British spelling is rarer in the word counts than the American: "Industrialisation".)
    american = _BRITISH.sub(lambda m: m.group().replace("s", "z"), folded)
    frequency, place = max(known.frequency(folded), known.frequency(american)), known.place(folded)
    if frequency < COMMON_WORD or (place is not None and place.region):
        return False
    return frequency >= COMMON_WORD + 1 or (place is None and not known.given_name(folded))


_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{1,6}(?![\w-])")


def _spells_whole(acronym: str, name: str) -> bool:
    letters = "".join(c for c in acronym.upper() if c.isalpha())
    return letters in (initials(name), initials(name, with_particles=True), initials(name, whole=True))


def without_country(text: str, title: str, candidates: list[Candidate]) -> list[Candidate]:
    """"The US National Hurricane Center (NHC)", "US Federal Trade Commission" under a headline
    saying "FTC": where the article's acronym for a body spells it without the country before it,
    the country only says whose body it is. ("USAID" spells the US in; "US Federal Reserve",
    with no acronym, keeps it.)"""
    acronyms = {a for a in _ACRONYM.findall(title + "\n" + text) if is_acronym(a)}
    if not acronyms:
        return candidates
    result = []
    for candidate in candidates:
        first, _, rest = candidate.text.partition(" ")
        if len(rest.split()) >= 2 and first.isupper() and country_code(fold(first)) is not None \
                and any(expands(a, rest) and not _spells_whole(a, candidate.text) for a in acronyms):
            start = candidate.start + len(first) + 1
            candidate = Candidate(start, candidate.end, rest, candidate.votes, candidate.source)
        result.append(candidate)
    return result
