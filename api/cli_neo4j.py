"""`aikg db init` and `aikg export --format neo4j-admin`: the Neo4j-specific commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graph.errors import InvalidInput
from graph.export.selection import GraphExport, Selection
from graph.store.base import GraphStore
from queries.neo4j_admin import SCRIPT, write_import_files

NEO4J_ADMIN = "neo4j-admin"


@click.group("db")
def db_command() -> None:
    """Set up the graph database (the Neo4j store; the embedded store needs nothing)."""


@db_command.command("init")
@click.pass_obj
def db_init(obj: Any) -> None:
    """Create the id constraint and the indexes the schema implies (idempotent; ingest runs it)."""
    from queries.neo4j_store import Neo4jStore  # the driver loads only for this command

    store = obj.store()
    if not isinstance(store, Neo4jStore):
        click.echo(f"the {obj.settings.store} store needs no schema set-up; nothing to do")
        return
    setup = store.init_schema()
    click.echo(f"{store.agent} at {obj.settings.neo4j_uri}, database {store.database}:")
    click.echo(f"ran {len(setup.ran)} schema statements (constraint, indexes), all idempotent")
    click.echo(f"search uses the full-text index ({'online' if store.fulltext else 'NOT online'})")


def export_neo4j_admin(store: GraphStore, output: str, selection: Selection) -> None:
    """Write the import files into the folder `output`; print the command that loads them."""
    if output == "-":
        raise InvalidInput("--format neo4j-admin writes several files: give -o FOLDER")
    export = GraphExport(store, selection)
    files = write_import_files(store.schema, export.entities(), export.relations(), Path(output))
    click.echo(
        f"exported {files.entities} entities and {files.relations} relations as neo4j-admin "
        f"CSV ({len(files.nodes)} node and {len(files.relationships)} relationship files) "
        f"to {output}; load them with the database stopped:\n"
        f"  sh {Path(output) / SCRIPT} [DATABASE]\n"
        f"which runs, in that folder:\n  {files.command()}",
        err=True,
    )
