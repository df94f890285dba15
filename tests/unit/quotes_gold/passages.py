"""Hard cases for who says a quote: short invented news passages (courts, mergers, doping, elections,
storms) with the speaker of each direct quote. ``speaker`` is the person or organisation as the
article names them in full; "" when the article names nobody (an unnamed source, "an analyst",
a witness inside someone else's quote). ``quote`` is the start of the quoted words, enough to
find them. What each passage tests is in its ``case``."""

from __future__ import annotations

PASSAGES: list[dict] = [
    {
        "id": "court-library",
        "case": "she after two named people, the nearer one a man; Mr picks the man",
        "text": (
            "Judge Miriam Okoye of the High Court ruled on Tuesday that the council had acted unlawfully "
            "when it closed the Eastfield library. Lawyers for the council, led by Peter Hargreaves, had argued "
            "that the closure saved money.\n"
            "“The council failed to consult the people who use this library,” she said.\n"
            "Mr Hargreaves said the council would study the judgment. “We are disappointed, and we will "
            "consider an appeal,” he said."
        ),
        "quotes": [
            ("The council failed to consult", "Miriam Okoye"),
            ("We are disappointed", "Peter Hargreaves"),
        ],
    },
    {
        "id": "court-appeal-lawyer",
        "case": "the lawyer = the appositive of a possessive role; a judge is nearer",
        "text": (
            "A federal appeals court on Friday upheld the conviction of former state treasurer Daniel Ruiz "
            "for taking bribes. Ruiz's lawyer, Amanda Cole, said her client was innocent. Writing for the "
            "panel, Judge Harold Baines said the jury had been properly instructed.\n"
            "“We will take this all the way to the Supreme Court,” the lawyer told reporters."
        ),
        "quotes": [
            ("We will take this all the way", "Amanda Cole"),
        ],
    },
    {
        "id": "court-fraud-trial",
        "case": "according to an unnamed group; a colon after 'he said'",
        "text": (
            "Three former executives of Lintel Bank went on trial in Frankfurt on Monday accused of hiding "
            "losses of 400 million euros. According to prosecutors, the men “knowingly deceived investors "
            "for years about the state of the bank”. Defence lawyer Stefan Kroll said his clients would "
            "plead not guilty.\n"
            "“My clients did nothing wrong,” Kroll said outside the court. Asked whether they would testify, "
            "he said: “That is for them to decide, not for me.”"
        ),
        "quotes": [
            ("knowingly deceived investors", ""),
            ("My clients did nothing wrong", "Stefan Kroll"),
            ("That is for them to decide", "Stefan Kroll"),
        ],
    },
    {
        "id": "merger-grocers",
        "case": "she after two named people; 'added, saying'",
        "text": (
            "Harlow Foods agreed on Monday to buy its rival Greenmead in a 2.1 billion pound deal. Harlow's "
            "chief executive, Simon Patel, said the combined group would cut prices. Greenmead chairwoman "
            "Laura Jennings backed the offer.\n"
            "“This is a good deal for our shareholders and for our staff,” she said.\n"
            "“We expect the deal to close by the end of the year,” Mr Patel added, saying that no stores "
            "would shut."
        ),
        "quotes": [
            ("This is a good deal", "Laura Jennings"),
            ("We expect the deal to close", "Simon Patel"),
        ],
    },
    {
        "id": "merger-talks",
        "case": "according to a named officer; the company; unnamed sources",
        "text": (
            "Shares in Corvane Systems rose 12 per cent on Thursday after the company confirmed talks with "
            "Delmont Group.\n"
            "“The talks are at an early stage,” according to Corvane's chief financial officer, Ruth Adeyemi.\n"
            "One person familiar with the talks said the price discussed was “well above where the shares "
            "trade today”.\n"
            "“They have been circling each other for months,” said an analyst who asked not to be named."
        ),
        "quotes": [
            ("The talks are at an early stage", "Ruth Adeyemi"),
            ("well above where the shares", ""),
            ("They have been circling", ""),
        ],
    },
    {
        "id": "merger-energy",
        "case": "she after a coordinated pair of named subjects; Ms and Mr decide",
        "text": (
            "Shareholders of Brightwater Energy approved the sale of its North Sea fields to Aster Oil on "
            "Thursday. Brightwater's chief executive, Ms Robin Doyle, and Aster's chairman, Mr Alex Forsyth, "
            "signed the agreement in Aberdeen.\n"
            "“These fields have a long future under new ownership,” she said. Mr Forsyth said Aster would "
            "keep all 600 staff. “Nobody will lose their job because of this deal,” he said."
        ),
        "quotes": [
            ("These fields have a long future", "Robin Doyle"),
            ("Nobody will lose their job", "Alex Forsyth"),
        ],
    },
    {
        "id": "doping-cyclist",
        "case": "a quote split across sentences; he after 'him'",
        "text": (
            "The cyclist Marco Bellini has been banned for four years after testing positive for EPO, the "
            "International Cycling Union said on Wednesday. Bellini, 29, denied taking the drug. His team "
            "manager, Claude Ferrand, said the rider would appeal.\n"
            "“I have never cheated and I never will,” Bellini said in a statement. “I will prove my "
            "innocence in front of any court.”\n"
            "Ferrand said the team had suspended him. “We have zero tolerance. The rules are the rules,” "
            "he said."
        ),
        "quotes": [
            ("I have never cheated", "Marco Bellini"),
            ("I will prove my innocence", "Marco Bellini"),
            ("We have zero tolerance", "Claude Ferrand"),
        ],
    },
    {
        "id": "doping-sprinter",
        "case": "the agent and the president: roles set in appositives",
        "text": (
            "World Athletics has suspended the Kenyan sprinter Grace Wanjiru after three missed tests. The "
            "federation's president, Sebastian Hale, said the case showed that the system worked. Wanjiru's "
            "agent, Tom Mercer, called the decision unfair.\n"
            "“She was never told about the test,” the agent said. “Her phone records prove it.”\n"
            "“No athlete is above the rules, however famous,” the president added."
        ),
        "quotes": [
            ("She was never told about the test", "Tom Mercer"),
            ("Her phone records prove it", "Tom Mercer"),
            ("No athlete is above the rules", "Sebastian Hale"),
        ],
    },
    {
        "id": "doping-tennis",
        "case": "'posted a statement, saying' with the coach named nearer; an unnamed spokesperson",
        "text": (
            "Tennis player Ana Petrova withdrew from the Madrid Open on Tuesday, a day after her coach, Luis "
            "Ortega, was suspended by the integrity unit. Petrova posted a statement on Instagram, saying she "
            "was “heartbroken and completely shocked by the news”.\n"
            "The unit said Ortega had been provisionally suspended. “He has the right to a full hearing,” a "
            "spokesperson for the unit said."
        ),
        "quotes": [
            ("heartbroken and completely shocked", "Ana Petrova"),
            ("He has the right to a full hearing", ""),
        ],
    },
    {
        "id": "election-concession",
        "case": "she after 'Speaking to supporters, Delgado ...'; he told a rally; a nested quote",
        "text": (
            "Mayor Rosa Delgado conceded defeat on Sunday night to her challenger, Martin Keane, who won 54 "
            "per cent of the vote. Speaking to supporters at the city hall, Delgado thanked her campaign staff.\n"
            "“The voters have spoken and I respect their decision,” she said.\n"
            "Keane, a former teacher, promised to cut bus fares. “My father said to me, ‘Never stop "
            "knocking on doors,’ and tonight I know why,” he told a rally."
        ),
        "quotes": [
            ("The voters have spoken", "Rosa Delgado"),
            ("My father said to me", "Martin Keane"),
        ],
    },
    {
        "id": "election-rigged",
        "case": "'rejected the results, saying'; an official's words inside a report",
        "text": (
            "Opposition leader Viktor Aranyi rejected the results on Monday, saying “the count was rigged "
            "from the start”. The electoral commission chairman, Peter Szabo, defended the process.\n"
            "“Every ballot was counted twice, in front of observers from all parties,” Szabo said.\n"
            "Aranyi told reporters that a commission official had told him: “Don't expect the numbers to "
            "change.” He said he would go to court."
        ),
        "quotes": [
            ("the count was rigged from the start", "Viktor Aranyi"),
            ("Every ballot was counted twice", "Peter Szabo"),
            ("Don't expect the numbers to change", ""),
        ],
    },
    {
        "id": "election-turnout",
        "case": "the commission's spokeswoman; he after the candidate",
        "text": (
            "Turnout in the regional election reached 61 per cent, according to the Central Election "
            "Commission. “This is the highest turnout in twenty years,” the commission's spokeswoman, Irina "
            "Volkova, told a news conference.\n"
            "The governing party's candidate, Anton Belov, claimed victory before the count had ended. “We "
            "have won a clear mandate to govern,” he said."
        ),
        "quotes": [
            ("This is the highest turnout", "Irina Volkova"),
            ("We have won a clear mandate", "Anton Belov"),
        ],
    },
    {
        "id": "election-budget",
        "case": "she for the subject, not the opposition leader after 'from'; 'called ... a ...'",
        "text": (
            "Finance Minister Ingrid Weber defended her budget in parliament on Wednesday against attacks "
            "from the opposition leader, Markus Brandt. She said the spending cuts were needed to keep debt "
            "under control.\n"
            "“We cannot spend money that we do not have,” she said.\n"
            "Brandt called the budget “a declaration of war on pensioners”."
        ),
        "quotes": [
            ("We cannot spend money", "Ingrid Weber"),
            ("a declaration of war on pensioners", "Markus Brandt"),
        ],
    },
    {
        "id": "foreign-minister",
        "case": "the minister = Foreign Minister X, not the nearer prime minister",
        "text": (
            "Foreign Minister Dalia Mendez summoned the Spanish ambassador on Saturday. Spain's prime minister, "
            "Tomas Ruhl, had met the opposition leader Pablo Ferro in Madrid a day earlier.\n"
            "“This meeting is an unfriendly act against our people,” the minister said."
        ),
        "quotes": [
            ("This meeting is an unfriendly act", "Dalia Mendez"),
        ],
    },
    {
        "id": "hurricane-governor",
        "case": "the governor = Governor X; the director named last",
        "text": (
            "Hurricane Delia made landfall near Port Arthur early on Thursday with winds of 130 mph. "
            "Governor Helen Marsh declared a state of emergency and urged residents to leave. Emergency "
            "management director Carl Whitfield said shelters were open across the state.\n"
            "“If you are told to evacuate, go now. Do not wait,” the governor said.\n"
            "“We have 4,000 beds ready and more on the way,” Whitfield said."
        ),
        "quotes": [
            ("If you are told to evacuate", "Helen Marsh"),
            ("We have 4,000 beds ready", "Carl Whitfield"),
        ],
    },
    {
        "id": "hurricane-fisherman",
        "case": "he for the subject of the sentences before, not his neighbour; an unnamed forecaster",
        "text": (
            "Fisherman Joe Thibodeaux rode out the storm in his house in Cameron with his neighbour, Linda "
            "Broussard. He said the water rose to the second step of the stairs.\n"
            "“I've seen storms all my life, but never one like this,” he said, as Broussard nodded.\n"
            "The surge reached 12 feet in places. “This was a life-threatening event,” said one forecaster, "
            "who was not authorised to speak publicly."
        ),
        "quotes": [
            ("I've seen storms all my life", "Joe Thibodeaux"),
            ("This was a life-threatening event", ""),
        ],
    },
    {
        "id": "hurricane-mayor",
        "case": "a split quote; the mayor = 'The mayor of X, Y' with the utility chief nearer",
        "text": (
            "The mayor of New Harbor, Denise Fontaine, toured the flooded downtown on Friday. “We lost power "
            "to 80 percent of the city,” Fontaine said. “Crews from four states are here, and we expect most "
            "homes to have power back by Tuesday.”\n"
            "Utility chief executive Robert Lang said the damage was the worst in the company's history.\n"
            "“Some of these lines will have to be rebuilt from scratch,” the mayor said later."
        ),
        "quotes": [
            ("We lost power to 80 percent", "Denise Fontaine"),
            ("Crews from four states are here", "Denise Fontaine"),
            ("Some of these lines will have", "Denise Fontaine"),
        ],
    },
    {
        "id": "flood-emergency-manager",
        "case": "the emergency manager = 'X, the county's emergency manager,'; a resident nearer",
        "text": (
            "Floodwaters were still rising in Harris County on Monday. Ben Okafor, the county's emergency "
            "manager, said 300 people had been rescued overnight. Resident Maria Santos, 67, was among them.\n"
            "“The water came through the door in minutes,” Santos said. “I lost everything I owned.”\n"
            "“We are still getting calls for help,” the emergency manager said."
        ),
        "quotes": [
            ("The water came through the door", "Maria Santos"),
            ("I lost everything I owned", "Maria Santos"),
            ("We are still getting calls", "Ben Okafor"),
        ],
    },
    {
        "id": "airline-spokeswoman",
        "case": "the spokeswoman = Commission spokeswoman X; Mr X",
        "text": (
            "The European Commission opened an investigation into Veltra Airlines' takeover of SkyNord on "
            "Wednesday. Commission spokeswoman Marta Lindqvist said the deal could raise fares on 40 routes. "
            "Veltra's chief executive, Henrik Aalto, said he was confident the deal would be cleared.\n"
            "“We will look very carefully at the effect on passengers,” the spokeswoman said. “Nothing has "
            "been decided yet.”\n"
            "“We have nothing to hide from anyone,” Mr Aalto said."
        ),
        "quotes": [
            ("We will look very carefully", "Marta Lindqvist"),
            ("Nothing has been decided yet", "Marta Lindqvist"),
            ("We have nothing to hide", "Henrik Aalto"),
        ],
    },
    {
        "id": "football-striker",
        "case": "he twice: the quote names a 'he'; the manager dropped him",
        "text": (
            "Striker Jamal Oduya scored twice as Rovers beat City 3-1 on Saturday, a week after the manager, "
            "Paul Grady, dropped him from the team. Oduya dedicated the goals to his late father.\n"
            "“He always told me to keep going, whatever happened,” he said.\n"
            "Grady praised the forward's attitude. “He answered me in the best possible way,” he said."
        ),
        "quotes": [
            ("He always told me to keep going", "Jamal Oduya"),
            ("He answered me in the best", "Paul Grady"),
        ],
    },
    {
        "id": "police-witness",
        "case": "a witness inside the inspector's report speaks, not the inspector; she then appeals",
        "text": (
            "Detective Inspector Sarah Malik said on Sunday that a witness had told officers: “I saw a man "
            "running towards the river with a bag.” She appealed for anyone with information to come "
            "forward. “Somebody out there knows who did this,” she said."
        ),
        "quotes": [
            ("I saw a man running", ""),
            ("Somebody out there knows", "Sarah Malik"),
        ],
    },
]
