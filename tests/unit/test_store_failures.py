"""What the store does when things go wrong: damaged files, old and new formats, a busy lock, a full disk."""

from __future__ import annotations

import errno
import subprocess
import sys
import time

import orjson
import pytest

from reader.store import CorruptFile, NewerSchema, ReadOnlyStore, Store, StoreFull, StoreLocked, files

#: Ways a JSON file gets damaged: a crash mid-write on a filesystem without atomic rename,
#: a bad edit by hand, a sync tool that copied half of it.
DAMAGE = {
    "garbage": lambda raw: b"\x00\x17not json at all{",
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "wrong shape": lambda raw: b"[1, 2, 3]",
}


@pytest.fixture
def library(home, make_draft):
    """A store with six articles over three months, one read, one starred, a session saved."""
    store = Store.open(home)
    ids = list(store.add_articles(make_draft(i) for i in range(6)).added)
    store.mark_read([ids[0]])
    store.set_starred(ids[1], True)
    store.add_tags(ids[1], ["oil"])
    store.save_session(article=ids[0])
    return store, ids


def damage(path, how):
    path.write_bytes(DAMAGE[how](path.read_bytes()))
    return path.read_bytes()


def assert_names(error: CorruptFile, path) -> None:
    assert error.path == path
    assert str(path) in str(error)
    assert "has not been changed" in str(error)


# Damaged state files --------------------------------------------------------------------

#: (state file, a read that needs it, a write that needs it)
STATE_FILES = {
    "read.json": (lambda s, ids: s.newest(10, unread=True), lambda s, ids: s.mark_read([ids[2]])),
    "marks.json": (lambda s, ids: s.state(ids[1]), lambda s, ids: s.set_starred(ids[2], True)),
    "session.json": (lambda s, ids: s.session(), lambda s, ids: s.save_session(article=ids[3])),
}


@pytest.mark.parametrize("how", DAMAGE)
@pytest.mark.parametrize("name", STATE_FILES)
def test_a_damaged_state_file_is_named_left_alone_and_the_rest_still_works(library, home, make_draft, name, how):
    store, ids = library
    path = home / "state" / name
    damaged = damage(path, how)
    read, write = STATE_FILES[name]

    for store_ in (store, Store.open(home)):  # the running app, and a fresh start
        with pytest.raises(CorruptFile) as caught:
            read(store_, ids)
        assert_names(caught.value, path)
        with pytest.raises(CorruptFile):
            write(store_, ids)
        assert path.read_bytes() == damaged

        # Articles and bodies do not depend on the user's marks.
        assert [a.id for a in store_.articles()] == ids
        assert store_.body(ids[2]) == make_draft(2).body
        assert store_.article(ids[3][:6]).title == "Article number 3"
    assert path.read_bytes() == damaged


def test_a_damaged_marks_file_does_not_stop_marking_articles_read(library, home):
    store, ids = library
    damage(home / "state" / "marks.json", "truncated")
    store.mark_read([ids[4]])
    assert [a.id for a in Store.open(home).newest(10, unread=True)] == [ids[1], ids[2], ids[3], ids[5]]


# Damaged metadata shards and body packs ---------------------------------------------------


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_metadata_shard_is_named_and_other_months_still_open(library, home, make_draft, how):
    store, ids = library
    oldest = store.article(ids[5])
    newest = store.article(ids[0])
    assert oldest.shard != newest.shard
    path = home / "library" / "meta" / f"{oldest.shard}.json"
    damaged = damage(path, how)

    for store_ in (store, Store.open(home)):
        with pytest.raises(CorruptFile) as caught:
            store_.articles()
        assert_names(caught.value, path)
        with pytest.raises(CorruptFile):
            store_.body(ids[5])
        # A new article for the damaged month cannot be stored, and the shard is not rewritten.
        with pytest.raises(CorruptFile):
            store_.add_articles([make_draft(5, guid="another", url="", title="Late")])
        assert path.read_bytes() == damaged

        assert store_.newest(1)[0].id == ids[0]
        assert store_.body(ids[0]) == make_draft(0).body
        assert store_.state(ids[1]).starred
        store_.mark_read([ids[1]])
    assert store.stats().articles == 6


PACK_DAMAGE = {
    "truncated": lambda raw: raw[:-10],
    "flipped bytes": lambda raw: raw[:40] + bytes(b ^ 0xFF for b in raw[40:60]) + raw[60:],
    "emptied": lambda raw: b"",
}


