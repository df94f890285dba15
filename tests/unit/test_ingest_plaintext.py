"""Plain-text articles, checked on the shipped seeds and on small made-up documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.plaintext import parse_plain_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str, *, title: str | None = None):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_plain_text(path.read_text(encoding="utf-8"), title=title)


def kinds(body) -> list[tuple[str, str, int]]:
    return [(block.kind, block.text, block.level) for block in body.blocks]


# --- the seeds -------------------------------------------------------------------------------


def test_comment_thread_of_seed_003_is_set_apart_from_the_article() -> None:
    title, body = seed("003", title="Ledezma in Madrid")
    assert title == "Ledezma in Madrid"
    assert body.blocks[0].text.startswith("Metropolitan Mayor and political prisoner")
    assert len(body.comments) >= 6
    assert [c.depth for c in body.comments if c.depth == 0] == [0] * 6  # six numbered comments
    assert any(c.depth > 0 for c in body.comments)  # replies are nested
    # Nothing from the thread or its form leaks into the article.
    for fragment in ("Mr. Good News", "Zimbabwe", "Vigilante justice", "Please enter your",
                     "reader-supported"):
        assert fragment not in body.text
    assert body.blocks[-1].text.startswith("The Coalition of Organizations")


def test_seed_003_comments_keep_their_paragraphs_and_nesting() -> None:
    _, body = seed("003", title="x")
    first = body.comments[0]
    assert first.depth == 0 and first.text.startswith("“The report came from")
    assert "\n\nSure, that’s how thieves" in first.text  # continuation merged, not a new comment
    replies = [c for c in body.comments[1:4]]
    assert [c.depth for c in replies] == [1, 2, 3]
    assert replies[0].text.startswith("What do the local police do?")
    assert "Vigilante justice" in replies[2].text
    rates = body.comments[4]
    assert rates.depth == 0
    assert "11/11/2017- 52,129 VEF/USD\n11/20/2017- 81,271 VEF/USD" in rates.text  # a table
    assert all(not c.text.startswith(("•", "1.", "2.")) for c in body.comments)


def test_seed_003_news_copy_section_headings() -> None:
    _, body = seed("003", title="x")
    headings = [b.text for b in body.blocks if b.kind == "heading"]
    assert headings == ["The Talks", "Crimes against humanity"]


def test_seed_001_newsletter_box_and_language_link_are_gone() -> None:
    title, body = seed("001")
    assert title.startswith("Caracas Mayor Ledezma")
    for furniture in ("Subscribe free", "Sign up here", "unsubscribe", "Español"):
        assert furniture not in body.text
    assert body.blocks[-1].text == "Sources: Blu Radio, El Nacional."
    assert any(b.text.startswith("After more than 1,000 days") for b in body.blocks)
    assert ("heading", "Reactions to the message", 2) in kinds(body)
    assert "\u00a0" not in body.text


def test_seed_002_comment_prompt_is_gone_and_photo_credit_stays_apart() -> None:
    title, body = seed("002")
    assert title == "Exiled Caracas Mayor: Military Intervention Has Already Begun in Venezuela"
    assert "having issues with commenting" not in body.text
    assert ("paragraph", "AP Photo/Ricardo Mazalan", 0) in kinds(body)
    assert body.blocks[-1].text.startswith("Follow Ben Kew")


def test_seed_000_repeated_caption_is_kept_once_and_dateline_tidied() -> None:
    _, body = seed("000")
    caption = "Spanish President Mariano Rajoy with Venezuelan fugitive Antonio Ledezma"
    assert body.text.count(caption) == 1
    assert ("paragraph", caption, 0) in kinds(body)  # a caption, not a section heading
    assert any(b.text.startswith("Caracas, November 20, 2017 – Former") for b in body.blocks)


def test_seed_004_wiki_headings_and_infobox() -> None:
    title, body = seed("004")
    assert title == "Antonio Ledezma"
    assert ("heading", "Political career", 2) in kinds(body)
    assert ("heading", "Federal District governorship", 3) in kinds(body)
    assert ("heading", "Hunger strike", 4) in kinds(body)
    assert ("list_item", "Birth Name: Antonio José Ledezma Díaz", 1) in kinds(body)
    assert "==" not in body.text


def test_a_title_given_for_a_text_that_also_has_it_is_not_repeated() -> None:
    given = "Exiled Caracas Mayor: Military Intervention Has Already Begun in Venezuela"
    title, body = seed("002", title=given)
    assert title == given
    assert not body.blocks[0].text.startswith("Exiled Caracas Mayor")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_have_no_links_and_no_empty_blocks(prefix: str) -> None:
    _, body = seed(prefix, title="t" if prefix == "003" else None)
    assert body.links == ()
    assert all(block.text.strip() for block in body.blocks)


# --- made-up documents ----------------------------------------------------------------------

CASES = [
    # (document, expected blocks after the title line)
    ("T\n\nOne line\nwrapped softly here and there and on and on and on.\n",
     [("paragraph", "One line\nwrapped softly here and there and on and on and on.", 0)]),
    ("T\n\nThis paragraph was wrapped by an editor at a width of about sixty\n"
     "characters, so its lines are joined back together again.\n",
     [("paragraph", "This paragraph was wrapped by an editor at a width of about sixty "
                    "characters, so its lines are joined back together again.", 0)]),
    ("T\n\n- apple\n* pear\n• plum\n  - pip\n1. first\n",
     [("list_item", "apple", 1), ("list_item", "pear", 1), ("list_item", "plum", 1),
      ("list_item", "pip", 2), ("list_item", "1. first", 1)]),
    ("T\n\n== Early life ==\nBorn somewhere.\n\n=== School ===\n\nWent to school.\n",
     [("heading", "Early life", 2), ("paragraph", "Born somewhere.", 0),
      ("heading", "School", 3), ("paragraph", "Went to school.", 0)]),
    ("T\n\n> a quoted line\n> and its second line\n",
     [("quote", "a quoted line\nand its second line", 0)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_blocks(text: str, expected: list) -> None:
    title, body = parse_plain_text(text)
    assert title == "T"
    assert kinds(body) == expected


HEADING_CASES = [
    ("Background", True),
    ("What happens next", True),
    ("He said no.", False),  # a sentence
    ("“Free at last”", False),  # a quotation
    ("Follow @someone", False),  # a handle
    ("This one-line paragraph is far too long to be a section heading in news", False),
]


@pytest.mark.parametrize(("line", "is_heading"), HEADING_CASES)
def test_short_standalone_lines_before_prose_are_headings(line: str, is_heading: bool) -> None:
    prose = "A paragraph of ordinary prose that runs on long enough to be a paragraph."
    _, body = parse_plain_text(f"Title\n\n{prose}\n\n{line}\n\n{prose}\n")
    assert (body.blocks[1].kind == "heading") is is_heading


def test_short_line_at_the_end_is_not_a_heading() -> None:
    text = "Title\n\nSome prose that is long enough to count as prose.\n\nThe End\n"
    _, body = parse_plain_text(text)
    assert body.blocks[-1].kind == "paragraph"


def test_furniture_lines_go_wherever_they_are() -> None:
    text = (
        "Title\n\nReal text.\nSign up for our weekly newsletter\n\nSubscribe to our newsletter.\n\n"
        "Leave a Reply\nYou must be logged in to post a comment.\n\n"
        "The Daily Thing is 100% reader-supported. Please support us by donating.\n"
    )
    _, body = parse_plain_text(text)
    assert kinds(body) == [("paragraph", "Real text.", 0)]


def test_indented_numbered_list_without_replies_stays_in_the_body() -> None:
    text = "Title\n\nSteps to follow:\n\n  1. Open the box\n  2. Read the manual\n"
    _, body = parse_plain_text(text)
    assert body.comments == ()
    items = [b.text for b in body.blocks if b.kind == "list_item"]
    assert items == ["1. Open the box", "2. Read the manual"]


def test_generic_comment_thread() -> None:
    text = (
        "Title\n\nThe article.\n\n"
        "  1. First comment.\n\n    More of the first.\n\n    • A reply.\n\n"
        "  2. Second comment.\n"
    )
    _, body = parse_plain_text(text)
    assert [(c.text, c.depth) for c in body.comments] == [
        ("First comment.\n\nMore of the first.", 0), ("A reply.", 1), ("Second comment.", 0)
    ]
    assert body.text == "The article."


def test_hostile_characters_in_plain_text_are_cleaned() -> None:
    title, body = parse_plain_text("Ti\u200dtle\x1b[2J\n\nBody \x1b]52;c;AAAA\x07text.\n")
    assert title == "Title"
    assert body.text == "Body text."


def test_empty_document() -> None:
    assert parse_plain_text("") == ("", parse_plain_text("\n\n")[1])
    assert parse_plain_text("")[1].blocks == ()
