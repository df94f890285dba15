"""The fast reading of plain RSS 2.0 and Atom 1.0 gives what feedparser gives, and declines the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.feeds.defuse import defuse
from reader.feeds.plainxml import PlainFeed, read_plain_feed
from tests.benchmarks.feed_corpus import generate_corpus, with_new_items
from tests.plainkit import both_readings

DATA = Path(__file__).parent / "feeds_data"
URL = "https://news.example.org/feeds/main.xml"
XML = {"content-type": "application/rss+xml"}
CORPUS = generate_corpus(feeds=8, items=6, end=datetime(2026, 3, 1, tzinfo=UTC))


def read(content: bytes, headers: dict[str, str] | None = None) -> PlainFeed | None:
    content, lowered = defuse(content, headers if headers is not None else XML)
    return both_readings(content, url=URL, headers=lowered)


@pytest.mark.parametrize("path", sorted(CORPUS))
def test_generated_feeds_are_read_fast_and_alike(path: str) -> None:
    for corpus in (CORPUS, with_new_items(CORPUS)):
        found = read(corpus[path])
        assert found is not None, "a plain feed went to feedparser"
        title, _, link, version, entries, total = found
        assert version in ("rss20", "atom10") and link.startswith("https://") and title
        assert total == len(entries) >= 6 and all(e.title and e.link and e.author and e.dates for e in entries)


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir() if p.suffix in (".xml", ".rdf")))
def test_the_format_samples_agree_or_go_to_feedparser(name: str) -> None:
    read((DATA / name).read_bytes())


def rss(item: str, channel: str = "<title>The Paper</title><link>https://paper.example.org/</link>") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>{channel}<item>{item}</item></channel></rss>'
            ).encode()


def atom(entry: str, head: str = '<title>Atom</title><link href="https://atom.example.org/"/>') -> bytes:
    return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{head}<entry>{entry}</entry></feed>'
            ).encode()


AGREEING = [
    rss("<title>A &amp; B</title><link>/relative?a=1&amp;b=2</link><guid>x-1</guid>"),
    rss('<guid isPermaLink="false">tag:1</guid><title>Caf\u00c3\u00a9 \u0093quoted\u0094</title>'),
    rss("<guid>https://paper.example.org/1</guid><description>&lt;p&gt;Hi&lt;/p&gt;</description>"),
    rss("<title>Bold &lt;b&gt;claim&lt;/b&gt;</title><author>desk@wire.agency (Wire Desk)</author>"),
    rss("<title>x</title><dc:creator>Ann Lee &lt;ann@example.org&gt;</dc:creator><pubDate>Tue, 10 Jun 2003 "
        "04:00:00 GMT</pubDate><content:encoded><![CDATA[<p>Body</p>]]></content:encoded><description>d</description>"),
    rss("<title></title><pubDate>not a date</pubDate><category>a</category><category>b</category>"),
    rss("<title>t</title>", channel="<title>&lt;script&gt;x()&lt;/script&gt;Paper</title>"),
    atom('<id>tag:a,2026:1</id><title type="html">A &amp;amp; B</title><author><name>Ann</name></author>'
         '<author><name>Bob</name><email>b@example.org</email></author><updated>2026-02-01T10:00:00Z</updated>'
         '<summary>Short</summary><content type="html">&lt;p&gt;Long&lt;/p&gt;</content>'),
    atom('<title>Plain &lt;b&gt;</title><link rel="alternate" href="/a"/><link rel="enclosure" href="/x.mp3"/>'
         '<id>urn:1</id><published>2026-02-01T10:00:00+02:00</published><content>text only</content>'),
    atom("<title>No link</title><id>https://atom.example.org/post/1</id>", head="<id>https://atom.example.org/</id>"),
]


@pytest.mark.parametrize("document", AGREEING)
def test_plain_documents_are_read_fast_and_alike(document: bytes) -> None:
    assert read(document) is not None


DECLINED = [
    rss("<title>x</title><enclosure url='https://e.example/a.mp3'/>"),
    rss("<title>one</title><title>two</title>"),
    rss("<title>x</title><media:title xmlns:media='http://search.yahoo.com/mrss/'>m</media:title>"),
    rss("<title>x<b>y</b></title>"),
    rss('<title>x</title><description type="text/plain">d</description>'),
    rss("<title>x</title>").replace(b"utf-8", b"iso-8859-1"),
    rss("<title>x</title>").replace(b"<channel>", b'<channel xml:base="https://else.example/">'),
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]><rss version="2.0"><channel></channel></rss>',
    rss("<title>x</title").replace(b"</rss>", b""),
    atom('<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></title>'),
    atom('<content src="https://atom.example.org/a"/>'),
    atom("<author><email>a@example.org</email></author>"),
]


@pytest.mark.parametrize("document", DECLINED)
def test_unusual_documents_go_to_feedparser(document: bytes) -> None:
    content, lowered = defuse(document, XML)
    assert read_plain_feed(content, url=URL, headers=lowered) is None


@pytest.mark.parametrize("kind", ["text/xml", "text/html", "application/xml; charset=iso-8859-1"])
def test_headers_that_change_the_decoding_go_to_feedparser(kind: str) -> None:
    content, lowered = defuse(rss("<title>x</title>"), {"content-type": kind})
    assert read_plain_feed(content, url=URL, headers=lowered) is None