@pytest.mark.parametrize("how", PACK_DAMAGE)
def test_a_damaged_body_pack_is_named_and_left_alone(library, home, make_draft, how):
    store, ids = library
    article = store.article(ids[0])
    path = home / "library" / "bodies" / f"{article.shard}.pack"
    path.write_bytes(PACK_DAMAGE[how](path.read_bytes()))
    damaged = path.read_bytes()

    broken = [i for i in ids if store.article(i).shard == article.shard]
    errors = []
    for article_id in broken:
        try:
            store.body(article_id)
        except CorruptFile as error:
            errors.append(error)
    assert errors, "some body in the damaged pack should be reported"
    assert_names(errors[0], path)
    assert path.read_bytes() == damaged
    # The list, the marks and the bodies kept in other months are unaffected.
    assert [a.id for a in store.articles()] == ids
    assert store.body(ids[5]) == make_draft(5).body
    assert store.stats().starred == 1


def test_a_missing_body_pack_is_reported_not_crashed_on(library, home):
    store, ids = library
    article = store.article(ids[5])
    (home / "library" / "bodies" / f"{article.shard}.pack").unlink()
    with pytest.raises(CorruptFile, match="missing"):
        store.body(ids[5])
    assert len(store.articles()) == 6


# format.json ------------------------------------------------------------------------------


@pytest.mark.parametrize("how", [*DAMAGE, "no version"])
def test_a_damaged_format_file_refuses_to_open_and_is_left_alone(library, home, how):
    path = home / "format.json"
    if how == "no version":
        path.write_bytes(b'{"format": "broadsheet"}')
        damaged = path.read_bytes()
    else:
        damaged = damage(path, how)
    for read_only in (False, True):
        with pytest.raises(CorruptFile) as caught:
            Store.open(home, read_only=read_only)
        assert_names(caught.value, path)
    assert path.read_bytes() == damaged


def test_a_library_from_a_newer_version_is_refused_untouched(library, home):
    (home / "format.json").write_bytes(orjson.dumps({"format": "broadsheet", "schema": 3}))
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file() and p.name != ".lock"}
    for read_only in (False, True):
        with pytest.raises(NewerSchema, match="upgrade broadsheet"):
            Store.open(home, read_only=read_only)
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file() and p.name != ".lock"} == before


# The index is derived, so damage to it is repaired -----------------------------------------


@pytest.mark.parametrize("how", ["deleted", *DAMAGE, "empty object"])
def test_a_lost_or_garbled_index_is_rebuilt_transparently(library, home, how):
    store, ids = library
    path = home / "library" / "index.json"
    if how == "deleted":
        path.unlink()
    elif how == "empty object":
        path.write_bytes(b"{}")
    else:
        damage(path, how)

    reopened = Store.open(home)
    assert reopened.resolve(ids[3][:7]) == ids[3]
    assert reopened.stats().articles == 6
    assert [a.id for a in reopened.articles()] == ids
    rebuilt = orjson.loads(path.read_bytes())
    assert set(rebuilt["ids"]) == set(ids)
    # The running instance notices too.
    assert store.resolve(ids[2]) == ids[2]
    assert store.stats().articles == 6


# Migration from the single-file format ------------------------------------------------------

LEGACY = {
    "articles": {
        "1": {
            "title": "Oil prices climb",
            "body": "First paragraph about oil.\n\nSecond paragraph.",
            "outlet": "Wire",
            "url": "https://wire.example/oil",
            "published": "2017-11-20T10:00:00+00:00",
            "read": True,
            "starred": False,
            "tags": ["Energy", "markets"],
        },
        "2": {
            "title": "Elections called",
            "body": "The vote is set for March.",
            "outlet": "Daily",
            "url": "https://daily.example/vote",
            "published": "2017-12-02T08:30:00+00:00",
            "read": False,
            "starred": True,
            "tags": [],
        },
        "3": {
            "title": "A quiet day",
            "body": "Nothing happened.",
            "outlet": "Daily",
            "url": "",
            "published": "2017-10-01T12:00:00",
            "read": False,
            "starred": False,
            "tags": [],
        },
    }
}


def test_a_version_1_library_is_migrated_with_its_marks_and_a_backup(home):
    home.mkdir()
    original = orjson.dumps(LEGACY, option=orjson.OPT_INDENT_2)
    (home / "broadsheet.json").write_bytes(original)

    store = Store.open(home)

    by_title = {a.title: a for a in store.articles()}
    assert list(by_title) == ["Elections called", "Oil prices climb", "A quiet day"]
    oil = by_title["Oil prices climb"]
    assert (oil.outlet, oil.url, oil.published.isoformat()) == (
        "Wire", "https://wire.example/oil", "2017-11-20T10:00:00+00:00"
    )
    assert store.body(oil).text == "First paragraph about oil.\n\nSecond paragraph."
    assert store.state(oil.id).read and store.state(oil.id).tags == ("energy", "markets")
    vote = by_title["Elections called"]
    assert store.state(vote.id).starred and not store.state(vote.id).read
    stats = store.stats()
    assert (stats.articles, stats.unread, stats.starred, stats.tags) == (3, 2, 1, 2)

    backup = store.migration_backup
    assert backup is not None and backup.parent == home / "backups"
    assert backup.name.startswith("schema-1-")
    assert (backup / "broadsheet.json").read_bytes() == original
    assert orjson.loads((home / "format.json").read_bytes())["schema"] == 2

    again = Store.open(home)
    assert again.migration_backup is None
    assert len(list((home / "backups").iterdir())) == 1
    assert [a.id for a in again.articles()] == [a.id for a in store.articles()]


