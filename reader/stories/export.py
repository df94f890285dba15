"""A story and its comparison as JSON (``broadsheet story ID --json``, ``export story``) and as
Markdown a person can paste into their notes. The JSON shape is documented in the README and
kept stable: fields are added, never renamed."""

from __future__ import annotations

from typing import Any

from ..ingest.sanitize import clean_line
from ..text import counted
from .comparison import Comparison, Passage, outlet_name
from .library import Account, Story


def _iso(account: Account) -> str:
    return account.published.isoformat()


def story_json(story: Story, unread: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "articles": list(story.article_ids),
        "outlets": list(story.outlets),
        "accounts": len(story.originals),
        "first": story.first.isoformat(),
        "last": story.last.isoformat(),
        "corrected": story.corrected,
    }
    if unread is not None:
        data["unread"] = unread
    return data


def _passage(passage: Passage) -> dict[str, Any]:
    return {"article": passage.article_id, "part": passage.part, "start": passage.start, "end": passage.end}


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    story = comparison.story
    articles = []
    for row, account in zip(comparison.coverage, story.accounts, strict=True):
        link = account.link
        articles.append({
            "id": row.article_id, "outlet": row.outlet, "published": _iso(account), "title": row.title,
            "words": row.words, "group": row.group or None, "follows": row.follows, "copy_of": row.copy_of,
            "carried_by": list(row.carried_by),
            "why": None if link is None else {
                "nearest": link.nearest, "score": link.score, "core": link.core,
                "shared_terms": list(link.shared_terms), "shared_names": list(link.shared_names),
                "hours": link.hours,
            },
        })
    return {
        **story_json(story),
        "articles": articles,
        "groups": {group or "(none)": list(outlets) for group, outlets in comparison.groups.items()},
        "one_sided": comparison.one_sided,
        "entities": [{"name": e.name, "type": e.kind, "key": e.key, "by_outlet": e.by_outlet,
                      "by_article": e.by_article} for e in comparison.entities],
        "omissions": [{"outlet": o.outlet, "entity": o.name, "article": o.article_id, "named_by": list(o.named_by)}
                      for o in comparison.omissions],
        "labels": [{"entity": label.entity, "outlet": label.outlet, "article": label.passage.article_id,
                    "phrase": label.phrase, "kind": label.kind, **_passage(label.passage)}
                   for label in comparison.labels],
        "quotes": [{"speaker": q.speaker, "speaker_words": q.speaker_words or None, "outlet": q.outlet,
                    "article": q.passage.article_id, "text": q.text, "direct": q.direct, "words": q.words,
                    **_passage(q.passage)} for q in comparison.quotes],
        "speakers": {outlet_name(o): [{"speaker": s or None, "quotes": n, "words": w}
                                      for s, n, w in comparison.speakers(o)] for o in story.outlets},
        "distinctive": {outlet: [{"term": t.term, "score": t.score, "count": t.count, "others": t.others,
                                  "example": {"article": t.example.article_id, "start": t.example.start,
                                              "end": t.example.end, "snippet": t.snippet}}
                                 for t in terms] for outlet, terms in comparison.distinctive.items()},
        "pending": list(comparison.pending),
    }


def comparison_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown: coverage, groups, who is named and left out, labels, quotes
    and wording, each item with its outlet and article id. Article text is put in as plain
    text: Markdown's own characters in it are escaped."""
    story = comparison.story
    lines = [f"# {_md(story.title)}", "",
             f"{counted(len(story.originals), 'account')} from {counted(len(story.outlets), 'outlet')}, "
             f"{story.first:%d %B %Y} – {story.last:%d %B %Y} (story `{story.id}`)", "", "## Coverage", ""]
    for row in comparison.coverage:
        extra = []
        if row.copy_of:
            extra.append(f"copy of `{row.copy_of}`")
        if row.follows:
            extra.append("follow-up")
        if row.carried_by:
            extra.append("also carried by " + ", ".join(_md(o) for o in row.carried_by))
        if row.group:
            extra.append(f"group: {_md(row.group)}")
        tail = f" ({'; '.join(extra)})" if extra else ""
        lines.append(f"- {row.published:%Y-%m-%d %H:%M} **{_md(outlet_name(row.outlet))}**: {_md(row.title)} "
                     f"— {row.words} words, `{row.article_id}`{tail}")
    if any(comparison.groups):
        lines += ["", "## Outlet groups", ""]
        for group, outlets in comparison.groups.items():
            lines.append(f"- {_md(group or '(no group)')}: {', '.join(_md(o) for o in outlets)}")
        if comparison.one_sided:
            lines.append(f"\nOnly outlets in the group {_md(comparison.one_sided)!s} covered this story.")
    names = [outlet_name(o) for o in story.outlets]
    lines += ["", "## Who is named", "", "| entity | " + " | ".join(_md(o) for o in names) + " |",
              "| --- |" + " --- |" * len(names)]
    for entity in comparison.entities[:30]:
        cells = [str(entity.by_outlet.get(o, "")) or "—" for o in names]
        lines.append(f"| {_md(entity.name)} ({entity.kind}) | " + " | ".join(cells) + " |")
    if comparison.omissions:
        lines += ["", "### Left out", ""]
        for om in comparison.omissions:
            lines.append(f"- **{_md(om.outlet)}** does not name {_md(om.name)} "
                         f"(named by {', '.join(_md(o) for o in om.named_by)})")
    if comparison.labels:
        lines += ["", "## How each outlet labels people and organisations", ""]
        for label in sorted(comparison.labels, key=lambda lb: (lb.entity, lb.outlet)):
            lines.append(f"- {_md(label.entity)} — **{_md(outlet_name(label.outlet))}**: “{_md(label.phrase)}” "
                         f"({label.kind}, `{label.passage.article_id}`)")
    if comparison.quotes:
        # The same table as the story screen's "Who speaks": each outlet's sources, direct quotes only.
        lines += ["", "## Who speaks", "", "| outlet | speaker | direct quotes | words |", "| --- | --- | --- | --- |"]
        for outlet in story.outlets:
            for speaker, quotes, words in comparison.speakers(outlet):
                lines.append(f"| {_md(outlet_name(outlet))} | {_md(speaker) if speaker else 'unnamed'} "
                             f"| {quotes} | {words} |")
        lines += ["", "## Quotes", ""]
        for q in comparison.quotes:
            who = q.speaker or (f"unnamed ({q.speaker_words})" if q.speaker_words else "unattributed")
            form = "“" + _md(q.text) + "”" if q.direct else f"reported: {_md(q.text)}"
            lines.append(f"- **{_md(outlet_name(q.outlet))}** — {_md(who)}: {form}")
    if any(comparison.distinctive.values()):
        lines += ["", "## Distinctive wording", ""]
        for outlet, terms in comparison.distinctive.items():
            if terms:
                lines.append(f"- **{_md(outlet)}**: " + "; ".join(f"“{_md(t.term)}” ×{t.count}" for t in terms))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Plain text safe inside Markdown: one line, its markup characters escaped."""
    cleaned = clean_line(text)
    return "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in cleaned)
