"""Feed autodiscovery in web pages, and the sniffs that tell a feed from a page."""

from __future__ import annotations

import pytest

from reader.feeds.discover import DiscoveredFeed, discover_feeds, looks_like_feed, looks_like_html

PAGE = """<!DOCTYPE html>
<html><head>
<title>A blog</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Posts (RSS)" href="/feed.xml">
<link rel="ALTERNATE" type="Application/Atom+XML; charset=utf-8" title="Posts\u200b (Atom)\x1b[2J" href="atom.xml">
<link rel="alternate home" type="application/feed+json" title="JSON" href="https://cdn.example/feed.json">
<link rel="alternate" type="application/json" href="https://blog.example/wp-json/wp/v2/pages/2">
<link rel="alternate" type="application/json" title="Also JSON" href="//other.example/feed.json#top">
<link rel="alternate" type="application/json+oembed" href="/oembed?url=x">
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="alternate" type="text/html" href="/print">
<link rel="alternate" type="application/rss+xml" title="Evil" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml" title="Data" href="data:application/rss+xml,&lt;rss/&gt;">
<link rel="alternate" type="application/rss+xml" title="File" href="file:///etc/passwd">
<link rel="alternate" type="application/rss+xml" title="Again" href="https://blog.example/feed.xml#dup">
<link rel="alternate" type="application/rss+xml" title="No href">
<link rel="alternate" type="application/rss+xml" title="Empty href" href="">
</head><body>
<link rel="alternate" type="application/rss+xml" title="Comments" href="comments/feed/">
</body></html>"""


def test_feeds_are_found_resolved_and_cleaned_in_document_order() -> None:
    assert discover_feeds(PAGE, "https://blog.example/posts/") == [
        DiscoveredFeed("https://blog.example/feed.xml", "Posts (RSS)", "rss"),
        DiscoveredFeed("https://blog.example/posts/atom.xml", "Posts (Atom)", "atom"),
        DiscoveredFeed("https://cdn.example/feed.json", "JSON", "json"),
        DiscoveredFeed("https://other.example/feed.json", "Also JSON", "json"),
        # the empty href is the page itself, as in a browser
        DiscoveredFeed("https://blog.example/posts/", "Empty href", "rss"),
        DiscoveredFeed("https://blog.example/posts/comments/feed/", "Comments", "rss"),
    ]


def test_base_href_is_followed() -> None:
    page = '<head><base href="/blog/"><link rel=alternate type=application/rss+xml href="rss"></head>'
    assert discover_feeds(page, "https://example.com/a/b")[0].url == "https://example.com/blog/rss"
    page = '<head><base href="https://cdn.example/x/"><link rel=alternate type=application/rss+xml href="rss"></head>'
    assert discover_feeds(page, "https://example.com/")[0].url == "https://cdn.example/x/rss"


def test_a_base_href_that_is_not_http_is_ignored() -> None:
    page = '<head><base href="javascript:void(0)/"><link rel=alternate type=application/rss+xml href="rss"></head>'
    assert discover_feeds(page, "https://example.com/a/")[0].url == "https://example.com/a/rss"
    page = '<head><base href="http://[bad"><link rel=alternate type=application/rss+xml href="rss"></head>'
    assert discover_feeds(page, "https://example.com/a/")[0].url == "https://example.com/a/rss"


def test_bytes_are_decoded_by_their_meta_charset() -> None:
    page = '<meta charset="windows-1252"><link rel=alternate type=application/rss+xml title="Café" href=/f>'
    assert discover_feeds(page.encode("cp1252"), "https://example.com/") == [
        DiscoveredFeed("https://example.com/f", "Café", "rss")
    ]
    page = '<link rel=alternate type=application/rss+xml title="Zürich – news" href=/f>'
    assert discover_feeds(page.encode("utf-8"), "https://example.com/")[0].title == "Zürich – news"


def test_a_page_without_feeds_or_without_a_head() -> None:
    assert discover_feeds("", "https://example.com/") == []
    assert discover_feeds(b"\x00\xff garbage <<<", "https://example.com/") == []
    assert discover_feeds("<p>no feeds here</p>", "https://example.com/") == []


RSS = b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel></channel></rss>'
ATOM = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- generated --><feed xmlns="http://www.w3.org/2005/Atom"/>'
RDF = b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
RSS091 = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd">\n'
    b'<rss version="0.91"/>'
)
JSON_FEED = b'{\n  "version": "https://jsonfeed.org/version/1.1",\n  "title": "x", "items": []}'
JSON_FEED_ESCAPED = b'{"title": "x", "version": "https:\\/\\/jsonfeed.org\\/version\\/1", "items": []}'
HTML = b"<!DOCTYPE html>\n<html><head><title>x</title></head><body></body></html>"
XHTML = b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"/>'
SLOPPY_HTML = b"\n\n  <meta charset=utf-8><title>no doctype</title><p>hello"
OTHER_JSON = b'{"version": 2, "data": []}'
OTHER_XML = b'<?xml version="1.0"?><opml version="2.0"/>'


@pytest.mark.parametrize(
    ("content", "content_type", "feed", "html"),
    [
        (RSS, "application/rss+xml", True, False),
        (RSS, "text/html", True, False),  # misconfigured servers: the content decides
        (ATOM, "", True, False),
        (RDF, "application/xml", True, False),
        (RSS091, "text/xml", True, False),
        (RSS.decode().encode("utf-16"), "", True, False),
        (JSON_FEED, "application/json", True, False),
        (JSON_FEED_ESCAPED, "", True, False),
        (HTML, "text/html; charset=utf-8", False, True),
        (HTML, "application/rss+xml", False, True),  # an error page under the feed's type
        (XHTML, "", False, True),
        (SLOPPY_HTML, "", False, True),
        (OTHER_JSON, "application/json", False, False),
        (OTHER_XML, "text/xml", False, False),
        (b"", "", False, False),
        (b"Warning: something broke\n<rss>", "application/rss+xml", True, False),  # the type vouches
        (b"plain text", "text/html", False, True),
        (b"plain text", "text/plain", False, False),
    ],
)
def test_sniffing_feeds_and_pages(content: bytes, content_type: str, feed: bool, html: bool) -> None:
    assert looks_like_feed(content, content_type) is feed
    assert looks_like_html(content, content_type) is html
