"""HTML pages and feed fragments: what a reader sees of them, and what never gets through."""

from __future__ import annotations

import pytest

from reader.ingest.html import html_to_body, parse_html


def blocks(html: str, base_url: str = "") -> list[tuple[str, str, int]]:
    return [(b.kind, b.text, b.level) for b in html_to_body(html, base_url).blocks]


def test_title_prefers_the_h1_inside_a_site_suffixed_title() -> None:
    page = "<title>Ledezma flees | The Paper</title><body><h1>Ledezma flees</h1><p>Text.</p></body>"
    title, body = parse_html(page)
    assert title == "Ledezma flees"
    assert [b.text for b in body.blocks] == ["Text."]  # the h1 is not repeated in the body


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("<title> Only &amp; title </title><p>x</p>", "Only & title"),
        ("<h1>Only <em>heading</em></h1><p>x</p>", "Only heading"),
        # The page's one <h1> is the headline; <title> is for tabs and search engines.
        ("<title>Page</title><h1>Different</h1>", "Different"),
        ("<title>Story - The Globe</title><p>x</p>", "Story"),
        ("<title>Story</title><h1>Section</h1><h1>Other</h1>", "Story"),
        ("<title>S | Site</title><nav><h1>Site</h1></nav><article><h1>The story</h1><p>x</p></article>", "The story"),
        ("<p>nothing</p>", ""),
        ("<title>Bad\u200d\x1b[31m title</title>", "Bad title"),
    ],
)
def test_title(page: str, title: str) -> None:
    assert parse_html(page)[0] == title


DROPPED = [
    ("<p>Hi</p><script>document.write('evil')</script>", "evil"),
    ("<p>Hi</p><style>p { color: red }</style>", "color"),
    ("<p>Hi</p><form><input value='secret'><button>Send it</button></form>", "Send it"),
    ("<nav><a href='/'>Home menu</a></nav><p>Hi</p>", "Home menu"),
    ("<p>Hi</p><footer>Copyright junk</footer>", "Copyright junk"),
    ("<p>Hi</p><iframe src='x'>frame text</iframe><noscript>enable js</noscript>", "enable js"),
    ("<p>Hi</p><svg><text>vector label</text></svg>", "vector label"),
    ("<p>Hi</p><p hidden>hidden prompt</p><p style='display: none'>also hidden</p>", "hidden"),
]


@pytest.mark.parametrize(("html", "gone"), DROPPED)
def test_non_article_elements_are_dropped(html: str, gone: str) -> None:
    body = html_to_body(html)
    assert gone not in body.text
    assert body.text == "Hi"


def test_links_are_numbered_resolved_and_filtered() -> None:
    html = (
        '<p>Read <a href="/news/1">the story</a>, <a href="javascript:alert(1)">click me</a>, '
        '<a href="data:text/html,x">data</a>, <a href="https://other.org/">elsewhere</a> and '
        '<a href="/news/1">the story again</a>, or <a href="mailto:desk@example.org">write</a>.</p>'
    )
    body = html_to_body(html, base_url="https://example.org/world/")
    assert body.links == (
        "https://example.org/news/1",
        "https://other.org/",
        "mailto:desk@example.org",
    )
    assert body.text == (
        "Read the story[1], click me, data, elsewhere[2] and the story again[1], or write[3]."
    )


def test_relative_link_without_base_is_dropped_but_its_text_stays() -> None:
    body = html_to_body('<p>See <a href="page.html">this page</a>.</p>')
    assert body.text == "See this page." and body.links == ()


def test_tracking_pixels_are_dropped_and_images_kept_as_alt_text() -> None:
    html = (
        '<p>Story.</p><img src="https://t.example/p.gif" width="1" height="1">'
        '<img src="/spacer.gif" style="width:1px;height:1px" alt="spacer">'
        '<figure><img src="rajoy.jpg" alt="Rajoy meets Ledezma">'
        "<figcaption>In Madrid.</figcaption></figure>"
        '<img src="no-alt.jpg">'
    )
    assert blocks(html) == [
        ("paragraph", "Story.", 0),
        ("image", "[image: Rajoy meets Ledezma]", 0),
        ("paragraph", "In Madrid.", 0),
        ("image", "[image]", 0),
    ]


def test_nested_lists_get_their_depth_and_ordered_lists_their_numbers() -> None:
    html = (
        "<ul><li>Colombia<ul><li>Cúcuta</li><li>Bogotá<ul><li>El Dorado</li></ul></li></ul></li>"
        "<li>Spain</li></ul><ol start='3'><li>third</li><li>fourth</li></ol>"
    )
    assert blocks(html) == [
        ("list_item", "Colombia", 1),
        ("list_item", "Cúcuta", 2),
        ("list_item", "Bogotá", 2),
        ("list_item", "El Dorado", 3),
        ("list_item", "Spain", 1),
        ("list_item", "3. third", 1),
        ("list_item", "4. fourth", 1),
    ]


def test_structure_headings_quotes_pre_rules_and_line_breaks() -> None:
    html = (
        "<h2>The Talks</h2><p>First line<br>second   line\n wrapped</p>"
        "<blockquote><p>“Welcome to Spain, friend”</p></blockquote>"
        "<pre>  keep\n    this  spacing</pre><hr><h3>More</h3>"
    )
    assert blocks(html) == [
        ("heading", "The Talks", 2),
        ("paragraph", "First line\nsecond line wrapped", 0),
        ("quote", "“Welcome to Spain, friend”", 0),
        ("preformatted", "  keep\n    this  spacing", 0),
        ("rule", "", 0),
        ("heading", "More", 3),
    ]


def test_escape_sequences_and_markup_like_text() -> None:
    body = html_to_body("<p>\x1b]52;c;QUJD\x07[bold]literal[/bold] &lt;b&gt; \u202eevil</p>")
    assert body.text == "[bold]literal[/bold] <b> evil"


@pytest.mark.parametrize(
    "html",
    [
        "", "<", "<p", "<<<>>>", "<p><b><i>unclosed", "</div></div>",
        "<a href='http://[::1'>x</a>", "<div>" * 3000 + "deep" + "</div>" * 3000,
        "\x00\ud800<p>x</p>", "<ol start='x'><li>a</li></ol>", "<img width='abc' height='-'>",
        "<table><td>cell</td></table>", "<a href='/x'><p>block</p>inside link</a>",
    ],
)
def test_malformed_html_never_raises(html: str) -> None:
    parse_html(html)
    html_to_body(html)


def test_deeply_nested_markup_keeps_its_text() -> None:
    assert html_to_body("<div>" * 3000 + "deep" + "</div>" * 3000).text == "deep"


def test_a_page_of_links_and_lists_keeps_every_block_and_link() -> None:
    # Its speed (hundreds of such pages a second) is in bench_guards.py.
    paragraph = "<p>Some <a href='/x{}'>linked</a> text with <em>emphasis</em> and more words.</p>"
    page = "<html><body><article><h1>T</h1>" + "".join(paragraph.format(i) for i in range(60))
    page += "<ul>" + "<li>item</li>" * 20 + "</ul></article></body></html>"
    title, body = parse_html(page, base_url="https://example.org/")
    assert title == "T"
    assert [b.kind for b in body.blocks] == ["paragraph"] * 60 + ["list_item"] * 20
    assert body.links[:2] == ("https://example.org/x0", "https://example.org/x1")
