"""Word lists the benchmark library is written from: common words by rough frequency, names, tags."""

from __future__ import annotations

#: The most frequent English words, most frequent first: they get most of the Zipf weight,
#: as in real prose, so word statistics (and a search index over them) look like news text.
FUNCTION_WORDS = """
the of and to a in that is for it on was with he as said by at from his be have
are has but not an they this had which were their who been more would will its
one after also there about up out or we all new when than two other into over
some could last can year first only just years time like so people no while them
most before now she what three her against many since if our do where because
those may through during government under between then back still even such
""".split()

#: Content words a news report is made of, roughly from common to rarer.
CONTENT_WORDS = """
police report state city country officials president minister week month day
public company market million percent national security court law party election
vote campaign policy military forces war attack support health care school
workers work water power energy prices oil economy economic growth bank money
trade deal talks leaders leader members group council union world international
foreign border region local community residents families children women men
home house land road rail airport port project plan program budget tax taxes
billion funding costs spending jobs industry business firms investors shares
stocks rate rates inflation interest debt crisis protest protesters rally march
strike demands rights justice judge trial case charges investigation prosecutors
evidence witnesses lawyer lawyers prison sentence ruling appeal supreme federal
agency department ministry office spokesman spokeswoman statement press
interview announcement decision meeting summit conference visit agreement
treaty sanctions embassy ambassador diplomats troops soldiers army navy
weapons missile missiles drone drones ceasefire peace conflict violence killed
injured dead wounded victims hospital doctors patients disease virus outbreak
vaccine vaccines climate weather storm flood floods fire fires drought heat
emissions carbon coal gas solar wind nuclear plant plants farmers crops food
prices supply shortage exports imports tariffs manufacturing factory factories
technology data software internet online users platform social media phone
phones network networks research researchers scientists study studies space
university students teachers education test tests results season team teams
game games match players coach league championship final win won lost victory
defeat record goals points fans stadium film music festival art artists book
books show series television radio newspaper journalists editor story stories
history century culture museum church religious minority majority opposition
coalition parliament senate congress lawmakers bill bills reform reforms
regulation regulators approval license contract contracts construction housing
rent tenants property developers investment investors capital fund funds
pension pensions retirement unemployment wages salary salaries income poverty
inequality migrants migration refugees asylum citizens citizenship population
census survey poll polls voters turnout candidates candidate nomination primary
ballot ballots count counting fraud corruption scandal resignation resigned
appointed elected sworn former current senior junior deputy chief executive
director chairman board shareholders profit profits losses revenue sales
quarter annual growth decline increase decrease rise fall fell rose jumped
dropped surged plunged remained reached expected announced reported confirmed
denied warned urged called asked told added noted argued claimed accused
criticised praised welcomed rejected approved launched opened closed signed
agreed refused failed continued began started ended returned arrived left
fled escaped arrested detained released freed charged convicted sentenced
acquitted investigated raided seized banned blocked allowed required
introduced proposed passed voted elected won lost held hosted visited met
discussed negotiated offered promised planned decided moved sent received
paid spent raised cut cuts increased reduced expanded built destroyed damaged
hit struck killed saved helped protected threatened attacked defended
important major significant serious critical key main large small big high low
long short early late recent previous next final official unofficial public
private political economic social cultural environmental financial military
legal illegal independent regional global national local international
northern southern eastern western central rural urban coastal remote poor
rich young old new free open fair strong weak stable unstable safe dangerous
difficult easy possible likely unlikely clear unclear controversial popular
""".split()

#: Given names for the people in the news, the authors and the commenters.
FIRST_NAMES = """
Maria Jose Antonio Ana Juan Carlos Luis Elena Sofia Pedro Miguel Laura Daniel
David Sarah Emma James John Robert Michael William Mary Patricia Jennifer Linda
Elizabeth Susan Thomas Charles Joseph Margaret Anna Peter Paul Mark Andrew
Olga Ivan Sergei Dmitri Natalia Irina Ahmed Mohamed Fatima Ali Omar Hassan
Leila Yusuf Amir Nadia Chen Wei Li Ming Hiroshi Yuki Kenji Aiko Raj Priya
Arjun Anil Sunita Kwame Amara Chidi Ngozi Thabo Lerato Pierre Marie Jean
Claire Louis Hans Greta Klaus Ingrid Lars Astrid Marco Giulia Luca Chiara
Tomas Eva Jakub Katarina Nikos Eleni Dimitris Joao Beatriz Rafael Camila
Diego Valentina Mateo Lucia Andres Gabriela
""".split()

#: Syllables that make up surnames, places and organisations: made-up, so they never collide
#: with the vocabulary, and plentiful, so an entity index has a long tail to deal with.
SYLLABLES = """
ba be bi bo da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re
ri ro sa se si so ta te ti to va ve vi vo za ze zo gar ler man son ton berg
ford field vez dez mez ska ova ina ach ich ran tan len sen dor mor
""".split()

PLACE_SUFFIXES = ["", "", "", "ia", "land", "stan", "ville", "polis", "burg"]
ORG_FORMS = [
    "{} Party",
    "{} Group",
    "{} Bank",
    "{} Institute",
    "{} Council",
    "{} Corporation",
    "{} Union",
    "{} Foundation",
    "Ministry of {}",
    "University of {}",
]

OUTLET_FORMS = [
    "The {} Herald",
    "The {} Times",
    "{} Tribune",
    "{} Daily",
    "{} Observer",
    "{} Gazette",
    "The {} Post",
    "{} Chronicle",
    "{} Dispatch",
    "{} Review",
    "{} Weekly",
    "{} Monitor",
]

KINDS = ["news report", "news report", "news report", "blog brief", "feed item", "analysis"]

FEED_TAGS = [
    "world", "politics", "business", "tech", "science", "sport", "culture",
    "health", "climate", "local", "europe", "americas", "asia", "africa", "opinion",
]

#: Tags a user files articles under (the user's own vocabulary, not the feeds').
USER_TAGS = [
    "to-read", "follow-up", "elections", "energy", "courts", "housing", "research",
    "budget", "migration", "trade", "health", "climate", "security", "profiles",
    "data", "interviews", "long-read", "explainers", "corruption", "transport",
    "education", "farming", "markets", "tech-policy", "diplomacy", "labour",
    "water", "media", "space", "sport",
]
