"""Encodings: every feed decodes with a codec that keeps ASCII as ASCII, or the checks fail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.feeds.charset import ascii_transparent, transparent
from reader.feeds.parse import FeedParseError, ParsedFeed, parse_feed

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def parse(content: bytes, content_type: str | None = None) -> ParsedFeed:
    headers = {"Content-Type": content_type} if content_type else None
    return parse_feed(content, feed_id="f", url="https://x.example/feed", headers=headers, now=NOW)


def rss(title: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return (
        f'{declaration}\n<rss version="2.0"><channel><title>Chan</title>'
        f"<item><title>{title}</title></item></channel></rss>"
    )


@pytest.mark.parametrize(
    "name",
    ["utf-8", "UTF8", "iso-8859-1", "windows-1252", "koi8-r", "shift_jis", "gb18030", "big5", "iso-2022-jp"],
)
def test_ascii_compatible_encodings_are_transparent(name: str) -> None:
    assert transparent(name)


@pytest.mark.parametrize(
    "name",
    [
        "utf-7", "utf-16", "utf-32-le", "cp037", "unicode_escape", "raw_unicode_escape", "punycode", "idna",
        "undefined", "base64", "rot13", "hz", "no-such-codec", "utf\x00-8", "a b", "",
    ],
)
def test_encodings_that_can_forge_markup_or_crash_are_not(name: str) -> None:
    assert not transparent(name)


def utf7_bomb(declaration: str) -> bytes:
    # "<" spelt "+ADw-" in UTF-7: invisible to a byte-level search for "<!ENTITY".
    head = ('<!DOCTYPE rss [\n<!ENTITY a "' + "x" * 20_000 + '">\n]>\n').replace("<", "+ADw-")
    tail = '<rss version="2.0"><channel><title>t</title><item><title>t</title><description>'
    tail += "&a;" * 2_000 + "</description></item></channel></rss>"
    return (declaration + "\n" + head + tail).encode()


@pytest.mark.parametrize(
    ("doc", "content_type"),
    [
        (utf7_bomb('<?xml version="1.0" encoding="utf-7"?>'), None),
        (utf7_bomb('<?xml version="1.0"?>'), "application/rss+xml; charset=UTF-7"),
        (utf7_bomb('<?xml version="1.0"?>'), 'text/xml; charset="utf-7"'),
    ],
    ids=["declared", "header", "quoted-header"],
)
def test_utf7_cannot_smuggle_an_entity_bomb(doc: bytes, content_type: str | None) -> None:
    try:
        feed = parse(doc, content_type)
    except FeedParseError:
        return
    # Expanded, the entity would make 40 million characters (and take a second or more).
    assert all(len(d.body.text) < 100_000 for d in feed.drafts)


@pytest.mark.parametrize(
    "declaration",
    [
        '<?xml version="1.0" encoding="undefined"?>',
        '<?xml version="1.0" encoding="unicode_escape"?>',
        '<?xml version="1.0" encoding="punycode"?>',
        '<?xml version="1.0" encoding="utf\x00-8"?>',
        '<?xml version="1.0" encoding="utf-\xd9"?>',
    ],
)
def test_declared_encodings_that_crash_feedparser_are_replaced(declaration: str) -> None:
    doc = rss("Caf\u00e9 \\ud800", declaration).encode("utf-8", "surrogateescape")
    assert parse(doc).drafts[0].title == "Caf\u00e9 \\ud800"


@pytest.mark.parametrize("charset", ["undefined", "unicode_escape", "x\x00y", "utf-16"])
def test_header_charsets_that_crash_or_hide_markup_are_replaced(charset: str) -> None:
    feed = parse(rss("Caf\u00e9").encode(), f"application/xml; charset={charset}")
    assert feed.drafts[0].title == "Caf\u00e9"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp037"])
def test_documents_in_ascii_incompatible_encodings_are_transcoded(codec: str) -> None:
    declaration = f'<?xml version="1.0" encoding="{codec}"?>'
    assert parse(rss("Caf\u00e9", declaration).encode(codec)).drafts[0].title == "Caf\u00e9"


def test_correct_legacy_encodings_are_still_honoured() -> None:
    declared = rss("Caf\u00e9 \u20ac", '<?xml version="1.0" encoding="windows-1252"?>').encode("cp1252")
    assert parse(declared).drafts[0].title == "Caf\u00e9 \u20ac"
    pravda = "\u041f\u0440\u0430\u0432\u0434\u0430"
    by_header = rss(pravda, '<?xml version="1.0"?>').encode("koi8-r")
    assert parse(by_header, "application/rss+xml; charset=koi8-r").drafts[0].title == pravda


def test_ascii_transparent_leaves_ordinary_documents_alone() -> None:
    doc = rss("x").encode()
    headers = {"content-type": "application/rss+xml; charset=utf-8"}
    assert ascii_transparent(doc, headers) == (doc, headers)


def test_the_last_declared_encoding_on_a_one_line_document_is_checked_too() -> None:
    # feedparser's pattern is greedy: on a single line it takes the last encoding="..." before "?>".
    doc = b'<?xml version="1.0" encoding="utf-8"?><rss><x a=\'encoding="utf-7"\'/><?pi ?></rss>'
    out, _ = ascii_transparent(doc, {})
    assert b"utf-7" not in out
