"""Subscriptions in and out: feed URL checks, OPML both ways, newsboat urls files, format detection."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.feeds.errors import FeedError
from reader.feeds.opml import read_opml, write_opml
from reader.feeds.subscriptions import (
    BadFeedURL,
    Subscription,
    SubscriptionFileError,
    feed_tags,
    make_subscription,
    normalise_feed_url,
)
from reader.feeds.urls_file import read_subscription_file, read_urls_file

ACCEPTED = [
    ("https://example.com/feed.xml", "https://example.com/feed.xml"),
    ("  HTTP://Example.COM  ", "http://example.com/"),  # whitespace around, case, empty path
    ("https://example.com:443/a?b=1&c=2#top", "https://example.com/a?b=1&c=2"),  # default port, fragment
    ("http://example.com:80/rss", "http://example.com/rss"),
    ("http://example.com:8080/rss", "http://example.com:8080/rss"),
    ("feed://example.com/rss", "https://example.com/rss"),
    ("FEED:https://example.com/atom", "https://example.com/atom"),
    ("feed:http://example.com/atom", "http://example.com/atom"),  # an explicit scheme is kept
    ("http://[::1]:8080/f", "http://[::1]:8080/f"),
    ("https://user:Secret@Host.example/x", "https://user:Secret@host.example/x"),
    ("https://bücher.example/feed", "https://bücher.example/feed"),
    ("https://example.com/Path/Case?Q=Kept", "https://example.com/Path/Case?Q=Kept"),
]

REJECTED = [
    ("", "empty"),
    ("   ", "empty"),
    ("javascript:alert(1)", "not javascript:"),
    ("JavaScript:alert(1)", "not javascript:"),
    ("file:///etc/passwd", "not file:"),
    ("data:application/rss+xml,<rss/>", "not data:"),
    ("ftp://example.com/feed", "not ftp:"),
    ("mailto:someone@example.com", "not mailto:"),
    ("feed:javascript:alert(1)", "no host"),
    ("example.com/feed", "needs http:// or https://"),
    ("localhost:8080/feed", "needs http:// or https://"),
    ("http:///feed", "no host"),
    ("https:example.com", "no host"),
    ("http://exa mple.com/", "space"),
    ("http://example.com/a b", "space"),
    ("http://example.com/\x00", "U+0000"),
    ("http://example.com/\x1b[2J", "U+001B"),
    ("http://example.com/\u202egnp", "U+202E"),
    ("http://example.com/\u200b", "U+200B"),
    ("http://evil.example\\@good.example/", "backslash"),
    ("http://example.com:99999/", "Port out of range"),
    ("http://a..b/", "invalid host"),
    ("http://<script>/", "invalid host"),
    ("https://example.com/" + "a" * 5000, "too long"),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_feed_urls_are_normalised(text: str, expected: str) -> None:
    assert normalise_feed_url(text) == expected


@pytest.mark.parametrize(("text", "reason"), REJECTED)
def test_bad_feed_urls_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(BadFeedURL) as caught:
        normalise_feed_url(text)
    assert reason in str(caught.value)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, FeedError)
    assert "\x1b" not in str(caught.value) and "\x00" not in str(caught.value)


def test_tags_take_the_apps_form_and_split_at_category_separators() -> None:
    assert feed_tags(["Tech News ", "tech-news", "World/Europe", "a,b", "", " / "]) == (
        "tech-news",
        "world",
        "europe",
        "a",
        "b",
    )


def test_make_subscription_cleans_untrusted_fields() -> None:
    sub = make_subscription(" HTTPS://Example.com/f ", "Evil\x1b[2J\u200b Title\n", ["News"], "javascript:alert(1)")
    assert sub == Subscription("https://example.com/f", "Evil Title", ("news",), "")


# OPML -----------------------------------------------------------------------------------------

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News">
      <outline text="World" title="World">
        <outline type="rss" text="Text title" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/"/>
      </outline>
      <outline type="rss" title="B title" text="B text" xmlUrl="https://b.example/atom" category="Science,/Tech/Linux"/>
    </outline>
    <outline type="rss" text="Top level" xmlUrl="HTTPS://C.example/feed"/>
    <outline type="rss" text="Again" xmlUrl="https://c.example/feed" category="later"/>
    <outline type="rss" text="No title" xmlurl="https://d.example/feed"/>
    <outline text="Podcasts">
      <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
      <outline type="rss" text="FTP" xmlUrl="ftp://e.example/feed"/>
      <outline type="link" text="A page" url="https://f.example/page"/>
      <outline type="include" text="More" url="https://f.example/more.opml"/>
      <outline text="Empty folder"/>
    </outline>
  </body>
</opml>"""


