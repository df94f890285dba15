"""Sync with a real Tiny Tiny RSS between full listings: the cheap look takes the changes made on
the server and adds its new articles, a full listing once a day (or on demand) catches what the
look cannot see, and a mark made here while a sync runs is kept."""

from __future__ import annotations

from datetime import timedelta

from reader.models import utc_now
from reader.store import Store
from reader.sync import service
from reader.sync import state as saved
from reader.sync.engine import Sync
from reader.sync.ttrss import TtrssClient, TtrssProvider


class Watched(TtrssProvider):
    """The tt-rss provider, counting full listings and running ``during`` once mid-sync (after
    it fetched the changed articles, before it applies them)."""

    def __init__(self, server, account, during=None) -> None:
        super().__init__(TtrssClient(server.url, account.user, account.password))
        self.full_listings = 0
        self.during = during

    def articles(self):
        self.full_listings += 1
        return super().articles()

    def contents(self, remote_ids):
        found = super().contents(remote_ids)
        if self.during is not None:
            during, self.during = self.during, None
            during()
        return found


def synced(server, account, home, count=4):
    account.add_articles([(f"g{i}", f"https://news.example/{i}", f"Story {i}") for i in range(count)])
    store = Store.open(home)
    service.add_account(home, "ttrss", server.url, account.user, account.password)
    service.sync_now(store, account.password)  # the first sync lists everything
    return store


def run(store, server, account, **kwargs):
    provider = Watched(server, account, **kwargs)
    try:
        report = Sync(store, provider).run()
    finally:
        provider.close()
    return provider, report


def ids_by_link(provider):
    return {r.link: r.remote_id for r in provider.articles()}


def local(store, i):
    return store.article_id_for_url(f"https://news.example/{i}")


def test_ttrss_changes_made_on_the_server_reach_the_library_without_a_full_listing(ttrss_server, ttrss_account,
                                                                                     home):
    store = synced(ttrss_server, ttrss_account, home)
    api = Watched(ttrss_server, ttrss_account)
    remote = ids_by_link(api)
    api.set_read([remote["https://news.example/0"]], True)
    api.set_starred([remote["https://news.example/1"]], True)
    api.set_labels(remote["https://news.example/2"], ["World News"], [])
    api.set_note(remote["https://news.example/3"], "from the server")
    provider, report = run(store, ttrss_server, ttrss_account)
    assert provider.full_listings == 0 and report.pulled == 4
    assert store.state(local(store, 0)).read and store.state(local(store, 1)).starred
    assert store.state(local(store, 2)).tags == ("world-news",)
    assert store.article_note(local(store, 3)).note == "from the server"
    # Undone on the server: unread again (the unread count changes), unstarred, unlabelled; and
    # the note's text edited in place.
    api.set_read([remote["https://news.example/0"]], False)
    api.set_starred([remote["https://news.example/1"]], False)
    api.set_labels(remote["https://news.example/2"], [], ["World News"])
    api.set_note(remote["https://news.example/3"], "edited on the server")
    provider, report = run(store, ttrss_server, ttrss_account)
    assert provider.full_listings == 0 and report.pulled == 4
    assert not store.state(local(store, 0)).read and not store.state(local(store, 1)).starred
    assert store.state(local(store, 2)).tags == ()
    assert store.article_note(local(store, 3)).note == "edited on the server"
    api.close()


def test_ttrss_new_server_articles_are_added_by_the_cheap_look(ttrss_server, ttrss_account, home):
    store = synced(ttrss_server, ttrss_account, home)
    ttrss_account.add_articles([("g-new", "https://news.example/new", "Fresh story")])
    provider, report = run(store, ttrss_server, ttrss_account)
    assert provider.full_listings == 0 and report.added == 1 and store.article_count() == 5
    fresh = store.article(store.article_id_for_url("https://news.example/new"))
    assert fresh.title == "Fresh story"
    store.mark_read([fresh.id])
    assert run(store, ttrss_server, ttrss_account)[1].pushed == 1
    api = Watched(ttrss_server, ttrss_account)
    assert {r.link: r.marks.read for r in api.articles()}["https://news.example/new"]
    api.close()


