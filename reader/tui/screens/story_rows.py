"""What the story screen lists in each section of a comparison: rows of plain text (article text
goes in as Text, never as markup) and, for each, the item it stands for, so the screen can
jump to its passage and mark it in every column of the side-by-side view."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from ...ingest.sanitize import clean_line
from ...stories.comparison import Comparison, Passage, outlet_name
from ...stories.terms import spelled
from ...text import counted

SECTIONS = (
    ("coverage", "Coverage"),
    ("groups", "Outlet groups"),
    ("named", "Who is named"),
    ("omissions", "Left out"),
    ("labels", "Labels"),
    ("quotes", "Quotes"),
    ("speakers", "Who speaks"),
    ("wording", "Wording"),
    ("why", "Why grouped"),
)

#: Sections made from the accounts' entities and readings, empty until they are analysed.
NEEDS_ANALYSIS = frozenset({"named", "omissions", "labels", "quotes", "speakers"})


@dataclass(frozen=True, slots=True)
class Item:
    """What a row stands for. ``passage``: where to jump; ``phrase``: words to mark in every
    account; ``entity``: an entity key to mark by its mentions; ``article``: the account."""

    article: str | None = None
    passage: Passage | None = None
    phrase: str = ""
    entity: str | None = None
    outlet: str | None = None


def _t(text: str) -> str:
    return clean_line(text)


def rows(comparison: Comparison, section: str) -> list[tuple[Text, Item]]:
    builder = {"coverage": _coverage, "groups": _groups, "named": _named, "omissions": _omissions,
               "labels": _labels, "quotes": _quotes, "speakers": _speakers, "wording": _wording,
               "why": _why}[section]
    found = builder(comparison)
    if not found and comparison.pending and section in NEEDS_ANALYSIS:
        # Empty because the analysis has not reached the accounts, not because they say nothing.
        return [(Text(f"Not analysed yet ({counted(len(comparison.pending), 'account')} waiting): this fills "
                      "in by itself as the analysis reaches them.", style="italic dim"), Item())]
    return found or [(Text("Nothing here for this story.", style="italic dim"), Item())]


def _coverage(c: Comparison) -> list[tuple[Text, Item]]:
    found = []
    for row in c.coverage:
        text = Text(f"{row.published:%Y-%m-%d %H:%M}  ", style="dim")
        text.append(f"{_t(outlet_name(row.outlet))}", style="bold")
        text.append(f"  {row.words} words  ")
        text.append(_t(row.title))
        notes = []
        if row.group:
            notes.append(f"group {_t(row.group)}")
        if row.follows:
            notes.append("follow-up")
        if row.copy_of:
            notes.append("a copy")
        if row.carried_by:
            notes.append("also carried by " + ", ".join(_t(o) for o in row.carried_by))
        if notes:
            text.append("  (" + "; ".join(notes) + ")", style="italic")
        found.append((text, Item(article=row.article_id, outlet=row.outlet)))
    return found


def _groups(c: Comparison) -> list[tuple[Text, Item]]:
    found = []
    if not any(c.groups):
        found.append((Text("No outlet of this story is in a group: o on an account puts its outlet in one.",
                           style="italic"), Item()))
    for group, outlets in c.groups.items():
        text = Text(f"{_t(group) if group else '(no group)'}: ", style="bold")
        text.append(", ".join(_t(o) for o in outlets))
        found.append((text, Item(outlet=outlets[0] if outlets else None)))
    if c.one_sided:
        found.append((Text(f"Only outlets in the group {_t(c.one_sided)!r} covered this story.", style="bold red"),
                      Item()))
    return found


def _named(c: Comparison) -> list[tuple[Text, Item]]:
    found = []
    outlets = [outlet_name(o) for o in c.story.outlets]
    for entity in c.entities[:60]:
        text = Text(f"{_t(entity.name)} ", style="bold")
        text.append(f"({entity.kind})  ", style="dim")
        text.append(" · ".join(f"{_t(o)} {entity.by_outlet[o]}" if o in entity.by_outlet else f"{_t(o)} —"
                               for o in outlets))
        first = next(iter(entity.first.values()), None)
        found.append((text, Item(passage=first, entity=entity.key)))
    return found


def _omissions(c: Comparison) -> list[tuple[Text, Item]]:
    found = []
    for om in c.omissions:
        text = Text(_t(om.outlet), style="bold")
        text.append(f" does not name {_t(om.name)}")
        text.append(f"  (named by {', '.join(_t(o) for o in om.named_by)})", style="dim")
        found.append((text, Item(article=om.article_id, entity=om.key, outlet=om.outlet)))
    return found


def _labels(c: Comparison) -> list[tuple[Text, Item]]:
    found = []
    order = {e.key: n for n, e in enumerate(c.entities)}
    for label in sorted(c.labels, key=lambda lb: (order.get(lb.key, 1 << 20), lb.outlet, lb.passage.start)):
        text = Text(f"{_t(label.entity)}", style="bold")
        text.append(f" — {_t(outlet_name(label.outlet))}: ")
        text.append(f"“{_t(label.phrase)}”", style="italic")
        text.append(f"  {label.kind}", style="dim")
        found.append((text, Item(passage=label.passage, phrase=label.phrase, outlet=label.outlet)))
    return found


def _quotes(c: Comparison) -> list[tuple[Text, Item]]:
    found = []
    for q in c.quotes:
        who = q.speaker or (f"unnamed ({_t(q.speaker_words)})" if q.speaker_words else "unattributed")
        text = Text(f"{_t(outlet_name(q.outlet))}", style="bold")
        text.append(f" — {_t(who)}: ")
        text.append(f"“{_t(q.text)}”" if q.direct else f"reported: {_t(q.text)}", style="italic" if q.direct else "")
        found.append((text, Item(passage=q.passage, phrase=q.text if q.direct else "", outlet=q.outlet,
                                 entity=q.key)))
    return found


def _speakers(c: Comparison) -> list[tuple[Text, Item]]:
    found = []
    for outlet in c.story.outlets:
        speakers = c.speakers(outlet)
        if not speakers:
            continue
        text = Text(f"{_t(outlet_name(outlet))}: ", style="bold")
        text.append(", ".join(f"{_t(s) if s else 'unnamed'} {n}× ({w} words)" for s, n, w in speakers))
        found.append((text, Item(outlet=outlet)))
    return found


def _wording(c: Comparison) -> list[tuple[Text, Item]]:
    found = []
    for outlet, terms in c.distinctive.items():
        for term in terms:
            text = Text(f"{_t(outlet)}: ", style="bold")
            text.append(f"“{_t(term.term)}”", style="italic")
            text.append(f" ×{term.count} (others {term.others})  ", style="dim")
            text.append(_t(term.snippet), style="dim")
            passage = Passage(term.example.article_id, "body", term.example.start, term.example.end)
            found.append((text, Item(passage=passage, phrase=term.term, outlet=outlet)))
    return found


def _why(c: Comparison) -> list[tuple[Text, Item]]:
    found = []
    names = {a.article_id: outlet_name(a.outlet) for a in c.story.accounts}
    for account in c.story.accounts:
        text = Text(f"{_t(outlet_name(account.outlet))}", style="bold")
        link = account.link
        if link is None:
            text.append(" — the story's first account" if account is c.story.accounts[0] else
                        " — put here by you")
        else:
            # The link keeps stems ("arriv"): shown as the two accounts write them.
            shared = spelled(link.shared_terms[:6], (" ".join(c.texts.get(i, ("", ""))) for i in
                                                     (account.article_id, link.nearest)))
            text.append(f" — like {_t(names.get(link.nearest, link.nearest))} ({link.score:.2f}; the story's first "
                        f"accounts {link.core:.2f}), {link.hours:.0f} h apart; shared words: "
                        f"{_t(', '.join(shared)) or '—'}; names: {_t(', '.join(link.shared_names[:5])) or '—'}")
        found.append((text, Item(article=account.article_id, outlet=account.outlet)))
    return found
