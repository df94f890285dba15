"""General English word lists the quality layer reads names by: titles, head nouns, particles.

These are words of the language, not names: no person, organisation or place is listed here,
so what the rules decide holds for news they have never seen.
"""

from __future__ import annotations

#: Words that stand before a person's name as a title or office ("President Rajoy",
#: "Lt. Col. Marcano", "opposition leader X"). Folded, without dots.
TITLES = frozenset(
    """
    president vice prime minister premier chancellor mayor governor senator congressman
    congresswoman deputy lawmaker legislator speaker chairman chairwoman chair chairperson
    secretary general attorney judge justice chief king queen prince princess duke pope
    cardinal bishop archbishop reverend rev mr mrs ms miss dr prof
    professor sir dame lord lady lt col colonel gen maj major capt captain sgt sergeant
    cmdr commander admiral marshal officer ambassador envoy consul spokesman spokeswoman
    spokesperson director executive ceo founder coach manager striker defender midfielder
    goalkeeper captain journalist reporter columnist analyst economist leader head
    councillor councilman councilwoman commissioner inspector superintendent detective
    sheikh emir sultan ayatollah imam rabbi pastor dictator
    """.split()
)

#: Words that make a name an organisation when they head it ("Supreme Court", "Bank of England").
ORG_WORDS = frozenset(
    """
    party movement alliance coalition front union league federation confederation association
    council commission committee ministry department office agency authority service bureau
    administration government cabinet parliament congress senate assembly chamber court
    tribunal army navy police guard forces corps brigade bank fund reserve exchange company
    corporation corp inc ltd llc plc group holdings airlines airways motors industries
    institute institution university universidad college school academy foundation fundacion
    trust society organization organisation organizacion network radio television tv news
    times post herald journal gazette press agencia broadcasting channel club fc
    church mission watch international secretariat directorate roundtable board endowment
    consortium cooperative partido frente ministerio consejo comision
    """.split()
)

#: Words that make a name a place when they head it ("Moncloa Palace", "Swat Valley").
PLACE_WORDS = frozenset(
    """
    city town village county province state region district municipality
    republic kingdom island islands peninsula valley river lake sea ocean gulf bay coast
    mountain mountains mount hill hills desert forest park square plaza street avenue road
    boulevard bridge airport port harbour harbor station palace castle tower building
    prison jail stadium arena cathedral temple mosque dam canal border strait
    metro neighbourhood neighborhood capital
    """.split()
)

#: Heads that name a building or site; split off an owner ("Ministry's Conventions Center").
FACILITY_WORDS = frozenset(
    """
    center centre building hall palace tower headquarters airport stadium arena prison jail
    station bridge square plaza hotel hospital museum theatre theater cathedral church
    """.split()
)

#: Lower-case words allowed inside a name ("Bank of England", "Norte de Santander",
#: "Azimio la Umoja", "Fatherland for All").
PARTICLES = frozenset(
    "of for and on the de del la las los le du des di da do dos das van von der den bin al el y e"
    .split()
)

#: Leading words that are not part of a name ("the OAS", "ex-Caracas mayor").
DETERMINERS = frozenset("the a an this that these those".split())
PREFIXES = ("ex-", "pro-", "anti-", "non-", "post-", "pre-", "then-")

#: Capitalised words that start sentences or headlines but never name anything.
FUNCTION_WORDS = frozenset(
    """
    the a an and or but if in on at to of for from by with as is are was were be been it its
    he she they we you i his her their our my this that these those there here when where
    what who why how after before during while since until meanwhile however although though
    today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    mr mrs ms dr according also then some many most more other another each every no not
    yes so please follow sign subscribe read watch share tweet photo video update breaking
    """.split()
)

#: Clause cues after a name that point to a person ("Rajoy, who vowed...").
PERSON_FOLLOWERS = ("who", "whose", "himself", "herself")

#: Place cues before a name ("in Madrid", "from Bogota"): weak, organisations take them too.
PLACE_PREPOSITIONS = frozenset("in at from into across near outside inside towards toward via around throughout within".split())

#: Lower-case nouns for a person that may stand before a name ("politician Diego Arria") or in
#: an apposition after it ("Jacqueline Faría, an official").
ROLE_NOUNS = frozenset(
    """
    politician activist lawyer attorney official candidate dissident opponent rival ally
    businessman businesswoman entrepreneur student expert member adviser advisor aide
    economist analyst writer author poet novelist singer actor actress artist player athlete
    striker veteran widow widower wife husband son daughter mother uncle aunt cousin nephew
    niece friend colleague partner negotiator diplomat militant commander officer soldier
    priest photographer historian scientist researcher professor teacher doctor nurse
    farmer worker resident citizen mayor governor minister president leader chairman
    chairwoman founder spokesman spokeswoman spokesperson director owner
    """.split()
)

#: Heads of names that are works, awards, laws or events, not people, organisations or places.
NON_ENTITY_HEADS = frozenset(
    """
    prize award awards medal charter treaty accord accords agreement act law bill constitution
    declaration protocol doctrine cup championship championships games olympics war revolution
    massacre index
    """.split()
)

#: Lower-case words after a one-word name that make it a portfolio ("Communications minister").
PORTFOLIO_FOLLOWERS = frozenset("minister ministry secretary portfolio".split())
