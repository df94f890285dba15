"""One sync: send the library's changes, take the server's, add what the library lacks.

Order matters for a kill -9 at any instant: the server is told first, the library changed next,
and only then is the agreed state saved and the journal emptied. A sync cut short anywhere is
redone by the next one, which finds the same differences, or finds both sides already agreeing.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ..models import utc_now
from ..store import Store
from . import partial
from . import state as saved
from .matching import Matcher
from .merge import FIELDS, Decision, Marks, decide, first_meeting, label_tag
from .provider import ChangeLister, RemoteArticle, SyncProvider


@dataclass(frozen=True, slots=True)
class SyncReport:
    articles: int
    added: int
    pushed: int
    pulled: int
    conflicts: tuple[dict[str, Any], ...]
    notices: tuple[str, ...]
    seconds: float
    feeds_added: int = 0
    feeds_pushed: int = 0


class _Local:
    """The library's marks, read once per sync: all of them, or those of the articles given."""

    def __init__(self, store: Store, article_ids: set[str] | None = None) -> None:
        if article_ids is None:
            self.read_ids, self.marks = store.states()
            self.notes = {a.article: a.note for a in store.annotations() if a.is_article_note}
        else:
            self.read_ids, self.marks = store.states_of(article_ids)
            self.notes = {i: note.note for i in article_ids if (note := store.article_note(i)) is not None}

    def of(self, article_id: str) -> Marks:
        mark = self.marks.get(article_id)
        return Marks(article_id in self.read_ids, bool(mark and mark.starred),
                     tuple(sorted(mark.tags)) if mark else (), self.notes.get(article_id, ""))