def test_opml_folders_and_categories_become_tags() -> None:
    result = read_opml(NESTED)
    assert result.format == "opml"
    assert result.subscriptions == (
        Subscription("https://a.example/rss", "Text title", ("news", "world"), "https://a.example/"),
        Subscription("https://b.example/atom", "B title", ("news", "science", "tech", "linux")),
        # the same feed twice: one subscription, first title, tags of both listings
        Subscription("https://c.example/feed", "Top level", ("later",)),
        Subscription("https://d.example/feed", "No title"),
    )


def test_opml_entries_that_are_not_http_feeds_are_skipped_with_reasons() -> None:
    skipped = dict(read_opml(NESTED).skipped)
    assert list(skipped) == [
        "javascript:alert(1)",
        "ftp://e.example/feed",
        "https://f.example/page",
        "https://f.example/more.opml",
    ]
    assert "not javascript:" in skipped["javascript:alert(1)"]
    assert "not ftp:" in skipped["ftp://e.example/feed"]
    assert "a link" in skipped["https://f.example/page"]
    assert "an include" in skipped["https://f.example/more.opml"]


TRICKY = [
    Subscription("https://a.example/rss?x=1&y=2", 'Ampersand & <angle> "double" \'single\'', ("news", "tech")),
    Subscription("https://b.example/feed", "Café São Paulo — 東京 👍", ("países",), "https://b.example/"),
    Subscription("https://c.example/feed"),  # no title, no tags
    Subscription("https://d.example/feed", "Title > with ]]> and &amp; literally"),
]


def test_export_then_import_round_trips_exactly() -> None:
    document = write_opml(TRICKY, title="Mine & yours <3")
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert "<title>Mine &amp; yours &lt;3</title>" in document
    result = read_opml(document.encode("utf-8"))
    assert result.subscriptions == tuple(TRICKY)
    assert result.skipped == ()


def test_export_writes_opml_2_outlines() -> None:
    created = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
    document = write_opml([TRICKY[1], TRICKY[2]], created=created)
    assert "<dateCreated>Mon, 02 Nov 2026 08:30:00 GMT</dateCreated>" in document
    assert (
        '<outline type="rss" text="Café São Paulo — 東京 👍" title="Café São Paulo — 東京 👍" '
        'xmlUrl="https://b.example/feed" htmlUrl="https://b.example/" category="países"/>'
    ) in document
    assert '<outline type="rss" text="https://c.example/feed" xmlUrl="https://c.example/feed"/>' in document


def test_export_escapes_whitespace_and_drops_what_xml_cannot_hold() -> None:
    sub = Subscription("https://a.example/", "tab\tand\nline\x01")
    document = write_opml([sub])
    assert "tab&#9;and&#10;line" in document
    assert read_opml(document.encode()).subscriptions[0].title == "tab and line"  # clean_line on the way in


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;">\n]>\n'
        b'<opml version="2.0"><body><outline text="&lol2;" xmlUrl="https://a.example/"/></body></opml>',
        b'<?xml version="1.0"?>\n<!DOCTYPE opml SYSTEM "file:///etc/passwd">\n<opml><body/></opml>',
        b'<!DOCTYPE opml [<!ENTITY xxe SYSTEM "http://attacker.example/x">]><opml><body>&xxe;</body></opml>',
    ],
)
def test_doctypes_and_entities_are_refused(document: bytes) -> None:
    with pytest.raises(SubscriptionFileError, match="DOCTYPE"):
        read_opml(document)


