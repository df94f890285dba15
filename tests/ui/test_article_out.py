"""The open article out of the app: links by number and from a list, saved to a file, piped to a
command (the article on its standard input, never on a command line)."""

from __future__ import annotations

from textual.widgets import Input

from reader.models import Block, Body
from reader.seeds import ensure_seeded
from reader.store import Store
from reader.tui.screens.dialogs import Choose, Prompt

from .conftest import article_list, drain, notifications, reader_title, settle, titles, type_text

LINKS = ("https://example.org/one", "https://example.org/two", "https://example.org/three")


def with_links(home, make_draft) -> None:
    store = Store.open(home)
    ensure_seeded(store)
    body = Body(blocks=(Block("paragraph", "The council met [1], then voted [2] and [3]."),), links=LINKS)
    store.add_articles([make_draft(0, title="Council vote; $(rm -rf ~)", body=body)])


async def opened(pilot, opened_links: list[str]):
    app = pilot.app
    app.open_link = lambda screen, url: opened_links.append(url)
    article_list(app).set_cursor(titles(app).index("Council vote; $(rm -rf ~)"))
    await pilot.press("enter")
    await settle(pilot)
    assert reader_title(app) == "Council vote; $(rm -rf ~)"


async def test_a_digit_opens_that_link_and_U_lists_them_all(start, home, make_draft):
    with_links(home, make_draft)
    links: list[str] = []
    async with start() as pilot:
        app = pilot.app
        await opened(pilot, links)
        await pilot.press("2")
        assert links == [LINKS[1]]
        await pilot.press("7")
        assert links == [LINKS[1]] and "This article has 3 links; U lists them." in notifications(app)
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert links == [LINKS[1], LINKS[2]]


async def test_j_and_k_move_in_a_choice_list_as_the_arrows_do(start, home, make_draft):
    with_links(home, make_draft)
    links: list[str] = []
    async with start() as pilot:
        app = pilot.app
        await opened(pilot, links)
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, Choose)
        await pilot.press("j", "j", "k", "enter")
        await settle(pilot)
        assert links == [LINKS[1]]


async def test_ctrl_s_saves_the_article_as_markdown_where_the_user_says(start, home, make_draft, tmp_path):
    with_links(home, make_draft)
    async with start() as pilot:
        app = pilot.app
        await opened(pilot, [])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        box = app.screen.query_one(Input)
        assert box.value.endswith("council-vote-rm-rf.md")
        box.value = ""
        await type_text(pilot, str(tmp_path / "no-such-folder" / "a.md"))
        await pilot.press("enter")
        assert isinstance(app.screen, Prompt)  # the folder does not exist: say so, keep the text
        box.value = ""
        await type_text(pilot, str(tmp_path / "vote.md"))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
    saved = (tmp_path / "vote.md").read_text()
    assert saved.startswith("# Council vote; $(rm -rf ~)\n")
    assert "The council met [1]" in saved and f"[3]: {LINKS[2]}" in saved


async def test_a_pipe_hands_the_article_to_the_command_on_its_standard_input(start, home, make_draft, tmp_path):
    with_links(home, make_draft)
    out = tmp_path / "piped.md"
    async with start() as pilot:
        app = pilot.app
        await opened(pilot, [])
        await pilot.press("vertical_line")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        await type_text(pilot, f"tee {out}")  # tee also prints what it got: the first lines show
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        await drain(pilot)
        assert any(n.startswith("Piped “Council vote") and "\n# Council vote" in n for n in notifications(app))
    assert out.read_text().startswith("# Council vote; $(rm -rf ~)\n")
    assert not (tmp_path / "~").exists()


async def test_every_screen_line_of_a_long_quote_starts_with_its_bar(start, home, make_draft):
    from .conftest import screen_lines
    from .test_annotations import HIGHLIGHT, painted, pane

    quote = " ".join(["The minister said the talks would resume next week in the capital."] * 4)
    store = Store.open(home)
    ensure_seeded(store)
    body = Body(blocks=(Block("paragraph", "Before the quote."), Block("quote", quote), Block("paragraph", "After.")))
    store.add_articles([make_draft(0, title="Quoted at length", body=body)])
    for size in ((160, 48), (100, 40)):
        async with start(size=size) as pilot:
            app = pilot.app
            article_list(app).set_cursor(titles(app).index("Quoted at length"))
            await pilot.press("enter")
            await settle(pilot)
            region = app.screen.query_one("#reader-body").content_region
            lines = [line[region.x:region.right].rstrip() for line in screen_lines(app)[region.y:region.bottom]]
            start_at = next(n for n, line in enumerate(lines) if "The minister said" in line)
            end_at = next(n for n, line in enumerate(lines) if line.startswith("After."))
            quoted = [line for line in lines[start_at:end_at] if line.strip()]
            assert len(quoted) >= 3, lines  # it wraps
            assert all(line.startswith("▎ ") for line in quoted), quoted
            # A highlight on the quote still lands on its words.
            reader = pane(app)
            at = reader.body_text.index("talks would resume")
            reader.post_message(reader.AnnotateRequested(reader.article_id, at, at + len("talks would resume")))
            await drain(pilot)
            await settle(pilot)
            [saved] = store.annotations(reader.article_id)
            assert saved.quote == "talks would resume"
            assert painted(app, HIGHLIGHT) == ["talks would resume"]
            store.delete_annotation(saved.id)
