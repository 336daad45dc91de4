"""`aikg export`, `aikg draw` and `aikg bloom`: filters and work (registered in api/cli.py)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from api.exporting import STDOUT, write_export
from graph.errors import InvalidInput, NotFound
from graph.export.formats import FORMATS
from graph.export.selection import GraphExport, Selection
from graph.schema import load_schema
from graph.store.base import GraphStore, Progress
from queries.bloom import render

F = TypeVar("F", bound=Callable[..., Any])
_FILTERS = (
    click.option("--type", "types", multiple=True, metavar="TYPE",
                 help="Keep only entities of this type (repeatable)."),
    click.option("--relation-type", "relation_types", multiple=True, metavar="TYPE",
                 help="Keep only relations of this type (repeatable)."),
    click.option("--since", metavar="DATE",
                 help="Keep relations whose date overlaps this day or later (2020, 2020-02, ...)."),
    click.option("--until", metavar="DATE",
                 help="Keep relations whose date overlaps this day or earlier."),
)


def selection_options(func: F) -> F:
    """--type, --relation-type, --since, --until (undated relations drop out with a range)."""
    for option in reversed(_FILTERS):
        func = option(func)
    return func


def selection_of(around: str | None, hops: int, filters: dict[str, Any]) -> Selection:
    return Selection(
        types=tuple(filters["types"]),
        relation_types=tuple(filters["relation_types"]),
        since=filters["since"],
        until=filters["until"],
        around=around,
        hops=hops,
    )


@contextlib.contextmanager
def _progress(quiet: bool, total: int) -> Iterator[Progress | None]:
    if quiet:
        yield None
        return
    with click.progressbar(length=max(total, 1), label="export  ", file=sys.stderr) as bar:
        yield bar.update


def run_export(
    store: GraphStore, fmt: str, output: str, nodes: str | None, quiet: bool, selection: Selection
) -> None:
    """Write the selection in `fmt`; say what was written on stderr."""
    export = GraphExport(store, selection)
    with _progress(quiet, export.estimate()) as progress:
        written = write_export(export, FORMATS[fmt], output, nodes, progress)
    where = ", ".join("stdout" if p == STDOUT else p for p in written.paths)
    click.echo(
        f"exported {written.entities} entities and {written.relations} relations "
        f"as {fmt} to {where}",
        err=True,
    )


def _entity_id(store: GraphStore, text: str) -> str:
    """An id as given, or the name match with the most relations, so `aikg draw "Clearview AI"`
    works too; other entities of that name are listed so the user can pass an id instead."""
    if text in store.resolve([text]):
        return text
    hits = store.search(text, limit=10)
    if not hits:
        raise NotFound(f"no entity with the id or name {text!r}")
    named = [h for h in hits if h.name.casefold() == text.casefold()] or hits[:1]
    degree = {i: len(rels) for i, rels in store.relations_of([h.id for h in named]).items()}
    best = max(named, key=lambda h: (degree[h.id], h.id))
    others = ", ".join(f"{h.id} ({h.type})" for h in named if h is not best)
    click.echo(f"drawing {best.id} ({best.name}, {best.type})"
               + (f"; also named so: {others}" if others else ""), err=True)
    return best.id


DRAW_MISSING = ("aikg draw needs matplotlib, an optional extra: install it with "
                "`pip install 'aikg[draw]'` (in a checkout: `.venv/bin/pip install -e '.[draw]'`)")


def _drawing() -> Callable[..., Any]:
    """The drawing function; matplotlib loads only for this command, and may be absent."""
    try:
        from graph.export.draw import draw_neighbourhood
    except ModuleNotFoundError as exc:
        if exc.name is None or exc.name.split(".")[0] != "matplotlib":
            raise
        raise InvalidInput(DRAW_MISSING) from None
    return draw_neighbourhood


@click.command("draw")
@click.argument("entity")
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path),
              help="The image to write: FILE.png or FILE.svg.")
@click.option("--hops", type=click.IntRange(0), default=1, show_default=True,
              help="How many relations away from ENTITY to go.")
@click.option("--max-nodes", type=click.IntRange(2), default=120, show_default=True,
              help="Draw at most this many entities (the nearest, then the best connected).")
@selection_options
@click.pass_obj
def draw_command(obj: Any, /, entity: str, output: Path, hops: int, max_nodes: int,
                 **filters: Any) -> None:
    """Draw ENTITY's neighbourhood (an id or a name): types coloured, relations labelled,
    evidence counts on edges."""
    draw_neighbourhood = _drawing()
    store = obj.store()
    selection = selection_of(_entity_id(store, entity), hops, filters)
    drawing = draw_neighbourhood(store, selection, output, max_nodes)
    left_out = f" ({drawing.omitted} more left out: raise --max-nodes)" if drawing.omitted else ""
    click.echo(
        f"drew {drawing.entities} entities and {drawing.relations} relations to {output}"
        + left_out,
        err=True,
    )


@click.command("bloom")
@click.option("--output", "-o", default=STDOUT, show_default=True,
              help="Where to write the perspective JSON (- for stdout).")
def bloom_command(output: str) -> None:
    """Generate the Neo4j Bloom perspective (categories, search phrases, scene actions) from
    the schema and queries/bloom/; import it in Bloom's perspective drawer."""
    text = render(load_schema())
    if output == STDOUT:
        click.echo(text, nl=False)
        return
    Path(output).write_text(text, encoding="utf-8")
    click.echo(f"wrote the Bloom perspective to {output}", err=True)