def test_an_undeclared_entity_is_an_error_not_a_lookup() -> None:
    with pytest.raises(SubscriptionFileError, match="undefined entity"):
        read_opml(b'<opml><body><outline text="&xxe;" xmlUrl="https://a.example/"/></body></opml>')


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (NESTED[: len(NESTED) // 2], "line"),  # truncated
        (b"", "no element found"),
        (b"<opml><body><outline text='x' xmlUrl='https://a.example/'></body></opml>", "mismatched tag"),
        (b"<opml><body><outline text='a & b'/></body></opml>", r"at line 1, column \d+"),
        (b"<html><body>not a list</body></html>", "not an OPML file"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "this is a feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"/>', "this is a feed"),
        (b'<?xml version="1.0" encoding="no-such-codec"?><opml/>', "unknown encoding"),
    ],
)
def test_malformed_opml_is_a_readable_error(document: bytes, message: str) -> None:
    with pytest.raises(SubscriptionFileError, match=message):
        read_opml(document)


def test_opml_in_a_legacy_encoding_is_read() -> None:
    document = '<?xml version="1.0" encoding="windows-1252"?><opml><body><outline text="Caf\u00e9 \u201cquoted\u201d" xmlUrl="https://a.example/"/></body></opml>'
    result = read_opml(document.encode("cp1252"))
    assert result.subscriptions[0].title == "Café “quoted”"


def test_opml_in_utf16_is_read() -> None:
    document = '<?xml version="1.0" encoding="UTF-16"?><opml><body><outline text="Zürich" xmlUrl="https://a.example/"/></body></opml>'
    assert read_opml(document.encode("utf-16")).subscriptions[0].title == "Zürich"


# newsboat urls ---------------------------------------------------------------------------------

URLS = r"""# my feeds
https://a.example/rss

  https://b.example/atom tech "Long Tag" "~My Title" !hidden   # a comment
https://c.example/feed "~First" "~Second" "quote \"inside\" tag"
"query:Unread Articles:unread = \"yes\"" "~Unread"
exec:~/bin/make-feed.sh
filter:~/bin/clean.sh:https://d.example/feed
file:///etc/passwd
https://a.example/rss extra
https://e.example/#fragment-is-not-a-comment "~~Tilde"
https://f.example/feed "unclosed quote tag
"""


def test_newsboat_urls_file() -> None:
    result = read_urls_file(URLS)
    assert result.format == "urls"
    assert result.subscriptions == (
        Subscription("https://a.example/rss", "", ("extra",)),
        Subscription("https://b.example/atom", "My Title", ("tech", "long-tag", "hidden")),
        Subscription("https://c.example/feed", "First", ('quote-"inside"-tag',)),
        Subscription("https://e.example/", "~Tilde"),
        Subscription("https://f.example/feed", "", ("unclosed-quote-tag",)),
    )


def test_newsboat_query_exec_and_filter_lines_are_skipped_never_run() -> None:
    reasons = [why for _, why in read_urls_file(URLS).skipped]
    entries = [entry for entry, _ in read_urls_file(URLS).skipped]
    assert entries[0].startswith('"query:Unread Articles')
    assert "query feed" in reasons[0]
    assert "never runs commands" in reasons[1] and "never runs commands" in reasons[2]
    assert "not file:" in reasons[3]
    assert len(reasons) == 4


def test_an_empty_urls_file_has_no_subscriptions() -> None:
    assert read_urls_file("\n# nothing here\n\n") == read_urls_file("")


# telling the formats apart -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["feeds.opml", "urls", "", "export.txt"])
def test_format_is_told_by_content_not_name(name: str) -> None:
    assert read_subscription_file(NESTED, name).format == "opml"
    assert read_subscription_file(b"\xef\xbb\xbf  \n" + NESTED.lstrip(), name).format == "opml"
    assert read_subscription_file(URLS.encode(), name).format == "urls"
    utf16 = write_opml(TRICKY).replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert read_subscription_file(utf16, name).subscriptions == tuple(TRICKY)


def test_urls_with_a_bad_byte_keep_the_other_lines() -> None:
    result = read_subscription_file(b"https://a.example/rss caf\xe9\nhttps://b.example/rss\n")
    assert [sub.url for sub in result.subscriptions] == ["https://a.example/rss", "https://b.example/rss"]


def test_a_binary_file_is_refused() -> None:
    with pytest.raises(SubscriptionFileError, match="picture.png: not a subscription list"):
        read_subscription_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.png")
