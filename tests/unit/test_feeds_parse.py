"""Feed bytes to drafts: every format, identity, content choice, links and titles."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.feeds.parse import FeedParseError, ParsedFeed, parse_feed
from reader.feeds.parsed import MAX_ENTRIES

DATA = Path(__file__).parent / "feeds_data"
NOW = datetime(2025, 1, 1, tzinfo=UTC)
URL = "https://news.example.org/feeds/main.xml"


def parse(content: bytes | str, **kwargs) -> ParsedFeed:
    if isinstance(content, str):
        content = content.encode("utf-8")
    kwargs.setdefault("feed_id", "feed-1")
    kwargs.setdefault("url", URL)
    kwargs.setdefault("now", NOW)
    return parse_feed(content, **kwargs)


def rss(items: str, channel: str = "<title>The Paper</title><link>https://paper.example.org/</link>") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"{channel}{items}</channel></rss>"
    )


def atom(entries: str) -> str:
    head = '<title>Atom Paper</title><link href="https://atom.example.org/"/>'
    return f'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">{head}{entries}</feed>'


def only(feed: ParsedFeed):
    assert len(feed.drafts) == 1, feed.drafts
    return feed.drafts[0]


# Formats


@pytest.mark.parametrize(
    ("name", "version", "title", "first_title"),
    [
        ("rss091.xml", "rss091n", "Netscape Era News", "Café opens"),
        ("rss092.xml", "rss092", "Ninety-Two", "An item with only a description, as 0.92 allows."),
        ("rss10.rdf", "rss10", "RDF Site", "Semantic story"),
        ("atom03.xml", "atom03", "Atom Zero Three", "Early atom"),
        ("atom10.xml", "atom10", "Ann & Bob’s Blog", "Why <div> soup is bad"),
        ("jsonfeed10.json", "json10", "JSON One", "Tom & Jerry"),
        ("jsonfeed11.json", "json11", "JSON One One", "Authors plural"),
    ],
)
def test_every_format_is_read(name: str, version: str, title: str, first_title: str) -> None:
    feed = parse((DATA / name).read_bytes())
    assert (feed.version, feed.title, feed.drafts[0].title) == (version, title, first_title)
    for draft in feed.drafts:
        assert draft.source == "feed-1" and draft.kind == "feed item" and draft.outlet == title


def test_rss_20_entry_in_full() -> None:
    item = (
        "<item><title>Ledezma lands in Madrid</title><link>https://paper.example.org/ledezma</link>"
        '<guid isPermaLink="false">paper-123</guid><author>desk@paper.example.org (Ana Díaz)</author>'
        "<pubDate>Sat, 18 Nov 2017 09:30:00 +0100</pubDate>"
        "<description>Short.</description>"
        "<content:encoded><![CDATA[<p>The full <b>story</b>.</p><p>Second.</p>]]></content:encoded></item>"
    )
    feed = parse(rss(item))
    assert (feed.title, feed.link, feed.version, feed.warnings) == (
        "The Paper", "https://paper.example.org/", "rss20", ()
    )
    draft = only(feed)
    assert draft.guid == "paper-123"
    assert draft.url == "https://paper.example.org/ledezma"
    assert draft.author == "Ana Díaz"
    assert draft.published == datetime(2017, 11, 18, 8, 30, tzinfo=UTC)
    assert draft.published_raw == ""
    assert draft.outlet == "The Paper" and draft.outlet_url == "https://paper.example.org/"
    assert [b.text for b in draft.body.blocks] == ["The full story.", "Second."]


@pytest.mark.parametrize(("author", "shown"), [
    ("desk@wire.agency (Wire Desk)", "Wire Desk"),  # feedparser's own reading gives "cy (Wire Desk"
    ("news@longdomain.example.museum (Ana Díaz)", "Ana Díaz"),
    ("Jane Roe <jane@paper.example.org>", "Jane Roe"),
    ("Jane Roe", "Jane Roe"),
    ("ed@paper.example.org", "ed@paper.example.org"),
])
def test_rss_authors_are_read_as_people_write_them(author: str, shown: str) -> None:
    feed = parse(rss(f"<item><title>T</title><guid>g</guid><author>{author.replace('<', '&lt;')}</author></item>"))
    assert only(feed).author == shown


def test_every_author_of_an_atom_entry_is_kept() -> None:
    feed = parse(atom(
        "<entry><title>T</title><id>urn:1</id><updated>2024-01-01T00:00:00Z</updated>"
        "<author><name>Ana Ruiz</name></author><author><name>Bo Lind</name><email>bo@x.org</email></author>"
        "</entry>"))
    assert only(feed).author == "Ana Ruiz, Bo Lind"


@pytest.mark.parametrize(("title", "link", "outlet"), [
    ("World news | The Guardian", "https://www.theguardian.com/world", "The Guardian"),
    ("BBC News - World", "https://www.bbc.co.uk/news/world", "BBC News"),
    ("Reuters: Top News", "https://www.reuters.com/", "Reuters"),
    ("Latest – El País", "https://elpais.com/", "El País"),
    ("Opinion | Morning Courier", "https://feeds.example.net/x", "Opinion | Morning Courier"),  # no part is the site
    ("The Paper", "https://paper.example.org/", "The Paper"),
])
def test_the_outlet_is_the_sites_name_in_the_feed_title(title: str, link: str, outlet: str) -> None:
    feed = parse(rss("<item><title>T</title><guid>g</guid></item>", f"<title>{title}</title><link>{link}</link>"))
    assert only(feed).outlet == outlet and feed.title == title


def test_json_feed_details() -> None:
    feed = parse((DATA / "jsonfeed10.json").read_bytes(), url="https://j1.example.org/feed.json")
    first, second = feed.drafts
    assert first.guid == "2"  # a numeric id, as many JSON feeds have, still identifies
    assert first.body.links == ("https://j1.example.org/rel",)
    assert first.published == datetime(2020, 2, 2, 7, 2, 2, tzinfo=UTC)
    assert second.url == "https://elsewhere.example.com/"  # external_url when there is no url
    assert second.body.text == "Just text with <b>no</b> html.\n\nSecond para."  # content_text is not HTML
    assert second.title.startswith("Just text with")  # untitled: the opening words stand in
    assert feed.warnings == ("1 entry skipped: not JSON objects",)
    assert only(parse((DATA / "jsonfeed11.json").read_bytes())).author == "Ann, Bob"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"version": "https://example.org/other", "items": []}', "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "not a JSON Feed"),
        (b"[1, 2]", "not a JSON Feed"),
        (b'{"version": ', "invalid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "not a feed"),
    ],
)
def test_json_that_is_not_a_json_feed_fails(content: bytes, reason: str) -> None:
    with pytest.raises(FeedParseError, match=reason):
        parse(content)


def test_json_feed_field_types_are_checked() -> None:
    doc = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": 5, "home_page_url": ["x"], "items": ['
        b'{"id": true, "title": {"a": 1}, "url": 7, "content_html": null, "content_text": "Text.", '
        b'"date_published": 12, "authors": "Ann"}]}'
    )
    feed = parse(doc)
    draft = only(feed)
    assert (feed.title, feed.link) == ("", "")
    assert draft.body.text == "Text." and draft.url == "" and draft.author == "" and draft.published is None
    assert draft.guid.startswith("sha256:")


# Identity


def test_guid_falls_back_on_link_then_on_a_hash_of_title_and_date() -> None:
    items = (
        "<item><title>A</title><link>https://paper.example.org/a</link></item>"
        "<item><title>B</title><pubDate>Sat, 18 Nov 2017 09:30:00 GMT</pubDate></item>"
        "<item><title>B</title><pubDate>Sun, 19 Nov 2017 09:30:00 GMT</pubDate></item>"
    )
    a, b1, b2 = parse(rss(items)).drafts
    assert a.guid == "https://paper.example.org/a"
    assert b1.guid.startswith("sha256:") and b2.guid.startswith("sha256:") and b1.guid != b2.guid
    again = parse(rss(items)).drafts
    assert [d.guid for d in again] == [a.guid, b1.guid, b2.guid]  # stable across fetches


def test_entries_sharing_an_id_are_all_kept_under_other_identities() -> None:
    items = "".join(
        f"<item><title>Story {n}</title><link>https://paper.example.org/{n}</link>"
        '<guid isPermaLink="false">same</guid></item>'
        for n in range(3)
    )
    feed = parse(rss(items))
    guids = ["same", "https://paper.example.org/1", "https://paper.example.org/2"]
    assert [d.guid for d in feed.drafts] == guids


def test_exact_duplicates_are_dropped_with_a_warning() -> None:
    item = '<item><title>Twice</title><guid isPermaLink="false">g</guid><link>https://p.ex/</link></item>'
    entry = "<item><title>Twice</title><pubDate>Sat, 18 Nov 2017 09:30:00 GMT</pubDate></item>"
    feed = parse(rss(item + item + item + entry + entry))
    assert len(feed.drafts) == 4
    assert feed.warnings == ("1 entry skipped: same id, link, title and date as another",)


def test_empty_entries_are_skipped_with_a_warning() -> None:
    empty = '<item><guid isPermaLink="false">x</guid><title>  \u200b </title></item>'
    items = "<item><title>Kept</title></item>" + empty * 3
    feed = parse(rss(items))
    assert [d.title for d in feed.drafts] == ["Kept"]
    assert feed.warnings == ("3 entries skipped: no title, link or content",)


def test_outlet_argument_wins_over_the_feed_title() -> None:
    feed = parse(rss("<item><title>x</title></item>"), outlet="My Name For It")
    assert feed.title == "The Paper" and only(feed).outlet == "My Name For It"


# Links and content


def test_relative_links_resolve_against_the_final_url_and_the_entry_link() -> None:
    item = (
        "<item><title>Rel</title><link>  /2024/rel  </link>"
        '<description>&lt;p&gt;&lt;a href="more.html"&gt;More&lt;/a&gt; and '
        '&lt;a href="/root"&gt;root&lt;/a&gt;&lt;/p&gt;</description></item>'
    )
    feed = parse(rss(item, channel="<title>T</title><link>/</link>"), url="https://cdn.example.net/x/feed")
    draft = only(feed)
    assert feed.link == "https://cdn.example.net/"
    assert draft.url == "https://cdn.example.net/2024/rel"
    assert draft.body.links == ("https://cdn.example.net/2024/more.html", "https://cdn.example.net/root")


def test_atom_xml_base_is_honoured() -> None:
    feed = parse((DATA / "atom10.xml").read_bytes())
    soup, plain = feed.drafts
    assert feed.link == "https://blog.example.org/"
    assert soup.url == "https://blog.example.org/posts/soup"
    assert soup.body.links == ("https://blog.example.org/about",)
    assert "[image: A bowl of soup]" in soup.body.text
    # type="text" content is plain text: the tags are words, not markup.
    assert plain.body.text == "Line with <b>not bold</b> markup.\n\nSecond paragraph."


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "mailto:a@b.c", "ftp://x.example/",
        "http://", "  ",
    ],
)
def test_entry_url_is_kept_only_when_http(link: str) -> None:
    assert only(parse(rss(f"<item><title>t</title><link>{link}</link></item>"))).url == ""


def test_the_fullest_content_wins() -> None:
    long_text = "Full text. " * 20
    item = (
        f"<item><title>t</title><description>Teaser.</description>"
        f"<content:encoded>{long_text}</content:encoded></item>"
    )
    assert only(parse(rss(item))).body.text == long_text.strip()
    entry = (
        f"<entry><title>t</title><id>1</id><summary>{long_text}</summary>"
        "<content type='html'>&lt;p&gt;Short&lt;/p&gt;</content></entry>"
    )
    assert only(parse(atom(entry))).body.text == long_text.strip()


def test_body_links_and_images_are_made_safe() -> None:
    html = (
        '<p><a href="javascript:alert(1)">js</a> <a href="data:text/html,x">data</a> '
        '<a href="file:///etc/passwd">file</a> <a href="https://ok.example/">ok</a> '
        '<a href="mailto:desk@example.org">mail</a></p>'
        '<img src="https://t.example/p.gif" width="1" height="1">'
        '<img src="x.jpg" alt="The minister"><form><input value="secret"></form><script>evil()</script>'
    )
    item = f"<item><title>t</title><content:encoded><![CDATA[{html}]]></content:encoded></item>"
    draft = only(parse(rss(item)))
    assert draft.body.links == ("https://ok.example/", "mailto:desk@example.org")
    assert draft.body.text == "js data file ok[1] mail[2]\n\n[image: The minister]"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Tom &amp;amp; Jerry", "Tom & Jerry"),
        ("It&amp;#8217;s here", "It’s here"),
        ("&lt;b&gt;Bold&lt;/b&gt; news", "Bold news"),
        ("<![CDATA[<em>CDATA</em> title]]>", "CDATA title"),
        ("&lt;script&gt;x()&lt;/script&gt;Safe", "Safe"),
        ("  spread\n  over\tlines  ", "spread over lines"),
    ],
)
def test_titles_are_plain_text(title: str, expected: str) -> None:
    assert only(parse(rss(f"<item><title>{title}</title></item>"))).title == expected


def test_field_sizes_are_capped() -> None:
    item = f"<item><title>{'T' * 5000}</title><author>{'A' * 5000}</author><guid>{'g' * 5000}</guid></item>"
    draft = only(parse(rss(item)))
    assert len(draft.title) == 1000 and len(draft.author) == 200
    assert draft.guid.startswith("sha256:")


def test_entry_count_is_capped() -> None:
    items = "".join(f"<item><title>{n}</title></item>" for n in range(MAX_ENTRIES + 5))
    feed = parse(rss(items))
    assert len(feed.drafts) == MAX_ENTRIES
    assert feed.warnings == (f"5 entries beyond the first {MAX_ENTRIES} dropped",)


def test_an_entry_whose_only_content_is_a_formula_keeps_it_as_text():
    feed = parse(atom(
        '<entry><id>urn:f</id><title>Result</title><updated>2024-05-01T00:00:00Z</updated>'
        '<content type="html">&lt;math alttext="E = mc^2"&gt;&lt;mi&gt;E&lt;/mi&gt;&lt;/math&gt;</content></entry>'
    ))
    assert only(feed).body.text == "E = mc^2"


def test_an_object_s_fallback_text_is_kept_and_its_params_are_not():
    feed = parse(rss(
        "<item><guid>o1</guid><title>Talk</title><description>"
        "&lt;object data='talk.mp4'&gt;&lt;param name='autoplay' value='1'&gt;"
        "&lt;p&gt;A transcript of the talk.&lt;/p&gt;&lt;/object&gt;</description></item>"
    ))
    assert only(feed).body.text == "A transcript of the talk."


def test_a_base64_title_that_is_not_text_is_read_as_characters_not_html():
    import base64

    encoded = base64.b64encode(b"Prices &lt;b&gt;up&lt;/b&gt; again").decode()
    feed = parse(atom(
        f'<entry><id>urn:b</id><title type="application/octet-stream" mode="base64">{encoded}</title>'
        '<updated>2024-05-01T00:00:00Z</updated><summary>Text.</summary></entry>'
    ))
    assert only(feed).title == "Prices &lt;b&gt;up&lt;/b&gt; again"
