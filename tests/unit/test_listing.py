"""The article list's content: where a row is and how many are unread, kept as marks change."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from reader.models import Article
from reader.tui.listing import Listing, ViewOptions

START = datetime(2026, 1, 1, tzinfo=UTC)


def article(number: int) -> Article:
    when = START + timedelta(hours=number)
    return Article(id=f"a{number}", source="feed", guid=str(number), title=f"Title {number}", outlet="Outlet",
                   outlet_url="", author="", url=f"https://example.com/{number}", published=when, first_seen=when,
                   kind="news", shard="2026-01", content_hash=str(number))


def counted(listing: Listing) -> int:
    return sum(1 for a in listing.rows if a.id not in listing.read_ids)


def test_rows_are_found_by_id_after_every_rebuild():
    listing = Listing()
    listing.replace(article(n) for n in range(5))
    assert [listing.index_of(f"a{n}") for n in range(5)] == [4, 3, 2, 1, 0]  # newest first
    listing.set_options(ViewOptions(sort="oldest"))
    assert listing.index_of("a0") == 0 and listing.index_of("a4") == 4
    listing.extend([article(9)])
    assert listing.index_of("a9") == 5
    assert listing.index_of("missing") is None and listing.index_of(None) is None


def test_the_unread_count_follows_reads_states_and_views():
    listing = Listing()
    listing.replace(article(n) for n in range(6))
    listing.set_states({"a0"}, {})
    assert listing.unread_count == 5
    listing.note_read(["a1", "a2", "a1"], True)
    assert listing.unread_count == 3 == counted(listing)
    listing.note_read(["a0", "unlisted"], False)
    assert listing.unread_count == 4 == counted(listing)
    listing.set_options(ViewOptions(hide_read=True))
    assert listing.unread_count == 4 == len(listing.rows)
    listing.note_read(["a3"], True)  # stays listed until the view is rebuilt
    assert listing.unread_count == 3 == counted(listing)
    listing.set_states(set(), {})
    assert listing.unread_count == 4 == counted(listing)


def test_a_read_of_the_store_begun_before_a_write_does_not_undo_it_on_screen():
    listing = Listing()
    listing.replace(article(n) for n in range(3))
    listing.set_states(set(), {}, writes_seen=0)
    listing.note_read(["a1"], True)
    listing.hold_read(["a1"], True, write=1)
    listing.note_mark("a2", True, ("war",))
    listing.hold_mark("a2", write=2)
    # A poll that read the store before either write was over: what the user did stays shown.
    listing.set_states(set(), {}, writes_seen=0)
    assert listing.is_read("a1") and listing.is_starred("a2") and listing.tags("a2") == ("war",)
    # One begun after the first write: the read state is the store's now (another process unread
    # it since); the star, whose write was still queued, stays.
    listing.set_states(set(), {}, writes_seen=1)
    assert not listing.is_read("a1") and listing.is_starred("a2")
    listing.set_states({"a0"}, {}, writes_seen=2)
    assert listing.read_ids == {"a0"} and not listing.is_starred("a2")


def test_replacing_months_swaps_only_their_articles():
    listing = Listing()
    january = [replace(article(n), shard="2026-01") for n in range(3)]
    february = [replace(article(n), shard="2026-02") for n in range(3, 6)]
    march = [replace(article(9), shard="2026-03")]
    listing.replace(january + february + march)
    listing.set_options(ViewOptions(query="title"))  # the folded titles are cached
    edited = replace(february[0], title="Corrected headline", content_hash="new")
    added = replace(article(7), shard="2026-02")
    # February re-read: one article edited, one gone, one new; March's month file vanished.
    listing.replace_months({"2026-02", "2026-03"}, [edited, february[2], added])
    assert set(listing.articles) == {"a0", "a1", "a2", "a3", "a5", "a7"}
    assert listing.articles["a3"].title == "Corrected headline"
    assert all(listing.articles[a.id] is a for a in january)  # untouched months: the same objects
    assert [a.id for a in listing.rows] == ["a7", "a5", "a2", "a1", "a0"]  # the edit fails "title" now
    assert listing.index_of("a4") is None and listing.index_of("a9") is None
    listing.replace_months({"2026-04"}, [replace(article(20), shard="2026-04")])  # a new month
    assert listing.rows[0].id == "a20" and len(listing.articles) == 7
