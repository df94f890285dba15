"""One sync: send the library's changes, take the server's, add what the library lacks.

Order matters for a kill -9 at any instant: the server is told first, the library changed next,
and only then is the agreed state saved and the journal emptied. A sync cut short anywhere is
redone by the next one, which finds the same differences, or finds both sides already agreeing.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from ..models import utc_now
from ..store import Store
from . import state as saved
from .matching import Matcher
from .merge import FIELDS, Decision, Marks, decide, first_meeting, label_tag
from .provider import RemoteArticle, SyncProvider


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
    """The library's marks, read once per sync."""

    def __init__(self, store: Store) -> None:
        read_ids, marks = store.states()
        self.read_ids = read_ids
        self.marks = marks
        self.notes = {a.article: a.note for a in store.annotations() if a.is_article_note}

    def of(self, article_id: str) -> Marks:
        mark = self.marks.get(article_id)
        return Marks(article_id in self.read_ids, bool(mark and mark.starred),
                     tuple(sorted(mark.tags)) if mark else (), self.notes.get(article_id, ""))


class Sync:
    def __init__(self, store: Store, provider: SyncProvider) -> None:
        self.store = store
        self.provider = provider
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
        now = utc_now().isoformat()
        changes, offset = self.store.journal.read()
        changed_at = {(c.article, c.field): c.at for c in changes}
        self.provider.login()
        remotes = list(self.provider.articles())
        matcher = Matcher(self.store, self.provider)
        known = self.state.articles
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
        local = _Local(self.store)
        for remote in remotes:
            entry = known.get(remote.remote_id)
            if entry is None:
                continue
            self._merge(entry, remote, local, changed_at, now)
        self._push()
        self._pull()
        with self.store.writing():
            self.state.last_sync, self.state.last_error = now, ""
            self.state.notices = list(dict.fromkeys([*self.state.notices, *self.notices]))[-20:]
            saved.write_state(self.store.home, self.state)
            saved.log_conflicts(self.store.home, self.conflicts)
            self.store.journal.drop_through(offset)
        return SyncReport(len(remotes), len(added), sum(len(v) for v in self.pushes.values()), len(self.pulls),
                          tuple(self.conflicts), tuple(self.notices), time.monotonic() - started)

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
        for field in ("tags", "note"):
            if not self.held.holds(field):
                self.pushes.pop(field, None)
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

    def _pull(self) -> None:
        store = self.store
        with store.journal.paused():
            for flag in (True, False):
                ids = [a for a, d in self.pulls if d.field == "read" and d.value is flag]
                if ids:
                    store.mark_read(ids, flag)
                starred = [a for a, d in self.pulls if d.field == "starred" and d.value is flag]
                if starred:
                    store.change_marks(starred, starred=flag)
            for article_id, decision in self.pulls:
                if decision.field == "tags":
                    store.set_tags(article_id, decision.value)
                elif decision.field == "note":
                    store.set_article_note(article_id, decision.value)