def test_a_version_1_library_opened_read_only_is_not_migrated(home):
    home.mkdir()
    original = orjson.dumps(LEGACY)
    (home / "broadsheet.json").write_bytes(original)
    with pytest.raises(ReadOnlyStore, match="upgrading"):
        Store.open(home, read_only=True)
    assert sorted(p.name for p in home.iterdir()) == ["broadsheet.json"]
    assert (home / "broadsheet.json").read_bytes() == original


def test_a_damaged_version_1_library_is_reported_and_kept(home):
    home.mkdir()
    (home / "broadsheet.json").write_bytes(b'{"articles": {"1": {"title": "Oil')
    with pytest.raises(CorruptFile) as caught:
        Store.open(home)
    assert_names(caught.value, home / "broadsheet.json")
    assert (home / "broadsheet.json").read_bytes() == b'{"articles": {"1": {"title": "Oil'


# A busy lock --------------------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from reader.store import Store
store = Store.open(sys.argv[1])
with store._lock.held():
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def lock_holder(library, home):
    """Another process holding the library's lock until the test ends."""
    child = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(home)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        yield child
    finally:
        child.kill()
        child.wait()


def test_a_writer_gives_up_with_a_clear_message_when_another_process_holds_the_lock(library, home, lock_holder):
    _, ids = library
    store = Store.open(home, lock_timeout=0.5)
    started = time.monotonic()
    with pytest.raises(StoreLocked) as caught:
        store.mark_read([ids[3]])
    waited = time.monotonic() - started
    assert 0.4 <= waited < 5.0  # gave up after its timeout, rather than waiting on
    message = str(caught.value)
    assert "busy" in message and "try again" in message
    assert f"pid {lock_holder.pid}" in message
    assert str(home) in message

    # Reading needs no lock: the library can still be browsed while another process writes.
    assert [a.id for a in store.articles()] == ids
    assert not store.state(ids[3]).read

    # A holder that dies (even by kill -9) releases the lock at once.
    lock_holder.kill()
    lock_holder.wait()
    store.mark_read([ids[3]])
    assert Store.open(home).state(ids[3]).read


# A full disk ---------------------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    """Make every os.write the store does fail as a full disk would; undo it with ``.free()``."""

    def no_space(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    class Disk:
        def fill(self):
            monkeypatch.setattr(files.os, "write", no_space)

        def free(self):
            monkeypatch.undo()

    disk = Disk()
    disk.fill()
    yield disk
    disk.free()


def state_files(home):
    return {p.name: p.read_bytes() for p in (home / "state").iterdir()}


def test_a_full_disk_fails_the_write_and_keeps_the_previous_state(library, home, full_disk):
    store, ids = library
    full_disk.free()
    before = state_files(home)
    full_disk.fill()

    with pytest.raises(StoreFull, match="full"):
        store.set_starred(ids[2], True)
    with pytest.raises(StoreFull):
        store.mark_read([ids[4]])
    with pytest.raises(StoreFull):
        store.add_tags(ids[1], ["later"])

    assert state_files(home) == before, "files must be intact, and no temp files left behind"
    # What the store shows is what is on disk, not the write that failed.
    assert not store.state(ids[2]).starred
    assert store.state(ids[1]).tags == ("oil",)
    assert [a.id for a in store.newest(10, unread=True)] == ids[1:]

    full_disk.free()
    store.set_starred(ids[2], True)
    assert Store.open(home).state(ids[2]).starred


def test_a_full_disk_during_an_import_adds_nothing_and_a_retry_works(library, home, make_draft, full_disk):
    store, ids = library
    with pytest.raises(StoreFull):
        store.add_articles([make_draft(9), make_draft(10)])

    assert store.stats().articles == 6
    assert [a.id for a in store.articles()] == ids
    assert Store.open(home).stats().articles == 6

    full_disk.free()
    result = store.add_articles([make_draft(9), make_draft(10)])
    assert len(result.added) == 2
    assert store.body(result.added[0]) == make_draft(9).body
    assert Store.open(home).stats().articles == 8
