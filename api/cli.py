"""The `aikg` command: short verbs, each a thin wrapper over a library function."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from api.cli_errors import EXIT_REFUSED, listen, run
from api.cli_export import (
    bloom_command,
    draw_command,
    run_export,
    selection_of,
    selection_options,
)
from api.cli_neo4j import NEO4J_ADMIN, db_command, export_neo4j_admin
from api.cli_sources import (
    bundled_inputs,
    decided,
    extract_command,
    ingest_source,
    resolve_command,
)
from api.stores import describe_store, open_store
from graph.errors import InvalidInput
from graph.export.formats import FORMATS
from graph.schema import load_schema
from graph.schema_doc import markdown_tables, replace_tables
from graph.settings import Settings
from graph.store.base import GraphStore
from ingest.runner import IngestReport, ProgressBar, ingest_paths, silent
from ingest.sources.pipeline import SOURCES


class _Obj:
    """Settings read once from the environment (the store folder made absolute, so every
    command names the same store), and the store opened on first use."""

    def __init__(self) -> None:
        settings = Settings.from_env(os.environ)
        self.settings = replace(settings, data_dir=settings.data_dir.absolute())
        self._store: GraphStore | None = None

    def store(self) -> GraphStore:
        if self._store is None:
            described = describe_store(self.settings)  # before opening creates the folder
            self._store = open_store(self.settings)  # a failure is one error line naming it
            click.echo(f"store: {described}", err=True)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """aikg: the AI accountability knowledge graph (store chosen by AIKG_STORE)."""
    ctx.obj = _Obj()
    ctx.call_on_close(ctx.obj.close)


@contextlib.contextmanager
def _progress(label: str, total: int) -> Iterator[ProgressBar]:
    with click.progressbar(length=max(total, 1), label=label.ljust(8), file=sys.stderr) as bar:
        yield bar


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.option("--source", type=click.Choice(SOURCES),
              help="Read PATH as a third-party source (aiid: snapshot folder; "
                   "ai-incident-law: data.json) instead of YAML/NDJSON.")
@click.pass_obj
def ingest(obj: _Obj, paths: tuple[Path, ...], quiet: bool, source: str | None) -> None:
    """Load curated YAML and NDJSON files or folders (default: the bundled dataset).

    All inputs load as one batch: if any record is refused, nothing is written and the exit
    status is 1, with every problem listed as FILE:LINE: reason. The bundled dataset is
    data/curated plus data/extract (the AIID and litigation-index extract).
    """
    progress = silent if quiet else _progress
    if source is not None:
        if len(paths) != 1:
            raise click.UsageError("--source reads exactly one PATH")
        where = decided(obj.settings, None, None)
        report = ingest_source(obj.store(), source, paths[0], where, progress)
    else:
        targets = list(paths) or bundled_inputs(obj.settings)
        report = ingest_paths(obj.store(), targets, progress=progress)
    _print_report(report)
    if not report.ok:
        raise SystemExit(EXIT_REFUSED)


def _print_report(report: IngestReport) -> None:
    if not report.ok:
        for problem in report.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo(
            f"refused: {len(report.problems)} problem(s) in {len(report.files)} file(s); "
            "nothing was written. Fix them and run the ingest again.",
            err=True,
        )
        return
    s = report.summary
    click.echo(f"read {report.records} records from {len(report.files)} file(s)")
    click.echo(
        f"entities:  {s.entities_added} added, {s.entities_updated} updated, "
        f"{s.entities_unchanged} unchanged"
    )
    click.echo(
        f"relations: {s.relations_added} added, {s.relations_updated} updated, "
        f"{s.relations_unchanged} unchanged"
    )


@cli.command()
@click.option("--host", help="Interface to bind (default AIKG_HOST or 127.0.0.1).")
@click.option("--port", type=int, help="Port (default AIKG_PORT or 8000).")
@click.pass_obj
def serve(obj: _Obj, host: str | None, port: int | None) -> None:
    """Serve the GraphQL API (GraphiQL in a browser at /graphql)."""
    import uvicorn

    from api.app import create_app

    settings = obj.settings
    host, port = host or settings.host, port or settings.port
    listening = listen(host, port)  # before claiming to serve: a busy port is exit status 2
    app = create_app(settings, obj.store())
    click.echo(f"aikg: GraphQL at http://{host}:{port}/graphql", err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[listening])


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def stats(obj: _Obj, as_json: bool) -> None:
    """Counts of entities and relations, by type."""
    counts = obj.store().stats()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "entities": counts.entities,
                    "relations": counts.relations,
                    "entity_types": counts.entity_types,
                    "relation_types": counts.relation_types,
                },
                indent=2,
            )
        )
        return
    click.echo(f"{counts.entities} entities, {counts.relations} relations")
    for name, count in counts.entity_types.items():
        click.echo(f"  {name:<24}{count:>8}")
    for name, count in counts.relation_types.items():
        click.echo(f"  {name:<24}{count:>8}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice([*FORMATS, NEO4J_ADMIN]), default="ndjson",
              show_default=True, help="node-link, graphml, gexf, edgelist (CSV), ndjson, or "
                                      "neo4j-admin (CSVs for `neo4j-admin database import`).")
@click.option("--output", "-o", default="-",
              help="File to write, or - for stdout (neo4j-admin: a folder).")
@click.option("--nodes", metavar="FILE",
              help="edgelist: the nodes table (default: beside -o, as NAME.nodes.csv).")
@click.option("--around", metavar="ID", help="Keep only this entity's neighbourhood.")
@click.option("--hops", type=click.IntRange(0), default=1, show_default=True,
              help="With --around: how many relations away to go.")
@selection_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def export(obj: _Obj, /, fmt: str, output: str, nodes: str | None, around: str | None, hops: int,
           quiet: bool, **filters: Any) -> None:
    """Write the graph, or the part the filters select, streamed to a file or stdout.

    Every format carries every attribute (see docs/exports.md);
    ndjson re-ingests to the same graph.
    """
    selection = selection_of(around, hops, filters)
    if fmt == NEO4J_ADMIN:
        export_neo4j_admin(obj.store(), output, selection)
        return
    run_export(obj.store(), fmt, output, nodes, quiet, selection)


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the type tables of docs/data-formats.md.")
@click.option("--update-readme", type=click.Path(path_type=Path), help="Rewrite the tables in it.")
def schema(markdown: bool, update_readme: Path | None) -> None:
    """Show the entity and relation types declared in graph/schema.yaml."""
    declared = load_schema()
    if update_readme is not None:
        text = update_readme.read_text(encoding="utf-8")
        update_readme.write_text(replace_tables(text, markdown_tables(declared)), encoding="utf-8")
        return
    if markdown:
        click.echo(markdown_tables(declared))
        return
    for etype in declared.entity_types.values():
        click.echo(f"{etype.name:<14}{etype.description}")
    for rtype in declared.relation_types.values():
        ends = f"{'|'.join(rtype.sources)} -> {'|'.join(rtype.targets)}"
        click.echo(f"{rtype.name:<22}{ends}")


cli.add_command(extract_command)
cli.add_command(draw_command)
cli.add_command(bloom_command)
cli.add_command(resolve_command)
cli.add_command(db_command)


def main() -> None:
    """Entry point: every failure is one `error:` line and a documented exit status
    (api/cli_errors.py), never a traceback."""
    run(lambda: cli.main(standalone_mode=False), debug=_debug)


def _debug() -> bool:
    """AIKG_DEBUG, read only when an internal error happened (a bad setting reads as off)."""
    try:
        return Settings.from_env(os.environ).debug
    except InvalidInput:
        return False
