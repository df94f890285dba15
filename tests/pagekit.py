"""Web pages for full-text tests: an outlet's article page with everything around the story that
real pages carry (navigation, share buttons, related links, comments, a cookie banner, trackers),
the story split across <p> and <div>, and the pages that fail (paywalled, empty, not HTML)."""

from __future__ import annotations

from html import escape

#: The story's paragraphs, as the page carries them; the feed carries only the first.
PARAGRAPHS = (
    "The harbour authority confirmed on Tuesday that the old grain pier will close for good in March, "
    "ending more than a century of loading ships at the western quay.",
    "Engineers found that the timber piles beneath the pier had rotted far faster than a survey in 2019 "
    "had predicted, and that repairs would cost more than building a new berth further out.",
    "Dock workers, who learned of the decision from a notice pinned to the canteen door, said they had "
    "been told nothing of the survey's findings until this week.",
    "Marta Okafor, who has driven a forklift on the pier for twenty-two years, said the closure would "
    "leave her shift with nowhere to go. \u201cThey say there will be jobs at the new berth, but nobody "
    "has said when it opens,\u201d she said.",
    "The authority said that the new berth would open in the autumn of next year and that no permanent "
    "staff would lose their jobs, though it could not say how many seasonal contracts would be renewed.",
    "Local councillors have called a public meeting for Thursday evening at the town hall.",
)

SUMMARY = PARAGRAPHS[0]


def article_page(title: str = "Grain pier to close after a century", *, site: str = "The Harbour Gazette",
                 author: str = "Ines Moreau", date: str = "2024-05-06T09:00:00Z",
                 canonical: str = "https://gazette.test/news/grain-pier-to-close",
                 paragraphs: tuple[str, ...] = PARAGRAPHS, extra_head: str = "", filler: int = 0) -> bytes:
    """An outlet's article page; ``filler`` adds that many related-story teasers (a heavier page)."""
    first, second, *rest = paragraphs
    # The story as real CMSs write it: some paragraphs in <p>, some in bare <div>s, one with a
    # link and emphasis, a pull quote and an inline "read more" box in the middle.
    body = [f"<p class=\"lede\">{escape(first)}</p>", f"<div class=\"para\">{escape(second)}</div>"]
    body.append('<aside class="inline-promo"><a href="/newsletter">Sign up for our morning briefing</a></aside>')
    for number, text in enumerate(rest):
        tag = "div" if number % 2 else "p"
        if number == 0:
            text = escape(text).replace("survey", '<a href="/reports/pier-survey">survey</a>', 1)
            body.append(f"<{tag}><em></em>{text}</{tag}>")
        else:
            body.append(f"<{tag}>{escape(text)}</{tag}>")
    related = "".join(
        f'<li><a href="/news/story-{n}">Another story about the port, number {n}, with a long teaser headline</a>'
        f"</li>" for n in range(3 + filler)
    )
    comments = "".join(
        f'<li class="comment"><span class="author">reader{n}</span><p>First! This is comment {n}, '
        f"which is not part of the story at all.</p></li>" for n in range(4)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | {escape(site)}</title>
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="{escape(site)}">
<meta name="author" content="{escape(author)}">
<meta property="article:published_time" content="{escape(date)}">
<link rel="canonical" href="{escape(canonical)}">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{'event': 'pageview'}});</script>
<script src="https://tracker.example/pixel.js"></script>
<style>.cookie-banner {{ position: fixed; }}</style>
{extra_head}
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience and to show you
personalised advertising. By continuing to browse you agree to our use of cookies.</p>
<button>Accept all</button><button>Manage preferences</button></div>
<header class="site-header"><a href="/" class="logo">{escape(site)}</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li>
<li><a href="/business">Business</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main>
<article class="story">
<h1>{escape(title)}</h1>
<div class="byline">By <a href="/authors/ines">{escape(author)}</a> ·
<time datetime="{escape(date)}">6 May 2024</time></div>
<div class="share-buttons"><a href="https://twitter.example/share">Share on Twitter</a>
<a href="https://facebook.example/share">Share on Facebook</a><a href="mailto:?subject=story">Email</a></div>
<div class="story-body">
{chr(10).join(body)}
</div>
<img src="https://tracker.example/p.gif" width="1" height="1" alt="">
</article>
<section class="related"><h2>Related stories</h2><ul>{related}</ul></section>
<section class="comments" id="comments"><h2>Comments (4)</h2><ol>{comments}</ol></section>
</main>
<footer><p>© 2024 {escape(site)}. All rights reserved.</p><a href="/privacy">Privacy</a>
<a href="/terms">Terms</a></footer>
<script>document.querySelectorAll('a').forEach(function (a) {{ a.onclick = track; }});</script>
</body></html>""".encode()


def paywalled_page() -> bytes:
    """The outlet's page as a reader without a subscription sees it: the first paragraph, then a wall."""
    wall = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            '"isAccessibleForFree": false, "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": false, '
            '"cssSelector": ".paywalled"}}</script>')
    page = article_page(paragraphs=(PARAGRAPHS[0], "Subscribe to continue reading. Already a subscriber? Log in."),
                        extra_head=wall)
    return page


def empty_page() -> bytes:
    """A page with nothing to read: a shell that a script would fill in."""
    return (b"<!DOCTYPE html><html><head><title>Loading</title><script src='/app.js'></script></head>"
            b"<body><div id='root'></div><noscript>Please enable JavaScript.</noscript></body></html>")
