"""`aikg extract`, `aikg resolve` and `aikg ingest --source`: thin wrappers over ingest.sources."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import click

from api.cli_choices import SOURCES

if TYPE_CHECKING:  # the work loads in the command that does it, not when the parser is built
    from graph.settings import Settings
    from graph.store.base import GraphStore
    from ingest.runner import IngestReport, ProgressFactory
    from ingest.sources.aiid import Extract
    from ingest.sources.pipeline import Decided

EXIT_REFUSED = 1


class HasSettings(Protocol):
    settings: Settings


def bundled_inputs(settings: Settings) -> list[Path]:
    """What `aikg ingest` loads by default: the curated files and the committed extract.

    `data/resolution/` holds decisions, not data, so it is never loaded as input.
    """
    found = [settings.bundled_data / n for n in ("curated", "extract")
             if (settings.bundled_data / n).is_dir()]
    return found or [settings.bundled_data]


def decided(settings: Settings, curated: Path | None, resolution: Path | None) -> Decided:
    from ingest.sources.pipeline import Decided

    return Decided(curated or settings.bundled_data / "curated",
                   resolution or settings.bundled_data / "resolution")


def ingest_source(store: GraphStore, source: str, path: Path, where: Decided,
                  progress: ProgressFactory) -> IngestReport:
    """Extract one source (descriptions included) and load it; print both reports."""
    from ingest.sources.pipeline import extract, load

    result = extract(source, path, where, descriptions=True)
    _echo_source_report(result)
    report, changes = load(store, result, progress)
    report.files = [path]
    for line in changes.lines():
        click.echo(line)
    return report


def _echo_source_report(result: Extract) -> None:
    for line in result.report.lines():
        click.echo(line, err=True)
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)


curated_option = click.option("--curated", type=click.Path(path_type=Path),
                              help="Curated folder whose ids imports reuse (default: bundled).")
resolution_option = click.option(
    "--resolution", type=click.Path(path_type=Path),
    help="Folder with decisions.yaml, types.yaml, litigation_parties.yaml (default: bundled).")


@click.command("extract")
@click.option("--source", type=click.Choice(SOURCES), required=True, help="Which source.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--output", "-o", default="-", help="NDJSON file to write, or - for stdout.")
@click.option("--descriptions", is_flag=True,
              help="Keep incident descriptions (the committed extract never has them).")
@curated_option
@resolution_option
@click.pass_obj
def extract_command(obj: HasSettings, source: str, path: Path, output: str, descriptions: bool,
                    curated: Path | None, resolution: Path | None) -> None:
    """Turn a source (AIID snapshot folder, litigation index data.json) into NDJSON records.

    The report (rows read, records by type, merges, undecided types, refused and skipped rows)
    goes to stderr. Nothing is written if an id would carry two types (exit status 1).
    """
    from ingest.ndjson import dump_records
    from ingest.sources.pipeline import extract, write_extract

    settings = obj.settings
    result = extract(source, path, decided(settings, curated, resolution), descriptions)
    _echo_source_report(result)
    if result.problems:
        raise SystemExit(EXIT_REFUSED)
    if output == "-":
        count = dump_records((r.data for r in result.records), sys.stdout)
    else:
        count = write_extract(result, Path(output))
    click.echo(f"wrote {count} records to {output}", err=True)


@click.command("resolve")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--aiid", type=click.Path(path_type=Path),
              help="AIID snapshot folder: adds its similar_entities.csv pairs as candidates.")
@click.option("--limit", type=int, default=50, show_default=True, help="Candidates to list.")
@click.option("--merge", "merge_ids", nargs=2, help="Record a merge of these two ids.")
@click.option("--keep-apart", "apart_ids", nargs=2, help="Record that two ids stay apart.")
@click.option("--survivor", help="The id a merge keeps (default: the first).")
@click.option("--reason", help="Why (required with --merge / --keep-apart).")
@click.option("--by", "decided_by", help="Who decided (required with --merge / --keep-apart).")
@resolution_option
@click.pass_obj
def resolve_command(obj: HasSettings, inputs: tuple[Path, ...], aiid: Path | None, limit: int,
                    merge_ids: tuple[str, str] | None, apart_ids: tuple[str, str] | None,
                    survivor: str | None, reason: str | None, decided_by: str | None,
                    resolution: Path | None) -> None:
    """List scored merge candidates not yet decided, or record a decision.

    Candidates come from the inputs (default: the bundled curated files and extract). A
    decision is appended to decisions.yaml; re-extract and re-ingest into a fresh store to
    apply it (undo a merge by recording --keep-apart for the same ids).
    """
    from ingest.sources.pipeline import merge_candidates

    settings = obj.settings
    where = decided(settings, None, resolution)
    if merge_ids or apart_ids:
        _record(where, merge_ids, apart_ids, survivor, reason, decided_by)
        return
    found = merge_candidates(list(inputs) or bundled_inputs(settings), aiid, where)
    for c in found[:limit]:
        click.echo(f"{c.score:.2f}  {c.first.id} ({c.first.type}, {c.first.name!r})  ~  "
                   f"{c.second.id} ({c.second.type}, {c.second.name!r})  [{c.why}]")
    click.echo(f"{len(found)} undecided candidate(s); showing {min(limit, len(found))}", err=True)


def _record(where: Decided, merge_ids: tuple[str, str] | None,
            apart_ids: tuple[str, str] | None, survivor: str | None, reason: str | None,
            decided_by: str | None) -> None:
    from ingest.sources.pipeline import DECISIONS
    from ingest.sources.resolution import Decision, append_decision

    if merge_ids and apart_ids:
        raise click.UsageError("use --merge or --keep-apart, not both")
    if not reason or not decided_by:
        raise click.UsageError("a decision needs --reason and --by")
    ids = merge_ids or apart_ids or ("", "")
    kind = "merge" if merge_ids else "keep-apart"
    keep = (survivor or ids[0]) if merge_ids else None
    if keep is not None and keep not in ids:
        raise click.UsageError(f"--survivor must be one of {list(ids)}")
    path = where.file(DECISIONS)
    assert path is not None
    append_decision(path, Decision(tuple(ids), kind, reason, decided_by, keep))
    click.echo(f"recorded {kind} of {ids[0]} and {ids[1]} in {path}")
