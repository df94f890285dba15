"""Finding a highlighted passage again after the article's text changed, and finding a quote for the CLI."""

from __future__ import annotations

import random

import pytest

from reader.annotations.anchoring import AmbiguousQuote, QuoteNotFound, find_quote, reattach, select

TEXT = (
    "The mayor said the council would vote on the budget next week.\n\n"
    "Critics said the plan would cut library hours across the city.\n\n"
    "In the end the council agreed to delay the vote until spring, citing uncertainty about revenue.\n\n"
    "Critics said the delay was welcome."
)
QUOTE = "the council agreed to delay the vote"


def selector_of(text: str, quote: str, occurrence: int = 0):
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(quote, at + 1)
    return select(text, at, at + len(quote))


def test_a_selector_keeps_32_characters_of_context_either_side():
    selector = selector_of(TEXT, QUOTE)
    assert selector.quote == QUOTE
    assert TEXT[selector.start : selector.end] == QUOTE
    assert len(selector.prefix) == len(selector.suffix) == 32
    assert TEXT.endswith(selector.prefix, 0, selector.start) and TEXT.startswith(selector.suffix, selector.end)


def test_an_unchanged_text_places_the_highlight_exactly():
    placement = reattach(TEXT, selector_of(TEXT, QUOTE))
    assert placement.how == "exact" and placement.selector.quote == QUOTE


@pytest.mark.parametrize("edit", [
    lambda t: "A new opening paragraph, added by the editors.\n\n" + t,
    lambda t: t.replace("The mayor said", "The long-serving mayor told reporters"),
])
def test_text_added_before_a_highlight_moves_it(edit):
    old = selector_of(TEXT, QUOTE)
    new_text = edit(TEXT)
    placement = reattach(new_text, old)
    assert placement.how == "moved"
    assert new_text[placement.selector.start : placement.selector.end] == QUOTE
    assert placement.selector.start != old.start


def test_text_changed_after_a_highlight_leaves_it_in_place():
    new_text = TEXT.replace("Critics said the delay was welcome.", "Critics were furious, and said so at length.")
    placement = reattach(new_text, selector_of(TEXT, QUOTE))
    assert placement.how == "exact"


@pytest.mark.parametrize("edited", [
    "the council finally agreed to delay the vote",
    "the council agreed to postpone the vote",
    "the council agreed to delay the final vote",
])
def test_a_few_words_edited_inside_the_quote_are_found_approximately(edited):
    new_text = TEXT.replace(QUOTE, edited)
    placement = reattach(new_text, selector_of(TEXT, QUOTE))
    assert placement.how == "fuzzy"
    assert placement.selector.quote == edited


def test_a_duplicated_quote_is_told_apart_by_its_context():
    # "Critics said the" occurs twice; the highlight was on the second one.
    old = selector_of(TEXT, "Critics said the", occurrence=1)
    new_text = "Critics said the mayor was wrong.\n\n" + TEXT
    placement = reattach(new_text, old)
    assert placement.how == "moved"
    assert new_text[placement.selector.end :].startswith(" delay was welcome")


def test_a_removed_quote_is_orphaned_and_keeps_its_quote():
    old = selector_of(TEXT, QUOTE)
    new_text = TEXT.replace(
        "In the end the council agreed to delay the vote until spring, citing uncertainty about revenue.", ""
    )
    placement = reattach(new_text, old)
    assert placement.orphaned and placement.how == "orphaned"
    assert placement.selector == old


def test_a_long_article_reanchors_fuzzily_or_orphans():
    # How long it takes is in bench_guards.py.
    rng = random.Random(7)
    words = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma".split()
    text = " ".join(f"{rng.choice(words)}{rng.randint(0, 999)}" for _ in range(8000))
    assert len(text) > 50_000
    start = text.index(" ", 30_000) + 1
    end = text.index(" ", start + 150)
    old = select(text, start, end)
    quote = old.quote
    edited = "A new lead. " * 40 + text[:start] + quote[:40] + " changed words " + quote[60:] + text[end:]
    removed = text[:start] + text[end:]
    found = reattach(edited, old)
    lost = reattach(removed, old)
    assert found.how == "fuzzy" and found.selector.quote == quote[:40] + " changed words " + quote[60:]
    assert lost.orphaned


def test_find_quote_reports_missing_and_ambiguous_quotes_and_uses_context():
    with pytest.raises(QuoteNotFound, match="not in the article"):
        find_quote(TEXT, "the treasurer resigned")
    with pytest.raises(AmbiguousQuote, match="occurs 2 times.*--prefix"):
        find_quote(TEXT, "Critics said")
    second = find_quote(TEXT, "Critics said", suffix=" the delay")
    assert TEXT[second.end :].startswith(" the delay")
    first = find_quote(TEXT, "Critics said", prefix="next week.\n\n")
    assert first.start < second.start
    with pytest.raises(QuoteNotFound, match="never with that prefix"):
        find_quote(TEXT, "Critics said", prefix="nowhere ")