def test_ttrss_a_full_listing_once_a_day_or_on_demand_takes_what_the_look_misses(ttrss_server, ttrss_account,
                                                                                   home):
    store = synced(ttrss_server, ttrss_account, home)
    api = Watched(ttrss_server, ttrss_account)
    remote = ids_by_link(api)
    api.set_read([remote["https://news.example/0"], remote["https://news.example/3"]], True)
    assert run(store, ttrss_server, ttrss_account)[0].full_listings == 0

    def unread_and_purged(read_again: int, purged: int) -> None:
        # One article marked unread while an unread one is purged: the unread count stays the
        # same, and only a full listing sees the change.
        api.set_read([remote[f"https://news.example/{read_again}"]], False)
        ttrss_server.sql(f"delete from ttrss_user_entries where owner_uid = {ttrss_account.uid} and ref_id = "
                         f"{remote[f'https://news.example/{purged}']}")

    unread_and_purged(0, 1)
    provider, report = run(store, ttrss_server, ttrss_account)
    assert provider.full_listings == 0 and store.state(local(store, 0)).read  # missed
    state = saved.read_state(home)
    state.last_full = (utc_now() - timedelta(hours=24)).isoformat()
    saved.write_state(home, state)
    provider, report = run(store, ttrss_server, ttrss_account)
    assert provider.full_listings == 1 and not store.state(local(store, 0)).read
    assert len(saved.read_state(home).articles) == 3  # the purged one forgotten
    assert run(store, ttrss_server, ttrss_account)[0].full_listings == 0  # done for the day
    unread_and_purged(3, 2)
    assert service.sync_now(store, ttrss_account.password, full=True).pulled == 1  # `sync now --full`
    assert not store.state(local(store, 3)).read
    api.close()


def test_ttrss_an_article_purged_on_the_server_keeps_its_marks_here(ttrss_server, ttrss_account, home):
    store = synced(ttrss_server, ttrss_account, home)
    store.set_starred(local(store, 1), True)
    run(store, ttrss_server, ttrss_account)
    ttrss_server.sql(f"delete from ttrss_user_entries where owner_uid = {ttrss_account.uid} and ref_id in "
                     "(select id from ttrss_entries where link in ('https://news.example/0', "
                     "'https://news.example/1'))")
    provider, report = run(store, ttrss_server, ttrss_account)
    assert provider.full_listings == 0 and report.pulled == 0
    assert not store.state(local(store, 0)).read and store.state(local(store, 1)).starred
    assert len(saved.read_state(home).articles) == 2  # forgotten, so not looked for again


def test_ttrss_a_mark_made_here_while_a_sync_runs_is_kept(ttrss_server, ttrss_account, home):
    store = synced(ttrss_server, ttrss_account, home)
    api = Watched(ttrss_server, ttrss_account)
    remote = ids_by_link(api)
    api.set_labels(remote["https://news.example/0"], ["Politics"], [])
    api.set_read([remote["https://news.example/1"]], True)
    article = local(store, 0)
    # The user tags the article after the sync has read the journal and the server, before it
    # applies what the server changed.
    provider, report = run(store, ttrss_server, ttrss_account,
                           during=lambda: store.set_tags(article, ["economy"]))
    assert store.state(article).tags == ("economy",) and store.state(local(store, 1)).read
    assert report.pulled == 1 and len(store.journal.read()[0]) == 1  # the tagging waits to be sent
    run(store, ttrss_server, ttrss_account)
    assert {r.link: r.marks.labels for r in api.articles()}["https://news.example/0"] == ("economy",)
    assert store.state(article).tags == ("economy",) and store.journal.read()[0] == []
    api.close()
