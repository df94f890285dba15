"""The entity commands: analyse articles, list the entities found, show and correct one."""

from __future__ import annotations

import sys
import time
from argparse import Namespace
from typing import TYPE_CHECKING, Literal, overload

from ..errors import BroadsheetError
from ..ingest.sanitize import clean_line
from ..store import Store
from ..text import a_or_an, counted
from .output import print_json
from .progress import progress

# reader.entities is imported inside the commands: every other command would pay for it.
if TYPE_CHECKING:
    from ..entities import EntityLibrary
    from ..models.entities import Correction, Entity

NOTHING_ANALYSED = (
    "no article has been analysed yet: `broadsheet analyse` finds the people, organisations and places in them"
)


class EntityCommandError(BroadsheetError):
    """An entity command cannot go on; the message says why."""


def analyse(store: Store, args: Namespace) -> int:
    from ..entities import Extractor
    from ..entities.analyser import analyse_now
    from ..entities.model import FALLBACK

    extractor = Extractor(load=None) if args.no_model else Extractor()
    name = extractor.name  # loads the model now, before anything is counted
    if extractor.note and not args.no_model:
        print(f"broadsheet: {clean_line(extractor.note)}; using the simpler rules instead", file=sys.stderr)
    ids = store.unanalysed_ids(args.limit, extractor=None if name == FALLBACK else name)
    _warn(store)
    if not ids:
        print("every article is analysed already")
        return 0
    started = time.monotonic()
    with progress(f"analysing with {name}", quiet=args.quiet) as bar:
        count = analyse_now(store, ids, bar.update, extractor=extractor)
    seconds = time.monotonic() - started
    rate = f" ({count / seconds:.1f} per second)" if seconds > 0 and count else ""
    print(
        f"analysed {count} article{'s' * (count != 1)} in {seconds:.1f} s{rate}; "
        "`broadsheet entities` lists what was found"
    )
    _warn(store)
    return 0


def list_entities(store: Store, args: Namespace) -> int:
    from .entity_output import entity_json, entity_rows

    library = _library(store, required=False)
    if library is None:
        if args.json:
            print_json([])
        print(NOTHING_ANALYSED, file=sys.stderr if args.json else sys.stdout)
        return 0
    if args.article:
        article_id = store.resolve(args.article)
        if article_id not in library.article_ids:
            raise EntityCommandError(f"article {article_id} has not been analysed yet; run `broadsheet analyse`")
        rows = [(item.entity, item.mentions) for item in library.for_article(article_id)]
    else:
        rows = [(entity, entity.mention_count) for entity in library.entities if args.all or not entity.hidden]
    if args.type:
        rows = [(entity, n) for entity, n in rows if entity.kind == args.type]
    if args.json:
        print_json([entity_json(entity, n) for entity, n in rows])
    else:
        for line in entity_rows(rows):
            print(line)
    _say_pending(store)
    return 0


def _say_pending(store: Store) -> None:
    """On stderr, so a pipe reading the list gets only the list: how much is not analysed yet."""
    pending = len(store.unanalysed_ids())
    if pending:
        print(f"{counted(pending, 'article')} not analysed yet, so not counted here: `broadsheet analyse` "
              "(or the app) analyses them", file=sys.stderr)


def show_entity(store: Store, args: Namespace) -> int:
    from .entity_output import context, entity_json, entity_lines, mention_json

    library = _library(store, required=True)
    entity = _find(library, args.name)
    if _correction(args):
        return _correct(store, library, entity, args)
    articles = {article_id: store.article(article_id) for article_id in sorted(entity.articles)}
    mentions = []
    for article_id, article in articles.items():
        body = store.body(article).text
        for mention in library.mentions(article_id, entity.key):
            mentions.append((article_id, mention, context(article.title if mention.part == "title" else body, mention)))
    if args.json:
        data = entity_json(entity)
        data["articles"] = [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published.isoformat(),
             "mentions": entity.articles[a.id]}
            for a in articles.values()
        ]
        data["cooccurring"] = [
            {"key": other.key, "name": other.name, "type": other.kind, "articles": shared}
            for other, shared in library.cooccurring(entity.key)
        ]
        data["mentioned_at"] = [mention_json(*row) for row in mentions]
        print_json(data)
    else:
        for line in entity_lines(entity, library, articles, mentions):
            print(line)
    _say_pending(store)
    return 0


