"""Lines the app no longer draws are freed at once: a Strip keeps no reference to itself."""

from __future__ import annotations

import sys

from rich.segment import Segment
from textual.strip import Strip

from reader.tui.strips import keep_strips_acyclic


def test_a_line_divided_at_its_end_or_cropped_to_its_length_keeps_no_reference_to_itself():
    keep_strips_acyclic()
    strip = Strip([Segment("abc"), Segment("de")], 5)
    references = sys.getrefcount(strip)
    assert strip.divide([5]) == [strip] and strip.divide([5, 9]) == [strip]
    assert strip.crop_extend(0, 5, None) is strip
    assert sys.getrefcount(strip) == references
    # The other answers are as Textual gives them.
    assert [s.text for s in strip.divide([2, 5])] == ["ab", "cde"]
    assert strip.crop_extend(1, 5, None).text == "bcde" and strip.crop_extend(0, 7, None).text == "abcde  "
