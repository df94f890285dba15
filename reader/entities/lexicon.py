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
    cllr mme mlle associate assistant datuk dato alhaji hon sheriff trooper constable
    lieutenant corporal cpl insp supt sen rep gov brigadier brig adm commodore
    """.split()
)

#: Articles that open the names of papers, parties and bands, never a person's ("El País", "La
#: Nación", "Los Chapitos"); "Le", "De" and "Al" open surnames too ("Le Pen", "De Gaulle").
ARTICLE_OPENERS = frozenset("el la los las il lo gli les der die das het".split())

#: Words that make a name an organisation when they head it ("Supreme Court", "Bank of England").
ORG_WORDS = frozenset(
    """
    party movement alliance coalition front union league federation confederation association
    council commission committee ministry department office agency authority service bureau
    administration government cabinet parliament congress senate assembly chamber court
    tribunal army navy police guard forces corps brigade bank fund reserve exchange company
    corporation group holdings airlines airways motors industries
    institute institution university universidad college school academy foundation fundacion
    trust society organization organisation organizacion network radio television tv news
    times post herald journal gazette press agencia broadcasting channel club fc
    church mission watch international secretariat directorate roundtable board endowment
    consortium cooperative partido frente ministerio consejo comision
    platforms technologies technology systems software electronics semiconductor labs laboratories
    pharmaceutical pharmaceuticals therapeutics biosciences biologics biotech energy energies oil
    petroleum mining steel chemicals insurance securities capital partners ventures investments
    economics analysis analytics research consulting advisers advisors media communications
    telecom telecommunications mobile mobility display entertainment studios records publishing
    publishers games gaming bancorp financial finance brands foods beverages logistics shipping ratings
    united athletic rovers wanderers sporting racing air hospital
    band orchestra choir railway railways railroad engineering construction events services solutions
    conference nation business sport sports
    """.split()
)

#: Lower-case nouns that, right before a name or in an apposition after it, say what it is:
#: "the newspaper Le Monde", "pollster Ifop", "Ipsos, a polling firm", "the town of Jinotega"
#: (that one is in evidence.py), "Senahú, a village in ...".
ORG_NOUNS = frozenset(
    """
    newspaper daily weekly magazine broadcaster channel station network agency company firm
    group party union club team charity ngo organisation organization pollster insurer lender
    bank carrier airline retailer operator regulator watchdog studio label publisher maker
    manufacturer developer startup giant rival conglomerate subsidiary unit body court ministry
    department institute university college school association federation league coalition
    alliance movement think-tank tank foundation trust fund council committee commission
    bar restaurant cafe shop store chain brand outlet broadsheet tabloid journal
    start-up carmaker automaker chipmaker supermarket contractor consultancy provider broker
    orchestra band cooperative portal utility newsletter platform app marketplace
    """.split()
)
PLACE_NOUNS = frozenset(
    """
    town city village hamlet province state region district county island valley river port
    capital municipality department neighbourhood neighborhood suburb settlement community
    township barangay coast peninsula mine
    """.split()
)

#: Words that make a name a place when they head it ("Moncloa Palace", "Swat Valley"), in English
#: and as other languages write them first ("Cerro Colibrí", "Palazzo Chigi", "Tanjung Priok").
PLACE_WORDS = frozenset(
    """
    city town village county province state region district municipality
    republic kingdom island islands peninsula valley river lake sea ocean gulf bay coast
    mountain mountains mount hill hills desert forest park square plaza street avenue road
    boulevard bridge airport port harbour harbor station palace castle tower building
    prison jail stadium arena cathedral temple mosque dam canal border strait
    metro neighbourhood neighborhood capital regency expressway highway motorway freeway gate
    campus delta mine township market rainforest jungle basin shire lane volcano crater
    cerro sierra monte mont volcan puerto isla lago laguna bahia calle avenida palazzo piazza rue lac
    salar paseo estadio zone campo stadio foro parco
    tanjung pulau gunung jalan kampung wadi jebel jabal chowk ras
    fjord fiord loch lough glacier archipelago atoll lagoon
    """.split()
)

#: Place heads written before the name ("Mount Marapi", "Lake Toba", "Rio Doce"), and the sites
#: of Romance languages ("Stadio Olimpico", "Foro Italico", "Estadio Azteca").
HEAD_FIRST = frozenset(
    "mount mt lake loch lough cerro monte mont volcan isla lago laguna gunung pulau jebel jabal rio cape"
    " stadio estadio estadi foro campo parco parque piazza".split()
)

#: Heads that name a building or site; split off an owner ("Ministry's Conventions Center").
FACILITY_WORDS = frozenset(
    """
    center centre building hall palace tower headquarters airport stadium arena prison jail
    station bridge square plaza hotel hospital museum theatre theater cathedral church
    """.split()
)

#: Words after a hyphen that make a name describe something else: "Tokyo-based", "London-born",
#: "Kremlin-backed", "state-owned".
DESCRIBING_SUFFIXES = frozenset(
    "based born bred led owned backed made run funded linked controlled style era bound wide area centred centered "
    "registered flagged headquartered listed focused dominated brokered sponsored allied aligned educated trained "
    "raised built designed operated language speaking"
    .split()
)

#: Nationalities not made by adding a suffix to the country's name (the rest are, see
#: words.demonym: "Guatemalan", "Kenyan", "Congolese").
IRREGULAR_DEMONYMS = frozenset(
    "dutch french swiss greek thai czech filipino basque welsh scots british english spanish congolese "
    "portuguese lebanese saudi argentine hellenic".split()
)

#: Lower-case words allowed inside a name ("Bank of England", "Norte de Santander",
#: "Azimio la Umoja", "Fatherland for All").
PARTICLES = frozenset(
    "of for and on the de del la las los le du des di da do dos das van von der den bin al el y e"
    " dello della delle degli dei"
    .split()
)

#: Particles a surname may open with ("Le Pen", "van der Laan", "de Gaulle", "Della Valle",
#: "bin Salman"), from nameparser's list of name prefixes.
SURNAME_PARTICLES = frozenset(
    p for p in __import__("nameparser.config", fromlist=["CONSTANTS"]).CONSTANTS.prefixes if p.isalpha()
) | frozenset("le la de del della di da van von der den ter ten bin ibn al".split())

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
PLACE_PREPOSITIONS = frozenset(
    "in at from into across near outside inside towards toward via around throughout within".split()
)

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
    chairwoman founder spokesman spokeswoman spokesperson director owner manager engineer
    executive driver runner tutor volunteer musician designer banker trader investor chef
    coach captain bowler batter goalkeeper midfielder defender boxer judge
    head villager survivor vendor shopkeeper fisherman fishermen pensioner grandmother grandfather
    lecturer pastor imam rabbi nun monk surgeon pilot journalist reporter editor
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
