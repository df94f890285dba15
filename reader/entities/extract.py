"""Extraction for one article: model (or fallback) spans, repaired, grouped, typed and found again."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

from ..models.entities import ArticleEntities, Mention
from .abbreviations import abbreviated_regions
from .acceptance import spells_common_words
from .cues import DATELINE, cue_candidates
from .evidence import group_names
from .expansions import declared_links, known_as, listing_names, spelled_out, without_country
from .fallback import rule_candidates
from .foreign import in_sentence_case
from .furniture import furniture, inside
from .headlines import shortened_in_body
from .knowledge import knowledge
from .legalforms import with_their_companies
from .model import FALLBACK, LABEL_KINDS, Model, ModelUnavailable, RawSpan, shared_model
from .names import looks_like_person
from .normalise import Prepared, fold, is_title_case, prepare
from .othernames import other_names
from .recall import find_again, search_names
from .repair import NICKNAMED, repair
from .spans import Candidate, clean
from .spellings import clipped, head_words, translated, written_out
from .whereabouts import places_for_nationalities
from .words import demonym, is_title, previous_word


class Extractor:
    """Finds the people, organisations and places in articles.

    The model loads on first use; if it cannot, the rule-based fallback runs and ``note`` says
    why, so the UI can tell the user what to install.
    """

    def __init__(self, load: Callable[[], Model] | None = shared_model) -> None:
        self._load = load
        self._model: Model | None = None
        self._tried = load is None
        self.note = "" if load is not None else "the model is switched off"

    @property
    def name(self) -> str:
        model = self._ensure()
        return model.name if model else FALLBACK

    def _ensure(self) -> Model | None:
        if not self._tried and self._load is not None:  # (no load: _tried from the start)
            self._tried = True
            try:
                self._model = self._load()
            except ModelUnavailable as error:
                self.note = error.reason
        return self._model

    def extract(self, title: str, text: str) -> list[Mention]:
        return list(next(self.extract_many([("", title, text)])).mentions)

    def extract_many(self, articles: Iterable[tuple[str, str, str]]) -> Iterator[ArticleEntities]:
        """(article id, title, body text) -> ArticleEntities, in order; the model runs in batches."""
        model = self._ensure()
        items = list(articles)
        if model is None:
            for article_id, title, text in items:
                mentions, links, votes = analyse(title, text, None, None)
                yield ArticleEntities(article_id, tuple(mentions), FALLBACK, self.note, tuple(links), tuple(votes))
            return
        prepared = [(prepare(title, join_lines=True), prepare(text)) for _, title, text in items]
        # Title-case headlines mislead the model ("Ledezma Lands", "Flees"): those are only
        # searched for names the body already has.
        title_texts = [t.text if t.text and not is_title_case(t.text) else "" for t, _ in prepared]
        # One pass over bodies and titles together: the worker sends one article at a time, and
        # a second call paid the pipeline's overhead again for a line of text.
        both = model.spans([text for (_, b), title in zip(prepared, title_texts, strict=True)
                            for text in (b.text, title)])
        body_spans, title_spans = both[0::2], both[1::2]
        batches = zip(items, prepared, body_spans, title_spans, strict=True)
        for (article_id, title, text), (tp, bp), spans, tspans in batches:
            mentions, links, votes = analyse(title, text, spans, tspans, tp, bp)
            yield ArticleEntities(article_id, tuple(mentions), model.name, "", tuple(links), tuple(votes))


def analyse(
    title: str,
    text: str,
    body_spans: list[RawSpan] | None,
    title_spans: list[RawSpan] | None,
    tp: Prepared | None = None,
    bp: Prepared | None = None,
) -> tuple[list[Mention], list[tuple[str, str]], list[tuple[str, str, float]]]:
    """Mentions with offsets into the original ``title`` and ``text``, the alias pairs the
    article shows to be one entity, and the evidence for each entity's kind."""
    tp = tp or prepare(title, join_lines=True)
    bp = bp or prepare(text)
    body_spans = _titled_people(bp.text, body_spans)
    body_spans = places_for_nationalities(bp.text, body_spans) if body_spans is not None else None
    aside = furniture(bp.text)
    body = _split_pairs([c for c in _candidates(bp.text, body_spans) if not inside(aside, c.start, c.end)])
    body = without_country(bp.text, tp.text, body)
    links, extra = declared_links(bp.text, body)
    also, called = other_names(bp.text, body)
    links, extra = links + also, extra + called
    links += nicknames_in(body) + abbreviated_regions(bp.text, body) + written_out(body) + translated(body)
    links += head_words(body)
    links += clipped(body, links)
    extra = [c for c in extra if not inside(aside, c.start, c.end)]
    body = _without_overlaps(body + extra)
    seen: dict[Candidate, list[tuple[str, float]]] = {}
    groups = group_names(bp.text, body, links, seen)
    kinds = {g_name: g.kind for g in groups.values() for g_name in g.names if g.kind}
    names = search_names(kinds)
    # Where the model saw a nationality word, no name is looked for again; unless the word is a
    # word of a person's name in the article ("Kylian is finding his rhythm").
    nationalities = _nationalities(bp.text, body_spans, kinds)
    taken = [(c.start, c.end) for c in body] + nationalities + aside
    body = _without_overlaps(body + find_again(bp.text, names, taken))
    groups = group_names(bp.text, body, links, seen)

    heading = find_again(tp.text, names, [], source="title")
    if title_spans:
        heading = _without_overlaps(heading + _candidates(tp.text, title_spans))
    heading = [c for c in (_without_common_acronym(bp.text, c) for c in heading) if c is not None]
    title_groups = group_names(tp.text, heading, [])

    mentions = []
    for part, prepared, candidates, own in (("title", tp, heading, title_groups), ("body", bp, body, groups)):
        for candidate in candidates:
            key = fold(candidate.text)
            group = groups.get(key) or own.get(key)
            kind = group.kind if group else None
            if kind is None:
                continue
            start, end = prepared.to_original(candidate.start, candidate.end)
            mentions.append(Mention(candidate.text, kind, start, end, part))
    unique = {id(g): g for g in groups.values() if g.kind}.values()
    pairs = sorted({(g.longest, name) for g in unique for name in g.names if name != g.longest}
                   | set(shortened_in_body(title_groups, groups)))
    votes = sorted((g.longest, kind, round(w, 2)) for g in unique for kind, w in g.votes.items() if w > 0)
    return mentions, pairs, votes


