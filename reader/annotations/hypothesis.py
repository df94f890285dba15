"""Reading Hypothesis exports: the client's "Export annotations" file, the API's search
results (``rows``) or a bare list of annotations. Page notes become the article's note;
replies (``references``) join the note of the annotation that starts their thread.
"""

from __future__ import annotations

from typing import Any

from ..models import parse_datetime
from .incoming import Incoming, Reply, derived_id, position_of, text_of
from .model import ARTICLE_NOTE, MAX_NOTE, MAX_QUOTE, Annotation, AnnotationError


def is_hypothesis(document: object) -> bool:
    if isinstance(document, dict):
        if isinstance(document.get("annotations"), list):
            return any(key in document for key in ("export_date", "export_userid", "client_version"))
        return isinstance(document.get("rows"), list)
    return (
        isinstance(document, list) and bool(document)
        and all(isinstance(i, dict) and "uri" in i and "type" not in i for i in document)
    )


def hypothesis_items(document: object) -> list[Any]:
    if isinstance(document, dict):
        items = document.get("annotations", document.get("rows"))
        return items if isinstance(items, list) else []
    return document if isinstance(document, list) else []


def read_hypothesis(item: Any, entry: str) -> list[Incoming | Reply]:
    if not isinstance(item, dict):
        raise AnnotationError("it is not an object")
    given_id = text_of(item, "id", 200, default=None)
    note = text_of(item, "text", MAX_NOTE * 2)
    created = parse_datetime(text_of(item, "created", 64))
    references = item.get("references") or []
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise AnnotationError("'references' is not a list of ids")
    if references:
        return [Reply(references[0], note, _author(item), created, entry)]
    tags = item.get("tags") or []
    if not isinstance(tags, list):
        raise AnnotationError("'tags' is not a list")
    targets = item.get("target") or [{}]
    target = targets[0] if isinstance(targets, list) and targets else {}
    if not isinstance(target, dict):
        raise AnnotationError("its target is not an object")
    selectors = target.get("selector") or []
    if not isinstance(selectors, list):
        raise AnnotationError("its selector is not a list")
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {})
    start, end = position_of(position.get("start", 0)), position_of(position.get("end", 0))
    positioned = end > start
    exact = text_of(quote, "exact", MAX_QUOTE, default=None) if quote else ""
    if not quote:
        start = end = 0
    elif not positioned:
        # A stand-in range, so the annotation checks; merging finds the quote by its text and context.
        start, end = 0, len(exact)
    annotation = Annotation(
        id=derived_id("hypothesis", given_id),
        article="",
        kind="highlight" if quote else ARTICLE_NOTE,
        quote=exact,
        prefix=text_of(quote, "prefix", 1000) if quote else "",
        suffix=text_of(quote, "suffix", 1000) if quote else "",
        start=start,
        end=end,
        note=note,
        tags=tuple(tags),
        created=created,
        updated=parse_datetime(text_of(item, "updated", 64)) or created,
    )
    if not quote and not note.strip() and not tags:
        raise AnnotationError("it has neither a quote nor a note: there is nothing to keep")
    return [Incoming(annotation, _urls(item, target), entry, positioned, given_id)]


def _urls(item: dict[str, Any], target: dict[str, Any]) -> tuple[str, ...]:
    """The page's address (``uri``), its target source, then the document's links (canonical among them)."""
    urls = [item.get("uri"), target.get("source")]
    document = item.get("document")
    links = document.get("link") if isinstance(document, dict) else None
    for link in links if isinstance(links, list) else []:
        if isinstance(link, dict):
            urls.append(link.get("href"))
    found = [u for u in urls if isinstance(u, str) and u.startswith(("http://", "https://"))]
    if not found:
        raise AnnotationError("it has no web address (uri) to find its article by")
    return tuple(dict.fromkeys(found))


def _author(item: dict[str, Any]) -> str:
    info = item.get("user_info")
    name = info.get("display_name") if isinstance(info, dict) else None
    user = item["user"] if isinstance(item.get("user"), str) else ""
    return str(name or user.removeprefix("acct:").split("@")[0])[:200]
