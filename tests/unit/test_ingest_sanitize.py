"""The sanitiser: what hostile text can no longer do to a terminal, and what it leaves alone."""

from __future__ import annotations

import pytest

from reader.ingest.sanitize import clean_line, clean_text, is_plain_line

TEXT_CASES = [
    # (what a page could smuggle in, what the reader pane may show)
    ("copy \x1b]52;c;ZXZpbCBjb21tYW5k\x07me", "copy me"),  # OSC 52 writes the clipboard
    ("title \x1b]0;owned\x1b\\here", "title here"),  # OSC 0 renames the window, ST-terminated
    ("\x1b]8;;https://evil.example\x07click\x1b]8;;\x07", "click"),  # hidden hyperlink target
    ("\x1b[31mred\x1b[0m and \x1b[1;4mbold\x1b[m", "red and bold"),  # CSI colours
    ("wipe\x1b[2J\x1b[Hscreen", "wipescreen"),  # clear screen, cursor home
    ("reset\x1bcterm", "resetterm"),  # ESC c: full terminal reset
    ("8-bit \x9b31mCSI", "8-bit 31mCSI"),  # C1 introducer removed, so nothing is interpreted
    ("bell\x07 back\x08space del\x7f", "bell backspace del"),
    ("nul\x00byte", "nulbyte"),
    ("abc \u202egnp.exe", "abc gnp.exe"),  # right-to-left override
    ("\u2066isolated\u2069", "isolated"),
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ("windows\r\nand\rold mac", "windows\nand\nold mac"),
    ("keeps\ttabs\nand lines", "keeps\ttabs\nand lines"),
    ("[bold]not markup[/bold]", "[bold]not markup[/bold]"),  # Rich markup stays literal text
    ("Café, São Paulo, 東京, emoji 👍", "Café, São Paulo, 東京, emoji 👍"),
    ("e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301x", "e\u0301\u0301\u0301x"),  # Zalgo capped
]


@pytest.mark.parametrize(("raw", "expected"), TEXT_CASES)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


LINE_CASES = [
    ("Ledezma\u200d Escapes", "Ledezma Escapes"),  # zero-width joiner hidden in a title
    ("Led\u200bezma", "Ledezma"),
    ("secret\U000e0069\U000e0067\U000e006e tags", "secret tags"),  # Unicode tag characters
    ("two\nlines\tand tab", "two lines and tab"),
    ("non\u00a0breaking\u00a0\u00a0space", "non breaking space"),
    ("  padded   out  ", "padded out"),
    ("\x1b]52;c;AAAA\x07Headline\x1b[5m!", "Headline!"),
    ("[bold red]Title[/]", "[bold red]Title[/]"),
    ("", ""),
]


@pytest.mark.parametrize(("raw", "expected"), LINE_CASES)
def test_clean_line(raw: str, expected: str) -> None:
    assert clean_line(raw) == expected


def test_no_escape_or_control_character_survives() -> None:
    hostile = "".join(chr(c) for c in range(0x00, 0xA0)) + "\u202a\u202b\u202c\u202d\u202e"
    cleaned = clean_text(hostile)
    assert "\x1b" not in cleaned
    assert all(ch in "\t\n" or 0x20 <= ord(ch) < 0x7F for ch in cleaned)


def test_unterminated_osc_does_not_swallow_the_next_lines() -> None:
    assert clean_text("bad \x1b]52;c;AAAA\nnext line") == "bad \nnext line"


def test_plain_text_is_returned_unchanged() -> None:
    text = "An ordinary paragraph.\n\nAnd “another” one — with ‘quotes’."
    assert clean_text(text) == text


def test_text_passed_as_plain_is_what_cleaning_and_collapsing_would_make() -> None:
    # The HTML reader keeps text that is_plain_line passes as it is: it must be exactly what
    # cleaning and collapsing whitespace give, for every hostile or unusual character.
    samples = [case for case, _ in TEXT_CASES] + [case for case, _ in LINE_CASES]
    samples += ["plain words here", " lead", "trail ", "two  spaces", "", "x"]
    samples += [f"a{chr(c)}b" for c in range(0x110000) if chr(c).isspace() or c < 0xA0 or 0x2000 <= c < 0x2070]
    samples += ["e\u0301\u0301\u0301\u0301", "bidi \u202e here", "lone \ud800 surrogate"]
    for sample in samples:
        if is_plain_line(sample):
            assert " ".join(clean_text(sample).split()) == sample, repr(sample)
    assert is_plain_line("An ordinary paragraph, with “quotes” — and a dash.")
    assert not any(is_plain_line(f"a{chr(c)}b") for c in range(0x110000) if chr(c).isspace() and c != 0x20)
    assert not is_plain_line("copy \x1b]52;c;ZXZp\x07me")