def _without_common_acronym(body: str, candidate: Candidate) -> Candidate | None:
    """A title's "GF hull" or "Velmar GF": an acronym the body spells out in lower-case words
    is a thing's short form, no name nor part of one (the title has no room to spell it out)."""
    words = candidate.text.split()
    if not (words[-1].isupper() and spells_common_words(body, words[-1])):
        return candidate
    if len(words) == 1:
        return None
    text = candidate.text[:candidate.text.rfind(" ")]
    return Candidate(candidate.start, candidate.start + len(text), text, candidate.votes, candidate.source)


def _candidates(text: str, spans: list[RawSpan] | None) -> list[Candidate]:
    if spans is None:
        found = _without_overlaps(rule_candidates(text))
        return _without_overlaps(found + cue_candidates(text, [(c.start, c.end) for c in found]))
    # A dateline in capitals ("RIO DE JANEIRO —") is a place, whatever the model made of it.
    dateline = DATELINE.match(text)
    if dateline:
        spans = [s for s in spans if s.start >= dateline.end(1)]
    spans = repair(text, spans)
    found = []
    for span in spans:
        kind = LABEL_KINDS.get(span.label)
        if kind is not None:
            found.extend(clean(text, span.start, span.end, kind))
    found = _spelled_out(text, in_sentence_case(text, _without_overlaps(found)))
    names = [(s.start, s.end) for s in spans if s.label != "NORP"]
    nationalities = [(s.start, s.end) for s in spans if s.label == "NORP"]
    found = with_their_companies(text, found + cue_candidates(text, names, nationalities))
    return _without_overlaps(_with_their_regions(text, _without_overlaps(found)))


def _spelled_out(text: str, found: list[Candidate]) -> list[Candidate]:
    """A long name before its bracketed acronym replaces the pieces the model and cleaning made of
    it; it keeps their votes (or says organisation, as such names mostly are)."""
    declared = [name for name, _ in known_as(text) if " " in text[name[0]:name[1]].strip()]
    for start, end in [*spelled_out(text), *declared, *listing_names(text)]:
        while (article := re.match(r"(?:the|The) ", text[start:end])) is not None:
            start += article.end()
        inside = [c for c in found if c.start < end and start < c.end]
        if any(c.start < start or c.end > end for c in inside) or end - start < 4:
            continue
        votes = tuple(v for c in inside for v in c.votes) or (("organisation", 1.0),)
        found = [c for c in found if c not in inside] + [Candidate(start, end, text[start:end], votes)]
    return sorted(found, key=lambda c: c.start)


