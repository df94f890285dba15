"""Links taken as they are without joining: only those that joining would leave unchanged."""

from __future__ import annotations

import random
from urllib.parse import urljoin

from feedparser.urls import _urljoin

from reader.feeds.entries import web_url
from reader.feeds.settled import settled

BASES = ["", "http://127.0.0.1:8080/feeds/000.xml", "https://news.example/a/b", "https://news.example"]


def test_a_link_taken_as_it_is_is_what_joining_gives() -> None:
    rng = random.Random(7)
    alphabet = "abcAZ09.-_~!$&'()*+,=:@%/?#;[] \t\\xé\x1b"
    taken = 0
    for _ in range(8_000):
        scheme = rng.choice(["http://", "https://", "HTTP://", "ftp://", "http:///", "", "javascript:"])
        link = scheme + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        for base in BASES:
            if settled(base, link):
                taken += 1
                assert urljoin(base, link) == link == _urljoin(base, link), (base, link)
    assert taken > 200  # the check does pass the ordinary links


def test_links_that_need_work_are_still_cleaned_and_joined() -> None:
    base = "https://news.example/world/"
    assert web_url("https://news.example/story-1.html", base) == "https://news.example/story-1.html"
    assert web_url("story-2.html", base) == "https://news.example/world/story-2.html"
    assert web_url("HTTPS://news.example/a b", base) == "https://news.example/a%20b"
    assert web_url("https://news.example/\x1b]52;c;x\x07a", base) == "https://news.example/a"
    assert web_url("javascript:alert(1)", base) == ""
    assert web_url("https://[::1/x", base) == ""
    assert web_url("https://news.example/x", "http://[::1/") == ""  # a broken base still refuses
