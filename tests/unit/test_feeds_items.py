"""Cutting feeds into items, so a fetch parses only the items it has not stored before."""

from __future__ import annotations

from reader.feeds.items import split_items
from reader.feeds.parse import parse_feed

RSS = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>\n"
    b"<item><guid>urn:x:a</guid><title>A</title></item>\n"
    b"<item><guid>urn:x:b</guid><title>B</title></item>\n"
    b"</channel></rss>"
)


def test_a_known_item_is_left_out_and_the_rest_still_parses():
    items = split_items(RSS)
    assert items is not None and len(items.items) == 2
    reduced = items.without(frozenset(items.digests[:1]))
    parsed = parse_feed(reduced, feed_id="f", url="https://example.com/feed")
    assert [d.guid for d in parsed.drafts] == ["urn:x:b"] and parsed.title == "T"


def test_nothing_new_means_nothing_to_parse():
    items = split_items(RSS)
    assert items.without(frozenset(items.digests)) is None


def test_a_changed_item_gets_a_new_fingerprint():
    before = split_items(RSS)
    after = split_items(RSS.replace(b"<title>B</title>", b"<title>B, corrected</title>"))
    assert before.digests[0] == after.digests[0] and before.digests[1] != after.digests[1]


def test_atom_entries_are_cut_too():
    atom = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title><entry><id>1</id></entry> "
        b"<entry xml:lang='en'><id>2</id></entry></feed>"
    )
    assert len(split_items(atom).items) == 2


def test_documents_that_do_not_cut_cleanly_are_parsed_whole():
    cdata = RSS.replace(b"<title>A</title>", b"<description><![CDATA[see </item> here]]></description>")
    inner = RSS.replace(b"<title>A</title>", b"<description><![CDATA[<item>]]></description>")
    interleaved = RSS.replace(b"</item>\n<item>", b"</item><ttl>5</ttl><item>", 1)
    unclosed = RSS.replace(b"</channel>", b"<item><guid>c</guid></channel>")
    for document in (cdata, inner, interleaved, unclosed, b'{"version": "https://jsonfeed.org/version/1.1"}', b""):
        assert split_items(document) is None, document[:60]


def test_elements_whose_names_only_start_like_item_are_not_items():
    document = RSS.replace(b"<title>T</title>", b"<title>T</title><items><rdf:Seq/></items>")
    assert len(split_items(document).items) == 2
