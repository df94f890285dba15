"""A text's sketch (what wire copies are told by) is its smallest distinct shingle hashes, however
many shingles repeat."""

from __future__ import annotations

import zlib

from reader.stories.terms import SHINGLE, SKETCH, resemblance, sketch


def _all_shingles(text: str) -> list[int]:
    """Every shingle's hash, the slow way: the definition the sketch must keep to."""
    words = [zlib.crc32(w.encode()) for w in text.lower().split()]
    mixed = []
    for i in range(len(words) - SHINGLE + 1):
        a, b, c, d = words[i:i + SHINGLE]
        mixed.append((a * 0x9E3779B1 + b * 0x85EBCA77 + c * 0xC2B2AE3D + d) & 0xFFFFFFFF)
    return sorted(set(mixed))


def test_a_long_text_keeps_its_smallest_distinct_shingles():
    text = " ".join(f"word{i} river{i % 7} bank{i % 13}" for i in range(400))
    assert sketch(text) == tuple(_all_shingles(text)[:SKETCH])


def test_repeated_passages_count_once():
    # The same paragraph again and again: most shingles are repeats, and the sketch holds each once.
    paragraph = "the council voted to close the old bridge after the flood damaged its piers"
    text = " ".join([paragraph] * 40 + ["and then the mayor resigned over the matter on tuesday"])
    kept = sketch(text)
    assert kept == tuple(_all_shingles(text)[:SKETCH])
    assert len(set(kept)) == len(kept) < SKETCH


def test_a_copy_with_a_new_ending_still_resembles_its_original():
    original = " ".join(f"storm{i} hit coast{i % 5} town" for i in range(200))
    copy = original + " the agency added that roads were closed"
    assert resemblance(sketch(original), sketch(copy)) >= 0.5