def _correct(store: Store, library: EntityLibrary, entity: Entity, args: Namespace) -> int:
    from ..entities import Correction, EntityLibrary
    from ..entities.normalise import fold
    from .entity_output import entity_json, entity_rows

    target = _target(library, entity)
    if args.rename is not None:
        if not args.rename.strip():
            raise EntityCommandError("the new name is empty")
        correction, wanted = Correction("rename", target, args.rename.strip()), [args.rename.strip()]
    elif args.type is not None:
        correction, wanted = Correction("retype", target, args.type), [entity.key]
    elif args.hide or args.show:
        if entity.hidden == bool(args.hide):
            print(f"{clean_line(entity.name)} is already {'hidden' if entity.hidden else 'shown'}")
            return 0
        correction, wanted = Correction("hide" if args.hide else "show", target), [entity.key]
    elif args.merge is not None:
        other = _find(library, args.merge)
        if other.key == entity.key:
            raise EntityCommandError(f"{args.merge!r} is already a name of {entity.name!r}")
        correction, wanted = Correction("merge", target, _target(library, other)), [entity.key]
    else:
        names = {fold(alias): alias for alias in entity.aliases}
        if fold(args.split) not in names:
            raise EntityCommandError(
                f"{args.split!r} is not one of the names of {entity.name!r} ({', '.join(entity.aliases)})"
            )
        if len(names) == 1:
            raise EntityCommandError(
                f"{args.split!r} is the only name of {entity.name!r}: there is nothing to split off"
            )
        correction, wanted = Correction("split", names[fold(args.split)]), [entity.key]
    store.add_entity_correction(correction)
    updated = EntityLibrary.build(store.entity_results(), store.entity_corrections())
    results = list({e.key: e for e in (updated.get(name) or updated.find(name) for name in wanted) if e}.values())
    if correction.action == "split":
        results += [e for e in updated.entities if e.key != entity.key and correction.alias in e.aliases][:1]
    if args.json:
        print_json({"correction": correction.to_json(), "entities": [entity_json(e) for e in results]})
    else:
        print(f"recorded: {_describe(correction)}")
        for line in entity_rows([(e, e.mention_count) for e in results]):
            print(line)
    return 0


def _describe(correction: Correction) -> str:
    alias, value = clean_line(correction.alias), clean_line(correction.value)
    return {
        "rename": f"{alias} is called {value}",
        "retype": f"{alias} is {a_or_an(value)}",
        "hide": f"{alias} is hidden",
        "show": f"{alias} is shown",
        "merge": f"{value} is the same as {alias}",
        "split": f"{alias} is an entity of its own",
    }[correction.action]


def _target(library: EntityLibrary, entity: Entity) -> str:
    """How a correction names the entity: by its shown name, which survives re-extraction,
    unless another entity shares that name; then by its key."""
    return entity.name if len(library.named(entity.name)) <= 1 else entity.key


def _correction(args: Namespace) -> bool:
    return any(
        value not in (None, False)
        for value in (args.rename, args.type, args.hide, args.show, args.merge, args.split)
    )


def _find(library: EntityLibrary, name: str) -> Entity:
    entity = library.find(name)
    if entity is None:
        raise EntityCommandError(f"no person, organisation or place called {name!r} (`broadsheet entities` lists them)")
    return entity


@overload
def _library(store: Store, *, required: Literal[True]) -> EntityLibrary: ...
@overload
def _library(store: Store, *, required: bool) -> EntityLibrary | None: ...
def _library(store: Store, *, required: bool) -> EntityLibrary | None:
    from ..entities import EntityLibrary

    results = store.entity_results()
    _warn(store)
    if not results:
        if required:
            raise EntityCommandError(NOTHING_ANALYSED)
        return None
    return EntityLibrary.build(results, store.entity_corrections())


def _warn(store: Store) -> None:
    for problem in store.entity_problems():
        print(f"broadsheet: {clean_line(problem)}", file=sys.stderr)
