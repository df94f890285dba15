"""The entity rules' word frequencies answer what wordfreq answers, from their compact table."""

from __future__ import annotations

import pytest
import wordfreq

from reader.entities.frequencies import EnglishFrequencies


@pytest.fixture(scope="module")
def frequencies() -> EnglishFrequencies:
    return EnglishFrequencies()


def test_it_holds_every_word_of_the_list(frequencies):
    assert len(frequencies) == sum(len(bucket) for bucket in wordfreq.get_frequency_list("en", "best"))


def test_words_across_the_list_have_wordfreqs_figures(frequencies):
    words = list(wordfreq.iter_wordlist("en", "best"))[::7]
    differ = [w for w in words if frequencies.zipf(w) != wordfreq.zipf_frequency(w, "en")]
    assert not differ


@pytest.mark.parametrize("word", [
    "the", "house", "Turnout", "kp", "火", "d0", "4l", "COVID-19", "1990s", "3rd", "2024", "al-Harthy",
    "Kovačič", "naïve", "Straße", "don't", "o'neill", "New York", "Activision Blizzard", "qwxzvbnm", "", "!!",
])
def test_hard_words_have_wordfreqs_figures(frequencies, word):
    # "kp" and "火" are the same two bytes inside Python's strings, which hash() would confuse.
    assert frequencies.zipf(word) == wordfreq.zipf_frequency(word, "en")


def test_a_word_never_seen_is_zero_and_a_phrase_is_rarer_than_its_words(frequencies):
    assert frequencies.zipf("qwxzvbnm") == 0.0
    assert frequencies.zipf("new york") < min(frequencies.zipf("new"), frequencies.zipf("york"))
