"""What a story correction says it did, in the app's message after it and in undo's."""

from __future__ import annotations

from reader.stories.corrections import StoryCorrection


def test_a_rename_says_the_new_name_in_words_that_read_as_a_sentence():
    said = StoryCorrection("rename", ("a1",), title="Exile in Madrid").describe()
    assert said == "renamed a story to 'Exile in Madrid'"
    assert not said.startswith("Story")


def test_a_split_of_one_article_says_article_not_articles():
    assert StoryCorrection("split", ("a1",)).describe() == "split 1 article into a new story"