class Sync:
    def __init__(self, store: Store, provider: SyncProvider, *, full: bool = False) -> None:
        self.store = store
        self.provider = provider
        self.full = full
        """List every article whether or not a full listing is due (`sync now --full`)."""
        self.state = saved.read_state(store.home)
        self.pushes: dict[str, list[tuple[str, Decision, Marks]]] = defaultdict(list)
        self.pulls: list[tuple[str, Decision]] = []
        self.conflicts: list[dict[str, Any]] = []
        self.notices: list[str] = []
        self.held = provider.capabilities
        for field, what in (("tags", "tags"), ("note", "article notes")):
            # Said once, in the first sync that meets this service; `sync status` keeps showing it.
            if not self.held.holds(field) and field not in self.state.local_only:
                self.state.local_only.append(field)
                self.notices.append(f"{what} stay in this library: {provider.name} has nowhere to keep them")

    def _remote_marks(self, remote: RemoteArticle) -> Marks:
        tags = []
        for caption in remote.marks.labels:
            tag = label_tag(caption)
            if tag and tag != caption and self.state.labels.get(tag) != caption:
                self.state.labels[tag] = caption
                self.notices.append(f"the label {caption!r} is the tag {tag!r} here (tags are one lower-case word)")
            if tag:
                tags.append(tag)
        m = remote.marks
        return Marks(m.read, m.starred, tuple(sorted(set(tags))), m.note)

    def run(self) -> SyncReport:
        started = time.monotonic()
        now = utc_now()
        changes, offset = self.store.journal.read()
        changed_at = {(c.article, c.field): c.at for c in changes}
        self.provider.login()
        known = self.state.articles
        remotes, full = self._look({c.article for c in changes}, now)
        matcher = Matcher(self.store, self.provider)
        missing = []
        for remote in remotes:
            if remote.remote_id not in known:
                local_id = matcher.find(remote)
                if local_id is None:
                    missing.append(remote.remote_id)
                else:
                    known[remote.remote_id] = {"id": local_id}
        added = matcher.add(missing) if missing else {}
        for remote_id, local_id in added.items():
            known[remote_id] = {"id": local_id}
        # A full listing merges every article, so every local mark is read; a cheap look merges
        # a handful, whose marks are read one by one.
        local = _Local(self.store, None if full else {known[r.remote_id]["id"] for r in remotes
                                                      if r.remote_id in known})
        for remote in remotes:
            entry = known.get(remote.remote_id)
            if entry is None:
                continue
            self._merge(entry, remote, local, changed_at, now.isoformat())
        self._push()
        with self.store.writing():
            pulled = self._pull(len(changes))
            self.state.last_sync, self.state.last_error = now.isoformat(), ""
            self.state.notices = list(dict.fromkeys([*self.state.notices, *self.notices]))[-20:]
            saved.write_state(self.store.home, self.state)
            saved.log_conflicts(self.store.home, self.conflicts)
            self.store.journal.drop_through(offset)
        return SyncReport(len(remotes) if full else len(known), len(added),
                          sum(len(v) for v in self.pushes.values()), pulled, tuple(self.conflicts),
                          tuple(self.notices), time.monotonic() - started)

    def _look(self, touched_here: set[str], now: datetime) -> tuple[list[RemoteArticle], bool]:
        """The server articles to merge, and whether they are all of them."""
        lister = self.provider if isinstance(self.provider, ChangeLister) else None
        if lister is not None and not self.full and not partial.full_due(self.state, now):
            found = lister.changes(self.state.cursor, partial.agreed_unread(self.state))
            if found is not None:
                remote_of = {entry["id"]: rid for rid, entry in self.state.articles.items()}
                touched = [remote_of[a] for a in touched_here if a in remote_of]
                self.state.cursor = found.cursor
                return partial.changed(self.state, found, self.provider, touched), False
        remotes = list(self.provider.articles())
        # What the server no longer lists it has purged: forgotten, or a look would count it.
        for gone in self.state.articles.keys() - {r.remote_id for r in remotes}:
            del self.state.articles[gone]
        if lister is not None:
            self.state.cursor = lister.cursor(remotes)
        self.state.last_full = now.isoformat()
        return remotes, True

    def _merge(self, entry: dict[str, Any], remote: RemoteArticle, local: _Local,
               changed_at: dict[tuple[str, str], str], now: str) -> None:
        article_id = entry["id"]
        mine, theirs = local.of(article_id), self._remote_marks(remote)
        # What the server cannot hold it is taken to agree with: nothing to send, nothing to take.
        theirs = replace(theirs, **{f: mine.get(f) for f in ("tags", "note") if not self.held.holds(f)})
        base = Marks.from_doc(entry["m"]) if "m" in entry else None
        if base is None:
            base_marks = first_meeting(mine, theirs)
            agreed = {f: base_marks.get(f) for f in FIELDS}
            for field in FIELDS:
                value = agreed[field]
                if value != theirs.get(field):
                    self.pushes[field].append((remote.remote_id, Decision(field, value, True, False), theirs))
                if value != mine.get(field):
                    self.pulls.append((article_id, Decision(field, value, False, True)))
        else:
            remote_at = remote.marks.changed_at.isoformat() if remote.marks.changed_at else now
            agreed = {}
            for field in FIELDS:
                local_at = changed_at.get((article_id, field), self.state.last_sync)
                decision = decide(field, base.get(field), mine.get(field), theirs.get(field), local_at, remote_at)
                agreed[field] = base.get(field) if decision is None else decision.value
                if decision is None:
                    continue
                if decision.push:
                    self.pushes[field].append((remote.remote_id, decision, theirs))
                if decision.pull:
                    self.pulls.append((article_id, decision))
                if decision.conflict:
                    self.conflicts.append({**decision.conflict, "article": article_id, "at": now})
        entry["m"] = Marks(agreed["read"], agreed["starred"], tuple(agreed["tags"]), agreed["note"]).to_doc()

    def _push(self) -> None:
        # A field the server cannot hold never gets here: _merge takes the server to agree on it.
        for field, flag in (("read", True), ("read", False), ("starred", True), ("starred", False)):
            ids = [rid for rid, d, _ in self.pushes[field] if d.value is flag]
            if ids:
                (self.provider.set_read if field == "read" else self.provider.set_starred)(ids, flag)
        for remote_id, decision, theirs in self.pushes["tags"]:
            want = set(decision.value)
            add = [self.state.labels.get(t, t) for t in sorted(want - set(theirs.tags))]
            remove = [self.state.labels.get(t, t) for t in sorted(set(theirs.tags) - want)]
            self.provider.set_labels(remote_id, add, remove)
        for remote_id, decision, _ in self.pushes["note"]:
            self.provider.set_note(remote_id, decision.value)

    def _pull(self, read_before: int) -> int:
        """Apply the server's changes, under the write lock; a field the user changed here while
        the sync ran (a journal line after the ``read_before`` it started with) is left as the
        user made it, to be sent by the next sync. Returns how many changes were applied."""
        store = self.store
        # The journal only grows while a sync runs (only a sync drops lines), so the lines after
        # the first read_before are the ones written since.
        late = {(c.article, c.field) for c in store.journal.read()[0][read_before:]}
        pulls = [(a, d) for a, d in self.pulls if (a, d.field) not in late]
        with store.journal.paused():
            for flag in (True, False):
                ids = [a for a, d in pulls if d.field == "read" and d.value is flag]
                if ids:
                    store.mark_read(ids, flag)
                starred = [a for a, d in pulls if d.field == "starred" and d.value is flag]
                if starred:
                    store.change_marks(starred, starred=flag)
            for article_id, decision in pulls:
                if decision.field == "tags":
                    store.set_tags(article_id, decision.value)
                elif decision.field == "note":
                    store.set_article_note(article_id, decision.value)
        return len(pulls)
