"""Writes through the API: only with a configured write key; without keys there is no Mutation.

A key is sent as `Authorization: Bearer <key>` and compared with every configured key in
constant time. Records go through the same validation as `aikg ingest`, all or nothing.
"""

from __future__ import annotations

import asyncio
import hmac

import strawberry

from api.gql.context import GqlInfo
from graph.errors import AikgError, InvalidInput
from ingest.ndjson import parse_lines
from ingest.records import Problem, RawRecord
from ingest.runner import IngestReport, load_records

MAX_BYTES = 5_000_000
ORIGIN = "request"


class WriteForbidden(AikgError):
    """A write without a valid write key."""

    http_status = 403


def key_is_valid(given: str, keys: tuple[str, ...]) -> bool:
    """Whether `given` is one of `keys`; every key is compared, in constant time each."""
    valid = False
    for key in keys:
        valid |= hmac.compare_digest(given.encode("utf-8"), key.encode("utf-8"))
    return valid and bool(keys)


def require_write_key(info: GqlInfo) -> None:
    request = info.context.request
    header = request.headers.get("authorization", "") if request is not None else ""
    scheme, _, given = header.partition(" ")
    keys = info.context.settings.write_keys
    if scheme.lower() != "bearer" or not key_is_valid(given.strip(), keys):
        raise WriteForbidden("writing needs a valid write key: send `Authorization: Bearer <key>`")


def parse_records(ndjson: str, problems: list[Problem]) -> list[RawRecord]:
    """NDJSON lines as raw records; malformed lines become problems naming the line."""
    if len(ndjson.encode("utf-8")) > MAX_BYTES:
        raise InvalidInput(f"at most {MAX_BYTES} bytes of NDJSON per request; split the batch")
    records: list[RawRecord] = []
    parse_lines(ndjson, ORIGIN, records, problems)
    return records


@strawberry.type(description="What a batch of records changed, or why it was refused.")
class UpsertResult:
    ok: bool = strawberry.field(description="Written (true) or refused with problems (false).")
    records: int = strawberry.field(description="Records read.")
    entities_added: int = strawberry.field(description="New entities.")
    entities_updated: int = strawberry.field(description="Entities that gained something.")
    relations_added: int = strawberry.field(description="New relations.")
    relations_updated: int = strawberry.field(description="Relations that gained evidence.")
    problems: list[str] = strawberry.field(
        description="Every reason for refusing, as request:LINE: reason; nothing is written then."
    )

    @classmethod
    def of(cls, report: IngestReport) -> UpsertResult:
        s = report.summary
        return cls(
            ok=report.ok, records=report.records,
            entities_added=s.entities_added, entities_updated=s.entities_updated,
            relations_added=s.relations_added, relations_updated=s.relations_updated,
            problems=[str(p) for p in report.problems],
        )


@strawberry.type(description="Writes; present only when the server has write keys.")
class Mutation:
    @strawberry.mutation(
        description="Validate and write NDJSON records (the `aikg export` format) as one batch, "
        "all or nothing, exactly as `aikg ingest` would. Needs `Authorization: Bearer <key>`."
    )
    async def upsert_records(self, info: GqlInfo, ndjson: str) -> UpsertResult:
        require_write_key(info)
        report = IngestReport()
        records = parse_records(ndjson, report.problems)
        report.records = len(records)
        if not report.problems:
            report = await asyncio.to_thread(load_records, info.context.store, records, report)
        return UpsertResult.of(report)
