"""The sentences S and ( ) take: a full stop ends one only where a sentence can end."""

from __future__ import annotations

from reader.annotations.passages import sentence_bounds


def sentence_at(text: str, needle: str) -> str:
    return text[slice(*sentence_bounds(text, text.index(needle)))]


def test_a_shortened_month_a_figure_or_a_small_letter_after_the_stop_keeps_the_sentence_whole():
    text = ("Ledezma boarded a plane in Bogota on Friday, Nov. 17, 2017, bound for Madrid. He was met "
            "by his wife.")
    assert sentence_at(text, "Bogota") == text[: text.index(" He was met")]
    text = "The Acme Co. board met on Monday. It voted to sell."
    assert sentence_at(text, "board") == "The Acme Co. board met on Monday."


def test_initials_do_not_end_a_sentence():
    text = "The award went to J. R. Okafor of Lagos. She thanked her team."
    assert sentence_at(text, "award") == "The award went to J. R. Okafor of Lagos."


def test_a_sentence_ending_with_a_company_form_still_ends_there():
    text = "The deal was signed by Acme Inc. The shares rose 4 per cent."
    assert sentence_at(text, "shares") == "The shares rose 4 per cent."
