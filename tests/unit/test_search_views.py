"""Saved views: named queries kept with the user's data, and their unread counts."""

from __future__ import annotations

import pytest

from reader.search import QueryError, Searcher, SearchIndex, ViewError, index_path, sync
from reader.search.views import SavedViews, ViewCount, counts
from reader.seeds import ensure_seeded
from reader.store import ReadOnlyStore, Store


@pytest.fixture
def store(home):
    store = Store.open(home)
    ensure_seeded(store)
    return store


@pytest.fixture
def views(store):
    return SavedViews(store)


def test_views_are_added_listed_in_order_and_kept_on_disk(store, views):
    first = views.add("Venezuela", "vene*  is:unread")
    views.add("Spain", "madrid OR rajoy")
    assert [(v.name, v.query) for v in views.list()] == [("Venezuela", "vene* is:unread"), ("Spain", "madrid OR rajoy")]
    assert (store.home / "state" / "views.json").exists()
    again = SavedViews(Store.open(store.home))
    assert [v.name for v in again.list()] == ["Venezuela", "Spain"]
    assert again.get("venezuela") == first


def test_a_view_is_renamed_keeping_its_key_and_query(views):
    view = views.add("Venezuela", "vene*")
    renamed = views.rename("VENEZUELA", "Latin America")
    assert (renamed.key, renamed.query, renamed.name) == (view.key, "vene*", "Latin America")
    assert [v.name for v in views.list()] == ["Latin America"]
    assert views.rename("latin america", "Latin america").name == "Latin america"  # only the case changed


def test_a_views_query_is_changed(views):
    views.add("Spain", "madrid")
    assert views.change_query("spain", "madrid OR rajoy").query == "madrid OR rajoy"
    assert views.get("Spain").query == "madrid OR rajoy"


def test_a_view_is_removed(views):
    views.add("Spain", "madrid")
    assert views.remove("spain").name == "Spain"
    assert views.list() == []


@pytest.mark.parametrize(("action", "message"), [
    (lambda v: v.add("Spain", "rajoy"), "already a saved view called 'Spain'"),
    (lambda v: v.add("spaín", "rajoy"), "already a saved view"),
    (lambda v: v.add("   ", "rajoy"), "needs a name"),
    (lambda v: v.add("x" * 61, "rajoy"), "at most 60 characters"),
    (lambda v: v.add("Empty", "   "), "needs a query"),
    (lambda v: v.rename("Nope", "Other"), "no saved view called 'Nope' ('Spain', 'Unread')"),
    (lambda v: v.rename("Spain", "unread"), "already a saved view called 'unread'"),
    (lambda v: v.remove("Nope"), "no saved view called 'Nope'"),
])
def test_mistakes_raise_view_errors(views, action, message):
    views.add("Spain", "madrid")
    views.add("Unread", "is:unread")
    with pytest.raises(ViewError, match=message.replace("(", r"\(").replace(")", r"\)")):
        action(views)


def test_a_query_that_does_not_parse_is_refused_with_where(views):
    with pytest.raises(QueryError) as caught:
        views.add("Broken", 'maduro "nic')
    assert caught.value.position == 7
    assert views.list() == []


def test_view_names_are_cleaned_of_control_characters(views):
    assert views.add("A\x1b[31m\nname", "rajoy").name == "A name"


def test_views_cannot_be_changed_in_a_read_only_library(store):
    SavedViews(store).add("Spain", "madrid")
    reader = SavedViews(Store.open(store.home, read_only=True))
    assert [v.name for v in reader.list()] == ["Spain"]
    with pytest.raises(ReadOnlyStore):
        reader.add("Other", "rajoy")


def test_unread_counts_per_view(store, views):
    index = SearchIndex.open(index_path(store.home))
    sync(index, store)
    spain, unread, nothing = (
        views.add("Spain", "madrid OR rajoy"), views.add("Unread", "is:unread"), views.add("None", "zzzz")
    )
    searcher = Searcher(index, store)
    rajoy = searcher.matching_ids("rajoy")
    store.mark_read(rajoy)
    found = counts(views.list(), searcher)
    total_madrid_or_rajoy = len(searcher.matching_ids("madrid OR rajoy"))
    assert found[spain.key] == ViewCount(total_madrid_or_rajoy, total_madrid_or_rajoy - len(rajoy))
    assert found[unread.key] == ViewCount(3, 3)
    assert found[nothing.key] == ViewCount(0, 0)
