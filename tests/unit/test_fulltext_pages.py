"""Reading a web page's article: what is kept and dropped of a real outlet's page, its metadata,
and every way a page can fail, each with its own message."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.fulltext import PAGE_LIMITS, FullTextError, extract_page, fetch_page
from tests.feedkit import go_offline
from tests.feedserver import Route
from tests.pagekit import PARAGRAPHS, article_page, empty_page, paywalled_page

HTML = {"Content-Type": "text/html; charset=utf-8"}
#: Loopback is where the test server lives: allowed here, refused in the tests of refusal.
LOCAL = replace(PAGE_LIMITS, private_hosts=True, deadline=2.0, connect_timeout=1.0)


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    go_offline(monkeypatch)


def test_the_story_is_kept_and_the_page_around_it_dropped():
    page = extract_page(article_page(), "https://gazette.test/news/grain-pier-to-close?utm_source=feed")
    text = page.body.text
    # Every paragraph, whether the page put it in a <p> or a <div>; the link is cited as [1].
    assert text.replace("survey[1]'s", "survey's") == "\n\n".join(PARAGRAPHS)
    for furniture in ("cookies", "Accept all", "Share on", "Sign up for our morning", "Related stories",
                      "Another story about the port", "First! This is comment", "All rights reserved", "Sport",
                      "dataLayer", "tracker"):
        assert furniture not in text, furniture
    assert [b.kind for b in page.body.blocks] == ["paragraph"] * len(PARAGRAPHS)
    # The link in the text is cited like a feed article's, resolved against the page.
    assert page.body.links == ("https://gazette.test/reports/pier-survey",)


def test_the_page_metadata_is_read():
    page = extract_page(article_page(), "https://gazette.test/news/x")
    assert page.title == "Grain pier to close after a century"  # without the " | site" of <title>
    assert page.site_name == "The Harbour Gazette"
    assert page.author == "Ines Moreau"
    assert page.published is not None and page.published.date().isoformat() == "2024-05-06"
    assert page.url == "https://gazette.test/news/grain-pier-to-close"
    assert not page.paywalled


def test_hostile_markup_is_text_at_most():
    hostile = article_page(paragraphs=(
        "A first paragraph long enough to be a story, with \x1b]52;c;aGVsbG8=\x07 a clipboard escape in it, "
        "and [bold red]rich markup[/] that must stay text, said the report on Tuesday evening in the city.",
        "A second paragraph, SCRIPT and more words to read, which carry on for a while so that the page "
        "is an article and not a stub at all, HIDDEN as the report went on to say.",
    )).replace(b"SCRIPT", b"<script>alert(1)</script><img src=x onerror=alert(2)><iframe src=/ad></iframe>"
               ).replace(b"HIDDEN", b'<span style="display:none">hidden tracking text</span>')
    text = extract_page(hostile, "https://gazette.test/x").body.text
    # (lxml drops the control characters before our sanitiser sees them: debris, never an escape.)
    assert not any(ord(c) < 32 and c != "\n" for c in text)
    assert "[bold red]rich markup[/]" in text  # never interpreted: shown as written
    assert "alert" not in text and "<" not in text and "hidden tracking" not in text


def test_a_page_with_nothing_to_read_is_empty():
    with pytest.raises(FullTextError) as failure:
        extract_page(empty_page(), "https://gazette.test/app")
    assert failure.value.kind == "empty"


def test_a_paywalled_page_says_so():
    page = extract_page(paywalled_page(), "https://gazette.test/x")
    assert page.paywalled


async def test_fetching_a_page(feed_server):
    url = feed_server.route("/story", body=article_page(), headers=HTML)
    page = await fetch_page(url, LOCAL)
    assert page.words > 150
    request = feed_server.requests_to("/story")[0]
    assert request.headers["accept"].startswith("text/html")


@pytest.mark.parametrize(("route", "kind", "words"), [
    (Route(b"%PDF-1.4 binary", headers={"Content-Type": "application/pdf"}), "not_html", "not a web page"),
    (Route(b'{"a": 1}', headers={"Content-Type": "application/json"}), "not_html", "not a web page"),
    (Route(b"<html>" + b"x" * (64 * 1024), headers=HTML), "too_large", "larger than 32 KB"),
    (Route(article_page(), headers=HTML, delay=1.5), "timeout", "did not arrive within 0.5 s"),
    (Route(b"no", status=402, headers=HTML), "http", "subscribers only"),
    (Route(b"gone", status=404, headers=HTML), "http", "HTTP 404"),
    (Route(empty_page(), headers=HTML), "empty", "no article text"),
])
async def test_each_failure_has_its_message(feed_server, route, kind, words):
    url = feed_server.route("/page", route)
    limits = replace(LOCAL, max_bytes=32 * 1024, deadline=0.5)
    with pytest.raises(FullTextError) as failure:
        await fetch_page(url, limits)
    assert failure.value.kind == kind
    assert words in str(failure.value)


async def test_private_addresses_are_refused_by_default(feed_server):
    url = feed_server.route("/story", body=article_page(), headers=HTML)
    with pytest.raises(FullTextError) as failure:
        await fetch_page(url, PAGE_LIMITS)
    assert failure.value.kind == "private" and "fetch_private_hosts" in str(failure.value)
    assert feed_server.requests_to("/story") == []  # not even asked


async def test_a_name_that_resolves_to_loopback_is_refused(feed_server):
    url = feed_server.url("/story", host="router.test")  # *.test resolves to 127.0.0.1 here
    feed_server.route("/story", body=article_page(), headers=HTML)
    with pytest.raises(FullTextError) as failure:
        await fetch_page(url, PAGE_LIMITS)
    assert failure.value.kind == "private" and "router.test" in str(failure.value)


async def test_every_redirect_hop_is_checked(feed_server, monkeypatch):
    from reader.feeds import hosts

    checked = []
    real = hosts.refuse_private

    async def spy(url):
        checked.append(str(url))
        if url.host == "router.test":
            await real(url)

    # 127.0.0.1 passes as if public; the redirect to a local name is what is caught.
    monkeypatch.setattr("reader.feeds.http.refuse_private", spy)
    target = feed_server.url("/admin", host="router.test")
    url = feed_server.route("/story", redirect=target)
    with pytest.raises(FullTextError) as failure:
        await fetch_page(url, PAGE_LIMITS)
    assert failure.value.kind == "private"
    assert checked == [url, target]
    assert feed_server.requests_to("/admin") == []
