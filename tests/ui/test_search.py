"""Search in the app: ranked results with marked words, matches in the reader, bad queries, saved views."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from reader.search.views import SavedViews
from reader.store import Store
from reader.tui.screens.views import ViewsScreen
from reader.tui.widgets.reader.body_render import CURRENT_STYLE, MENTION_STYLE

from .conftest import (
    SEED_TITLES,
    article_list,
    drain,
    list_lines,
    notifications,
    reader_title,
    replace_text,
    running,
    searched,
    settle,
    titles,
    type_text,
    until,
)


def underlined_in_row(app, row: int) -> list[str]:
    """The words drawn underlined (a search match) in a row of the list, as the user sees them."""
    strip = article_list(app).render_line(row)
    return [segment.text for segment in strip if segment.style is not None and segment.style.underline]


def marked_in_reader(app) -> list[str]:
    """The words the reader pane marks as matches, the current one included."""
    body = app.screen.query_one("#reader-body", Static).content
    return [body.plain[span.start:span.end] for span in body.spans if str(span.style) in (MENTION_STYLE, CURRENT_STYLE)]


def current_match(app) -> list[str]:
    body = app.screen.query_one("#reader-body", Static).content
    return [body.plain[span.start:span.end] for span in body.spans if str(span.style) == CURRENT_STYLE]


async def search(pilot, query: str) -> None:
    await pilot.press("slash")
    await type_text(pilot, query)
    await searched(pilot)


async def test_matched_words_are_marked_in_the_list_and_the_reader_and_stepped_through(start):
    async with start() as pilot:
        app = pilot.app
        await search(pilot, "madrid")
        assert titles(app)[0] == SEED_TITLES[3]  # "…Lands in Madrid…": a title match outranks body matches
        assert underlined_in_row(app, 0) == ["Madrid"]
        # A result matching in its text only shows a snippet of it, the word marked.
        body_only = titles(app).index(SEED_TITLES[2])
        assert "Madrid" in underlined_in_row(app, body_only)
        await pilot.press("escape", "escape")
        await search(pilot, "rajoy OR madrid")
        await pilot.press("enter")
        article_list(app).set_cursor(titles(app).index(SEED_TITLES[3]))
        await pilot.press("enter")
        await settle(pilot)
        assert reader_title(app) == SEED_TITLES[3]
        marked = marked_in_reader(app)
        # Its text names Madrid once and Rajoy twice.
        assert sorted(marked) == ["Madrid", "Rajoy", "Rajoy"]
        await pilot.press("greater_than_sign")
        assert current_match(app) == ["Madrid"]
        assert notifications(app)[-1].startswith(f"Match 1 of {len(marked)}")
        await pilot.press("greater_than_sign")
        assert notifications(app)[-1].startswith(f"Match 2 of {len(marked)}")
        await pilot.press("less_than_sign", "less_than_sign")
        assert notifications(app)[-1].startswith(f"Match {len(marked)} of {len(marked)}")


async def test_an_entity_search_shows_where_each_result_names_the_entity(library):
    # Not the article's opening, which may not name them at all: the sentence that does.
    async with running(library) as pilot:
        app = pilot.app
        await until(pilot, lambda: app.entity_library is not None)
        await search(pilot, "entity:Rajoy")
        assert sorted(titles(app)) == sorted([SEED_TITLES[2], SEED_TITLES[3]])
        store = app.services.store
        for row, article in enumerate(article_list(app).listing.rows):
            assert "Rajoy" in "".join(underlined_in_row(app, row)), list_lines(app)[row]
            opening = " ".join(store.body(article.id).text.split()[:3])
            assert opening not in list_lines(app)[row]


async def test_an_entity_search_marks_the_entitys_mentions_in_the_reader(library):
    # entity: matches the article where it names the entity, by any spelling; > steps through
    # those mentions as through a word search's matches.
    async with running(library) as pilot:
        app = pilot.app
        await until(pilot, lambda: app.entity_library is not None)
        await search(pilot, 'entity:"Mariano Rajoy"')
        await pilot.press("enter")
        article_list(app).set_cursor(titles(app).index(SEED_TITLES[3]))
        await pilot.press("enter")
        await settle(pilot)
        marked = marked_in_reader(app)
        assert marked and all("Rajoy" in word for word in marked), marked
        await pilot.press("greater_than_sign")
        assert notifications(app)[-1].startswith(f"Match 1 of {len(marked)}")
        assert current_match(app) == marked[:1]


async def test_stems_prefixes_and_phrases(start):
    async with start() as pilot:
        app = pilot.app
        await search(pilot, "escaping")  # the texts say "escape", "escaped"
        escaped = set(titles(app))
        assert SEED_TITLES[2] in escaped
        await pilot.press("escape")
        await search(pilot, "dominic*")
        assert titles(app)[0] == SEED_TITLES[3]
        await pilot.press("escape")
        await search(pilot, '"talks in the dominican republic"')
        assert titles(app) == [SEED_TITLES[3]]


async def test_a_bad_query_points_at_the_mistake_and_keeps_the_list(start):
    async with start() as pilot:
        app = pilot.app
        await search(pilot, "(madrid OR")
        error = app.screen.query_one("#search-error", Static)
        assert error.display
        shown = error.content.plain.splitlines()
        assert "(madrid OR" in shown[1] and shown[2].strip() == "^"
        assert titles(app) == SEED_TITLES  # nothing narrowed, nothing crashed
        await pilot.press("backspace", "backspace", "backspace", "right_parenthesis")
        await searched(pilot)
        assert not error.display
        assert SEED_TITLES[3] in titles(app)


async def test_filters_of_the_query_language_use_the_users_marks(start, home):
    async with start() as pilot:
        app = pilot.app
        await pilot.press("j", "j", "s")  # star the third article
        await drain(pilot)
        await search(pilot, "is:starred")
        assert titles(app) == [SEED_TITLES[2]]
        await pilot.press("escape")
        await search(pilot, "ledezma -outlet:wikipedia before:2017-11-20")
        assert titles(app) == [SEED_TITLES[4]]


async def test_escape_from_the_results_clears_the_search_box_too(start):
    async with start() as pilot:
        app = pilot.app
        await search(pilot, "madrid")
        await pilot.press("enter")
        assert app.focused is article_list(app)
        await pilot.press("escape")
        await settle(pilot)
        search_box = app.screen.query_one("#search", Input)
        assert titles(app) == SEED_TITLES
        assert not search_box.display and search_box.value == ""
        assert "search:" not in app.screen.sub_title


async def test_an_article_added_while_running_is_found(start, home, make_draft):
    async with start() as pilot:
        app = pilot.app
        Store.open(home).add_articles([make_draft(1, title="Quokka census", outlet="Wildlife Desk")])
        for _ in range(30):  # the app notices another process's change on its next check
            await pilot.pause(0.1)
            await settle(pilot)
            if "Quokka census" in titles(app):
                break
        await settle(pilot)
        await search(pilot, "quokkas")
        assert titles(app) == ["Quokka census"]


async def test_a_search_saved_as_a_view_is_listed_with_counts_opened_renamed_and_deleted(start, home):
    async with start() as pilot:
        app = pilot.app
        await search(pilot, "spain OR madrid")
        found = titles(app)
        await pilot.press("enter", "V")
        await settle(pilot)
        assert isinstance(app.screen, ViewsScreen)
        await pilot.press("a")
        await type_text(pilot, "Exile")
        await pilot.press("enter")
        await drain(pilot)
        await settle(pilot)
        assert [(v.name, v.query) for v in SavedViews(Store.open(home)).list()] == [("Exile", "spain OR madrid")]
        table = app.screen.query_one(DataTable)
        name, unread, total, query = (cell.plain for cell in table.get_row_at(0))
        assert (name, unread, total, query) == ("Exile", str(len(found)), str(len(found)), "spain OR madrid")
        await pilot.press("r")
        await settle(pilot)
        assert pilot.app.focused.value == "Exile"  # the rename starts from the name
        await replace_text(pilot, "Spain")
        await pilot.press("enter")
        await drain(pilot)
        await settle(pilot)
        assert [v.name for v in SavedViews(Store.open(home)).list()] == ["Spain"]
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert titles(app) == SEED_TITLES
        await pilot.press("V")
        await settle(pilot)
        await pilot.press("enter")
        await searched(pilot)
        assert titles(app) == found and "view: Spain" in app.screen.sub_title
        # The search box shows the view's query, not the search typed before.
        assert app.screen.query_one("#search", Input).value == "spain OR madrid"
        await pilot.press("V")
        await settle(pilot)
        await pilot.press("d")
        await pilot.press("y")
        await drain(pilot)
        await settle(pilot)
    assert SavedViews(Store.open(home)).list() == []



async def test_a_rejected_name_or_query_stays_in_the_dialog_to_be_corrected(start, home):
    from reader.tui.screens.dialogs import Prompt

    views = SavedViews(Store.open(home))
    views.add("Exile", "spain OR madrid")
    views.add("Talks", "dominican")
    async with start() as pilot:
        app = pilot.app
        await pilot.press("V")
        await settle(pilot)
        await pilot.press("r")  # rename the first view to the second one's name
        await settle(pilot)
        await replace_text(pilot, "talks")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Prompt) and app.focused.value == "talks"
        assert "already a saved view called 'talks'" in str(app.screen.query_one("#prompt-hint").render())
        await replace_text(pilot, "Exiles")
        await pilot.press("enter")
        await drain(pilot)
        await settle(pilot)
        assert sorted(v.name for v in SavedViews(Store.open(home)).list()) == ["Exiles", "Talks"]
        await pilot.press("e")  # the query, with a mistake
        await settle(pilot)
        await replace_text(pilot, "(spain OR")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Prompt) and app.focused.value == "(spain OR"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ViewsScreen)
    assert sorted(v.query for v in SavedViews(Store.open(home)).list()) == ["dominican", "spain OR madrid"]


async def test_a_view_saved_from_the_command_line_appears_in_the_open_views_screen(start, home):
    import time

    async with start() as pilot:
        app = pilot.app
        await pilot.press("V")
        await settle(pilot)
        assert isinstance(app.screen, ViewsScreen) and app.screen.views == []
        SavedViews(Store.open(home)).add("Exile", "spain OR madrid")  # another process: the CLI
        deadline = time.monotonic() + 15
        while not app.screen.views and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert [v.name for v in app.screen.views] == ["Exile"]
        await settle(pilot)
        name = app.screen.query_one(DataTable).get_row_at(0)[0].plain
        assert name == "Exile"


async def test_at_80_columns_a_result_keeps_its_title_rather_than_a_sliver_of_text(start):
    async with start(size=(80, 24)) as pilot:
        app = pilot.app
        await search(pilot, "madrid")
        body_only = titles(app).index(SEED_TITLES[2])  # matches in its text only
        row = article_list(app).render_line(body_only).text
        assert SEED_TITLES[2][:14] in row and " — " not in row, row
