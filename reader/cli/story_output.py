"""A story's comparison as text for the terminal: every string from an article goes through
clean_line, so no escape sequence or control character reaches the terminal."""

from __future__ import annotations

from ..ingest.sanitize import clean_line
from ..store import Store
from ..stories.comparison import Comparison, outlet_name


def _c(text: str, width: int | None = None) -> str:
    cleaned = clean_line(text)
    if width is not None and len(cleaned) > width:
        return cleaned[: width - 1] + "…"
    return cleaned


def print_comparison(comparison: Comparison, store: Store) -> None:
    story = comparison.story
    print(f"{_c(story.title)}")
    print(f"story {story.id}: {len(story.originals)} accounts from {len(story.outlets)} outlets, "
          f"{story.first:%Y-%m-%d} to {story.last:%Y-%m-%d}" + (" (corrected)" if story.corrected else ""))
    if comparison.pending:
        print(f"({len(comparison.pending)} article(s) not yet analysed: their entities, labels and quotes are missing)")
    print("\nCoverage")
    for row in comparison.coverage:
        notes = []
        if row.copy_of:
            notes.append(f"copy of {row.copy_of}")
        if row.carried_by:
            notes.append("also carried by " + ", ".join(_c(o) for o in row.carried_by))
        if row.follows:
            notes.append("follow-up")
        if row.group:
            notes.append(f"[{_c(row.group)}]")
        print(f"  {row.published:%Y-%m-%d %H:%M}  {_c(outlet_name(row.outlet), 22):<22} {row.article_id}  "
              f"{row.words:>5} words  {_c(row.title, 60)}" + (f"  ({'; '.join(notes)})" if notes else ""))
    if any(comparison.groups):
        print("\nOutlet groups")
        for group, outlets in comparison.groups.items():
            print(f"  {_c(group) if group else '(no group)'}: {', '.join(_c(o) for o in outlets)}")
        if comparison.one_sided:
            print(f"  only {_c(comparison.one_sided)!r} covered this story")
    names = [outlet_name(o) for o in story.outlets]
    print("\nWho is named (mentions per outlet)")
    header = "".join(f"{_c(o, 12):>13}" for o in names)
    print(f"  {'':<28}{header}")
    for entity in comparison.entities[:25]:
        cells = "".join(f"{entity.by_outlet.get(o, '—')!s:>13}" for o in names)
        print(f"  {_c(entity.name, 27):<28}{cells}")
    if comparison.omissions:
        print("\nLeft out")
        for om in comparison.omissions:
            print(f"  {_c(om.outlet)} does not name {_c(om.name)} (named by {', '.join(_c(o) for o in om.named_by)})")
    if comparison.labels:
        print("\nLabels")
        for label in sorted(comparison.labels, key=lambda lb: (lb.entity, lb.outlet)):
            print(f"  {_c(label.entity, 24):<24} {_c(outlet_name(label.outlet), 20):<20} “{_c(label.phrase)}” "
                  f"({label.kind})")
    if comparison.quotes:
        print("\nWho speaks (direct quotes, words)")
        for outlet in story.outlets:
            speakers = comparison.speakers(outlet)
            if speakers:
                parts = [f"{_c(s) if s else 'unnamed'} {n}×/{w}w" for s, n, w in speakers[:8]]
                print(f"  {_c(outlet_name(outlet), 22):<22} " + ", ".join(parts))
        print("\nQuotes")
        for q in comparison.quotes:
            who = q.speaker or (f"unnamed: {q.speaker_words}" if q.speaker_words else "unattributed")
            text = f"“{_c(q.text, 100)}”" if q.direct else f"(reported) {_c(q.text, 100)}"
            print(f"  {_c(outlet_name(q.outlet), 20):<20} {_c(who, 26):<26} {text}")
    if any(comparison.distinctive.values()):
        print("\nDistinctive wording")
        for outlet, terms in comparison.distinctive.items():
            if terms:
                print(f"  {_c(outlet, 22):<22} " + ", ".join(f"{_c(t.term)} ×{t.count}" for t in terms))
