"""The words a story is grouped by leave out English's most common words, from the list shipped with the package."""

from __future__ import annotations

from reader.stories.terms import headline_terms, names, stopwords, words
from tests.make_stopwords import TARGET, stopword_text


def test_the_shipped_list_is_the_one_wordfreq_gives() -> None:
    # A new wordfreq that ranks words otherwise changes no grouping until the list is made again.
    assert TARGET.read_text(encoding="utf-8") == stopword_text()
    assert len(stopwords()) == 250 and {"the", "said", "would", "new"} <= stopwords()


def test_common_words_say_nothing_about_the_event() -> None:
    found = words("The minister said that the new bridge would close")
    assert found == ["minist", "bridg", "close"]
    terms = headline_terms("Bridge closes", "The minister said that the bridge would close.")
    assert not set(terms) & stopwords() and terms["bridg"] == 3


def test_a_common_word_in_capitals_is_not_a_name() -> None:
    assert names("Talks go on", "Officials in New York told Reuters that We would stay.") == {"new york", "reuters"}


def test_the_compiled_stemmer_stems_as_the_pure_python_one() -> None:
    # Stories stored by either build must group alike: the index keeps stems, not words.
    from snowballstemmer.english_stemmer import EnglishStemmer

    from reader.stories.terms import stem

    sample = ("escaped", "escapes", "opposition", "generously", "ponies", "skies", "dying", "news",
              "communism", "argued", "fleeing", "presidential", "exiled", "rapporteur")
    pure = EnglishStemmer()
    assert [stem(w) for w in sample] == [pure.stemWord(w) for w in sample]


def test_stems_are_shown_as_the_texts_write_them() -> None:
    from reader.stories.terms import spelled

    texts = ["Ledezma arrived in Madrid. He had escaped; the escape was planned.", "He arrived already."]
    stems = [words(w)[0] for w in ("arrived", "escaped", "already")] + ["zzyzx"]
    assert stems[:3] == ["arriv", "escap", "alreadi"]
    assert spelled(stems, texts) == ["arrived", "escaped", "already", "zzyzx"]  # the commonest form


def test_days_and_months_are_not_names_nor_a_sentence_opening_word() -> None:
    found = names("Talks resume", "On Friday, Hanna Vik told Reuters in November that June Osk had "
                  "agreed. In Port Edda the talks go on until Monday December 4.")
    assert found == {"hanna vik", "reuters", "june osk", "port edda"}