#: How many people a town named by two names joined with "of" or "and" must have to be taken
#: whole: "Port of Spain" (49,000); few pairs of names spell a town that big by chance.
JOINED_TOWN = 20_000
def _with_their_regions(text: str, found: list[Candidate]) -> list[Candidate]:
    """"the ACLU of Montana", "Planned Parenthood of Idaho": a body the model saw, then "of" and a
    state or country that ends the phrase, is the body's branch there: one name, which the model
    cut in two."""
    joined = []
    for first, second in zip(found, found[1:], strict=False):
        if (whole := _one_place(text, first, second)) is not None:
            joined.append(whole)
            continue
        if text[first.end:second.start] != " of " or not first.votes or first.votes[0][0] != "organisation" \
                or text[second.end:second.end + 2].strip()[:1].isupper():
            continue
        place = knowledge().place(fold(second.text))
        if place is not None and place.region and knowledge().place(fold(first.text)) is None \
                and not _given_and_family_name(first.text):
            joined.append(Candidate(first.start, second.end, text[first.start:second.end], first.votes, first.source))
    return found + joined


def _given_and_family_name(name: str) -> bool:
    """"Halvor Sandvik of Norway", whom the model took for a body: a known given name and a
    surname are a person, and the country after "of" where the person is from."""
    return looks_like_person(name) and knowledge().given_name(fold(name.split()[0]))


def _one_place(text: str, first: Candidate, second: Candidate) -> Candidate | None:
    """"Port of Spain", "Trinidad and Tobago": two names the model cut at "of" or "and" that
    together name a country, or a town the gazetteer knows, are that one place."""
    if text[first.end:second.start] not in (" of ", " and "):
        return None
    place = knowledge().place(fold(text[first.start:second.end]))
    if place is None or not (place.region or place.population >= JOINED_TOWN) or place.alternate:
        return None
    votes = (*first.votes, *second.votes, ("place", 2.0))
    return Candidate(first.start, second.end, text[first.start:second.end], votes, first.source)


_QUOTED = re.compile(r"[\"“]([A-ZÀ-ÖØ-Þ][\w'’-]+)[\"”]")


def nicknames_in(candidates: list[Candidate]) -> list[tuple[str, str]]:
    """"Sebastian "Baste" Duterte" is Baste, and Baste Duterte."""
    links = []
    for candidate in candidates:
        match = NICKNAMED.fullmatch(candidate.text)
        if match is not None:
            links += [(candidate.text, match.group(2)), (candidate.text, f"{match.group(2)} {match.group(3)}")]
    return links


def _nationalities(text: str, spans: list[RawSpan] | None, kinds: dict[str, str]) -> list[tuple[int, int]]:
    people = {word for name, kind in kinds.items() if kind == "person" and " " in name for word in name.split()}
    return [(s.start, s.end) for s in spans or () if s.label == "NORP"
            and not (text[s.start:s.end] in people and not demonym(text[s.start:s.end]))]


def _titled_people(text: str, spans: list[RawSpan] | None) -> list[RawSpan] | None:
    """"Mr Albanese": a word the model took for a nationality is a person's name after a title."""
    if spans is None:
        return None
    return [RawSpan(s.start, s.end, "PERSON") if s.label == "NORP" and is_title(previous_word(text, s.start))
            and text[s.start:s.end][:1].isupper() else s for s in spans]


def _split_pairs(candidates: list[Candidate]) -> list[Candidate]:
    """"Colombia-Venezuela border": a hyphenated pair of names the article also uses alone is two
    names. "Guinea-Bissau", whose halves never stand alone, stays one."""
    alone = {c.text for c in candidates}
    result = []
    for candidate in candidates:
        parts = re.split(r"[-–]", candidate.text)
        if len(parts) == 2 and all(p in alone for p in parts) and " " not in candidate.text:
            cut = candidate.start + len(parts[0])
            result.append(Candidate(candidate.start, cut, parts[0], candidate.votes, candidate.source))
            result.append(Candidate(cut + 1, candidate.end, parts[1], candidate.votes, candidate.source))
        else:
            result.append(candidate)
    return result


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longer of two overlapping spans; the earlier one on a tie."""
    kept: list[Candidate] = []
    starts: list[int] = []  # of the kept spans, which never overlap: in order of start and of end
    ends: list[int] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        before = bisect_left(starts, candidate.end)  # the last kept span starting before it ends
        if before == 0 or ends[before - 1] <= candidate.start:
            kept.append(candidate)
            starts.insert(before, candidate.start)
            ends.insert(before, candidate.end)
    return sorted(kept, key=lambda c: c.start)


_default: Extractor | None = None


def extract(title: str, text: str) -> list[Mention]:
    """Mentions in one article, with the process-wide model (loaded on first call)."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(title, text)
